"""Unanswered and not-sure answers never clear a person; the interactive flow asks what matters."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.examples import MECHANICAL_TRIGGER
from upback.core.safety import (
    RULES,
    SAFEGUARDS,
    SYMPTOM_KEYS,
    Answer,
    Screening,
    ScreenResult,
    next_question,
    screen,
)
from upback.core.safety.rules import EMERGENCY, SELF_CARE, SOON, URGENT

TRIGGER = MECHANICAL_TRIGGER


def run(
    *,
    yes: tuple[str, ...] = (),
    sure: tuple[str, ...] = (),
    missing: tuple[str, ...] = (),
    age: int | None = 30,
) -> ScreenResult:
    """A cleared baseline person, with some answers made 'yes', 'not_sure' or left out."""
    answers: dict[str, Answer] = dict.fromkeys(SYMPTOM_KEYS, "no")
    answers.update(dict.fromkeys(TRIGGER, "yes"))
    answers.update(dict.fromkeys(yes, "yes"))
    answers.update(dict.fromkeys(sure, "not_sure"))
    for k in missing:
        del answers[k]
    return screen(Screening(age=age, answers=answers))


def test_nothing_answered_is_never_self_care() -> None:
    result = screen(Screening(answers={}))
    assert result.disposition is SOON
    assert result.rules == ("Q2",)
    assert {"chest_pain_or_pressure", "fever", "mechanical_trigger_identified"} <= set(
        result.unanswered
    )
    assert list(result.unanswered) == sorted(set(result.unanswered))


def test_not_sure_about_an_emergency_sign_means_getting_checked_today() -> None:
    result = run(sure=("chest_pain_or_pressure",))
    assert result.disposition is URGENT
    assert result.rules == ("Q1",)
    assert result.reasons == (SAFEGUARDS["Q1"].reason,)
    assert result.unanswered == ("chest_pain_or_pressure",)


def test_a_missing_emergency_answer_means_at_least_a_check_soon() -> None:
    result = run(missing=("shortness_of_breath",))
    assert result.disposition is SOON
    assert result.rules == ("Q2",)
    assert result.unanswered == ("shortness_of_breath",)


def test_not_sure_about_an_urgent_sign_is_not_self_care() -> None:
    result = run(sure=("fever",))
    assert result.disposition is SOON
    assert result.rules == ("Q2",) and result.unanswered == ("fever",)


def test_a_missing_soon_answer_blocks_self_care() -> None:
    result = run(missing=("no_improvement_after_2_to_4_weeks_self_care",))
    assert result.disposition is SOON
    assert result.unanswered == ("no_improvement_after_2_to_4_weeks_self_care",)


def test_unanswered_mechanical_questions_block_self_care() -> None:
    mechanical = RULES["S8"].condition.reads()
    answers: dict[str, Answer] = {k: "no" for k in SYMPTOM_KEYS if k not in mechanical}
    result = screen(Screening(age=30, answers=answers))
    assert result.disposition is SOON
    assert set(result.unanswered) == set(mechanical)


def test_not_sure_about_the_trigger_alone_is_not_self_care() -> None:
    answers: dict[str, Answer] = dict.fromkeys(SYMPTOM_KEYS, "no")
    answers.update(dict.fromkeys(RULES["S8"].condition.reads(), "not_sure"))
    answers["no_mechanical_trigger"] = "no"
    assert screen(Screening(age=30, answers=answers)).disposition is SOON


def test_a_missing_age_that_matters_is_listed_as_age() -> None:
    result = run(yes=("minor_trauma",), age=None)  # U3 needs to know whether 50 or over
    assert result.disposition is SOON
    assert result.rules == ("S5", "Q2")
    assert result.unanswered == ("age",)


def test_a_missing_age_that_does_not_matter_is_not_asked_for() -> None:
    assert run(age=None).disposition is SELF_CARE


def test_an_urgent_result_still_lists_emergency_questions_left_open() -> None:
    result = run(yes=("fever",), missing=("chest_pain_or_pressure",))
    assert result.disposition is URGENT
    assert result.rules == ("U1", "Q2")
    assert result.unanswered == ("chest_pain_or_pressure",)


def test_not_sure_alongside_a_fired_urgent_rule_is_still_explained() -> None:
    result = run(yes=("fever",), sure=("sweating_clammy",))
    assert result.disposition is URGENT
    assert result.rules == ("U1", "Q1")


def test_an_emergency_leaves_nothing_unanswered() -> None:
    result = run(yes=("chest_pain_or_pressure",), sure=("leg_weakness",), missing=("fever",))
    assert result.disposition is EMERGENCY
    assert result.unanswered == ()
    assert "Q1" not in result.rules and "Q2" not in result.rules


@pytest.mark.parametrize(
    "sure",
    [
        ("diabetes",),  # no nausea or tiredness, so E8 cannot fire through diabetes
        ("recent_long_haul_travel_or_immobility",),  # no breathing pain, so no E2 clot branch
        ("history_of_hypertension", "connective_tissue_disorder"),  # no abrupt severe pain
    ],
)
def test_not_sure_about_something_that_cannot_matter_does_not_escalate(
    sure: tuple[str, ...],
) -> None:
    result = run(sure=sure)
    assert result.disposition is SELF_CARE and result.unanswered == ()


def test_only_the_keys_that_could_still_decide_a_rule_are_listed() -> None:
    # E8's diabetes branch is open (tired, not sure about diabetes); E2's clot branch is not.
    result = run(
        yes=("unusual_fatigue",), sure=("diabetes", "recent_long_haul_travel_or_immobility")
    )
    assert result.disposition is URGENT
    assert result.unanswered == ("diabetes",)


# --- the interactive flow ------------------------------------------------------------------------


def interview(
    truth: dict[str, Answer], age: int | None = 34, limit: int = 200
) -> tuple[list[str], ScreenResult]:
    """Ask next_question until it stops, answering from `truth` ('no' for anything not in it)."""
    answers: dict[str, Answer] = {}
    asked: list[str] = []
    while (k := next_question(Screening(age=age, answers=answers))) is not None:
        assert k not in answers, f"{k} asked twice"
        asked.append(k)
        answers[k] = truth.get(k, "no")
        assert len(asked) <= limit
    return asked, screen(Screening(age=age, answers=answers))


def test_the_flow_starts_with_chest_pain() -> None:
    assert next_question(Screening(age=40, answers={})) == "chest_pain_or_pressure"


def test_the_flow_stops_at_once_when_an_emergency_rule_fires() -> None:
    asked, result = interview({"shortness_of_breath": "yes"})
    assert asked[-1] == "shortness_of_breath"
    assert result.disposition is EMERGENCY
    assert next_question(Screening(age=40, answers={"leg_weakness": "yes"})) is None


def test_not_sure_answers_are_not_asked_again() -> None:
    s = Screening(age=40, answers={"chest_pain_or_pressure": "not_sure"})
    assert next_question(s) == "pain_radiating_to_chest"


def test_an_ordinary_desk_worker_finishes_in_far_fewer_questions_than_the_full_list() -> None:
    # The lower bound is about 55: 45 keys each change this person's result on their own, and
    # E4, E8, U3, U10-U12 and S3 need a few more answers to be ruled out.
    asked, result = interview({"prolonged_sitting_or_screen_use": "yes"})
    assert result.disposition is SELF_CARE
    assert len(asked) <= 60 < len(SYMPTOM_KEYS)


def test_a_desk_worker_who_names_a_trigger_first_needs_fewer_still() -> None:
    truth: dict[str, Answer] = {
        "mechanical_trigger_identified": "yes",
        "pain_between_shoulder_blades": "yes",
        "pain_reproduced_by_movement_or_pressure": "yes",
    }
    asked, result = interview(truth)
    assert result.disposition is SELF_CARE
    assert len(asked) <= 58


def test_every_question_that_could_change_the_result_is_asked() -> None:
    asked, _ = interview({"prolonged_sitting_or_screen_use": "yes"})
    cleared: dict[str, Answer] = {k: "no" for k in SYMPTOM_KEYS}
    cleared["prolonged_sitting_or_screen_use"] = "yes"
    for k in SYMPTOM_KEYS - set(asked):
        flipped = screen(Screening(age=34, answers={**cleared, k: "yes"}))
        assert flipped.disposition is SELF_CARE, f"{k} was never asked but changes the result"


def test_emergency_questions_are_asked_before_urgent_ones() -> None:
    asked, _ = interview({"prolonged_sitting_or_screen_use": "yes"})
    read_by = {k: {r.level for r in RULES.values() if k in r.condition.reads()} for k in asked}
    emergency_only = [i for i, k in enumerate(asked) if read_by[k] == {EMERGENCY}]
    never_emergency = [i for i, k in enumerate(asked) if EMERGENCY not in read_by[k]]
    assert emergency_only and never_emergency
    assert max(emergency_only) < min(never_emergency)


def test_once_an_urgent_rule_fires_only_emergency_questions_remain() -> None:
    asked, result = interview({"fever": "yes", "prolonged_sitting_or_screen_use": "yes"})
    assert result.disposition is URGENT
    after = asked[asked.index("fever") + 1 :]
    emergency_keys = {
        k for r in RULES.values() if r.level is EMERGENCY for k in r.condition.reads()
    }
    assert set(after) <= emergency_keys


def test_not_sure_about_an_emergency_sign_skips_the_soon_questions() -> None:
    asked, result = interview(
        {"sweating_clammy": "not_sure", "prolonged_sitting_or_screen_use": "yes"}
    )
    assert result.disposition is URGENT and "Q1" in result.rules
    soon_only = {
        "pain_duration_over_2_weeks",
        "pain_duration_over_3_months",
        "no_mechanical_trigger",
    }
    assert not soon_only & set(asked)


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), age=st.none() | st.integers(18, 90))
def test_when_the_flow_stops_no_remaining_answer_can_change_the_disposition(
    seed: int, age: int | None
) -> None:
    rng = random.Random(seed)
    weights = (1, 12, 1)  # mostly 'no', like most people, with some 'yes' and 'not sure'
    truth: dict[str, Answer] = {
        k: rng.choices(["yes", "no", "not_sure"], weights)[0] for k in sorted(SYMPTOM_KEYS)
    }
    asked, result = interview(truth, age=age)
    for _ in range(5):
        rest: dict[str, Answer] = {
            k: rng.choice(["yes", "no", "not_sure"]) for k in SYMPTOM_KEYS - set(asked)
        }
        answers: dict[str, Answer] = {**rest, **{k: truth[k] for k in asked}}
        assert screen(Screening(age=age, answers=answers)).disposition is result.disposition
