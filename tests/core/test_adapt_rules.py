"""One test per adaptation rule id: each fires when it should and says why in plain words."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.core.adapt_helpers import (
    LIBRARY,
    TODAY,
    decision,
    dose_in,
    plan,
    profile,
    run,
    session,
    slugs_in,
)
from upback.core import adapt, safety
from upback.core.errors import InputProblem
from upback.core.vocab import Disposition

RULE_IDS = {
    "adapt.progress_reps",
    "adapt.progress_sets",
    "adapt.progress_hold",
    "adapt.progress_variant",
    "adapt.repeat",
    "adapt.step_back_dose",
    "adapt.step_back_variant",
    "adapt.freeze",
    "adapt.flare",
    "adapt.stop_symptoms",
}


def two_greens(data: dict[str, Any], **kwargs: Any) -> adapt.Adaptation:
    return run(data, [session(data, 2), session(data, 1)], **kwargs)


def test_every_rule_is_registered_once_under_its_stable_id_with_plain_words() -> None:
    assert set(adapt.RULES) == RULE_IDS
    for rule_id, rule in adapt.RULES.items():
        assert rule.id == rule_id
        assert rule.title and rule.when.endswith(".")
    with pytest.raises(ValueError, match="registered twice"):
        adapt.register(adapt.AdaptRule("adapt.repeat", "again", "again."))


def test_progress_reps_two_greens_add_reps_towards_15() -> None:
    data = plan(["band_row"])
    result = two_greens(data)
    row = decision(result, "band_row")
    assert row.rule == "adapt.progress_reps" and row.changed
    assert (row.before, row.after) == ("3 × 10 reps", "3 × 12 reps")
    assert row.reason == (
        "Resistance band row felt about right and pain stayed low for two sessions in a row: "
        "two more reps."
    )
    assert {d["day"]: dose_in(result.plan, "band_row", d["day"])["reps"] for d in data["days"]} == {
        d["day"]: 12 for d in data["days"]
    }
    assert result.rules == ("adapt.progress_reps",)


def test_progress_sets_come_once_reps_are_at_the_top_or_there_are_none() -> None:
    data = plan(["doorway_pec_stretch"])
    stretch = decision(two_greens(data), "doorway_pec_stretch")
    assert stretch.rule == "adapt.progress_sets"
    assert (stretch.before, stretch.after) == ("2 × 30 s hold each side", "3 × 30 s hold each side")
    assert stretch.reason.endswith(": one more set.")
    topped = plan(["band_row"], doses={"band_row": {"reps": 15, "sets": 2}})
    assert decision(two_greens(topped), "band_row").after == "3 × 15 reps"


def test_progress_hold_lengthens_a_static_hold_once_sets_are_at_the_top() -> None:
    data = plan(["seated_chest_opener"])  # 3 × 20 s hold
    opener = decision(two_greens(data), "seated_chest_opener")
    assert opener.rule == "adapt.progress_hold"
    assert (opener.before, opener.after) == ("3 × 20 s hold", "3 × 30 s hold")
    assert opener.reason.endswith(": hold each one 10 seconds longer.")


def test_progress_variant_brings_in_the_harder_version_at_the_top_of_the_range() -> None:
    data = plan(["band_row"], doses={"band_row": {"reps": 15}})
    result = two_greens(data)
    row = decision(result, "band_row")
    assert row.rule == "adapt.progress_variant"
    assert (row.new_slug, row.new_name) == ("band_row_strong", LIBRARY.get("band_row_strong").name)
    assert row.after == LIBRARY.get("band_row_strong").dose.describe()
    assert "time for the harder version" in row.reason
    assert "band_row" not in slugs_in(result.plan) and "band_row_strong" in slugs_in(result.plan)


def test_repeat_keeps_the_same_dose_after_some_pain_and_makes_no_change() -> None:
    data = plan(["band_row"])
    result = run(data, [session(data, 1, pain=4)])
    row = decision(result, "band_row")
    assert row.rule == "adapt.repeat" and not row.changed
    assert row.reason == (
        "Resistance band row brought some pain last time (4 out of 10): the same again until "
        "that settles."
    )
    assert not result.changed and result.plan == data


def test_step_back_dose_drops_a_set_after_pain_above_5() -> None:
    data = plan(["band_row"])
    result = run(data, [session(data, 1, pain=7, morning=None)])
    row = decision(result, "band_row")
    assert row.rule == "adapt.step_back_dose" and row.changed
    assert (row.before, row.after) == ("3 × 10 reps", "2 × 10 reps")
    assert row.reason == (
        "Resistance band row hurt during it (7 out of 10): one set fewer for now."
    )


def test_step_back_variant_brings_in_the_easier_version_at_the_lightest_dose() -> None:
    data = plan(["band_row"], doses={"band_row": {"sets": 1, "reps": 5}})
    result = run(data, [session(data, 1, pain=8, morning=None)])
    row = decision(result, "band_row")
    assert row.rule == "adapt.step_back_variant"
    assert row.new_slug == "scapular_squeeze"
    assert row.reason.endswith(
        f"the easier version, {LIBRARY.get('scapular_squeeze').name}, for now."
    )
    assert "scapular_squeeze" in slugs_in(result.plan)


def test_freeze_holds_every_step_up_after_two_red_sessions_within_7_days() -> None:
    data = plan(["band_row", "gentle_warm_up"])
    reds = [
        session(data, 6, only=["gentle_warm_up"], pain=7, sid=1),
        session(data, 3, only=["gentle_warm_up"], pain=7, sid=2),
    ]
    greens = [
        session(data, 2, only=["band_row"], sid=3),
        session(data, 1, only=["band_row"], sid=4),
    ]
    result = run(data, reds + greens)
    row = decision(result, "band_row")
    assert result.frozen
    assert row.rule == "adapt.freeze" and not row.changed
    assert "does not step up until a week passes" in row.reason
    assert dose_in(result.plan, "band_row")["reps"] == 10


def test_flare_plan_keeps_gentle_items_halves_strength_and_marks_itself() -> None:
    data = plan(["gentle_warm_up", "band_row", "scapular_squeeze", "cobra"])
    flared, changes = adapt.flare_plan_with_changes(data, LIBRARY, profile=profile(), today=TODAY)
    for day in flared["days"]:
        assert all(LIBRARY.get(i["slug"]).suitability.flare_ok for i in day["items"])
    assert dose_in(flared, "scapular_squeeze")["reps"] == 5  # half of 10
    assert {c.rule for c in changes} == {"adapt.flare"}
    assert flared["flare"]["phase"] == "flare" and flared["flare"]["since"] == TODAY.isoformat()


def test_stop_symptoms_become_the_screens_own_answers_and_stop_or_triage() -> None:
    assert adapt.STOP_SYMPTOMS.id == "adapt.stop_symptoms"
    assert adapt.SESSION_SYMPTOM_KEYS <= safety.SYMPTOM_KEYS
    assert adapt.stop_answers(["chest_pain_or_pressure", "chest_pain_or_pressure"]) == {
        "chest_pain_or_pressure": "yes"
    }
    for key in adapt.SESSION_SYMPTOM_KEYS:
        result = safety.screen(safety.Screening(age=40, answers=adapt.stop_answers([key])))
        expected = (
            {Disposition.SOON}
            if key == "arm_numbness_or_tingling_one_side"
            else {Disposition.EMERGENCY, Disposition.URGENT}
        )
        assert result.disposition in expected, key
    with pytest.raises(InputProblem, match="symptoms"):
        adapt.stop_answers(["fever"])


def test_the_input_plan_is_never_changed() -> None:
    data = plan(["band_row"])
    kept = copy.deepcopy(data)
    two_greens(data)
    run(data, [session(data, 1, pain=8)])
    adapt.flare_plan(data, LIBRARY)
    assert data == kept
