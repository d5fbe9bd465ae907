"""Realistic, seeded journals for tests and benchmarks (pure: same kind and seed, same journal).

Each kind follows a pain curve over calendar days, with day-to-day noise, days without a check-in,
and sessions on most days (pain before near that day's pain, usually a little lower after):

* ``improving``: about 6.5 falling to about 2.5 over 6 weeks.
* ``flat``: about 5 for 6 weeks.
* ``worsening``: about 4 for a week, then rising to about 7.5 by day 16.
* ``noisy``: about 6 easing to about 4.5 over 8 weeks, with wide swings and some duplicate
  check-ins on one day.
* ``sparse``: improving, but a check-in on only about a third of the days.
* ``one_entry``: a single check-in and nothing else.
* ``flare_recovery``: about 5, easing to 3 by week 3, a flare to about 8 in week 4, then back to
  about 3 by week 7.
* ``three_years``: three years of improving-then-maintenance with an occasional flare.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from upback.core.progress import PainEntry, SessionEntry

JournalKind = Literal[
    "improving",
    "flat",
    "worsening",
    "noisy",
    "sparse",
    "one_entry",
    "flare_recovery",
    "three_years",
]
KINDS: tuple[JournalKind, ...] = (
    "improving",
    "flat",
    "worsening",
    "noisy",
    "sparse",
    "one_entry",
    "flare_recovery",
    "three_years",
)
DEFAULT_START = date(2024, 1, 1)


@dataclass(frozen=True)
class Journal:
    kind: str
    start: date
    today: date  # the last day of the journal: assess as of this day
    pain: tuple[PainEntry, ...]
    sessions: tuple[SessionEntry, ...]
    planned_per_week: int


@dataclass(frozen=True)
class _Shape:
    days: int
    curve: Callable[[int], float]
    noise: float
    log_chance: float
    session_chance: float
    duplicate_chance: float = 0.0


def _linear(a: float, b: float, over: int) -> Callable[[int], float]:
    def curve(day: int) -> float:
        return a + (b - a) * min(day, over) / over

    return curve


def _improving(day: int) -> float:
    return 6.5 - 4.0 * min(day, 35) / 35 if day >= 5 else 6.5


def _worsening(day: int) -> float:
    return 4.0 if day < 7 else min(7.5, 4.0 + (day - 6) * 0.4)


def _flare_recovery(day: int) -> float:
    if day < 7:
        return 5.0
    if day < 21:
        return 5.0 - 2.0 * (day - 7) / 14
    if day < 24:
        return 3.0 + (day - 20) * 1.7  # up to about 8 in three days
    if day < 28:
        return 8.0
    return max(3.0, 8.0 - (day - 27) * 0.35)


def _three_years(day: int) -> float:
    base = 6.0 - 3.0 * min(day, 90) / 90
    flare = 3.0 if day % 200 in range(150, 155) else 0.0
    return base + flare + 0.4 * math.sin(day / 29)


_SHAPES: dict[str, _Shape] = {
    "improving": _Shape(42, _improving, 0.6, 0.95, 0.85),
    "flat": _Shape(42, lambda day: 5.0, 0.7, 0.95, 0.85),
    "worsening": _Shape(16, _worsening, 0.4, 1.0, 0.8),
    "noisy": _Shape(56, _linear(6.0, 4.5, 56), 2.0, 0.9, 0.7, duplicate_chance=0.1),
    "sparse": _Shape(60, _improving, 0.6, 0.35, 0.3),
    "flare_recovery": _Shape(49, _flare_recovery, 0.4, 0.95, 0.8),
    "three_years": _Shape(3 * 365, _three_years, 0.7, 0.85, 0.75),
}


def _score(value: float) -> int:
    return max(0, min(10, round(value)))


def generate(
    kind: JournalKind,
    *,
    seed: int = 0,
    start: date = DEFAULT_START,
    days: int | None = None,
    planned_per_week: int = 7,
) -> Journal:
    """A journal of the given kind; `days` stretches or cuts it (the curve holds its last value)."""
    rng = random.Random(f"{kind}:{seed}")
    if kind == "one_entry":
        return Journal(
            kind=kind,
            start=start,
            today=start,
            pain=(PainEntry(day=start, pain=5),),
            sessions=(),
            planned_per_week=planned_per_week,
        )
    shape = _SHAPES[kind]
    length = days if days is not None else shape.days
    pain: list[PainEntry] = []
    sessions: list[SessionEntry] = []
    # The first three days are always logged, so every kind but `sparse` has its baseline early.
    for offset in range(length):
        day = start + timedelta(days=offset)
        level = shape.curve(offset) + rng.gauss(0.0, shape.noise)
        always = offset < 3 and kind != "sparse"
        if always or rng.random() < shape.log_chance:
            pain.append(PainEntry(day=day, pain=_score(level)))
            if rng.random() < shape.duplicate_chance:
                pain.append(PainEntry(day=day, pain=_score(level + rng.gauss(0.0, 1.0))))
        if rng.random() < shape.session_chance:
            before = _score(level + rng.gauss(0.0, 0.5))
            after: int | None = _score(before - rng.choice((0, 1, 1, 2, 2, 3)))
            if rng.random() < 0.05:
                after = None
            sessions.append(SessionEntry(day=day, pain_before=before, pain_after=after))
    return Journal(
        kind=kind,
        start=start,
        today=start + timedelta(days=max(0, length - 1)),
        pain=tuple(pain),
        sessions=tuple(sessions),
        planned_per_week=planned_per_week,
    )
