"""Profile -> Plan: a 7-day schedule of dosed techniques, two habits and advice, each with a reason.

The planner is pure and deterministic: the same profile and library always give the same plan.
Selection is driven by the technique data only (kind, position, equipment, level, priority,
suitability, `in_routine`, reasons); nothing here names a technique.

How a day is built
------------------
1. Candidates: routine techniques the person can do (equipment they own, no floor work when
   the floor is off, gentle items only in a flare, never above level 2 for a new plan).
2. Each candidate gets a score: its priority, a small bonus when it has a reason for one of the
   person's triggers, and, for older adults, a penalty for level-2 and floor positions, so a gentler
   option wins when it is about as good.
3. Slots are filled in order of importance, each with the best option that still fits the day's
   minutes: warm-up, the shortest breathing finish, first mobility/stretch, the main strength
   exercise (strength days; its set count may come down to fit, never below one, and the item's
   dose then says so), a second strength exercise, a second mobility/stretch (of another kind
   when possible), a release. The breathing finish is then lengthened to the longest option that
   fits (the guide's five minutes), and extra items are added, best first (easier/harder versions
   of an item already in the day last), until the day reaches 80 % of the minutes; if that greedy
   pass falls short, a small exact search over the unused options finds a set that reaches it
   whenever one exists.
4. Items are shown in phase order: warm-up, mobility/stretch, strength, release, breathing.

Strength days fall on fixed weekdays (mon; mon+thu; mon+wed+fri) and keep the same exercises
(it makes progression easy to follow); the other days rotate the best mobility and stretch
options for variety. A sharp, new or swollen flare, or `gentle_only` (a safety screen that asks
for a clinician's check first), keeps to flare-safe items with no strength at all.

The plan's types live in `plan_models`, the fitting of one day in `plan_fitting` and the advice
in `plan_advice`; this module selects and scores, and puts the week together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from upback.core.library import Library, Technique, default_library
from upback.core.plan_advice import advice_for
from upback.core.plan_fitting import Pick, Pools, plan_day, tenths
from upback.core.plan_models import (
    PHASE_OF_KIND,
    HeatColdPlan,
    Phase,
    Plan,
    PlanAdvice,
    PlanDay,
    PlanItem,
)
from upback.core.profile import Profile
from upback.core.vocab import WEEK, Day, Kind, Trigger, Who

__all__ = [
    "HeatColdPlan",
    "Phase",
    "Plan",
    "PlanAdvice",
    "PlanDay",
    "PlanItem",
    "build_plan",
    "can_do",
    "choose_habits",
    "reason_for",
    "routine_candidates",
    "score",
]

# A new plan never starts above this level; level 3 variants are for later progression.
MAX_START_LEVEL = 2
# Score adjustments (priorities run 0-100).
TRIGGER_BONUS = 5
OLDER_ADULT_LEVEL_PENALTY = 15
OLDER_ADULT_FLOOR_PENALTY = 10
HABIT_COUNT = 2

STRENGTH_PATTERNS: dict[int, tuple[Day, ...]] = {
    0: (),
    1: (Day.MON,),
    2: (Day.MON, Day.THU),
    3: (Day.MON, Day.WED, Day.FRI),
}
"""Strength days for each weekly count: never two days in a row, Sunday to Monday included."""

# Within a phase, ties go to the kind listed first (warm-up before quick relief, mobility first).
_KIND_RANK: dict[Kind, int] = {kind: rank for rank, kind in enumerate(PHASE_OF_KIND)}


# ---------------------------------------------------------------------------------------------
# Candidates and scores
# ---------------------------------------------------------------------------------------------


def can_do(technique: Technique, profile: Profile, *, gentle_only: bool = False) -> bool:
    """Whether the person may be given this technique at all, routine or not."""
    gentle = gentle_only or profile.in_flare
    if not set(technique.equipment) <= set(profile.equipment):
        return False
    if gentle and (not technique.suitability.flare_ok or technique.kind is Kind.STRENGTH):
        return False
    return technique.level <= MAX_START_LEVEL


def routine_candidates(
    profile: Profile, library: Library, *, gentle_only: bool = False
) -> list[Technique]:
    """Techniques that may appear in this person's sessions, in slug order."""
    return [
        t
        for t in sorted(library.techniques.values(), key=lambda t: t.slug)
        if t.in_routine
        and t.kind in PHASE_OF_KIND
        and (profile.floor_ok or not t.on_floor)
        and can_do(t, profile, gentle_only=gentle_only)
    ]


def score(technique: Technique, profile: Profile) -> int:
    value = technique.priority
    if any(trigger in technique.reasons for trigger in profile.triggers):
        value += TRIGGER_BONUS
    if profile.who is Who.OLDER_ADULT:
        if technique.level > 1:
            value -= OLDER_ADULT_LEVEL_PENALTY
        if technique.on_floor:
            value -= OLDER_ADULT_FLOOR_PENALTY
    return value


def _ranked(techniques: Iterable[Technique], profile: Profile) -> list[Technique]:
    return sorted(techniques, key=lambda t: (-score(t, profile), _KIND_RANK[t.kind], t.slug))


def _pools(candidates: Sequence[Technique], profile: Profile) -> Pools:
    def of(phase: Phase) -> list[Technique]:
        return _ranked((t for t in candidates if PHASE_OF_KIND[t.kind] is phase), profile)

    return Pools(
        warm_up=of(Phase.WARM_UP),
        flexibility=of(Phase.MOBILITY),
        strength=of(Phase.STRENGTH),
        release=of(Phase.RELEASE),
        breathing=of(Phase.BREATHING),
    )


# ---------------------------------------------------------------------------------------------
# Reasons
# ---------------------------------------------------------------------------------------------

_GENERIC_REASONS: dict[Who, dict[Phase, str]] = {
    Who.DESK_WORKER: {
        Phase.WARM_UP: "Wakes up a back that has sat still at the desk, ready for the rest.",
        Phase.MOBILITY: "Loosens the stiffness a day at the desk leaves in your upper back.",
        Phase.STRENGTH: "Builds stamina in the muscles that hold you upright all working day.",
        Phase.RELEASE: "Eases the tight spots that long hours at a desk build up.",
        Phase.BREATHING: "Slow breathing drops the shoulders that desk work and deadlines lift.",
    },
    Who.LIFTER: {
        Phase.WARM_UP: "Warms your mid-back first, as you would before any heavy set.",
        Phase.MOBILITY: "A mid-back that moves freely spares your neck and lower back under load.",
        Phase.STRENGTH: "Balances your pressing with pulling, so your shoulders sit back.",
        Phase.RELEASE: "Loosens the muscles training leaves tight around your shoulder blades.",
        Phase.BREATHING: "Slow breathing helps your upper back settle between training days.",
    },
    Who.OLDER_ADULT: {
        Phase.WARM_UP: "A gentle start makes the rest of the session easier on stiff joints.",
        Phase.MOBILITY: "Keeps your mid-back moving, so turning and reaching stay easy.",
        Phase.STRENGTH: "Gentle strength for the muscles that help you stand tall.",
        Phase.RELEASE: "Eases tight spots between your shoulder blades without strain.",
        Phase.BREATHING: "Slow breathing eases the neck and shoulder muscles around a stiff spine.",
    },
    Who.OTHER: {
        Phase.WARM_UP: "Gets your upper back warm and ready for the rest of the session.",
        Phase.MOBILITY: "Gets your mid-back moving, taking strain off your neck and lower back.",
        Phase.STRENGTH: "Strengthens the muscles that hold your shoulder blades back.",
        Phase.RELEASE: "Eases tight spots between your shoulder blades.",
        Phase.BREATHING: "Slow breathing relaxes the muscles that tense up your upper back.",
    },
}

_GENTLE_REASONS: dict[Phase, str] = {
    Phase.WARM_UP: "A gentle start that gets you moving without stirring up the pain.",
    Phase.MOBILITY: "Small, easy movement keeps your back from seizing up while the pain settles.",
    Phase.STRENGTH: "Gentle work for the muscles that hold you upright.",
    Phase.RELEASE: "Light pressure can ease the guarding around a sore spot; keep it gentle.",
    Phase.BREATHING: "Slow breathing calms the muscle guarding that comes with pain.",
}


def reason_for(technique: Technique, profile: Profile, *, gentle_only: bool = False) -> str:
    """The technique's reason for the person's first matching trigger, else one for who they are."""
    for trigger in profile.triggers:
        text = technique.reasons.get(trigger)
        if text:
            return text
    phase = PHASE_OF_KIND.get(technique.kind, Phase.MOBILITY)
    if profile.in_flare or gentle_only:
        return _GENTLE_REASONS[phase]
    return _GENERIC_REASONS[profile.who][phase]


# ---------------------------------------------------------------------------------------------
# Habits
# ---------------------------------------------------------------------------------------------


def _trigger_rank(triggers: Sequence[Trigger], profile: Profile) -> int:
    """0 when the item matches the person's first trigger, 1 for the second, ...; len if none."""
    ranks = [i for i, trigger in enumerate(profile.triggers) if trigger in triggers]
    return min(ranks, default=len(profile.triggers))


def choose_habits(
    profile: Profile, library: Library, *, gentle_only: bool = False
) -> tuple[str, ...]:
    """Two habits: those matching the person's triggers first, then by priority."""
    usable = [
        habit
        for habit in library.advice.habits
        if habit.technique is None
        or (
            habit.technique in library.techniques
            and can_do(library.get(habit.technique), profile, gentle_only=gentle_only)
        )
    ]
    ranked = sorted(
        usable,
        key=lambda h: (
            not any(t in profile.triggers for t in h.triggers),
            -h.priority,
            _trigger_rank(h.triggers, profile),
            h.slug,
        ),
    )
    return tuple(h.slug for h in ranked[:HABIT_COUNT])


# ---------------------------------------------------------------------------------------------
# The whole plan
# ---------------------------------------------------------------------------------------------


def build_plan(
    profile: Profile, library: Library | None = None, *, gentle_only: bool = False
) -> Plan:
    """The person's week. `gentle_only` keeps to flare-safe items without strength, as in a flare
    (used while a safety screen asks for a clinician's check first)."""
    lib = library if library is not None else default_library()
    gentle = gentle_only or profile.in_flare
    pools = _pools(routine_candidates(profile, lib, gentle_only=gentle_only), profile)
    wanted = () if gentle else STRENGTH_PATTERNS[profile.strength_days_per_week]

    def item(pick: Pick) -> PlanItem:
        t = pick.technique
        return PlanItem(
            slug=t.slug,
            name=t.name,
            kind=t.kind,
            position=t.position,
            equipment=tuple(t.equipment),
            phase=PHASE_OF_KIND[t.kind],
            dose=pick.dose,
            minutes=tenths(pick.dose) / 10,
            reason=reason_for(t, profile, gentle_only=gentle_only),
            dose_note=pick.note,
        )

    days: list[PlanDay] = []
    variant = 1 if wanted else 0  # the first day without strength differs from strength days
    for day in WEEK:
        if day in wanted:
            picks = plan_day(True, 0, pools, profile.minutes_per_day)
        else:
            picks = plan_day(False, variant, pools, profile.minutes_per_day)
            variant += 1
        items = tuple(item(p) for p in picks)
        days.append(
            PlanDay(
                day=day,
                items=items,
                strength_day=any(i.kind is Kind.STRENGTH for i in items),
            )
        )
    return Plan(
        minutes_per_day=profile.minutes_per_day,
        days=tuple(days),
        habits=choose_habits(profile, lib, gentle_only=gentle_only),
        advice=advice_for(profile, lib),
        strength_days=tuple(d.day for d in days if d.strength_day),
        gentle_only=gentle_only,
    )
