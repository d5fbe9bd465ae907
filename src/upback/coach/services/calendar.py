"""Writes for the calendar: the routine's daily time and the private subscription link.

A subscription link holds a secret token. Only the token's SHA-256 is stored, so the link is
shown once, when it is made; making a new one replaces the old (which stops working at once),
and turning it off deletes it.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from upback.coach.models import Account, CalendarFeed
from upback.coach.selectors.calendar import token_hash
from upback.core.errors import InputProblem

# A feed is fetched by calendar apps every few hours; noting each fetch to the minute is plenty
# and spares the database a write on every request.
USED_EVERY = dt.timedelta(minutes=1)


@transaction.atomic
def calendar_feed_create(*, owner: User) -> str:
    """A new secret for the person's feed (returned once, never stored); the old one stops."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(owner=owner).delete()
    CalendarFeed.objects.create(owner=owner, token_hash=token_hash(token))
    return token


def calendar_feed_revoke(*, owner: User) -> bool:
    """Turn the link off; True when there was one."""
    deleted, _ = CalendarFeed.objects.filter(owner=owner).delete()
    return deleted > 0


def calendar_feed_used(*, feed: CalendarFeed, now: dt.datetime | None = None) -> None:
    """Note that a calendar fetched the feed (at most once a minute)."""
    now = now or timezone.now()
    if feed.last_used_at is not None and now - feed.last_used_at < USED_EVERY:
        return
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    feed.last_used_at = now


def account_routine_time_set(*, owner: User, routine_time: dt.time | None) -> Account:
    """When the person means to do their routine (None: no routine in the calendar)."""
    if routine_time is not None:
        if routine_time.tzinfo is not None:
            raise InputProblem("routine_time: give a time of day without a time zone")
        routine_time = routine_time.replace(second=0, microsecond=0)
    account, _ = Account.objects.get_or_create(owner=owner)
    account.routine_time = routine_time
    account.save(update_fields=["routine_time"])
    return account
