"""Delete an account and everything in it, for good."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from upback.coach.models import GuidedSession
from upback.coach.selectors.request_memo import forget


@transaction.atomic
def account_delete(*, owner: User) -> None:
    """Remove the person and every row of theirs. Sessions go first: they hold on to plans."""
    GuidedSession.objects.filter(owner=owner).delete()
    owner.delete()
    forget()
