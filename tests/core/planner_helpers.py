"""Shared checks for the planner tests: `plan_problems` and `boosted`.

`plan_problems` lists every hard constraint a plan breaks, by the rules rather than by the
planner's own code, so the constraint tests and the property tests judge plans the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from upback.core.library import Library, Technique
from upback.core.planner import Plan
from upback.core.profile import Profile
from upback.core.vocab import FLOOR_POSITIONS, WEEK, Kind

PHASE_ORDER: dict[Kind, int] = {
    Kind.WARM_UP: 0,
    Kind.QUICK_RELIEF: 0,
    Kind.MOBILITY: 1,
    Kind.STRETCH: 1,
    Kind.YOGA: 1,
    Kind.STRENGTH: 2,
    Kind.RELEASE: 3,
    Kind.BREATHING: 4,
}


def eligible(t: Technique, profile: Profile, *, strength_day: bool, gentle: bool) -> bool:
    """Whether a technique may appear in a session of that day, by the rules, not the planner."""
    return (
        t.in_routine
        and t.kind in PHASE_ORDER
        and set(t.equipment) <= set(profile.equipment)
        and (profile.floor_ok or t.position not in FLOOR_POSITIONS)
        and t.level <= 2
        and (not gentle or (t.suitability.flare_ok and t.kind is not Kind.STRENGTH))
        and (strength_day or t.kind is not Kind.STRENGTH)
    )


def most_tenths(sizes: list[int], cap: int) -> int:
    """The largest total of distinct items that fits in `cap` (subset sum)."""
    reachable = {0}
    for size in sizes:
        reachable |= {total + size for total in reachable if total + size <= cap}
    return max(reachable)


def tenths(minutes: float) -> int:
    return round(minutes * 10)


def plan_problems(
    profile: Profile, plan: Plan, library: Library, *, gentle_only: bool = False
) -> list[str]:
    """Every hard constraint the plan breaks, as readable lines (empty when all hold)."""
    problems: list[str] = []
    gentle = gentle_only or profile.in_flare
    budget = profile.minutes_per_day * 10
    if [d.day for d in plan.days] != list(WEEK):
        problems.append(f"days are {[d.day for d in plan.days]}, not mon..sun")
    wanted = 0 if gentle else profile.strength_days_per_week
    if len(plan.strength_days) != wanted:
        problems.append(f"{len(plan.strength_days)} strength days, wanted {wanted}")
    indexes = [WEEK.index(d) for d in plan.strength_days]
    for a in indexes:
        if (a + 1) % 7 in indexes:
            problems.append(f"strength on {WEEK[a]} and the day after")
    for day in plan.days:
        where = day.day.value
        used = sum(tenths(i.minutes) for i in day.items)
        if used > budget:
            problems.append(f"{where}: {used / 10} min is over {profile.minutes_per_day}")
        if tenths(day.minutes) != used:
            problems.append(f"{where}: day minutes {day.minutes} is not the sum of its items")
        is_strength_day = day.day in plan.strength_days
        pool = [
            tenths(t.minutes)
            for t in library.techniques.values()
            if eligible(t, profile, strength_day=is_strength_day, gentle=gentle)
        ]
        if used < 8 * profile.minutes_per_day and most_tenths(pool, budget) >= 8 * (
            profile.minutes_per_day
        ):
            problems.append(f"{where}: {used / 10} min is under 80 % though the library allows it")
        kinds = [i.kind for i in day.items]
        if is_strength_day != (Kind.STRENGTH in kinds):
            problems.append(f"{where}: strength items do not match the strength days")
        phases = [PHASE_ORDER.get(k, -1) for k in kinds]
        if phases != sorted(phases) or -1 in phases:
            problems.append(f"{where}: items out of phase order: {[k.value for k in kinds]}")
        slugs = [i.slug for i in day.items]
        if len(set(slugs)) != len(slugs):
            problems.append(f"{where}: a technique repeats: {slugs}")
        for item in day.items:
            t = library.get(item.slug)
            label = f"{where} {item.slug}"
            if not eligible(t, profile, strength_day=is_strength_day, gentle=gentle):
                problems.append(f"{label}: not allowed for this person")
            if not item.reason.strip():
                problems.append(f"{label}: empty reason")
            if item.minutes <= 0 or tenths(item.minutes) != tenths(item.dose.minutes):
                problems.append(f"{label}: minutes {item.minutes} do not match the dose")
            if item.dose != t.dose:
                same_but_sets = item.dose.model_copy(update={"sets": t.dose.sets}) == t.dose
                if not (same_but_sets and 1 <= item.dose.sets < t.dose.sets and item.dose_note):
                    problems.append(f"{label}: dose changed beyond fewer sets, or without a note")
    return problems


def boosted(library: Library, pick: Callable[[Technique], bool]) -> Library:
    """The library with the chosen techniques made the most attractive of all."""
    return Library(
        techniques={
            slug: t.model_copy(update={"priority": 100}) if pick(t) else t
            for slug, t in library.techniques.items()
        },
        advice=library.advice,
    )
