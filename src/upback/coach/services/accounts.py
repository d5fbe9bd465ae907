"""Creating accounts: the terminal's local account and web sign-ups."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.models import User
from django.db import transaction

from upback.coach.models import Account
from upback.coach.selectors.request_memo import forget


def time_zone_or_utc(name: str) -> str:
    """A valid IANA time zone name, or UTC when the browser sent nothing usable."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def local_user_get_or_create(*, username: str) -> User:
    """The account used by the terminal on a single-person install."""
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Account.objects.get_or_create(owner=user)
    forget()
    return user


@transaction.atomic
def account_create(*, username: str, email: str, password: str, time_zone: str) -> User:
    """A new web account; the password is hashed with Argon2 (see settings)."""
    user = User.objects.create_user(username=username, email=email, password=password)
    Account.objects.create(owner=user, time_zone=time_zone_or_utc(time_zone))
    forget()
    return user


def account_time_zone_set(*, owner: User, time_zone: str) -> Account:
    account, _ = Account.objects.get_or_create(owner=owner)
    account.time_zone = time_zone_or_utc(time_zone)
    account.save(update_fields=["time_zone"])
    forget()
    return account
