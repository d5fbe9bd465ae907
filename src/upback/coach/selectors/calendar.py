"""Reads for the calendar: the person's program as the inputs of `core.calendar_feed`, and the
private subscription (found by the hash of its secret, never by the secret itself)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from upback.coach.models import Account, CalendarFeed, CheckIn, HabitMonth, Plan, Review
from upback.coach.selectors.accounts import time_zone_get
from upback.coach.selectors.plans import plan_current
from upback.coach.selectors.screenings import care_state_get
from upback.core import plan_swap
from upback.core.calendar_feed import FeedInputs, Links, RoutineDay, next_review_on
from upback.core.calendar_feed import HabitMonth as CoreHabitMonth
from upback.core.care import CareState
from upback.core.library import default_library
from upback.core.progress import PainEntry

TOKEN_MAX = 100  # token_urlsafe(32) is 43 characters; anything far longer is not one of ours


def token_hash(token: str) -> str:
    """What is stored for a token: its SHA-256, so a database leak reveals no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_get(*, owner: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(owner=owner).first()


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    """The active feed for a secret token, or None for an unknown or turned-off one.

    The lookup is by the token's hash, so comparing takes the same time however much of a
    guessed token is right: nothing about a real token leaks through timing.
    """
    if not token or len(token) > TOKEN_MAX:
        return None
    return CalendarFeed.objects.filter(token_hash=token_hash(token)).select_related("owner").first()


def calendar_feed_owner(*, token: str) -> User | None:
    feed = calendar_feed_by_token(token=token)
    return feed.owner if feed is not None else None


def routine_time_get(*, owner: User) -> dt.time | None:
    return Account.objects.filter(owner=owner).values_list("routine_time", flat=True).first()


def _week(plan: Plan | None, care: CareState) -> tuple[RoutineDay, ...]:
    if plan is None or not isinstance(plan.data, dict):
        return ()
    data: dict[str, Any] = plan.data
    if care.gentle_only and not plan.gentle_only:
        data = plan_swap.gentle_view(data, default_library())
    week = []
    for day in data.get("days", []):
        items = tuple(str(item.get("name") or item.get("slug")) for item in day.get("items", []))
        if items:
            week.append(
                RoutineDay(
                    day=str(day["day"]),
                    minutes=float(day.get("minutes") or 0),
                    items=items,
                    strength_day=bool(day.get("strength_day")),
                )
            )
    return tuple(week)


def habit_month_current(*, owner: User, today: dt.date) -> CoreHabitMonth | None:
    """This month's two habits with a reminder time; None without one (nothing to remind of).

    A habit month's `ends_on` is the day after its last day (see core.habits).
    """
    month = (
        HabitMonth.objects.filter(owner=owner, ends_on__gt=today, reminder_time__isnull=False)
        .order_by("-started_on", "-id")
        .first()
    )
    if month is None or month.reminder_time is None:
        return None
    habits = month.habits if isinstance(month.habits, list) else []
    names = tuple(str(h.get("name") or h.get("slug")) for h in habits if isinstance(h, dict))
    if not names:
        return None
    return CoreHabitMonth(
        names=names,
        starts_on=month.started_on,
        ends_on=month.ends_on - dt.timedelta(days=1),
        reminder_time=month.reminder_time,
    )


def review_next_on(*, owner: User, today: dt.date) -> dt.date | None:
    last = Review.objects.filter(owner=owner).order_by("-created_at", "-id").first()
    pain = [
        PainEntry(day=day, pain=value)
        for day, value in CheckIn.objects.filter(owner=owner, local_date__lte=today)
        .order_by("local_date")
        .values_list("local_date", "pain")
    ]
    return next_review_on(
        last_review=last.local_date if last is not None else None, pain=pain, today=today
    )


def calendar_inputs(
    *, owner: User, links: Links | None = None, now: dt.datetime | None = None
) -> FeedInputs:
    """Everything the calendar shows for this person, as of now in their own time zone."""
    zone = time_zone_get(owner=owner)
    now = now or timezone.now()
    today = now.astimezone(zone).date()
    care = care_state_get(owner=owner)
    plan = plan_current(owner=owner)
    return FeedInputs(
        owner_key=str(owner.pk),
        time_zone=zone.key,
        today=today,
        now=now,
        care=care,
        routine_time=routine_time_get(owner=owner),
        week=_week(plan, care),
        plan_starts_on=plan.created_at.astimezone(zone).date() if plan is not None else None,
        habits=habit_month_current(owner=owner, today=today),
        next_review=review_next_on(owner=owner, today=today),
        links=links,
    )
