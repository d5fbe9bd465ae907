"""Saving profiles and creating plans, with the safety gate in front of every plan."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from upback.coach import selectors
from upback.coach.models import Plan, Profile
from upback.core import planner
from upback.core.profile import Profile as CoreProfile


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


def profile_save(*, owner: User, profile: CoreProfile) -> Profile:
    data = profile.model_dump(mode="json")
    stored, _ = Profile.objects.update_or_create(owner=owner, defaults=data)
    return stored


def plan_gate(*, owner: User) -> bool:
    """Whether a plan must stay gentle; raises SafetyStop when no plan may be shown at all."""
    state = selectors.care_state_get(owner=owner)
    if state.needs_screen:
        raise SafetyStop(None)
    if state.stopped:
        raise SafetyStop(state.disposition.value if state.disposition else None)
    return state.gentle_only


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
