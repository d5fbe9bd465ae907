"""Reads about a person's account: their time zone, and so their own 'now' and 'today'."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.models import User
from django.utils import timezone

from upback.coach.models import Account
from upback.coach.selectors.request_memo import remembered


def account_settings_get(*, owner: User) -> tuple[str, dict[str, Any] | None]:
    """The account's time zone name and break settings, read together (once per web request:
    the guard, the page and its widgets all want them); ("", None) without an account."""

    def read() -> tuple[str, dict[str, Any] | None]:
        row = Account.objects.filter(owner=owner).values_list("time_zone", "break_settings").first()
        return ("", None) if row is None else row

    return remembered("account", owner, read)


def zone_named(name: str | None) -> ZoneInfo:
    """The zone of that IANA name; UTC when unknown or broken."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def time_zone_get(*, owner: User) -> ZoneInfo:
    """The person's own time zone (from the browser at sign-up); UTC when unknown or broken."""
    return zone_named(account_settings_get(owner=owner)[0])


def local_now(*, owner: User, now: dt.datetime | None = None) -> dt.datetime:
    """Now (or the given instant) on the person's own clock."""
    return (now or timezone.now()).astimezone(time_zone_get(owner=owner))


def local_today(*, owner: User, now: dt.datetime | None = None) -> dt.date:
    """The person's own date: dates in upback follow where the person lives, not the server."""
    return local_now(owner=owner, now=now).date()


def account_get(*, owner: User) -> Account | None:
    return Account.objects.filter(owner=owner).first()


def any_account_exists() -> bool:
    """Whether anyone has signed up yet (the first person is told where the data lives)."""
    return User.objects.exists()
