"""Reads for movement breaks: the person's break settings and their statistics by day and week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count

from upback.coach.models import BreakRecord
from upback.coach.selectors.accounts import account_settings_get, zone_named
from upback.core.breaks import BreakSettings, day_schedule


def break_settings_get(*, owner: User) -> BreakSettings:
    """The person's saved working hours and interval in their own zone; defaults when unset.

    A stored value that no longer validates (say, from an older version) falls back to the
    defaults rather than breaking the page.
    """
    name, stored = account_settings_get(owner=owner)
    zone = zone_named(name).key
    try:
        return BreakSettings(**(stored or {}), timezone=zone)
    except (ValueError, TypeError):
        return BreakSettings(timezone=zone)


@dataclass(frozen=True)
class BreakDay:
    day: dt.date
    taken: int
    snoozed: int
    skipped: int
    planned: int


@dataclass(frozen=True)
class BreakSummary:
    days: list[BreakDay]
    """One row per day of the period, oldest first, including days with nothing recorded."""
    taken: int
    snoozed: int
    skipped: int
    planned: int

    @property
    def share_taken(self) -> float | None:
        """Breaks taken as a share of those planned (None on a period with no working day)."""
        return min(self.taken / self.planned, 1.0) if self.planned else None


def break_summary(*, owner: User, last_day: dt.date, days: int = 7) -> BreakSummary:
    """Breaks taken, snoozed and skipped per day over `days` days ending on `last_day`."""
    first_day = last_day - dt.timedelta(days=days - 1)
    rows = (
        BreakRecord.objects.filter(owner=owner, local_date__range=(first_day, last_day))
        .values("local_date", "outcome")
        .annotate(n=Count("id"))
    )
    counts: dict[tuple[dt.date, str], int] = {(r["local_date"], r["outcome"]): r["n"] for r in rows}
    settings = break_settings_get(owner=owner)
    summary_days = []
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        summary_days.append(
            BreakDay(
                day=day,
                taken=counts.get((day, "taken"), 0),
                snoozed=counts.get((day, "snoozed"), 0),
                skipped=counts.get((day, "skipped"), 0),
                planned=len(day_schedule(settings, day)),
            )
        )
    return BreakSummary(
        days=summary_days,
        taken=sum(d.taken for d in summary_days),
        snoozed=sum(d.snoozed for d in summary_days),
        skipped=sum(d.skipped for d in summary_days),
        planned=sum(d.planned for d in summary_days),
    )


def breaks_recorded_on(*, owner: User, local_date: dt.date) -> int:
    """How many breaks were taken on the person's day (for the widget on Today)."""
    return BreakRecord.objects.filter(owner=owner, local_date=local_date, outcome="taken").count()
