"""Reads about guided sessions, always scoped to their owner, and the person's own date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User

from upback.coach.models import GuidedItem, GuidedSession, Plan
from upback.core.library import default_library
from upback.core.vocab import WEEK, Day


def plan_day_of(date: dt.date) -> Day:
    return WEEK[date.weekday()]


def plan_day_items(
    *, plan: Plan, day: Day | str, gentle_only: bool = False
) -> list[dict[str, Any]]:
    """The items of one day of a stored plan, in order (empty when the day is missing).

    While a person should keep to gentle movement, only flare-suitable techniques are kept.
    """
    items: list[dict[str, Any]] = []
    for entry in plan.data.get("days", []):
        if entry.get("day") == str(day):
            items = list(entry.get("items", []))
    if gentle_only:
        library = default_library().techniques
        items = [
            item
            for item in items
            if item.get("slug") in library and library[item["slug"]].suitability.flare_ok
        ]
    return items


def session_get(*, owner: User, pk: int) -> GuidedSession | None:
    return GuidedSession.objects.filter(owner=owner, pk=pk).select_related("plan").first()


def session_items(*, session: GuidedSession) -> list[GuidedItem]:
    return list(session.items.order_by("order"))


def session_unfinished_on(*, owner: User, local_date: dt.date) -> GuidedSession | None:
    """The latest session started on this date and not yet finished, to resume."""
    return (
        GuidedSession.objects.filter(owner=owner, local_date=local_date, finished_at__isnull=True)
        .order_by("-started_at", "-id")
        .first()
    )


def session_list_on(*, owner: User, local_date: dt.date) -> list[GuidedSession]:
    """Every session started on this date, newest first (for the Today page)."""
    return list(
        GuidedSession.objects.filter(owner=owner, local_date=local_date)
        .prefetch_related("items")
        .order_by("-started_at", "-id")
    )
