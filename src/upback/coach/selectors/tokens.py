"""Reads for personal access tokens: a person's own list, and finding a token by its secret."""

from __future__ import annotations

from django.contrib.auth.models import User

from upback.coach.models import AccessToken
from upback.coach.services.tokens import SECRET_START, token_hash


def access_token_list(*, owner: User) -> list[AccessToken]:
    return list(AccessToken.objects.filter(owner=owner).order_by("-created_at", "-id"))


def access_token_get(*, owner: User, pk: int) -> AccessToken | None:
    return AccessToken.objects.filter(owner=owner, pk=pk).first()


def access_token_by_secret(secret: str) -> AccessToken | None:
    """The active token with this secret, with its owner; None for anything else.

    Only the hash is compared, through the database's unique index; a secret that does not
    look like ours is refused before any query.
    """
    if not secret.startswith(SECRET_START) or len(secret) > 100:
        return None
    return (
        AccessToken.objects.select_related("owner")
        .filter(token_hash=token_hash(secret), owner__is_active=True)
        .first()
    )
