"""Reads for progress: a person's journal as the inputs of `core.progress.assess`, and its result.

* Pain: one entry per daily check-in (CheckIn rows).
* Sessions: finished guided sessions (``finished_at`` set), with pain before and, when given,
  after; the web and the terminal record them the same way.
* Planned sessions per week: the number of days of the current plan that schedule at least one
  item (a plan is a weekly routine); 0 without a plan, which leaves adherence unknown.
* PSFS change: the latest review's PSFS against the first review's, over the activities scored
  both times (None until two reviews); PGIC: the latest review's; the last review's date decides
  when the next is due.
* Today: the person's own date (their account's time zone).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import connections
from django.db.models import QuerySet

from upback.coach.models import CheckIn, GuidedSession, Plan, Review
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.plans import plan_current
from upback.core.progress import PainEntry, Progress, SessionEntry, assess, within
from upback.core.review import psfs_change, psfs_from_json


@dataclass(frozen=True)
class ProgressInputs:
    pain: tuple[PainEntry, ...]
    sessions: tuple[SessionEntry, ...]
    today: dt.date
    planned_per_week: int
    psfs_change: float | None
    pgic: int | None
    last_review: dt.date | None


def planned_per_week(plan: Plan | None) -> int:
    """Days of the plan's week with at least one item (0 without a plan or with broken data)."""
    if plan is None or not isinstance(plan.data, dict):
        return 0
    days: Any = plan.data.get("days", [])
    if not isinstance(days, list):
        return 0
    return sum(1 for day in days if isinstance(day, dict) and day.get("items"))


def _review_inputs(owner: User) -> tuple[float | None, int | None, dt.date | None]:
    """The first and the latest review, from one query over all of them: a review comes every
    4-6 weeks, so even years of them are a few small rows, cheaper than two queries."""
    reviews = list(
        Review.objects.filter(owner=owner)
        .order_by("created_at", "id")
        .values_list("psfs", "pgic", "local_date")
    )
    if not reviews:
        return None, None, None
    first, latest = reviews[0], reviews[-1]
    change = None
    if len(reviews) > 1:
        change = psfs_change(psfs_from_json(first[0]), psfs_from_json(latest[0]))
    return change, latest[1], latest[2]


def _dated_rows(values: QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """A `values_list` query whose first column is a DateField, as the database driver's rows.

    It skips Django's per-value converters, the costliest part of reading years of daily rows;
    only for plain columns (integers come back as integers). Both drivers give dates as dates
    (SQLite through the converter Django registers); text is parsed should one not.
    """
    sql, params = values.query.get_compiler(using=values.db).as_sql()
    with connections[values.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    if not rows or isinstance(rows[0][0], dt.date):
        return rows
    return [(dt.date.fromisoformat(row[0]), *row[1:]) for row in rows]


def progress_inputs(*, owner: User, now: dt.datetime | None = None) -> ProgressInputs:
    """Everything `assess` needs for this person, read in a handful of queries."""
    checkins = CheckIn.objects.filter(owner=owner).order_by("local_date")
    finished = GuidedSession.objects.filter(owner=owner, finished_at__isnull=False)
    pain = tuple(map(PainEntry._make, _dated_rows(checkins.values_list("local_date", "pain"))))
    sessions = tuple(
        map(
            SessionEntry._make,
            _dated_rows(
                finished.order_by("local_date", "id").values_list(
                    "local_date", "pain_before", "pain_after"
                )
            ),
        )
    )
    change, pgic, last_review = _review_inputs(owner)
    return ProgressInputs(
        pain=pain,
        sessions=sessions,
        today=local_today(owner=owner, now=now),
        planned_per_week=planned_per_week(plan_current(owner=owner)),
        psfs_change=change,
        pgic=pgic,
        last_review=last_review,
    )


def progress_get(
    *,
    owner: User,
    now: dt.datetime | None = None,
    days: int | None = None,
    series: bool = True,
) -> Progress:
    """The person's progress as of their own today.

    `days` cuts the series (daily pain, 7-day average, weeks, per-session relief) to the last
    `days` days for a 2-week or 6-week view; the figures and verdict still judge everything.
    `series=False` leaves the daily and 7-day series out, for a page that shows only the verdict
    and advice (Today).
    """
    inputs = progress_inputs(owner=owner, now=now)
    progress = assess(
        pain=inputs.pain,
        sessions=inputs.sessions,
        today=inputs.today,
        planned_per_week=inputs.planned_per_week,
        psfs_change=inputs.psfs_change,
        pgic=inputs.pgic,
        last_review=inputs.last_review,
        series=series,
    )
    if days is None:
        return progress
    return within(progress, since=inputs.today - dt.timedelta(days=max(1, days) - 1))
