"""The progress engine's data: journal entries in, a Progress out, and the verdict words.

Kept apart from the rules in `core/progress.py` so pages, charts and the report can use the
shapes without the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, NamedTuple

Verdict = Literal[
    "steady_improvement", "minimal_improvement", "no_change", "worsening", "not_enough_data"
]
AdviceLevel = Literal["info", "review", "refer", "safety"]
RangeCode = Literal["2w", "6w", "all"]

VERDICTS: tuple[Verdict, ...] = (
    "steady_improvement",
    "minimal_improvement",
    "no_change",
    "worsening",
    "not_enough_data",
)

# Short labels and one-sentence explanations of each verdict, in the project's own words.
VERDICT_LABELS: dict[Verdict, str] = {
    "steady_improvement": "Steady improvement",
    "minimal_improvement": "A little better",
    "no_change": "No real change yet",
    "worsening": "Pain has gone up",
    "not_enough_data": "Not enough entries yet",
}
VERDICT_SENTENCES: dict[Verdict, str] = {
    "steady_improvement": (
        "Your pain is clearly lower than when you started, and it has stayed that way. "
        "Keep going with your routine."
    ),
    "minimal_improvement": (
        "Your pain is a little lower than when you started. Keep going with your plan, "
        "and step it up gently."
    ),
    "no_change": "Your pain is about the same as when you started.",
    "worsening": "Your pain over the last few days is higher than when you started.",
    "not_enough_data": (
        "Log your pain on most days for a week and upback will show how things are going."
    ),
}


# The journal entries and the series points are named tuples, not dataclasses: years of data
# make thousands of them per page, and a tuple is made in a third of a frozen dataclass's time
# (straight from a database row with `_make`), while reading the same and staying immutable.


class PainEntry(NamedTuple):
    """One check-in's pain (0-10). Several on one day are averaged."""

    day: date
    pain: int


class SessionEntry(NamedTuple):
    """One finished session, with pain before and (if given) after."""

    day: date
    pain_before: int
    pain_after: int | None


class Point(NamedTuple):
    day: date
    value: float | None  # None on a day with no data


@dataclass(frozen=True)
class WeekAdherence:
    """Sessions done in a Monday-based week, against the number planned (pro-rated, see above)."""

    week_start: date
    done: int
    planned: int

    @property
    def ratio(self) -> float | None:
        """Done / planned, capped at 1.0; None when nothing was planned."""
        if self.planned <= 0:
            return None
        return min(1.0, self.done / self.planned)


@dataclass(frozen=True)
class Relief:
    sessions: int
    average: float | None
    per_session: tuple[tuple[date, int], ...]  # (day, pain before - pain after)


@dataclass(frozen=True)
class Advice:
    code: str
    level: AdviceLevel
    text: str


@dataclass(frozen=True)
class Progress:
    baseline: float | None
    current_7day: float | None
    change_points: float | None
    change_percent: float | None
    verdict: Verdict
    advice: tuple[Advice, ...]
    adherence: float | None
    weeks: tuple[WeekAdherence, ...]
    relief: Relief
    daily: tuple[Point, ...]
    rolling_7day: tuple[Point, ...]
    streak_days: int
    days_tracked: int
    review_due: bool

    def to_json(self) -> dict[str, Any]:
        """The machine-readable form (`upback progress --json`); figures rounded for reading."""
        return {
            "baseline": _round(self.baseline, 2),
            "current_7day": _round(self.current_7day, 2),
            "change_points": _round(self.change_points, 2),
            "change_percent": _round(self.change_percent, 1),
            "verdict": self.verdict,
            "advice": [
                {"code": item.code, "level": item.level, "text": item.text} for item in self.advice
            ],
            "adherence": _round(self.adherence, 2),
            "relief": {
                "sessions": self.relief.sessions,
                "average": _round(self.relief.average, 2),
                "per_session": [
                    {"day": day.isoformat(), "relief": value}
                    for day, value in self.relief.per_session
                ],
            },
            "streak_days": self.streak_days,
            "days_tracked": self.days_tracked,
            "review_due": self.review_due,
            "weeks": [
                {
                    "week_start": week.week_start.isoformat(),
                    "done": week.done,
                    "planned": week.planned,
                }
                for week in self.weeks
            ],
            "daily": [
                {"day": point.day.isoformat(), "pain": _round(point.value, 2)}
                for point in self.daily
            ],
            "rolling_7day": [
                {"day": point.day.isoformat(), "pain": _round(point.value, 2)}
                for point in self.rolling_7day
            ],
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)
