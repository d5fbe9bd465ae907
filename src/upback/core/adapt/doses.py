"""Doses one step up or down, and the small edits of a plan's JSON that adapting makes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from upback.core.adapt.rules import (
    DURATION_FLOOR,
    HOLD_FLOOR,
    HOLD_RUNGS,
    LIGHTER_SHARE,
    REP_RUNGS,
    REP_STEP_MAX,
    REPS_FLOOR,
    SETS_TOP,
)
from upback.core.library import Dose, Technique
from upback.core.plan_models import PHASE_OF_KIND, PlanItem
from upback.core.profile import Profile
from upback.core.vocab import Kind

# ---------------------------------------------------------------------------------------------
# Doses
# ---------------------------------------------------------------------------------------------

_DOSE_FIELDS = tuple(Dose.model_fields)


def dose_of(data: Mapping[str, Any]) -> Dose | None:
    """A stored dose (plan JSON, with its display text and note) as a Dose; None if it is bad."""
    try:
        return Dose.model_validate({k: v for k, v in data.items() if k in _DOSE_FIELDS})
    except ValidationError:
        return None


def dose_key(data: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes two stored doses the same dose (display text and notes aside)."""
    return (
        int(data.get("sets") or 1),
        data.get("reps"),
        data.get("hold_seconds"),
        data.get("duration_seconds"),
        bool(data.get("per_side")),
    )


def with_changes(dose: Dose, **changes: Any) -> Dose | None:
    try:
        return Dose.model_validate({**dose.model_dump(), **changes})
    except ValidationError:
        return None


def tenths(dose: Dose) -> int:
    return round(dose.minutes * 10)


def more_reps(dose: Dose) -> Dose | None:
    """8 → 12 → 15: the next rung, at most 4 more; None at 15 or for a dose without reps."""
    if dose.reps is None or dose.reps >= REP_RUNGS[-1]:
        return None
    rung = next(r for r in REP_RUNGS if r > dose.reps)
    return with_changes(dose, reps=min(rung, dose.reps + REP_STEP_MAX))


def more_sets(dose: Dose) -> Dose | None:
    """1 → 2 → 3; None at 3."""
    return None if dose.sets >= SETS_TOP else with_changes(dose, sets=dose.sets + 1)


def longer_hold(dose: Dose) -> Dose | None:
    """Static holds of 10 s or more: 10 → 20 → 30 s. A short pause within each rep is not a hold
    to lengthen; None for those and at 30 s."""
    hold = dose.hold_seconds
    if hold is None or hold < HOLD_RUNGS[0] or hold >= HOLD_RUNGS[-1]:
        return None
    return with_changes(dose, hold_seconds=next(r for r in HOLD_RUNGS if r > hold))


def _round_to(value: float, step: int) -> int:
    return int(step * round(value / step))


def lighter(dose: Dose) -> Dose | None:
    """About 30-50 % less: one set fewer (two fewer from 4 or 5), else about 30 % fewer reps, else
    a shorter static hold or timed go. None when it is already at its lightest: one set of 5
    reps, a 10 s hold, a 30 s go."""
    if dose.sets > 1:
        return with_changes(dose, sets=max(1, min(dose.sets - 1, round(dose.sets * 0.6))))
    if dose.reps is not None:
        if dose.reps <= REPS_FLOOR:
            return None
        return with_changes(dose, reps=max(REPS_FLOOR, math.floor(dose.reps * LIGHTER_SHARE)))
    if dose.hold_seconds is not None:
        if dose.hold_seconds <= HOLD_FLOOR:
            return None
        return with_changes(
            dose, hold_seconds=max(HOLD_FLOOR, _round_to(dose.hold_seconds * LIGHTER_SHARE, 5))
        )
    if dose.duration_seconds is not None and dose.duration_seconds > DURATION_FLOOR:
        return with_changes(
            dose,
            duration_seconds=max(
                DURATION_FLOOR, _round_to(dose.duration_seconds * LIGHTER_SHARE, 30)
            ),
        )
    return None


def halved(dose: Dose) -> Dose:
    """Half the volume: half the reps, else half the hold or the timed go (sets kept)."""
    if dose.reps is not None:
        return with_changes(dose, reps=max(1, math.ceil(dose.reps / 2))) or dose
    if dose.hold_seconds is not None:
        return with_changes(dose, hold_seconds=max(5, math.ceil(dose.hold_seconds / 2))) or dose
    if dose.duration_seconds is not None:
        return (
            with_changes(dose, duration_seconds=max(10, math.ceil(dose.duration_seconds / 2)))
            or dose
        )
    return dose


# ---------------------------------------------------------------------------------------------
# The plan's JSON
# ---------------------------------------------------------------------------------------------


def dose_json(dose: Dose, note: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = dose.model_dump(mode="json")
    body["text"] = dose.describe()
    body["note"] = note
    return body


def with_dose(item: Mapping[str, Any], dose: Dose) -> dict[str, Any]:
    return {**item, "dose": dose_json(dose), "minutes": tenths(dose) / 10}


def item_tenths(item: Mapping[str, Any]) -> int:
    return round(float(item.get("minutes") or 0) * 10)


def days_with(data: Mapping[str, Any], slug: str) -> list[dict[str, Any]]:
    return [d for d in data.get("days", []) if any(i.get("slug") == slug for i in d["items"])]


def item_in(day: Mapping[str, Any], slug: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in day["items"] if i.get("slug") == slug)
    return found


def room_for(day: Mapping[str, Any], slug: str, budget: int) -> int:
    return budget - sum(item_tenths(i) for i in day["items"] if i.get("slug") != slug)


def budget_of(data: Mapping[str, Any]) -> int:
    return int(data.get("minutes_per_day") or 0) * 10


def replace_item(day: dict[str, Any], slug: str, new: dict[str, Any]) -> None:
    day["items"] = [new if i.get("slug") == slug else i for i in day["items"]]


def tidy(data: dict[str, Any]) -> None:
    """Day minutes, strength days and the week's strength days after items changed."""
    for day in data.get("days", []):
        day["minutes"] = round(float(sum(float(i.get("minutes") or 0) for i in day["items"])), 1)
        day["strength_day"] = any(i.get("kind") == Kind.STRENGTH.value for i in day["items"])
    data["strength_days"] = [d["day"] for d in data.get("days", []) if d["strength_day"]]


def doable(technique: Technique, profile: Profile | None, *, gentle: bool) -> bool:
    """A technique the person can be given: meant for a routine, their equipment and the floor
    (without a profile: no equipment and no floor work), and only flare-suitable when gentle."""
    if not technique.in_routine or technique.kind not in PHASE_OF_KIND:
        return False
    if gentle and not technique.suitability.flare_ok:
        return False
    if profile is None:
        return not technique.equipment and not technique.on_floor
    return set(technique.equipment) <= set(profile.equipment) and (
        profile.floor_ok or not technique.on_floor
    )


def fitted(
    technique: Technique, room: int, *, fewer_sets: bool = True
) -> tuple[Dose, str | None] | None:
    """The technique's library dose in `room` tenths of a minute; strength may drop sets (not
    below one) when `fewer_sets`, and the note then says so."""
    dose = technique.dose
    if tenths(dose) <= room:
        return dose, None
    if technique.kind is not Kind.STRENGTH or not fewer_sets:
        return None
    for sets in range(dose.sets - 1, 0, -1):
        fewer = with_changes(dose, sets=sets)
        if fewer is not None and tenths(fewer) <= room:
            return fewer, f"{sets} of the usual {dose.sets} sets, to fit your minutes"
    return None


def new_item(
    technique: Technique,
    dose: Dose,
    *,
    reason: str,
    note: str | None = None,
) -> dict[str, Any]:
    return PlanItem(
        slug=technique.slug,
        name=technique.name,
        kind=technique.kind,
        position=technique.position,
        equipment=tuple(technique.equipment),
        phase=PHASE_OF_KIND[technique.kind],
        dose=dose,
        minutes=tenths(dose) / 10,
        reason=reason,
        dose_note=note,
    ).to_json()
