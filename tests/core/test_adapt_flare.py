"""The flare-up plan: gentle items, breathing and heat for a few days, then building back up."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

from hypothesis import given, settings

from tests.core.adapt_helpers import LIBRARY, TODAY, dose_in, plan, profile, slugs_in
from tests.core.test_planner_properties import profiles
from upback.core import adapt
from upback.core.planner import build_plan
from upback.core.profile import Profile
from upback.core.vocab import FLOOR_POSITIONS, Kind


def guide_plan(**changes: Any) -> dict[str, Any]:
    return build_plan(profile(**changes)).to_json()


def items(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for d in data["days"] for i in d["items"]]


@settings(max_examples=40, deadline=None)
@given(profiles)
def test_a_flare_plan_is_gentle_fits_the_day_and_suits_the_person(person: Profile) -> None:
    before = build_plan(person).to_json()
    flared = adapt.flare_plan(before, LIBRARY, profile=person, today=TODAY)
    for day in flared["days"]:
        for found in day["items"]:
            technique = LIBRARY.get(found["slug"])
            assert technique.suitability.flare_ok
            assert set(technique.equipment) <= set(person.equipment)
            assert person.floor_ok or technique.position not in FLOOR_POSITIONS
        slugs = [i["slug"] for i in day["items"]]
        assert len(slugs) == len(set(slugs))
        assert day["minutes"] <= person.minutes_per_day + 1e-9 or day["minutes"] <= next(
            d["minutes"] for d in before["days"] if d["day"] == day["day"]
        )
        if day["items"]:
            assert any(i["kind"] == Kind.BREATHING.value for i in day["items"])
        assert day["strength_day"] == any(i["kind"] == "strength" for i in day["items"])
    assert flared["flare"]["phase"] == "flare"


def test_strength_work_is_halved_and_tough_strength_gives_way_to_a_gentle_one() -> None:
    before = guide_plan()
    flared, changes = adapt.flare_plan_with_changes(before, LIBRARY, profile=profile(), today=TODAY)
    assert "band_row" not in slugs_in(flared) and "prone_y_raise" not in slugs_in(flared)
    squeeze = LIBRARY.get("scapular_squeeze").dose
    assert dose_in(flared, "scapular_squeeze")["reps"] == (squeeze.reps or 0) // 2
    row = next(c for c in changes if c.slug == "band_row")
    assert row.new_slug == "scapular_squeeze" and "at half the usual amount" in row.reason
    assert all(c.rule == "adapt.flare" and c.changed for c in changes)
    assert len({(c.slug, c.new_slug) for c in changes}) == len(changes)


def test_items_with_no_gentle_version_are_set_aside_and_breathing_is_added() -> None:
    data = plan(["gentle_warm_up", "foam_roller_lats", "cobra"])
    flared, changes = adapt.flare_plan_with_changes(data, LIBRARY, profile=profile(), today=TODAY)
    assert slugs_in(flared) >= {"gentle_warm_up", "seated_side_reach", "thoracic_extension_chair"}
    added = [c for c in changes if c.before == "not in your plan"]
    assert added and LIBRARY.get(added[0].slug).kind is Kind.BREATHING
    assert any(i["kind"] == "breathing" for i in items(flared))


def test_without_a_profile_substitutes_need_no_equipment_and_no_floor() -> None:
    flared = adapt.flare_plan(guide_plan(), LIBRARY)
    for found in items(flared):
        technique = LIBRARY.get(found["slug"])
        if found["slug"] not in slugs_in(guide_plan()):
            assert not technique.equipment and not technique.on_floor


def test_the_flare_plan_says_heat_unless_the_plan_already_used_cold() -> None:
    assert adapt.flare_plan(guide_plan(), LIBRARY)["flare"]["heat"] == "heat"
    fresh = guide_plan(pain_character="sharp_new_or_swollen")
    assert adapt.flare_plan(fresh, LIBRARY)["flare"]["heat"] == "cold"
    note = adapt.flare_plan(guide_plan(), LIBRARY)["flare"]["note"]
    assert "week or two" in note and "physiotherapist" in note


def test_the_flare_starts_on_a_pain_2_above_usual_or_two_red_sessions() -> None:
    data = guide_plan()
    why = adapt.flare_trigger(data, checkin_pain=5, usual=3.0, two_reds=False)
    assert why == "Your pain (5 out of 10) is 2 or more above your usual (about 3)"
    assert adapt.flare_trigger(data, checkin_pain=4, usual=3.0, two_reds=False) is None
    assert adapt.flare_trigger(data, checkin_pain=9, usual=None, two_reds=False) is None
    assert adapt.flare_trigger(data, checkin_pain=None, usual=3.0, two_reds=True)
    flared = adapt.flare_plan(data, LIBRARY, today=TODAY)
    assert adapt.flare_trigger(flared, checkin_pain=9, usual=3.0, two_reds=True) is None


def test_it_builds_back_up_after_two_days_back_at_usual_then_returns_in_full() -> None:
    before = guide_plan()
    flared = adapt.flare_plan(before, LIBRARY, today=TODAY)
    day = TODAY + timedelta(days=2)
    settled = {TODAY + timedelta(days=1): 3, day: 3}
    assert adapt.flare_next(flared, today=day, pains=settled, usual=3.0) == "rebuild"
    sore = {TODAY + timedelta(days=1): 5, day: 3}
    assert adapt.flare_next(flared, today=day, pains=sore, usual=3.0) is None
    assert adapt.flare_next(flared, today=day, pains={day: 3}, usual=3.0) is None
    assert adapt.flare_next(flared, today=TODAY, pains={TODAY: 3}, usual=3.0) is None

    rebuilt, changes = adapt.flare_rebuild_plan(before, flared, today=day)
    assert rebuilt["flare"]["phase"] == "rebuilding"
    assert slugs_in(rebuilt) == slugs_in(before)
    assert dose_in(rebuilt, "band_row")["reps"] == 5 and dose_in(rebuilt, "band_row")["sets"] == 3
    assert dose_in(rebuilt, "thoracic_rotation") == dose_in(before, "thoracic_rotation")
    reasons = {c.slug: c.reason for c in changes}
    assert "is back in your plan" in reasons["band_row"] or "builds back up" in reasons["band_row"]
    assert "no longer needed" in reasons["scapular_squeeze"]

    week = day + timedelta(days=6)
    assert adapt.flare_next(rebuilt, today=week, pains={}, usual=3.0) is None
    assert adapt.flare_next(rebuilt, today=week + timedelta(days=1), pains={}, usual=3.0) == (
        "restore"
    )
    full, back = adapt.flare_restore_plan(before, rebuilt)
    assert full == before
    assert {c.slug for c in back} == {"band_row", "prone_y_raise"}
    assert all("full amount" in c.reason for c in back)


def test_without_a_usual_pain_the_flare_plan_lasts_three_days() -> None:
    flared = adapt.flare_plan(guide_plan(), LIBRARY, today=TODAY)
    later = TODAY + timedelta(days=2)
    assert adapt.flare_next(flared, today=later, pains={}, usual=None) is None
    assert adapt.flare_next(flared, today=later + timedelta(days=1), pains={}, usual=None) == (
        "rebuild"
    )


def test_a_plan_without_a_flare_has_no_next_flare_step() -> None:
    assert adapt.flare_next(guide_plan(), today=TODAY, pains={TODAY: 0}, usual=3.0) is None


def test_no_step_up_during_the_flare_plan_or_while_building_back_up() -> None:
    from tests.core.adapt_helpers import decision, run, session

    data = plan(["wall_angels"])
    flared = adapt.flare_plan(data, LIBRARY, today=TODAY - timedelta(days=5))
    sessions = [session(flared, 2), session(flared, 1)]
    held = decision(run(flared, sessions), "wall_angels")
    assert held.rule == "adapt.flare" and not held.changed
    rebuilt, _ = adapt.flare_rebuild_plan(data, flared, today=TODAY - timedelta(days=3))
    again = decision(run(rebuilt, [session(rebuilt, 2), session(rebuilt, 1)]), "wall_angels")
    assert again.rule == "adapt.flare"


def test_flare_functions_never_change_their_input() -> None:
    before = guide_plan()
    kept = copy.deepcopy(before)
    flared = adapt.flare_plan(before, LIBRARY, today=TODAY)
    flared_kept = copy.deepcopy(flared)
    rebuilt, _ = adapt.flare_rebuild_plan(before, flared, today=TODAY)
    adapt.flare_restore_plan(before, rebuilt)
    assert before == kept and flared == flared_kept
