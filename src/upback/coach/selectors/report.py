"""Reads for the clinician report: one person's rows for a period [start, end] of their own dates.

Every query is scoped to the owner. Rows with a date of their own (check-ins, sessions,
reviews) are kept by that date; rows with only a timestamp (screenings, plans) by the date it
fell on in the person's time zone. The progress inputs for `core.progress.assess` are built from
the period alone, so the report's baseline is the first week logged in the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from upback.coach.models import CheckIn, GuidedSession, Plan, Profile, Review, Screening
from upback.coach.selectors.accounts import time_zone_get
from upback.coach.selectors.progress import ProgressInputs, planned_per_week
from upback.core.progress import PainEntry, SessionEntry
from upback.core.review import psfs_change, psfs_from_json


@dataclass(frozen=True)
class ReportRows:
    time_zone: ZoneInfo
    profile: Profile | None
    screenings: list[Screening]  # in the period, oldest first
    checkins: list[CheckIn]  # in the period, oldest first
    sessions: list[GuidedSession]  # finished, in the period, oldest first
    plans: list[Plan]  # versions made in the period, oldest first
    plan: Plan | None  # the plan in use at the end of the period
    latest_plan: Plan | None
    reviews: list[Review]  # in the period, oldest first
    latest_screening: Screening | None  # the latest of all, for the person's care state now


def _bounds(start: dt.date, end: dt.date, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The period as instants: from `start` 00:00 to the day after `end` 00:00, local time."""
    first = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return first, after


def report_rows(*, owner: User, start: dt.date, end: dt.date) -> ReportRows:
    zone = time_zone_get(owner=owner)
    first, after = _bounds(start, end, zone)
    plans = Plan.objects.filter(owner=owner)
    screenings = Screening.objects.filter(owner=owner).select_related("clearance")
    return ReportRows(
        time_zone=zone,
        profile=Profile.objects.filter(owner=owner).first(),
        screenings=list(
            screenings.filter(created_at__gte=first, created_at__lt=after).order_by(
                "created_at", "id"
            )
        ),
        checkins=list(
            CheckIn.objects.filter(
                owner=owner, local_date__gte=start, local_date__lte=end
            ).order_by("local_date", "id")
        ),
        sessions=list(
            GuidedSession.objects.filter(
                owner=owner,
                local_date__gte=start,
                local_date__lte=end,
                finished_at__isnull=False,
            )
            .prefetch_related("items")
            .order_by("local_date", "started_at", "id")
        ),
        plans=list(plans.filter(created_at__gte=first, created_at__lt=after).order_by("version")),
        plan=plans.filter(created_at__lt=after).order_by("-version").first(),
        latest_plan=plans.order_by("-version").first(),
        reviews=list(
            Review.objects.filter(owner=owner, local_date__gte=start, local_date__lte=end).order_by(
                "local_date", "created_at", "id"
            )
        ),
        latest_screening=screenings.order_by("-created_at", "-id").first(),
    )


def report_progress_inputs(rows: ReportRows, *, end: dt.date) -> ProgressInputs:
    """`assess` inputs from the period's rows alone, judged as of its last day."""
    change = None
    pgic = None
    last_review = None
    if rows.reviews:
        first, latest = rows.reviews[0], rows.reviews[-1]
        if first.pk != latest.pk:
            change = psfs_change(psfs_from_json(first.psfs), psfs_from_json(latest.psfs))
        pgic, last_review = latest.pgic, latest.local_date
    return ProgressInputs(
        pain=tuple(PainEntry(day=c.local_date, pain=c.pain) for c in rows.checkins),
        sessions=tuple(
            SessionEntry(day=s.local_date, pain_before=s.pain_before, pain_after=s.pain_after)
            for s in rows.sessions
        ),
        today=end,
        planned_per_week=planned_per_week(rows.plan),
        psfs_change=change,
        pgic=pgic,
        last_review=last_review,
    )
