"""Personal access tokens for the REST API: made, shown once, stored only as a hash, revoked.

The secret is `ub_` and 43 URL-safe characters (32 random bytes). Only its sha256 is kept, so a
copy of the database does not hand out working tokens; the first characters are kept as a
prefix so a person can tell their tokens apart on the page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import User
from django.utils import timezone

from upback.coach.models import AccessToken
from upback.core.errors import InputProblem

SECRET_START = "ub_"
PREFIX_LENGTH = 10
NAME_MAX = 60
TOUCH_EVERY = dt.timedelta(minutes=1)
"""`last_used_at` is written at most once a minute: a busy script need not write on every call."""


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def access_token_create(*, owner: User, name: str) -> tuple[AccessToken, str]:
    """A new token and its secret; the secret is returned this once and never stored.

    Raises InputProblem naming `name` when it is empty, too long, or already one of the person's.
    """
    name = " ".join(name.split())
    if not name:
        raise InputProblem("name: give the token a name, like 'laptop script'")
    if len(name) > NAME_MAX:
        raise InputProblem(f"name: at most {NAME_MAX} characters (it has {len(name)})")
    if AccessToken.objects.filter(owner=owner, name=name).exists():
        raise InputProblem(f"name: you already have a token called '{name}'")
    secret = SECRET_START + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        owner=owner, name=name, token_hash=token_hash(secret), prefix=secret[:PREFIX_LENGTH]
    )
    return token, secret


def access_token_revoke(*, owner: User, pk: int) -> bool:
    """Delete one of the person's tokens; True when there was one (another's is not found)."""
    deleted, _ = AccessToken.objects.filter(owner=owner, pk=pk).delete()
    return deleted > 0


def access_token_touch(*, token: AccessToken, now: dt.datetime | None = None) -> None:
    """Note that the token was used, unless that was noted less than a minute ago."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOUCH_EVERY:
        return
    token.last_used_at = now
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
