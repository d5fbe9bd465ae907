"""Writes. The only code that changes stored data; each calls the pure core for its decisions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from upback.coach import selectors
from upback.coach.models import Plan, Profile, Screening
from upback.core import planner, safety
from upback.core.profile import Profile as CoreProfile
from upback.core.vocab import Disposition


class SafetyStop(Exception):
    """No plan or exercise while the latest screening says to get care first."""

    def __init__(self, disposition: str | None) -> None:
        self.disposition = disposition
        if disposition is None:
            message = "Take the safety screen first: upback needs it before suggesting exercise."
        else:
            message = (
                f"Your latest safety screen says '{disposition.replace('_', ' ')}': please get "
                "checked first. upback will not suggest exercise until the screen is taken again."
            )
        super().__init__(message)


def local_user_get_or_create(*, username: str) -> User:
    """The account used by the terminal on a single-person install."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def screening_record(*, owner: User, screening: safety.Screening, source: str = "cli") -> Screening:
    result = safety.screen(screening)
    return Screening.objects.create(
        owner=owner,
        age=screening.age,
        sex=screening.sex or "",
        answers=dict(screening.answers),
        disposition=result.disposition.value,
        rules=list(result.rules),
        result=result.to_json(),
        source=source,
    )


def profile_save(*, owner: User, profile: CoreProfile) -> Profile:
    data = profile.model_dump(mode="json")
    stored, _ = Profile.objects.update_or_create(owner=owner, defaults=data)
    return stored


def plan_gate(*, owner: User) -> bool:
    """Whether a plan must stay gentle; raises SafetyStop when no plan may be shown at all."""
    latest = selectors.screening_latest(owner=owner)
    if latest is None:
        raise SafetyStop(None)
    disposition = Disposition(latest.disposition)
    if disposition in (Disposition.EMERGENCY, Disposition.URGENT):
        raise SafetyStop(disposition.value)
    return disposition is Disposition.SOON


@transaction.atomic
def plan_create(*, owner: User, profile: CoreProfile, reason: str = "first plan") -> Plan:
    gentle_only = plan_gate(owner=owner)
    built = planner.build_plan(profile, gentle_only=gentle_only)
    latest = Plan.objects.select_for_update().filter(owner=owner).order_by("-version").first()
    data: dict[str, Any] = built.to_json()
    return Plan.objects.create(
        owner=owner,
        version=(latest.version + 1) if latest else 1,
        profile_snapshot=profile.model_dump(mode="json"),
        data=data,
        gentle_only=gentle_only,
        reason=reason,
    )
