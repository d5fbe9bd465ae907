"""What a bench person looks like: their profile and plan, and the shape of their journal.

Pain improves then holds, with a flare every few months and a recovery after it; check-ins come
on most days but not all (whole missed weeks too); sessions about four times a week with
per-item feedback; breaks on working days; a few habit months. Everything is drawn from one
`random.Random` per person, so a seed gives the same people whichever database they land in.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any

TIME_ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Sydney",
    "UTC",
)
# Profile variants around the guide's own case; the planner runs once per variant.
_VARIANTS: tuple[dict[str, Any], ...] = (
    {},
    {"who": "lifter", "triggers": ["lifting_overuse"], "equipment": ["dumbbells"]},
    {
        "who": "older_adult",
        "age": 71,
        "floor_ok": False,
        "minutes_per_day": 10,
        "strength_days_per_week": 2,
        "equipment": [],
        "sleep_position": "back",
    },
    {
        "triggers": ["phone_use", "stress_breathing"],
        "minutes_per_day": 15,
        "equipment": ["massage_ball"],
        "sleep_position": "mixed",
    },
    {"minutes_per_day": 30, "equipment": ["resistance_band", "foam_roller", "heat_pack"]},
    {
        "who": "other",
        "age": 48,
        "triggers": ["heavy_bags"],
        "minutes_per_day": 12,
        "strength_days_per_week": 1,
        "equipment": [],
        "sleep_position": "stomach",
    },
)
_FEELINGS = ("too_easy", "about_right", "about_right", "about_right", "too_hard")


@dataclass(frozen=True)
class Template:
    profile: dict[str, Any]
    plan: dict[str, Any]


@functools.cache  # the planner runs once per variant, not once per person (or test)
def templates() -> list[Template]:
    from tests.examples import GUIDE_PROFILE

    from upback.core import planner
    from upback.core.profile import parse_profile

    out = []
    for variant in _VARIANTS:
        profile = parse_profile({**GUIDE_PROFILE, **variant})
        out.append(Template(profile.model_dump(mode="json"), planner.build_plan(profile).to_json()))
    return out


@functools.cache
def screening_result() -> tuple[dict[str, Any], str, list[str], dict[str, Any]]:
    from tests.examples import cleared_answers

    from upback.core import safety

    answers = cleared_answers()
    result = safety.screen(safety.Screening(age=40, answers=answers))
    return answers, result.disposition.value, list(result.rules), result.to_json()


def pain_curve(rng: random.Random, days: int) -> list[float]:
    """Improving then maintenance, with a flare every few months and a recovery after it."""
    start = rng.uniform(4.5, 7.5)
    floor = rng.uniform(1.0, 3.5)
    weeks = rng.uniform(4, 12)
    flares: list[tuple[int, float, int]] = []
    day = rng.randint(40, 120)
    while day < days:
        flares.append((day, rng.uniform(2.0, 4.0), rng.randint(7, 21)))
        day += rng.randint(60, 180)
    curve = []
    for d in range(days):
        base = floor + (start - floor) * math.exp(-d / (7 * weeks))
        for begin, height, length in flares:
            if begin <= d < begin + length:
                base += height * (1 - (d - begin) / length)
        curve.append(base)
    return curve


def clip(value: float) -> int:
    return max(0, min(10, round(value)))


def _habits(rng: random.Random, days: int) -> tuple[set[int], float]:
    """The weeks a person skips entirely, and how likely they log on any other day."""
    missed_weeks = {rng.randrange(max(1, days // 7)) for _ in range(max(1, days // 120))}
    return missed_weeks, rng.uniform(0.75, 0.97)


def _scores(rng: random.Random, pain: float) -> tuple[int, int, int, int, int]:
    """A check-in's minute past eight and its four scores, from the day's underlying pain."""
    minute = rng.randint(0, 59)
    return (
        minute,
        clip(pain),
        clip(pain + rng.gauss(0.5, 1)),
        clip(7 - pain / 2 + rng.gauss(0, 1)),
        clip(rng.gauss(4, 2)),
    )


def checkin_days(rng: random.Random, days: int) -> Iterator[tuple[int, int, int, int, int, int]]:
    """Check-ins only (day index, minute, pain, stiffness, sleep, stress): the scale run's shape.

    The same curve, gaps and scores as `person_rows`, without the sessions and breaks that the
    full generator draws in between (so the values differ from its, for the same seed).
    """
    curve = pain_curve(rng, days)
    missed_weeks, log_chance = _habits(rng, days)
    for d in range(days):
        if d // 7 in missed_weeks:
            continue
        pain = curve[d] + rng.gauss(0, 0.8)
        if rng.random() < log_chance:
            yield (d, *_scores(rng, pain))


Row = tuple[Any, ...]


def person_rows(
    rng: random.Random,
    day_value: Callable[[date], Any],
    at_value: Callable[[datetime | None], Any],
    dose_value: Callable[[dict[str, Any]], Any],
    owner_id: int,
    plan_id: int,
    tpl: Template,
    start: date,
    days: int,
) -> tuple[list[Row], list[Row], list[tuple[Row, list[Row]]]]:
    """Check-in rows, break rows, and session rows with their item rows (ids still to come).

    Values go through the given adapters (the database driver's own forms), so the rows can
    go straight to an INSERT or a COPY.
    """
    curve = pain_curve(rng, days)
    missed_weeks, log_chance = _habits(rng, days)
    plan_days = {d["day"]: d["items"] for d in tpl.plan["days"]}
    checkins: list[Row] = []
    sessions: list[tuple[Row, list[Row]]] = []
    breaks: list[Row] = []
    for d in range(days):
        day = start + timedelta(days=d)
        if d // 7 in missed_weeks:
            continue
        on = day_value(day)
        pain = curve[d] + rng.gauss(0, 0.8)
        if rng.random() < log_chance:
            minute, *scores = _scores(rng, pain)
            stamp = at_value(datetime.combine(day, dtime(8, minute), tzinfo=UTC))
            checkins.append((owner_id, on, *scores, "", stamp, stamp))
        weekday = day.strftime("%a").lower()
        if rng.random() < 4 / 7 and plan_days.get(weekday):
            began = datetime.combine(day, dtime(18, rng.randint(0, 59)), tzinfo=UTC)
            before = clip(pain)
            session = (
                owner_id, plan_id, weekday, on, at_value(began),
                at_value(began + timedelta(minutes=tpl.profile["minutes_per_day"])),
                before, clip(before - rng.uniform(-0.5, 2)),
                clip(pain + rng.gauss(0, 1)) if rng.random() < 0.4 else None,
                "web", False,
            )  # fmt: skip
            items = []
            for order, item in enumerate(plan_days[weekday]):
                done = rng.random() < 0.92
                items.append(
                    (
                        order, item["slug"], item["name"], dose_value(item),
                        "done" if done else "skipped",
                        at_value(began + timedelta(minutes=order * 2)) if done else None,
                        rng.choice(_FEELINGS) if done else "",
                        clip(before + rng.gauss(-0.5, 1)) if done else None,
                    )
                )  # fmt: skip
            sessions.append((session, items))
        if day.weekday() < 5 and rng.random() < 0.8:
            for hour in rng.sample(range(9, 17), rng.randint(2, 6)):
                at = datetime.combine(day, dtime(hour, rng.randint(0, 59)), tzinfo=UTC)
                outcome = rng.choices(("taken", "snoozed", "skipped"), (7, 2, 1))[0]
                kind = "active" if rng.random() < 0.2 else "micro"
                breaks.append((owner_id, at_value(at), on, outcome, kind, "prompt", "web", ""))
    return checkins, breaks, sessions


def habit_rows(
    rng: random.Random, owner_id: int, habits: list[dict[str, Any]], start: date, days: int
) -> list[tuple[Any, list[tuple[str, date, datetime]]]]:
    """A few 30-day habit months spread over the range, each ticked on most of its days.

    Each month comes as an unsaved HabitMonth with its checks as (habit, date, created_at).
    """
    from upback.coach.models import HabitMonth

    out = []
    count = min(3, max(1, days // 60))
    starts = sorted(rng.sample(range(max(1, days - 30)), min(count, max(1, days - 30))))
    last_end = -1
    for first in starts:
        if first <= last_end:
            continue
        began = start + timedelta(days=first)
        stamp = datetime.combine(began, dtime(9), tzinfo=UTC)
        month = HabitMonth(
            owner_id=owner_id,
            started_on=began,
            ends_on=began + timedelta(days=30),
            habits=habits,
            created_at=stamp,
        )
        keep = rng.uniform(0.5, 0.95)
        checks = [
            (h["slug"], began + timedelta(days=d), stamp + timedelta(days=d))
            for d in range(min(30, days - first))
            for h in habits
            if rng.random() < keep
        ]
        out.append((month, checks))
        last_end = first + 30
    return out
