"""Reads for 'Your data': every row a person owns, in a stable order, and how much there is.

The export and the delete page read through here; every query is scoped to its owner.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import QuerySet

from upback.coach.models import (
    BreakRecord,
    CheckIn,
    GuidedItem,
    GuidedSession,
    HabitMonth,
    Plan,
    Profile,
    Review,
    Screening,
)


@dataclass(frozen=True)
class DataCounts:
    """How much a person has stored: shown before export and delete, checked before import."""

    screenings: int
    has_profile: bool
    plans: int
    sessions: int
    session_items: int
    checkins: int
    reviews: int
    breaks: int = 0
    habit_months: int = 0

    @property
    def empty(self) -> bool:
        return not (
            self.screenings
            or self.has_profile
            or self.plans
            or self.sessions
            or self.checkins
            or self.reviews
            or self.breaks
            or self.habit_months
        )


def data_counts(*, owner: User) -> DataCounts:
    return DataCounts(
        screenings=Screening.objects.filter(owner=owner).count(),
        has_profile=Profile.objects.filter(owner=owner).exists(),
        plans=Plan.objects.filter(owner=owner).count(),
        sessions=GuidedSession.objects.filter(owner=owner).count(),
        session_items=GuidedItem.objects.filter(session__owner=owner).count(),
        checkins=CheckIn.objects.filter(owner=owner).count(),
        reviews=Review.objects.filter(owner=owner).count(),
        breaks=BreakRecord.objects.filter(owner=owner).count(),
        habit_months=HabitMonth.objects.filter(owner=owner).count(),
    )


def data_screenings(*, owner: User) -> QuerySet[Screening]:
    """Oldest first, each with its clearance (if any) fetched alongside."""
    return (
        Screening.objects.filter(owner=owner)
        .select_related("clearance")
        .order_by("created_at", "id")
    )


def data_plans(*, owner: User) -> QuerySet[Plan]:
    return Plan.objects.filter(owner=owner).order_by("version")


def data_sessions(*, owner: User) -> QuerySet[GuidedSession]:
    """Oldest first, with their plan (for its version) and their items in order."""
    return (
        GuidedSession.objects.filter(owner=owner)
        .select_related("plan")
        .prefetch_related("items")
        .order_by("local_date", "started_at", "id")
    )


def data_checkins(*, owner: User) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(owner=owner).order_by("local_date", "id")


def data_reviews(*, owner: User) -> QuerySet[Review]:
    return (
        Review.objects.filter(owner=owner)
        .select_related("plan")
        .order_by("local_date", "created_at", "id")
    )


def data_breaks(*, owner: User) -> QuerySet[BreakRecord]:
    return BreakRecord.objects.filter(owner=owner).order_by("at", "id")


def data_habit_months(*, owner: User) -> QuerySet[HabitMonth]:
    """Oldest first, each with its check-offs."""
    return (
        HabitMonth.objects.filter(owner=owner)
        .prefetch_related("checks")
        .order_by("started_on", "id")
    )
