"""The guide's own case reproduces the guide's sample daily routine, item by item."""

from __future__ import annotations

import pytest

from tests.examples import GUIDE_PROFILE
from upback.core.library import Library, default_library
from upback.core.planner import Plan, PlanDay, build_plan
from upback.core.profile import parse_profile
from upback.core.vocab import Day, Kind, Trigger


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


@pytest.fixture(scope="module")
def plan(library: Library) -> Plan:
    return build_plan(parse_profile(GUIDE_PROFILE), library)


@pytest.fixture(scope="module")
def monday(plan: Plan) -> PlanDay:
    return plan.day(Day.MON)


def test_strength_falls_on_monday_wednesday_and_friday(plan: Plan) -> None:
    assert plan.strength_days == (Day.MON, Day.WED, Day.FRI)


def test_a_strength_day_is_the_guides_routine_in_the_guides_order(monday: PlanDay) -> None:
    slugs = [item.slug for item in monday.items]
    assert slugs[:6] == [
        "gentle_warm_up",
        "thoracic_rotation",
        "doorway_pec_stretch",
        "band_row",
        "prone_y_raise",
        "foam_roller_mid_back",
    ]
    assert slugs[6] in {"book_belly_breathing", "progressive_muscle_relaxation"}
    assert len(slugs) == 7


def test_every_strength_day_is_the_same_routine(plan: Plan, monday: PlanDay) -> None:
    for day in (Day.WED, Day.FRI):
        assert plan.day(day).to_json()["items"] == monday.to_json()["items"]


def test_it_starts_with_a_two_minute_warm_up(monday: PlanDay) -> None:
    item = monday.items[0]
    assert item.kind is Kind.WARM_UP
    assert item.minutes == 2.0
    assert item.dose.duration_seconds == 120


def test_thoracic_rotation_is_ten_reps_each_side(monday: PlanDay) -> None:
    item = monday.items[1]
    assert (item.dose.sets, item.dose.reps, item.dose.per_side) == (1, 10, True)
    assert item.dose.describe() == "10 reps each side"


def test_the_doorway_stretch_is_two_thirty_second_holds_each_side(monday: PlanDay) -> None:
    item = monday.items[2]
    assert (item.dose.sets, item.dose.hold_seconds, item.dose.per_side) == (2, 30, True)
    assert item.dose.reps is None
    assert item.dose.describe() == "2 × 30 s hold each side"


def test_band_rows_are_three_sets_of_ten(monday: PlanDay) -> None:
    item = monday.items[3]
    assert (item.dose.sets, item.dose.reps, item.dose.per_side) == (3, 10, False)
    assert item.dose.describe() == "3 × 10 reps"
    assert item.equipment == ("resistance_band",)
    assert item.dose_note is None


def test_prone_y_raises_are_two_sets_of_ten(monday: PlanDay) -> None:
    item = monday.items[4]
    assert (item.dose.sets, item.dose.reps) == (2, 10)
    assert item.dose.describe() == "2 × 10 reps"


def test_the_foam_roller_session_is_one_to_two_minutes(monday: PlanDay) -> None:
    item = monday.items[5]
    assert item.equipment == ("foam_roller",)
    assert 1.0 <= item.minutes <= 2.0


def test_it_finishes_with_five_minutes_of_breathing(monday: PlanDay) -> None:
    item = monday.items[6]
    assert item.kind is Kind.BREATHING
    assert item.minutes == 5.0
    assert item.dose.duration_seconds == 300


def test_the_routine_fits_twenty_minutes_and_fills_most_of_them(monday: PlanDay) -> None:
    assert 16 <= monday.minutes <= 20
    assert monday.minutes == round(sum(item.minutes for item in monday.items), 1)


def test_every_item_keeps_the_librarys_dose(monday: PlanDay, library: Library) -> None:
    for item in monday.items:
        assert item.dose == library.get(item.slug).dose, item.slug


def test_the_reasons_speak_to_sitting_at_screens(monday: PlanDay, library: Library) -> None:
    for item in monday.items:
        reasons = library.get(item.slug).reasons
        if Trigger.SITTING_SCREENS in reasons:
            assert item.reason == reasons[Trigger.SITTING_SCREENS], item.slug
        assert item.reason.strip()


def test_the_guide_case_gets_heat_a_chronic_timeline_and_side_sleeping_advice(
    plan: Plan, library: Library
) -> None:
    assert plan.advice.heat_cold.use == "heat"
    assert plan.advice.timeline.startswith(library.advice.timeline.chronic)
    assert plan.advice.sleep.startswith(library.advice.sleep.side)
    assert len(plan.habits) == 2
