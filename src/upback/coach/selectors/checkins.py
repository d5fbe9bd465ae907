"""Reads for the daily check-in and the journal, always scoped to their owner."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator

from upback.coach.models import CheckIn, GuidedSession

JOURNAL_PAGE_SIZE = 30


def checkin_get(*, owner: User, pk: int) -> CheckIn | None:
    return CheckIn.objects.filter(owner=owner, pk=pk).first()


def checkin_for_date(*, owner: User, local_date: date) -> CheckIn | None:
    return CheckIn.objects.filter(owner=owner, local_date=local_date).first()


@dataclass(frozen=True)
class JournalEntry:
    checkin: CheckIn
    sessions: list[GuidedSession]


@dataclass(frozen=True)
class JournalPage:
    entries: list[JournalEntry]
    page: Page  # type: ignore[type-arg]
    total: int


def journal_page(*, owner: User, page: int | str | None = 1) -> JournalPage:
    """One page of the person's check-ins, newest first, with the guided sessions of each day.

    Any page value (missing, not a number, past the end) gives a real page, never an error.
    """
    checkins = CheckIn.objects.filter(owner=owner).order_by("-local_date", "-id")
    paginator = Paginator(checkins, JOURNAL_PAGE_SIZE)
    current = paginator.get_page(page)
    rows: list[CheckIn] = list(current.object_list)
    by_day: dict[date, list[GuidedSession]] = defaultdict(list)
    if rows:
        sessions = GuidedSession.objects.filter(
            owner=owner, local_date__in=[row.local_date for row in rows]
        ).order_by("started_at", "id")
        for session in sessions:
            by_day[session.local_date].append(session)
    return JournalPage(
        entries=[JournalEntry(row, by_day.get(row.local_date, [])) for row in rows],
        page=current,
        total=paginator.count,
    )
