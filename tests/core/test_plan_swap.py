"""Swapping one item of a plan: only alternatives the person can do, that fit every day it is in."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.planner_helpers import plan_problems
from tests.core.test_planner_properties import profiles
from tests.examples import GUIDE_PROFILE
from upback.core.library import Dose, Library, default_library
from upback.core.plan_models import PHASE_OF_KIND, Plan, PlanDay, PlanItem
from upback.core.plan_swap import SwapProblem, alternatives, gentle_view, swap
from upback.core.planner import MAX_START_LEVEL, build_plan
from upback.core.profile import Profile, parse_profile
from upback.core.vocab import FLOOR_POSITIONS, WEEK, Day, Equipment, Kind, Position

LIBRARY = default_library()


def _profile(**changes: Any) -> Profile:
    return parse_profile({**GUIDE_PROFILE, **changes})


def _slugs(plan: Plan | dict[str, Any]) -> set[str]:
    data = plan.to_json() if isinstance(plan, Plan) else plan
    return {item["slug"] for day in data["days"] for item in day["items"]}


def _item(slug: str) -> PlanItem:
    t = LIBRARY.get(slug)
    return PlanItem(
        slug=t.slug,
        name=t.name,
        kind=t.kind,
        position=t.position,
        equipment=tuple(t.equipment),
        phase=PHASE_OF_KIND[t.kind],
        dose=t.dose,
        minutes=round(t.dose.minutes * 10) / 10,
        reason="Because it helps.",
    )


def _plan(minutes: int, days: dict[Day, list[str]], *, gentle_only: bool = False) -> dict[str, Any]:
    """A hand-made plan: the listed items on the listed days, nothing on the others."""
    base = build_plan(_profile(minutes_per_day=minutes))
    week = tuple(
        PlanDay(
            day=day,
            items=tuple(_item(s) for s in days.get(day, [])),
            strength_day=any(LIBRARY.get(s).kind is Kind.STRENGTH for s in days.get(day, [])),
        )
        for day in WEEK
    )
    return Plan(
        minutes_per_day=minutes,
        days=week,
        habits=base.habits,
        advice=base.advice,
        strength_days=tuple(d.day for d in week if d.strength_day),
        gentle_only=gentle_only,
    ).to_json()


def _kind(slug: str) -> Kind:
    return LIBRARY.get(slug).kind


# ---------------------------------------------------------------------------------------------
# Which alternatives are offered
# ---------------------------------------------------------------------------------------------


def test_every_alternative_is_of_the_same_kind_and_not_the_item_itself() -> None:
    profile = _profile()
    plan = build_plan(profile)
    offered = 0
    for slug in _slugs(plan):
        for technique in alternatives(plan, slug, profile, LIBRARY):
            offered += 1
            assert technique.kind is _kind(slug)
            assert technique.slug != slug
    assert offered > 10


def test_the_band_row_can_be_swapped_for_other_strength_exercises_only() -> None:
    profile = _profile()
    found = {t.slug for t in alternatives(build_plan(profile), "band_row", profile, LIBRARY)}
    assert found == {"prone_t_raise", "scapular_squeeze", "wall_angels"}


def test_alternatives_need_only_equipment_the_person_has() -> None:
    profile = _profile(equipment=[])
    plan = _plan(20, {Day.MON: ["gentle_warm_up", "butterfly_self_massage"]})
    found = {t.slug for t in alternatives(plan, "butterfly_self_massage", profile, LIBRARY)}
    assert found == {"pressure_point_release"}
    with_kit = _profile(equipment=["foam_roller", "massage_ball", "massage_gun"])
    found = {t.slug for t in alternatives(plan, "butterfly_self_massage", with_kit, LIBRARY)}
    assert {"foam_roller_mid_back", "wall_ball_massage", "massage_gun"} <= found


def test_no_floor_alternatives_when_the_floor_is_off() -> None:
    plan = _plan(20, {Day.MON: ["thoracic_rotation"]})
    on_floor = {t.slug for t in alternatives(plan, "thoracic_rotation", _profile(), LIBRARY)}
    assert {"cat_cow", "side_lying_open_book"} <= on_floor
    off = alternatives(plan, "thoracic_rotation", _profile(floor_ok=False), LIBRARY)
    assert off
    assert all(t.position not in FLOOR_POSITIONS for t in off)


def test_a_flare_offers_only_flare_safe_alternatives_and_no_strength() -> None:
    plan = _plan(20, {Day.MON: ["thoracic_rotation", "band_row"]})
    flare = _profile(pain_character="sharp_new_or_swollen")
    found = alternatives(plan, "thoracic_rotation", flare, LIBRARY)
    assert found
    assert all(t.suitability.flare_ok for t in found)
    assert "foam_roller_extension" not in {t.slug for t in found}
    assert alternatives(plan, "band_row", flare, LIBRARY) == []


def test_gentle_only_from_the_safety_screen_acts_like_a_flare() -> None:
    plan = _plan(20, {Day.MON: ["thoracic_rotation", "band_row"]})
    profile = _profile()
    everything = {t.slug for t in alternatives(plan, "thoracic_rotation", profile, LIBRARY)}
    gentle = alternatives(plan, "thoracic_rotation", profile, LIBRARY, gentle_only=True)
    assert "foam_roller_extension" in everything
    assert all(t.suitability.flare_ok for t in gentle)
    assert alternatives(plan, "band_row", profile, LIBRARY, gentle_only=True) == []


def test_a_plan_made_gentle_stays_gentle_when_swapping() -> None:
    plan = _plan(20, {Day.MON: ["thoracic_rotation"]}, gentle_only=True)
    found = alternatives(plan, "thoracic_rotation", _profile(), LIBRARY)
    assert found
    assert all(t.suitability.flare_ok for t in found)


def test_advice_items_and_level_3_exercises_are_never_offered() -> None:
    profile = _profile(equipment=["resistance_band", "dumbbells", "stability_ball"])
    plan = _plan(30, {Day.MON: ["band_row"]})
    for technique in alternatives(plan, "band_row", profile, LIBRARY):
        assert technique.in_routine
        assert technique.level <= MAX_START_LEVEL
    slugs = {t.slug for t in alternatives(plan, "band_row", profile, LIBRARY)}
    assert "band_row_strong" not in slugs
    assert "prone_y_raise_dumbbells" not in slugs


def test_nothing_already_in_one_of_its_days_is_offered() -> None:
    plan = _plan(
        30,
        {
            Day.MON: ["thoracic_rotation", "cat_cow"],
            Day.TUE: ["thoracic_rotation", "seated_cat_cow"],
            Day.WED: ["side_lying_open_book"],
        },
    )
    found = {t.slug for t in alternatives(plan, "thoracic_rotation", _profile(), LIBRARY)}
    assert "cat_cow" not in found
    assert "seated_cat_cow" not in found
    assert "side_lying_open_book" in found  # only on a day without thoracic rotation


def test_an_alternative_must_fit_the_minutes_on_every_day_the_item_is_in() -> None:
    # 5 minutes: warm-up 2.0 + chair extension 0.9 + side reach 1.5 = 4.4, leaving 0.6.
    roomy = [
        "gentle_warm_up",
        "thoracic_extension_chair",
    ]
    tight = [*roomy, "seated_side_reach"]
    plan = _plan(5, {Day.MON: roomy, Day.TUE: tight})
    found = {t.slug for t in alternatives(plan, "thoracic_extension_chair", _profile(), LIBRARY)}
    # Room on Tuesday is 0.6 + 0.9 = 1.5 minutes: the 1.0 and 1.3 minute options fit,
    # the 1.9 minute open book does not (it would fit on Monday alone).
    assert "thoracic_rotation" in found
    assert "seated_cat_cow" in found
    assert "side_lying_open_book" not in found
    monday_only = _plan(5, {Day.MON: roomy})
    alone = {
        t.slug for t in alternatives(monday_only, "thoracic_extension_chair", _profile(), LIBRARY)
    }
    assert "side_lying_open_book" in alone


def test_a_strength_alternative_may_drop_sets_to_fit_and_says_so() -> None:
    # 7 minutes: warm-up 2.0 + wall angels 1.8 + chair extension 0.9 = 4.7; room for 4.1 at most.
    plan = _plan(7, {Day.MON: ["gentle_warm_up", "wall_angels", "thoracic_extension_chair"]})
    profile = _profile()
    found = {t.slug for t in alternatives(plan, "wall_angels", profile, LIBRARY)}
    assert "band_row" in found  # 3.5 minutes at full dose: fits
    tighter = _plan(
        6, {Day.MON: ["gentle_warm_up", "wall_angels", "thoracic_extension_chair", "cat_cow"]}
    )
    # 6 minutes, with 3.9 for the others: 2.1 minutes for the band row, so fewer sets.
    assert "band_row" in {t.slug for t in alternatives(tighter, "wall_angels", profile, LIBRARY)}
    swapped = swap(tighter, "wall_angels", "band_row", profile, LIBRARY)
    row = next(i for i in swapped["days"][0]["items"] if i["slug"] == "band_row")
    assert row["dose"]["sets"] < LIBRARY.get("band_row").dose.sets
    assert (
        row["dose"]["note"] == f"{row['dose']['sets']} of the usual 3 sets, to fit your 6 minutes"
    )
    assert swapped["days"][0]["minutes"] <= 6


def test_a_mobility_item_never_drops_sets_to_fit() -> None:
    plan = _plan(5, {Day.MON: ["gentle_warm_up", "thoracic_extension_chair", "seated_side_reach"]})
    for technique in alternatives(plan, "thoracic_extension_chair", _profile(), LIBRARY):
        assert technique.dose.minutes <= 1.5


def test_alternatives_come_best_first_and_the_same_every_time() -> None:
    profile = _profile()
    plan = build_plan(profile)
    first = [t.slug for t in alternatives(plan, "doorway_pec_stretch", profile, LIBRARY)]
    again = [t.slug for t in alternatives(plan.to_json(), "doorway_pec_stretch", profile, LIBRARY)]
    assert first == again
    priorities = [LIBRARY.get(s).priority for s in first]
    assert priorities == sorted(priorities, reverse=True)


def test_an_item_not_in_the_plan_is_a_clear_problem() -> None:
    with pytest.raises(SwapProblem, match="slug: 'cobra' is not in this plan"):
        alternatives(_plan(20, {Day.MON: ["cat_cow"]}), "cobra", _profile(), LIBRARY)


# ---------------------------------------------------------------------------------------------
# Making the swap
# ---------------------------------------------------------------------------------------------


def test_a_swap_replaces_the_item_on_every_day_and_nowhere_else() -> None:
    profile = _profile()
    plan = build_plan(profile).to_json()
    before = copy.deepcopy(plan)
    days_with = [d["day"] for d in plan["days"] if any(i["slug"] == "band_row" for i in d["items"])]
    assert len(days_with) == 3
    swapped = swap(plan, "band_row", "wall_angels", profile, LIBRARY)
    assert plan == before, "the plan given is not changed"
    for old, new in zip(plan["days"], swapped["days"], strict=True):
        old_slugs = [i["slug"] for i in old["items"]]
        new_slugs = [i["slug"] for i in new["items"]]
        if old["day"] in days_with:
            assert new_slugs == [("wall_angels" if s == "band_row" else s) for s in old_slugs]
            assert new["minutes"] == round(sum(i["minutes"] for i in new["items"]), 1)
        else:
            assert new == old
    angels = next(i for i in swapped["days"][0]["items"] if i["slug"] == "wall_angels")
    assert angels["name"] == LIBRARY.get("wall_angels").name
    assert angels["dose"]["text"] == LIBRARY.get("wall_angels").dose.describe()
    assert angels["reason"] == LIBRARY.get("wall_angels").reasons["sitting_screens"]
    assert angels["phase"] == "strength"
    assert set(angels) == set(plan["days"][0]["items"][0])
    assert swapped["habits"] == plan["habits"]
    assert swapped["advice"] == plan["advice"]
    assert swapped["strength_days"] == plan["strength_days"]


def test_a_swap_takes_a_plan_object_or_its_json_alike() -> None:
    profile = _profile()
    plan = build_plan(profile)
    assert swap(plan, "doorway_pec_stretch", "seated_twist", profile, LIBRARY) == swap(
        plan.to_json(), "doorway_pec_stretch", "seated_twist", profile, LIBRARY
    )


@pytest.mark.parametrize(
    "replacement",
    [
        "band_row",  # itself
        "gentle_warm_up",  # another kind
        "band_row_strong",  # level 3
        "foam_roller_lats",  # another kind (release)
        "prone_t_raise_dumbbells",  # equipment the person lacks
        "no_such_thing",
        "",
    ],
)
def test_a_swap_for_anything_not_offered_is_refused(replacement: str) -> None:
    profile = _profile()
    with pytest.raises(SwapProblem, match=r"^replacement: "):
        swap(build_plan(profile), "band_row", replacement, profile, LIBRARY)


def test_a_swap_for_something_already_in_that_day_is_refused() -> None:
    plan = _plan(30, {Day.MON: ["thoracic_rotation", "cat_cow"]})
    with pytest.raises(SwapProblem):
        swap(plan, "thoracic_rotation", "cat_cow", _profile(), LIBRARY)


def test_a_swap_that_would_break_the_minutes_is_refused() -> None:
    plan = _plan(5, {Day.MON: ["gentle_warm_up", "thoracic_extension_chair", "seated_side_reach"]})
    with pytest.raises(SwapProblem):
        swap(plan, "thoracic_extension_chair", "side_lying_open_book", _profile(), LIBRARY)


def _from_json(data: dict[str, Any], like: Plan) -> Plan:
    """A plan's JSON back into the core's types, so the planner's own checks can judge it."""

    def item(raw: dict[str, Any]) -> PlanItem:
        dose = {k: v for k, v in raw["dose"].items() if k not in ("text", "note")}
        kind = Kind(raw["kind"])
        return PlanItem(
            slug=raw["slug"],
            name=raw["name"],
            kind=kind,
            position=Position(raw["position"]),
            equipment=tuple(Equipment(e) for e in raw["equipment"]),
            phase=PHASE_OF_KIND[kind],
            dose=Dose.model_validate(dose),
            minutes=raw["minutes"],
            reason=raw["reason"],
            dose_note=raw["dose"]["note"],
        )

    return Plan(
        minutes_per_day=data["minutes_per_day"],
        days=tuple(
            PlanDay(
                day=Day(d["day"]),
                items=tuple(item(i) for i in d["items"]),
                strength_day=d["strength_day"],
            )
            for d in data["days"]
        ),
        habits=tuple(data["habits"]),
        advice=like.advice,
        strength_days=tuple(Day(d) for d in data["strength_days"]),
        gentle_only=data["gentle_only"],
    )


@settings(max_examples=60, deadline=None)
@given(profile=profiles, gentle_only=st.booleans(), data=st.data())
def test_any_offered_swap_keeps_every_hard_constraint_of_the_plan(
    profile: Profile, gentle_only: bool, data: Any
) -> None:
    plan = build_plan(profile, LIBRARY, gentle_only=gentle_only)
    slug = data.draw(st.sampled_from(sorted(_slugs(plan))))
    offered = alternatives(plan, slug, profile, LIBRARY, gentle_only)
    if not offered:
        return
    choice = data.draw(st.sampled_from([t.slug for t in offered]))
    swapped = _from_json(swap(plan, slug, choice, profile, LIBRARY, gentle_only), plan)
    problems = [
        p
        for p in plan_problems(profile, swapped, LIBRARY, gentle_only=gentle_only)
        if "under 80 %" not in p  # a shorter alternative is the person's own choice
    ]
    assert problems == []
    assert slug not in _slugs(swapped.to_json())


# ---------------------------------------------------------------------------------------------
# The gentle view
# ---------------------------------------------------------------------------------------------


def test_the_gentle_view_keeps_only_flare_safe_items_and_no_strength() -> None:
    profile = _profile()
    plan = build_plan(profile)
    shown = gentle_view(plan, LIBRARY)
    assert shown["gentle_only"] is True
    assert shown["strength_days"] == []
    for day in shown["days"]:
        assert day["strength_day"] is False
        assert day["minutes"] == round(sum(i["minutes"] for i in day["items"]), 1)
        for item in day["items"]:
            technique = LIBRARY.get(item["slug"])
            assert technique.suitability.flare_ok
            assert technique.kind is not Kind.STRENGTH
    kept = _slugs(shown)
    assert "gentle_warm_up" in kept
    assert "band_row" not in kept
    assert "foam_roller_mid_back" not in kept


def test_the_gentle_view_leaves_out_items_the_library_no_longer_knows() -> None:
    plan = _plan(20, {Day.MON: ["gentle_warm_up", "cat_cow"]})
    plan["days"][0]["items"][1]["slug"] = "retired_item"
    shown = gentle_view(plan, LIBRARY)
    assert [i["slug"] for i in shown["days"][0]["items"]] == ["gentle_warm_up"]


def test_the_gentle_view_does_not_change_the_plan_given() -> None:
    plan = build_plan(_profile()).to_json()
    before = copy.deepcopy(plan)
    gentle_view(plan, Library(techniques=LIBRARY.techniques, advice=LIBRARY.advice))
    assert plan == before
