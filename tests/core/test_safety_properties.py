"""Properties of the whole rule set, checked over random screenings with hypothesis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import MECHANICAL_TRIGGER
from upback.core.safety import (
    MECHANICAL_PAIN,
    RULES,
    SYMPTOM_KEYS,
    Screening,
    screen,
)
from upback.core.safety.rules import EMERGENCY, SELF_CARE, SOON, URGENT
from upback.core.vocab import Disposition

TRIGGER = MECHANICAL_TRIGGER


KEYS = sorted(SYMPTOM_KEYS)
screenings = st.builds(
    Screening,
    age=st.none() | st.integers(0, 120),
    answers=st.dictionaries(st.sampled_from(KEYS), st.sampled_from(["yes", "no", "not_sure"])),
)


def demanded_by(symptom: str) -> Disposition:
    """What a single-rule check demands for a 'yes' to this key, whatever else is true."""
    alone = Screening(answers={symptom: "yes"})
    levels = [r.level for r in RULES.values() if r.condition.evaluate(alone)]
    return max(levels, key=lambda d: d.severity, default=SELF_CARE)


EMERGENCY_KEYS = sorted(k for k in KEYS if demanded_by(k) is EMERGENCY)


def test_the_keys_that_are_an_emergency_on_their_own_are_the_expected_ones() -> None:
    assert set(EMERGENCY_KEYS) == {
        "chest_pain_or_pressure",
        "pain_radiating_to_chest",
        "shortness_of_breath",
        "coughing_blood",
        "major_trauma",
        "bilateral_leg_numbness_or_tingling",
        "leg_weakness",
        "unsteady_gait_or_balance_loss",
        "saddle_numbness",
        "urinary_retention_or_difficulty",
        "bowel_incontinence",
        "sweating_clammy",
        "lightheaded_or_fainting",
        "stroke_like_symptoms",
        "sepsis_signs",
        "sudden_onset_severe_pain",
        "tearing_or_ripping_pain",
    }


@settings(max_examples=300, deadline=None)
@given(s=screenings, symptom=st.sampled_from(KEYS))
def test_adding_a_yes_never_lowers_the_result_below_what_that_key_demands(
    s: Screening, symptom: str
) -> None:
    with_yes = Screening(age=s.age, answers={**s.answers, symptom: "yes"})
    assert screen(with_yes).disposition.severity >= demanded_by(symptom).severity


@settings(max_examples=200, deadline=None)
@given(s=screenings, symptom=st.sampled_from(EMERGENCY_KEYS))
def test_any_emergency_key_answered_yes_is_an_emergency(s: Screening, symptom: str) -> None:
    with_yes = Screening(age=s.age, answers={**s.answers, symptom: "yes"})
    assert screen(with_yes).disposition is EMERGENCY


@settings(max_examples=300, deadline=None)
@given(s=screenings)
def test_self_care_only_when_every_rule_is_ruled_out_and_the_pain_is_mechanical(
    s: Screening,
) -> None:
    result = screen(s)
    if result.disposition is SELF_CARE:
        assert all(rule.condition.evaluate(s) is False for rule in RULES.values())
        assert MECHANICAL_PAIN.evaluate(s) is True
        assert result.rules == () and result.unanswered == ()
    else:
        assert result.rules and len(result.reasons) == len(result.rules)
        severities = [
            (RULES[r].level if r in RULES else {"Q1": URGENT, "Q2": SOON}[r]).severity
            for r in result.rules
        ]
        assert severities == sorted(severities, reverse=True)
        assert severities[0] == result.disposition.severity
