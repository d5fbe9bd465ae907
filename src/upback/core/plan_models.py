"""The plan's types: a week of days, each a list of dosed items, with habits and advice.

Frozen dataclasses with a `to_json` each; the planner builds them, the CLI and the app show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from upback.core.library import Dose
from upback.core.vocab import Day, Equipment, Kind, Position


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
