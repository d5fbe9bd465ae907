"""The planner's hard constraints, one test each, on the real packaged library.

The checker, `plan_problems` (independent of the planner's own code), lives in `planner_helpers`;
the property tests use it too.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from tests.core.planner_helpers import (
    PHASE_ORDER,
    boosted,
    eligible,
    most_tenths,
    plan_problems,
    tenths,
)
from tests.examples import GUIDE_PROFILE
from upback.core.library import Library, default_library, load_library
from upback.core.planner import build_plan
from upback.core.profile import Profile
from upback.core.vocab import FLOOR_POSITIONS, WEEK, Day, Equipment, Kind, Trigger


def make_profile(**changes: Any) -> Profile:
    return Profile.model_validate({**GUIDE_PROFILE, **changes})


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


# ---------------------------------------------------------------------------------------------
# One test per hard constraint
# ---------------------------------------------------------------------------------------------

SHAPES: list[dict[str, Any]] = [
    {},
    {"equipment": [], "floor_ok": False, "who": "older_adult", "age": 78},
    {"who": "lifter", "triggers": ["lifting_overuse"], "equipment": ["resistance_band"]},
    {"pain_character": "sharp_new_or_swollen", "duration_weeks": 1},
    {"equipment": list(Equipment), "strength_days_per_week": 2},
]


@pytest.mark.parametrize("minutes", range(5, 31))
@pytest.mark.parametrize("shape", range(len(SHAPES)))
def test_no_day_runs_over_the_persons_minutes(library: Library, minutes: int, shape: int) -> None:
    profile = make_profile(**SHAPES[shape], minutes_per_day=minutes)
    for day in build_plan(profile, library).days:
        assert sum(tenths(i.minutes) for i in day.items) <= minutes * 10, day.day


@pytest.mark.parametrize("minutes", range(5, 31))
@pytest.mark.parametrize("shape", range(len(SHAPES)))
def test_every_day_fills_at_least_80_percent_when_the_library_allows(
    library: Library, minutes: int, shape: int
) -> None:
    profile = make_profile(**SHAPES[shape], minutes_per_day=minutes)
    plan = build_plan(profile, library)
    gentle = profile.in_flare
    for day in plan.days:
        pool = [
            tenths(t.minutes)
            for t in library.techniques.values()
            if eligible(t, profile, strength_day=day.strength_day, gentle=gentle)
        ]
        if most_tenths(pool, minutes * 10) >= minutes * 8:
            assert tenths(day.minutes) >= minutes * 8, (day.day, day.minutes)


def test_the_guide_profile_fills_at_least_80_percent_every_day(library: Library) -> None:
    for day in build_plan(make_profile(), library).days:
        assert 16 <= day.minutes <= 20, (day.day, day.minutes)


@pytest.mark.parametrize(
    "equipment", [[], ["resistance_band"], ["foam_roller", "massage_ball"], ["massage_gun"]]
)
def test_it_only_uses_equipment_the_person_has(library: Library, equipment: list[str]) -> None:
    plan = build_plan(make_profile(equipment=equipment), library)
    for day in plan.days:
        for item in day.items:
            assert set(item.equipment) <= set(equipment), (day.day, item.slug)


def test_it_uses_equipment_when_the_person_has_it(library: Library) -> None:
    plan = build_plan(make_profile(equipment=["resistance_band", "foam_roller"]), library)
    used = {e for day in plan.days for item in day.items for e in item.equipment}
    assert used == {Equipment.RESISTANCE_BAND, Equipment.FOAM_ROLLER}


def test_it_keeps_off_the_floor_when_the_floor_is_not_ok(library: Library) -> None:
    plan = build_plan(make_profile(floor_ok=False), library)
    for day in plan.days:
        for item in day.items:
            assert item.position not in FLOOR_POSITIONS, (day.day, item.slug)


@pytest.mark.parametrize("minutes", [5, 12, 20, 30])
def test_a_flare_gets_only_flare_safe_items(library: Library, minutes: int) -> None:
    profile = make_profile(pain_character="sharp_new_or_swollen", minutes_per_day=minutes)
    for day in build_plan(profile, library).days:
        assert day.items
        for item in day.items:
            assert library.get(item.slug).suitability.flare_ok, (day.day, item.slug)


@pytest.mark.parametrize("asked", [0, 1, 2, 3])
def test_a_flare_gets_no_strength_whatever_was_asked(library: Library, asked: int) -> None:
    profile = make_profile(pain_character="sharp_new_or_swollen", strength_days_per_week=asked)
    plan = build_plan(profile, library)
    assert plan.strength_days == ()
    assert all(item.kind is not Kind.STRENGTH for day in plan.days for item in day.items)


def test_a_flare_gets_cold_advice(library: Library) -> None:
    plan = build_plan(make_profile(pain_character="sharp_new_or_swollen"), library)
    assert plan.advice.heat_cold.use == "cold"
    assert plan.advice.heat_cold.minutes == library.advice.heat_cold.cold.minutes
    assert list(plan.advice.heat_cold.how) == library.advice.heat_cold.cold.how


def test_tight_achy_pain_gets_heat_advice(library: Library) -> None:
    plan = build_plan(make_profile(), library)
    assert plan.advice.heat_cold.use == "heat"
    assert list(plan.advice.heat_cold.how) == library.advice.heat_cold.heat.how
    assert list(plan.advice.heat_cold.who_must_not) == library.advice.heat_cold.who_must_not


def test_gentle_only_keeps_to_flare_safe_items_without_strength(library: Library) -> None:
    plan = build_plan(make_profile(), library, gentle_only=True)
    assert plan.strength_days == ()
    for day in plan.days:
        for item in day.items:
            t = library.get(item.slug)
            assert t.suitability.flare_ok and t.kind is not Kind.STRENGTH, item.slug
    assert plan_problems(make_profile(), plan, library, gentle_only=True) == []


@pytest.mark.parametrize("asked", [0, 1, 2, 3])
@pytest.mark.parametrize("minutes", [5, 8, 15, 30])
def test_it_plans_exactly_the_strength_days_asked_for(
    library: Library, asked: int, minutes: int
) -> None:
    plan = build_plan(make_profile(strength_days_per_week=asked, minutes_per_day=minutes), library)
    assert len(plan.strength_days) == asked
    assert [d.day for d in plan.days if d.strength_day] == list(plan.strength_days)


@pytest.mark.parametrize("asked", [1, 2, 3])
def test_strength_days_are_never_back_to_back_including_sunday_to_monday(
    library: Library, asked: int
) -> None:
    days = build_plan(make_profile(strength_days_per_week=asked), library).strength_days
    indexes = [WEEK.index(d) for d in days]
    for index in indexes:
        assert (index + 1) % 7 not in indexes, days
    assert not (Day.SUN in days and Day.MON in days)


@pytest.mark.parametrize("asked", [0, 1, 2, 3])
def test_days_without_strength_have_no_strength_items(library: Library, asked: int) -> None:
    plan = build_plan(make_profile(strength_days_per_week=asked), library)
    for day in plan.days:
        has_strength = any(item.kind is Kind.STRENGTH for item in day.items)
        assert has_strength == (day.day in plan.strength_days), day.day


def test_strength_days_repeat_the_same_strength_exercises(library: Library) -> None:
    plan = build_plan(make_profile(strength_days_per_week=3), library)
    sets = {
        tuple(item.slug for item in plan.day(d).items if item.kind is Kind.STRENGTH)
        for d in plan.strength_days
    }
    assert len(sets) == 1


def test_other_days_rotate_their_mobility_and_stretch_choices(library: Library) -> None:
    plan = build_plan(make_profile(strength_days_per_week=0), library)
    firsts = {
        next(item.slug for item in day.items if item.kind in (Kind.MOBILITY, Kind.STRETCH))
        for day in plan.days
    }
    assert len(firsts) >= 3


def test_the_same_profile_always_gives_the_same_plan(library: Library) -> None:
    profile = make_profile(triggers=["phone_use", "stress_breathing"], minutes_per_day=17)
    first = build_plan(profile, library).to_json()
    assert build_plan(profile, library).to_json() == first
    assert build_plan(make_profile(**profile.model_dump()), load_library()).to_json() == first


def test_the_order_of_the_equipment_list_does_not_change_the_plan(library: Library) -> None:
    kit = ["resistance_band", "foam_roller", "massage_ball", "massage_gun"]
    one = build_plan(make_profile(equipment=kit), library).to_json()
    two = build_plan(make_profile(equipment=list(reversed(kit))), library).to_json()
    assert one == two


@pytest.mark.parametrize("shape", range(len(SHAPES)))
def test_items_follow_the_phase_order(library: Library, shape: int) -> None:
    for day in build_plan(make_profile(**SHAPES[shape]), library).days:
        phases = [PHASE_ORDER[item.kind] for item in day.items]
        assert phases == sorted(phases), (day.day, [i.slug for i in day.items])


@pytest.mark.parametrize("shape", range(len(SHAPES)))
def test_every_item_has_a_reason_and_positive_minutes(library: Library, shape: int) -> None:
    for day in build_plan(make_profile(**{**SHAPES[shape], "triggers": []}), library).days:
        for item in day.items:
            assert item.reason.strip(), item.slug
            assert item.minutes > 0, item.slug


def test_reasons_come_from_the_persons_first_matching_trigger(library: Library) -> None:
    triggers = [Trigger.STRESS_BREATHING, Trigger.SITTING_SCREENS]
    plan = build_plan(make_profile(triggers=triggers), library)
    for day in plan.days:
        for item in day.items:
            reasons = library.get(item.slug).reasons
            expected = next((reasons[t] for t in triggers if t in reasons), None)
            if expected is not None:
                assert item.reason == expected, item.slug


def test_a_new_plan_never_starts_above_level_2(library: Library) -> None:
    tempting = boosted(library, lambda t: t.level > 2)
    profile = make_profile(equipment=list(Equipment), minutes_per_day=30)
    for day in build_plan(profile, tempting).days:
        for item in day.items:
            assert library.get(item.slug).level <= 2, item.slug


def test_advice_items_never_appear_in_a_session(library: Library) -> None:
    tempting = boosted(library, lambda t: not t.in_routine)
    profile = make_profile(equipment=list(Equipment), minutes_per_day=30)
    for day in build_plan(profile, tempting).days:
        for item in day.items:
            assert library.get(item.slug).in_routine, item.slug
            assert item.kind not in (Kind.HEAT_COLD, Kind.POSTURE), item.slug


def test_older_adults_get_gentler_off_floor_options_when_there_are_some(library: Library) -> None:
    profile = make_profile(who="older_adult", age=76, equipment=[], triggers=[])
    plan = build_plan(profile, library)
    gentle_strength = [
        t
        for t in library.techniques.values()
        if t.kind is Kind.STRENGTH and t.level == 1 and t.position not in FLOOR_POSITIONS
        if t.in_routine and not t.equipment
    ]
    assert len(gentle_strength) >= 2  # the library offers them, so the plan should use them
    for day in plan.strength_days:
        for item in plan.day(day).items:
            if item.kind is Kind.STRENGTH:
                t = library.get(item.slug)
                assert t.level == 1 and not t.on_floor, item.slug


def test_a_dose_cut_to_fit_keeps_at_least_one_set_and_says_so(library: Library) -> None:
    plan = build_plan(make_profile(minutes_per_day=5), library)
    cut = [
        item for day in plan.days for item in day.items if item.dose != library.get(item.slug).dose
    ]
    assert cut, "a 5-minute strength day should need a shorter strength dose"
    for item in cut:
        original = library.get(item.slug).dose
        assert 1 <= item.dose.sets < original.sets
        assert item.dose.model_copy(update={"sets": original.sets}) == original
        assert item.dose_note and str(item.dose.sets) in item.dose_note
        assert item.to_json()["dose"]["note"] == item.dose_note


def test_a_day_never_repeats_a_technique(library: Library) -> None:
    plan = build_plan(make_profile(equipment=list(Equipment), minutes_per_day=30), library)
    for day in plan.days:
        slugs = [item.slug for item in day.items]
        assert len(slugs) == len(set(slugs)), day.day


def test_the_checker_finds_nothing_wrong_with_typical_plans(library: Library) -> None:
    for shape in SHAPES:
        for minutes in (5, 10, 20, 30):
            profile = make_profile(**shape, minutes_per_day=minutes)
            assert plan_problems(profile, build_plan(profile, library), library) == []


# ---------------------------------------------------------------------------------------------
# Habits and advice
# ---------------------------------------------------------------------------------------------


def test_it_picks_two_habits_that_match_the_persons_triggers(library: Library) -> None:
    profile = make_profile(triggers=["stress_breathing"])
    plan = build_plan(profile, library)
    known = {h.slug: h for h in library.advice.habits}
    assert len(plan.habits) == 2 and len(set(plan.habits)) == 2
    assert all(slug in known for slug in plan.habits)
    assert Trigger.STRESS_BREATHING in known[plan.habits[0]].triggers


def test_habits_skip_techniques_the_person_cannot_do(library: Library) -> None:
    plan = build_plan(make_profile(pain_character="sharp_new_or_swollen"), library)
    known = {h.slug: h for h in library.advice.habits}
    for slug in plan.habits:
        technique = known[slug].technique
        if technique is not None:
            t = library.get(technique)
            assert t.suitability.flare_ok and t.kind is not Kind.STRENGTH, slug


@pytest.mark.parametrize("who", ["desk_worker", "lifter", "older_adult", "other"])
@pytest.mark.parametrize("triggers", [[], ["sitting_screens"], ["heavy_bags", "phone_use"]])
def test_desk_advice_has_three_to_six_fixes(
    library: Library, who: str, triggers: list[str]
) -> None:
    desk = build_plan(make_profile(who=who, triggers=triggers), library).advice.desk
    assert 3 <= len(desk) <= 6
    assert all(isinstance(line, str) and line.strip() for line in desk)


def test_desk_workers_always_get_desk_fixes_for_sitting(library: Library) -> None:
    desk = build_plan(make_profile(triggers=[]), library).advice.desk
    sitting = [f for f in library.advice.desk if Trigger.SITTING_SCREENS in f.triggers]
    assert any(f.text in line for f in sitting for line in desk)


def test_desk_advice_follows_the_persons_triggers(library: Library) -> None:
    desk = build_plan(make_profile(who="other", triggers=["heavy_bags"]), library).advice.desk
    bags = [f for f in library.advice.desk if Trigger.HEAVY_BAGS in f.triggers]
    assert bags and bags[0].text in desk[0]


@pytest.mark.parametrize("position", ["side", "back", "stomach", "mixed"])
def test_sleep_advice_matches_the_sleep_position(library: Library, position: str) -> None:
    sleep = build_plan(make_profile(sleep_position=position), library).advice.sleep
    assert sleep.startswith(getattr(library.advice.sleep, position))
    assert library.advice.sleep.mattress in sleep


@pytest.mark.parametrize(
    ("weeks", "pain", "acute"),
    [
        (1, "tight_achy_stiff", True),
        (2, "tight_achy_stiff", True),
        (6, "tight_achy_stiff", False),
        (30, "sharp_new_or_swollen", True),
    ],
)
def test_timeline_is_acute_or_chronic_with_the_review_line(
    library: Library, weeks: float, pain: str, acute: bool
) -> None:
    timeline = build_plan(
        make_profile(duration_weeks=weeks, pain_character=pain), library
    ).advice.timeline
    expected = library.advice.timeline.acute if acute else library.advice.timeline.chronic
    assert timeline.startswith(expected)
    assert library.advice.timeline.review in timeline


def test_the_safety_net_comes_with_every_plan(library: Library) -> None:
    plan = build_plan(make_profile(), library)
    assert list(plan.advice.safety_net) == library.advice.safety_net


def test_the_planner_imports_no_django() -> None:
    code = (
        "import sys, upback.core.planner; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
