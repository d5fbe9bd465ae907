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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from upback.core.library import Dose, Library, Technique, default_library
from upback.core.profile import Profile
from upback.core.vocab import WEEK, Day, Equipment, Kind, Position, Trigger, Who

# A new plan never starts above this level; level 3 variants are for later progression.
MAX_START_LEVEL = 2
# A day is filled to at least this share of the person's minutes whenever the library allows.
FILL_SHARE_TENTHS = 8  # 80 %, in tenths of a minute per minute of budget
# Score adjustments (priorities run 0-100).
TRIGGER_BONUS = 5
OLDER_ADULT_LEVEL_PENALTY = 15
OLDER_ADULT_FLOOR_PENALTY = 10
# Days without strength rotate the best few mobility/stretch options, this many places a day.
ROTATION_POOL = 8
ROTATION_STEP = 2
# Acute when the pain is this recent (weeks) or flaring.
ACUTE_WEEKS = 2.0
DESK_FIXES_MIN = 3
DESK_FIXES_MAX = 6
HABIT_COUNT = 2

STRENGTH_PATTERNS: dict[int, tuple[Day, ...]] = {
    0: (),
    1: (Day.MON,),
    2: (Day.MON, Day.THU),
    3: (Day.MON, Day.WED, Day.FRI),
}
"""Strength days for each weekly count: never two days in a row, Sunday to Monday included."""


class Phase(IntEnum):
    """Where an item sits in a session; the value is its order."""

    WARM_UP = 0
    MOBILITY = 1
    STRENGTH = 2
    RELEASE = 3
    BREATHING = 4

    @property
    def label(self) -> str:
        return self.name.lower()


PHASE_OF_KIND: dict[Kind, Phase] = {
    Kind.WARM_UP: Phase.WARM_UP,
    Kind.QUICK_RELIEF: Phase.WARM_UP,
    Kind.MOBILITY: Phase.MOBILITY,
    Kind.STRETCH: Phase.MOBILITY,
    Kind.YOGA: Phase.MOBILITY,
    Kind.STRENGTH: Phase.STRENGTH,
    Kind.RELEASE: Phase.RELEASE,
    Kind.BREATHING: Phase.BREATHING,
}
"""Kinds that belong in a session; heat/cold and posture cues are advice, never routine items."""

# Within a phase, ties go to the kind listed first (warm-up before quick relief, mobility first).
_KIND_RANK: dict[Kind, int] = {kind: rank for rank, kind in enumerate(PHASE_OF_KIND)}


# ---------------------------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanItem:
    slug: str
    name: str
    kind: Kind
    position: Position
    equipment: tuple[Equipment, ...]
    phase: Phase
    dose: Dose
    minutes: float
    reason: str
    dose_note: str | None = None
    """Set when the planner changed the library's dose (fewer sets, to fit the day)."""

    def to_json(self) -> dict[str, Any]:
        dose: dict[str, Any] = self.dose.model_dump(mode="json")
        dose["text"] = self.dose.describe()
        dose["note"] = self.dose_note
        return {
            "slug": self.slug,
            "name": self.name,
            "kind": self.kind.value,
            "position": self.position.value,
            "equipment": [e.value for e in self.equipment],
            "minutes": self.minutes,
            "dose": dose,
            "reason": self.reason,
            "phase": self.phase.label,
        }


@dataclass(frozen=True)
class PlanDay:
    day: Day
    items: tuple[PlanItem, ...]
    strength_day: bool

    @property
    def minutes(self) -> float:
        return round(float(sum(item.minutes for item in self.items)), 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.value,
            "minutes": self.minutes,
            "items": [item.to_json() for item in self.items],
            "strength_day": self.strength_day,
        }


@dataclass(frozen=True)
class HeatColdPlan:
    use: str  # "heat" or "cold"
    when: str
    minutes: str
    how: tuple[str, ...]
    who_must_not: tuple[str, ...]
    never: tuple[str, ...]
    rule: str

    def to_json(self) -> dict[str, Any]:
        return {
            "use": self.use,
            "when": self.when,
            "minutes": self.minutes,
            "how": list(self.how),
            "who_must_not": list(self.who_must_not),
            "never": list(self.never),
            "rule": self.rule,
        }


@dataclass(frozen=True)
class PlanAdvice:
    desk: tuple[str, ...]
    heat_cold: HeatColdPlan
    sleep: str
    timeline: str
    safety_net: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "desk": list(self.desk),
            "heat_cold": self.heat_cold.to_json(),
            "sleep": self.sleep,
            "timeline": self.timeline,
            "safety_net": list(self.safety_net),
        }


@dataclass(frozen=True)
class Plan:
    minutes_per_day: int
    days: tuple[PlanDay, ...]
    habits: tuple[str, ...]
    advice: PlanAdvice
    strength_days: tuple[Day, ...]
    gentle_only: bool = False

    def day(self, day: Day | str) -> PlanDay:
        wanted = Day(day)
        return next(d for d in self.days if d.day is wanted)

    def to_json(self) -> dict[str, Any]:
        return {
            "minutes_per_day": self.minutes_per_day,
            "days": [day.to_json() for day in self.days],
            "habits": list(self.habits),
            "advice": self.advice.to_json(),
            "strength_days": [d.value for d in self.strength_days],
            "gentle_only": self.gentle_only,
        }


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
# Building one day
# ---------------------------------------------------------------------------------------------


def _tenths(dose: Dose) -> int:
    return round(dose.minutes * 10)


def _with_sets(dose: Dose, sets: int) -> Dose:
    return Dose.model_validate({**dose.model_dump(), "sets": sets})


@dataclass(frozen=True)
class _Slot:
    options: tuple[Technique, ...]
    shrinkable: bool = False  # may drop sets (never below one) to fit


@dataclass
class _Pick:
    technique: Technique
    dose: Dose
    note: str | None
    order: int


@dataclass
class _Day:
    budget: int  # tenths of a minute
    picks: list[_Pick] = field(default_factory=list)

    @property
    def used(self) -> int:
        return sum(_tenths(p.dose) for p in self.picks)

    @property
    def room(self) -> int:
        return self.budget - self.used

    def has(self, technique: Technique) -> bool:
        return any(p.technique.slug == technique.slug for p in self.picks)

    def has_variant_of(self, technique: Technique) -> bool:
        """Whether the day holds an easier or harder version of `technique`, or it of them."""
        return any(
            p.technique.slug in (*technique.easier, *technique.harder)
            or technique.slug in (*p.technique.easier, *p.technique.harder)
            for p in self.picks
        )

    def has_kind(self, kind: Kind) -> bool:
        return any(p.technique.kind is kind for p in self.picks)

    def add(self, technique: Technique, dose: Dose, note: str | None = None) -> _Pick:
        pick = _Pick(technique, dose, note, order=len(self.picks))
        self.picks.append(pick)
        return pick

    def try_slot(self, slot: _Slot, minutes: int) -> _Pick | None:
        """Add the first option that fits, at full dose or, if allowed, with fewer sets."""
        for technique in slot.options:
            if self.has(technique):
                continue
            if _tenths(technique.dose) <= self.room:
                return self.add(technique, technique.dose)
            if slot.shrinkable:
                for sets in range(technique.dose.sets - 1, 0, -1):
                    dose = _with_sets(technique.dose, sets)
                    if _tenths(dose) <= self.room:
                        note = (
                            f"{sets} of the usual {technique.dose.sets} sets, "
                            f"to fit your {minutes} minutes"
                        )
                        return self.add(technique, dose, note)
        return None


def _best_subset(options: Sequence[Technique], low: int, high: int) -> list[Technique] | None:
    """A subset of `options` whose minutes total within [low, high] (tenths), if there is one.

    The smallest such total wins; each total is reached with the earliest options that reach it.
    """
    reachable: dict[int, tuple[int, ...]] = {0: ()}
    for index, technique in enumerate(options):
        size = _tenths(technique.dose)
        for total, chosen in sorted(reachable.items()):
            new_total = total + size
            if new_total <= high and new_total not in reachable:
                reachable[new_total] = (*chosen, index)
    fits = sorted(total for total in reachable if low <= total <= high)
    if not fits:
        return None
    return [options[i] for i in reachable[fits[0]]]


@dataclass(frozen=True)
class _Pools:
    warm_up: list[Technique]
    flexibility: list[Technique]
    strength: list[Technique]
    release: list[Technique]
    breathing: list[Technique]


def _pools(candidates: Sequence[Technique], profile: Profile) -> _Pools:
    def of(phase: Phase) -> list[Technique]:
        return _ranked((t for t in candidates if PHASE_OF_KIND[t.kind] is phase), profile)

    return _Pools(
        warm_up=of(Phase.WARM_UP),
        flexibility=of(Phase.MOBILITY),
        strength=of(Phase.STRENGTH),
        release=of(Phase.RELEASE),
        breathing=of(Phase.BREATHING),
    )


def _flex_order(flexibility: Sequence[Technique], variant: int) -> list[Technique]:
    """The day's mobility/stretch order.

    Variant 0 is the ranked list; each later variant turns the best few options on by
    ROTATION_STEP places, the rest following in rank order. The second pick is of a different kind
    from the first when one is available, so a day mixes mobility with a stretch.
    """
    if not flexibility:
        return []
    pool = list(flexibility[:ROTATION_POOL])
    turn = (variant * ROTATION_STEP) % len(pool)
    turned = [*pool[turn:], *pool[:turn], *flexibility[ROTATION_POOL:]]
    first = turned[0]
    other = next((t for t in turned[1:] if t.kind is not first.kind), None)
    if other is None:
        return turned
    return [first, other, *(t for t in turned[1:] if t is not other)]


def _fill_core(
    state: _Day,
    pools: _Pools,
    flex: Sequence[Technique],
    *,
    strength_day: bool,
    strength_first: bool,
    minutes: int,
) -> _Pick | None:
    """Fill the core slots, most important first; returns the breathing finish, if any."""
    shortest_breath = sorted(pools.breathing, key=lambda t: _tenths(t.dose))
    main_strength = _Slot(tuple(pools.strength), shrinkable=True)
    if strength_day and strength_first:
        state.try_slot(main_strength, minutes)
    state.try_slot(_Slot(tuple(pools.warm_up)), minutes)
    breath = state.try_slot(_Slot(tuple(shortest_breath)), minutes)
    state.try_slot(_Slot(tuple(flex)), minutes)
    if strength_day:
        if not strength_first:
            state.try_slot(main_strength, minutes)
        state.try_slot(_Slot(tuple(pools.strength)), minutes)
    state.try_slot(_Slot(tuple(flex)), minutes)
    state.try_slot(_Slot(tuple(pools.release)), minutes)
    return breath


def _lengthen_breathing(state: _Day, breath: _Pick, pools: _Pools) -> None:
    """Swap the short breathing finish for the longest one that fits (the guide's five minutes)."""
    current = _tenths(breath.dose)
    room = state.room + current
    longer = [t for t in pools.breathing if current < _tenths(t.dose) <= room and not state.has(t)]
    if longer:
        best = max(longer, key=lambda t: _tenths(t.dose))  # the first of the longest, by rank
        breath.technique, breath.dose, breath.note = best, best.dose, None


def _interleave(*queues: Sequence[Technique]) -> list[Technique]:
    """One from each queue in turn: a, b, a, b, ... then whatever is left."""
    out: list[Technique] = []
    for index in range(max((len(q) for q in queues), default=0)):
        out.extend(q[index] for q in queues if index < len(q))
    return out


def _plan_day(strength_day: bool, variant: int, pools: _Pools, minutes: int) -> list[_Pick]:
    flex = _flex_order(pools.flexibility, variant)
    state = _Day(budget=minutes * 10)
    breath = _fill_core(
        state, pools, flex, strength_day=strength_day, strength_first=False, minutes=minutes
    )
    if strength_day and pools.strength and not state.has_kind(Kind.STRENGTH):
        # A strength day needs its strength: start again with it first.
        state = _Day(budget=minutes * 10)
        breath = _fill_core(
            state, pools, flex, strength_day=True, strength_first=True, minutes=minutes
        )
    if breath is not None:
        _lengthen_breathing(state, breath, pools)

    # Extras until the day reaches its share of the minutes.
    target = minutes * FILL_SHARE_TENTHS
    strength = pools.strength if strength_day else []
    ordered = (
        *_interleave(
            [t for t in flex if not state.has(t)], [t for t in strength if not state.has(t)]
        ),
        *pools.release,
        *pools.warm_up,
        *pools.breathing,
    )
    extras = [t for t in ordered if not state.has(t)]
    # First pass skips easier/harder versions of what the day already has (cat-cow and seated
    # cat-cow on one day reads as a repeat); the second pass takes them if the day needs them.
    for avoid_variants in (True, False):
        for technique in extras:
            if state.used >= target:
                break
            if state.has(technique) or (avoid_variants and state.has_variant_of(technique)):
                continue
            if _tenths(technique.dose) <= state.room:
                state.add(technique, technique.dose)
    if state.used < target:
        remaining = [t for t in extras if not state.has(t)]
        for technique in _best_subset(remaining, target - state.used, state.room) or []:
            state.add(technique, technique.dose)
    return sorted(state.picks, key=lambda p: (PHASE_OF_KIND[p.technique.kind], p.order))


# ---------------------------------------------------------------------------------------------
# Habits and advice
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


def _desk_advice(profile: Profile, library: Library) -> tuple[str, ...]:
    triggers = set(profile.triggers)
    if profile.who is Who.DESK_WORKER:
        triggers.add(Trigger.SITTING_SCREENS)
    ranked = sorted(library.advice.desk, key=lambda f: (-f.priority, f.slug))
    relevant = [f for f in ranked if triggers & set(f.triggers)]
    general = [f for f in ranked if f not in relevant]
    chosen = relevant[:DESK_FIXES_MAX]
    chosen += general[: max(0, DESK_FIXES_MIN - len(chosen))]
    return tuple(f"{fix.title}: {fix.text}" for fix in chosen)


def _advice(profile: Profile, library: Library) -> PlanAdvice:
    advice = library.advice
    thermal = advice.heat_cold.cold if profile.in_flare else advice.heat_cold.heat
    heat_cold = HeatColdPlan(
        use="cold" if profile.in_flare else "heat",
        when=thermal.when,
        minutes=thermal.minutes,
        how=tuple(thermal.how),
        who_must_not=tuple(advice.heat_cold.who_must_not),
        never=tuple(advice.heat_cold.never),
        rule=advice.heat_cold.rule,
    )
    sleep_tip = getattr(advice.sleep, profile.sleep_position.value)
    acute = profile.in_flare or profile.duration_weeks <= ACUTE_WEEKS
    timeline = advice.timeline.acute if acute else advice.timeline.chronic
    return PlanAdvice(
        desk=_desk_advice(profile, library),
        heat_cold=heat_cold,
        sleep=f"{sleep_tip} {advice.sleep.mattress}",
        timeline=f"{timeline} {advice.timeline.review}",
        safety_net=tuple(advice.safety_net),
    )


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

    def item(pick: _Pick) -> PlanItem:
        t = pick.technique
        return PlanItem(
            slug=t.slug,
            name=t.name,
            kind=t.kind,
            position=t.position,
            equipment=tuple(t.equipment),
            phase=PHASE_OF_KIND[t.kind],
            dose=pick.dose,
            minutes=_tenths(pick.dose) / 10,
            reason=reason_for(t, profile, gentle_only=gentle_only),
            dose_note=pick.note,
        )

    days: list[PlanDay] = []
    variant = 1 if wanted else 0  # the first day without strength differs from strength days
    for day in WEEK:
        if day in wanted:
            picks = _plan_day(True, 0, pools, profile.minutes_per_day)
        else:
            picks = _plan_day(False, variant, pools, profile.minutes_per_day)
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
        advice=_advice(profile, lib),
        strength_days=tuple(d.day for d in days if d.strength_day),
        gentle_only=gentle_only,
    )
