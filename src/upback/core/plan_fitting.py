"""Fitting one day into the person's minutes: slots filled by importance, then extras.

This is step 3 of the overview in `upback.core.planner`: the planner hands over ranked pools of
candidates, and gets back the day's picks in phase order. All sums are in tenths of a minute, so
budgets compare exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from upback.core.library import Dose, Technique
from upback.core.plan_models import PHASE_OF_KIND
from upback.core.vocab import Kind

# A day is filled to at least this share of the person's minutes whenever the library allows.
FILL_SHARE_TENTHS = 8  # 80 %, in tenths of a minute per minute of budget
# Days without strength rotate the best few mobility/stretch options, this many places a day.
ROTATION_POOL = 8
ROTATION_STEP = 2


def tenths(dose: Dose) -> int:
    return round(dose.minutes * 10)


def _with_sets(dose: Dose, sets: int) -> Dose:
    return Dose.model_validate({**dose.model_dump(), "sets": sets})


@dataclass(frozen=True)
class _Slot:
    options: tuple[Technique, ...]
    shrinkable: bool = False  # may drop sets (never below one) to fit


@dataclass
class Pick:
    """One technique in the day being built, at the dose it will be done."""

    technique: Technique
    dose: Dose
    note: str | None
    order: int


@dataclass
class _Day:
    budget: int  # tenths of a minute
    picks: list[Pick] = field(default_factory=list)

    @property
    def used(self) -> int:
        return sum(tenths(p.dose) for p in self.picks)

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

    def add(self, technique: Technique, dose: Dose, note: str | None = None) -> Pick:
        pick = Pick(technique, dose, note, order=len(self.picks))
        self.picks.append(pick)
        return pick

    def try_slot(self, slot: _Slot, minutes: int) -> Pick | None:
        """Add the first option that fits, at full dose or, if allowed, with fewer sets."""
        for technique in slot.options:
            if self.has(technique):
                continue
            if tenths(technique.dose) <= self.room:
                return self.add(technique, technique.dose)
            if slot.shrinkable:
                for sets in range(technique.dose.sets - 1, 0, -1):
                    dose = _with_sets(technique.dose, sets)
                    if tenths(dose) <= self.room:
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
        size = tenths(technique.dose)
        for total, chosen in sorted(reachable.items()):
            new_total = total + size
            if new_total <= high and new_total not in reachable:
                reachable[new_total] = (*chosen, index)
    fits = sorted(total for total in reachable if low <= total <= high)
    if not fits:
        return None
    return [options[i] for i in reachable[fits[0]]]


@dataclass(frozen=True)
class Pools:
    """The person's candidates by phase, each list best first (the planner ranks them)."""

    warm_up: list[Technique]
    flexibility: list[Technique]
    strength: list[Technique]
    release: list[Technique]
    breathing: list[Technique]


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
    pools: Pools,
    flex: Sequence[Technique],
    *,
    strength_day: bool,
    strength_first: bool,
    minutes: int,
) -> Pick | None:
    """Fill the core slots, most important first; returns the breathing finish, if any."""
    shortest_breath = sorted(pools.breathing, key=lambda t: tenths(t.dose))
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


def _lengthen_breathing(state: _Day, breath: Pick, pools: Pools) -> None:
    """Swap the short breathing finish for the longest one that fits (the guide's five minutes)."""
    current = tenths(breath.dose)
    room = state.room + current
    longer = [t for t in pools.breathing if current < tenths(t.dose) <= room and not state.has(t)]
    if longer:
        best = max(longer, key=lambda t: tenths(t.dose))  # the first of the longest, by rank
        breath.technique, breath.dose, breath.note = best, best.dose, None


def _interleave(*queues: Sequence[Technique]) -> list[Technique]:
    """One from each queue in turn: a, b, a, b, ... then whatever is left."""
    out: list[Technique] = []
    for index in range(max((len(q) for q in queues), default=0)):
        out.extend(q[index] for q in queues if index < len(q))
    return out


def plan_day(strength_day: bool, variant: int, pools: Pools, minutes: int) -> list[Pick]:
    """One day's picks in phase order: core slots, the longest breathing finish, then extras."""
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
            if tenths(technique.dose) <= state.room:
                state.add(technique, technique.dose)
    if state.used < target:
        remaining = [t for t in extras if not state.has(t)]
        for technique in _best_subset(remaining, target - state.used, state.room) or []:
            state.add(technique, technique.dose)
    return sorted(state.picks, key=lambda p: (PHASE_OF_KIND[p.technique.kind], p.order))
