"""Random valid profiles always get a plan that keeps every hard constraint."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.planner_helpers import boosted, plan_problems
from upback.core.library import default_library
from upback.core.planner import build_plan
from upback.core.profile import Profile, parse_profile
from upback.core.vocab import Equipment, PainCharacter, SleepPosition, Trigger, Who

profiles: st.SearchStrategy[Profile] = st.fixed_dictionaries(
    {
        "who": st.sampled_from([w.value for w in Who]),
        "age": st.integers(min_value=18, max_value=110),
        "triggers": st.lists(st.sampled_from([t.value for t in Trigger]), unique=True),
        "pain_character": st.sampled_from([p.value for p in PainCharacter]),
        "duration_weeks": st.floats(min_value=0, max_value=1040, allow_nan=False),
        "minutes_per_day": st.integers(min_value=5, max_value=30),
        "strength_days_per_week": st.integers(min_value=0, max_value=3),
        "equipment": st.lists(st.sampled_from([e.value for e in Equipment]), unique=True),
        "floor_ok": st.booleans(),
        "sleep_position": st.sampled_from([s.value for s in SleepPosition]),
    }
).map(parse_profile)


@settings(max_examples=300, deadline=None)
@given(profile=profiles, gentle_only=st.booleans())
def test_random_profiles_always_keep_every_hard_constraint(
    profile: Profile, gentle_only: bool
) -> None:
    library = default_library()
    plan = build_plan(profile, library, gentle_only=gentle_only)
    assert plan_problems(profile, plan, library, gentle_only=gentle_only) == []


@settings(max_examples=300, deadline=None)
@given(profile=profiles)
def test_tempting_level_3_and_advice_items_never_break_a_constraint(profile: Profile) -> None:
    library = boosted(default_library(), lambda t: t.level > 2 or not t.in_routine)
    assert plan_problems(profile, build_plan(profile, library), library) == []


@settings(max_examples=300, deadline=None)
@given(profile=profiles)
def test_random_profiles_always_get_the_same_plan_twice(profile: Profile) -> None:
    library = default_library()
    assert build_plan(profile, library).to_json() == build_plan(profile, library).to_json()


@settings(max_examples=300, deadline=None)
@given(profile=profiles, data=st.data())
def test_the_order_of_equipment_never_changes_the_plan(profile: Profile, data: Any) -> None:
    shuffled = data.draw(st.permutations(profile.equipment))
    other = profile.model_copy(update={"equipment": list(shuffled)})
    library = default_library()
    assert build_plan(profile, library).to_json() == build_plan(other, library).to_json()


@settings(max_examples=300, deadline=None)
@given(profile=profiles)
def test_random_profiles_always_get_two_habits_and_full_advice(profile: Profile) -> None:
    library = default_library()
    plan = build_plan(profile, library)
    slugs = {h.slug for h in library.advice.habits}
    assert len(plan.habits) == 2 and set(plan.habits) <= slugs
    assert 3 <= len(plan.advice.desk) <= 6
    assert plan.advice.heat_cold.use == ("cold" if profile.in_flare else "heat")
    assert plan.advice.sleep and plan.advice.timeline and plan.advice.safety_net
