"""Heat or cold (§5): how the pain feels picks one, the "who must not" questions can rule both
out, "not sure" never clears anyone, and chest pain is sent for help, not to a pack."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upback.core import heat_cold as hc

ALL_NO = dict.fromkeys(hc.SAFETY_KEYS, "no")


def decide(feels: tuple[str, ...] = ("tight",), **changes: Any) -> hc.HeatColdResult:
    safety = {**ALL_NO, **{k: v for k, v in changes.items() if k in hc.SAFETY_KEYS}}
    return hc.decide(
        hc.parse_answers(
            feels=feels,
            since_days=changes.get("since_days"),
            safety=safety,
            red_flag=changes.get("red_flag", False),
        )
    )


@pytest.mark.parametrize("feel", ["tight", "achy", "stiff"])
def test_tight_achy_or_stiff_muscles_get_heat_for_15_to_20_minutes(feel: str) -> None:
    result = decide((feel,))
    assert result.choice == "heat"
    assert result.use is hc.HEAT_USE
    assert (result.use.minutes_low, result.use.minutes_high) == (15, 20)
    assert feel in result.reasons[0]


@pytest.mark.parametrize("feel", ["new", "swollen", "sharp"])
def test_new_sharp_or_swollen_pain_gets_cold_for_10_to_15_minutes_an_hour_apart(
    feel: str,
) -> None:
    result = decide((feel,))
    assert result.choice == "cold"
    assert result.use is hc.COLD_USE
    assert (result.use.minutes_low, result.use.minutes_high) == (10, 15)
    assert "at least an hour" in result.use.wait


def test_anything_fresh_wins_over_tightness() -> None:
    assert decide(("tight", "sharp")).choice == "cold"


def test_heat_and_cold_always_come_with_a_cloth_barrier_and_skin_checks_every_5_minutes() -> None:
    for result in (decide(("stiff",)), decide(("swollen",))):
        assert result.use is not None
        assert "cloth" in result.use.barrier and "never on bare skin" in result.use.barrier
        assert "every 5 minutes" in result.use.skin_checks
        assert result.use.stop_if
    assert "damp" in hc.COLD_USE.barrier


def test_the_never_list_comes_with_every_answer() -> None:
    for result in (decide(), decide(("new",)), decide(diabetes="yes"), decide(chest_pain="yes")):
        assert result.never == hc.NEVER
        assert any("asleep" in line for line in result.never)
        assert any("bare skin" in line for line in result.never)


@pytest.mark.parametrize(
    "key", ["reduced_feeling", "diabetes", "poor_circulation", "drowsy", "broken_skin"]
)
@pytest.mark.parametrize("feels", [("tight",), ("sharp",)])
def test_each_who_must_not_answer_rules_out_heat_and_cold(key: str, feels: tuple[str]) -> None:
    result = decide(feels, **{key: "yes"})
    assert result.choice == "neither"
    assert result.use is None
    assert result.blocked_by == (key,)
    assert hc.QUESTION_BY_KEY[key].reason in result.reasons


def test_a_cold_allergy_rules_out_cold_but_not_heat() -> None:
    assert decide(("stiff",), cold_allergy="yes").choice == "heat"
    fresh = decide(("swollen",), cold_allergy="yes")
    assert fresh.choice == "neither" and fresh.blocked_by == ("cold_allergy",)
    assert any("Heat is not the usual choice" in line for line in fresh.reasons)


@pytest.mark.parametrize("key", [k for k in hc.SAFETY_KEYS if k != "chest_pain"])
def test_not_sure_never_clears_and_the_answer_says_why(key: str) -> None:
    feels = ("sharp",) if key == "cold_allergy" else ("tight",)
    result = decide(feels, **{key: "not_sure"})
    assert result.choice == "neither"
    assert result.unsure == (key,)
    assert any("treats “not sure” as a reason for caution" in line for line in result.reasons)
    assert hc.QUESTION_BY_KEY[key].text in " ".join(result.reasons)


def test_a_safety_question_left_out_counts_as_not_sure() -> None:
    result = hc.decide(hc.parse_answers(feels=["tight"], safety={"chest_pain": "no"}))
    assert result.choice == "neither"
    assert set(result.unsure) == set(hc.SAFETY_KEYS) - {"chest_pain", "cold_allergy"}


def test_chest_pain_is_not_a_heat_or_cold_question_get_help_now() -> None:
    result = decide(("tight",), chest_pain="yes")
    assert result.choice == "get_help"
    assert result.use is None
    assert "emergency number" in result.reasons[0]


def test_not_sure_about_chest_pain_means_getting_checked_today() -> None:
    result = decide(("tight",), chest_pain="not_sure")
    assert result.choice == "get_help"
    assert result.unsure == ("chest_pain",)
    assert "checked today" in result.reasons[0]


def test_chest_pain_comes_before_every_other_answer() -> None:
    result = decide(("sharp",), chest_pain="yes", diabetes="yes", red_flag=True)
    assert result.choice == "get_help"


def test_an_active_warning_sign_from_the_safety_check_holds_heat_and_cold() -> None:
    result = decide(("stiff",), red_flag=True)
    assert result.choice == "neither"
    assert "safety check found a warning sign" in result.reasons[0]
    assert result.after == ""


def test_only_heat_suggests_stretching_afterwards() -> None:
    assert "stretches" in decide(("stiff",)).after
    assert decide(("swollen",)).after == ""


def test_cold_after_the_first_few_days_says_heat_may_suit_better() -> None:
    assert not any("first two or three days" in n for n in decide(("sharp",), since_days=1).notes)
    assert any("first two or three days" in n for n in decide(("sharp",), since_days=10).notes)


def test_pain_of_over_four_weeks_suggests_having_it_checked_if_not_improving() -> None:
    assert any("physiotherapist" in n for n in decide(("achy",), since_days=40).notes)
    assert not any("physiotherapist" in n for n in decide(("achy",), since_days=5).notes)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"feels": []}, "feels"),
        ({"feels": ["burning"]}, "feels"),
        ({"feels": ["tight"], "since_days": -1}, "since_days"),
        ({"feels": ["tight"], "safety": {"diabetes": "maybe"}}, "diabetes"),
        ({"feels": ["tight"], "safety": {"gout": "no"}}, "gout"),
    ],
)
def test_bad_answers_are_refused_naming_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(hc.HeatColdProblem) as caught:
        hc.parse_answers(**kwargs)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_the_json_holds_the_choice_the_use_and_every_answer() -> None:
    out = decide(("stiff",), since_days=3).to_json()
    assert out["choice"] == "heat"
    assert out["use"]["minutes"] == [15, 20]
    assert out["answers"]["feels"] == ["stiff"]
    assert out["answers"]["since_days"] == 3
    assert set(out["answers"]["safety"]) == set(hc.SAFETY_KEYS)


@given(
    feels=st.sets(st.sampled_from(hc.FEELS), min_size=1),
    safety=st.fixed_dictionaries(
        {}, optional={k: st.sampled_from(hc.SAFETY_ANSWERS) for k in hc.SAFETY_KEYS}
    ),
    red_flag=st.booleans(),
)
def test_heat_or_cold_is_only_ever_offered_when_every_relevant_answer_is_no(
    feels: set[str], safety: dict[str, str], red_flag: bool
) -> None:
    result = hc.decide(hc.parse_answers(feels=feels, safety=safety, red_flag=red_flag))
    if result.choice in ("heat", "cold"):
        assert not red_flag
        relevant = [
            q for q in hc.SAFETY_QUESTIONS if q.blocks == "both" or q.blocks == result.choice
        ]
        assert all(safety.get(q.key) == "no" for q in relevant)
        assert result.use is not None
    else:
        assert result.use is None
