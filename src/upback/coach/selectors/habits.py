"""Reads for the two-habit month: the current month, its ticks, the summary, and what to pick from.

Every query is scoped to its owner. The numbers (streaks, days kept, the summary) come from
core.habits, so the web page, Today and the terminal agree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import User

from upback.coach.models import HabitCheck, HabitMonth
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.plans import plan_current
from upback.coach.selectors.screenings import care_state_get
from upback.core import habits as core
from upback.core.care import CareState
from upback.core.library import Technique, default_library


def habit_month_current(*, owner: User) -> HabitMonth | None:
    """The person's latest habit month, running or ended (None before the first pick)."""
    return HabitMonth.objects.filter(owner=owner).order_by("-started_on", "-id").first()


def month_of(stored: HabitMonth) -> core.Month:
    """The stored month as core's Month (a habit stored oddly is skipped, not a crash)."""
    habits = tuple(
        core.Chosen.from_json(item)
        for item in stored.habits
        if isinstance(item, dict) and "slug" in item and "name" in item
    )
    return core.Month(started_on=stored.started_on, ends_on=stored.ends_on, habits=habits)


def habit_checks(*, month: HabitMonth) -> dict[str, set[dt.date]]:
    """The days each habit of the month was ticked, by habit slug."""
    kept: dict[str, set[dt.date]] = defaultdict(set)
    for habit, day in HabitCheck.objects.filter(month=month).values_list("habit", "local_date"):
        kept[habit].add(day)
    return dict(kept)


def habits_suggested(*, owner: User) -> list[str]:
    """The habit slugs the person's current plan suggests (none without a plan)."""
    plan = plan_current(owner=owner)
    suggested = (plan.data or {}).get("habits", []) if plan is not None else []
    return [slug for slug in suggested if isinstance(slug, str)]


@dataclass(frozen=True)
class Catalogue:
    offers: list[core.Offer]
    """The guides' habits the person may pick, their plan's suggestions first."""
    held: int
    """How many of the guides' habits wait because their exercise is on hold for now."""
    held_reason: str
    """Why they wait, to end the sentence '… built on an exercise, and …'."""


def habit_catalogue(*, owner: User, care: CareState | None = None) -> Catalogue:
    library = default_library()
    care = care or care_state_get(owner=owner)
    every = library.advice.habits
    offers = core.offers(
        every,
        suggested=habits_suggested(owner=owner),
        techniques=library.techniques,
        care=care,
    )
    return Catalogue(
        offers=offers, held=len(every) - len(offers), held_reason=core.held_reason(care)
    )


@dataclass(frozen=True)
class HabitLine:
    """One of the month's habits with what a page needs to show it."""

    progress: core.HabitProgress
    text: str
    """The guides' description ('' for the person's own habit)."""
    technique: Technique | None
    """The exercise it builds on, to link to; None for own habits and while it is on hold."""
    held: bool
    """Built on an exercise that is on hold for now (a red flag): shown, not ticked."""
    held_reason: str
    """Why, to end the sentence '… built on an exercise, and …' ('' when not held)."""

    @property
    def habit(self) -> core.Chosen:
        return self.progress.habit


@dataclass(frozen=True)
class HabitStatus:
    stored: HabitMonth
    month: core.Month
    today: dt.date
    lines: tuple[HabitLine, ...]
    summary: core.MonthSummary

    @property
    def ended(self) -> bool:
        return self.month.ended(self.today)

    @property
    def day_number(self) -> int:
        return self.month.day_number(self.today)

    @property
    def days_left(self) -> int:
        return self.month.days_left(self.today)

    @property
    def yesterday(self) -> dt.date | None:
        """Yesterday, when it belongs to the month and a habit can be ticked for it (a forgotten
        tick can still go in)."""
        day = self.today - dt.timedelta(days=1)
        tickable = any(not line.held for line in self.lines)
        return day if tickable and self.month.contains(day) else None

    @property
    def reminder_time(self) -> dt.time | None:
        return self.stored.reminder_time


def habit_status(
    *, owner: User, today: dt.date | None = None, care: CareState | None = None
) -> HabitStatus | None:
    """The current month as of the person's today: ticks, streaks and the summary (None before
    the first pick)."""
    stored = habit_month_current(owner=owner)
    if stored is None:
        return None
    today = today or local_today(owner=owner)
    care = care or care_state_get(owner=owner)
    month = month_of(stored)
    kept = habit_checks(month=stored)
    library = default_library()
    guides = {h.slug: h for h in library.advice.habits}
    lines = []
    for item in core.progress(month, kept, today):
        source = None if item.habit.own else guides.get(item.habit.slug)
        technique = library.techniques.get(source.technique or "") if source else None
        held = core.held(technique, care)
        lines.append(
            HabitLine(
                progress=item,
                text=source.text if source else "",
                technique=None if held else technique,
                held=held,
                held_reason=core.held_reason(care) if held else "",
            )
        )
    return HabitStatus(
        stored=stored,
        month=month,
        today=today,
        lines=tuple(lines),
        summary=core.summarise(month, kept, today),
    )


def habit_month_running(*, owner: User, today: dt.date | None = None) -> HabitMonth | None:
    """The month still running on the person's today (for the calendar's habit reminder)."""
    stored = habit_month_current(owner=owner)
    if stored is None or today_or_local(owner, today) >= stored.ends_on:
        return None
    return stored


def habit_summary(*, owner: User, today: dt.date | None = None) -> core.MonthSummary | None:
    """The latest month's summary (complete once it has ended); None before the first pick."""
    stored = habit_month_current(owner=owner)
    if stored is None:
        return None
    return core.summarise(
        month_of(stored), habit_checks(month=stored), today_or_local(owner, today)
    )


def today_or_local(owner: User, today: dt.date | None) -> dt.date:
    return today or local_today(owner=owner)
