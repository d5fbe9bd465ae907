"""Saving profiles and creating plans, with the safety gate in front of every plan."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from upback.coach import selectors
from upback.coach.models import Plan, Profile
from upback.coach.selectors.plans import profile_core_get
from upback.coach.selectors.request_memo import forget
from upback.core import plan_swap as swapping
from upback.core import planner
from upback.core.library import default_library
from upback.core.profile import Profile as CoreProfile
from upback.core.profile import parse_profile

REASON_MAX = 200


class NoPlan(Exception):
    """There is nothing to change yet: the person has no plan, or no profile to build one from."""


class PlanChanged(Exception):
    """The plan changed since the person looked at it (another tab, a double submit)."""


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
    _, version = _next_version(owner)
    data: dict[str, Any] = built.to_json()
    plan = Plan.objects.create(
        owner=owner,
        version=version,
        profile_snapshot=profile.model_dump(mode="json"),
        data=data,
        gentle_only=gentle_only,
        reason=reason,
    )
    forget()  # the current plan has changed
    return plan


def _next_version(owner: User) -> tuple[Plan | None, int]:
    latest = Plan.objects.select_for_update().filter(owner=owner).order_by("-version").first()
    return latest, (latest.version + 1) if latest else 1


@transaction.atomic
def plan_regenerate(*, owner: User) -> Plan:
    """A fresh plan from the person's stored profile (undoing swaps, following the care state)."""
    profile = profile_core_get(owner=owner)
    if profile is None:
        raise NoPlan("There is no profile to build a plan from yet.")
    return plan_create(owner=owner, profile=profile, reason="rebuilt from your profile")


@transaction.atomic
def plan_swap(
    *, owner: User, slug: str, replacement: str, expected_version: int | None = None
) -> Plan:
    """A new plan version with `slug` replaced by `replacement` on every day it appears.

    Raises SafetyStop while no exercise may be suggested, NoPlan before the first plan,
    PlanChanged when `expected_version` is no longer the latest, and `plan_swap.SwapProblem`
    when the replacement is not one the person can do in those days.
    """
    gentle_only = plan_gate(owner=owner)
    current, version = _next_version(owner)
    if current is None:
        raise NoPlan("There is no plan yet.")
    if expected_version is not None and current.version != expected_version:
        raise PlanChanged(f"Your plan is now version {current.version}.")
    library = default_library()
    profile = parse_profile(current.profile_snapshot, where="stored profile")
    data = swapping.swap(
        current.data,
        slug,
        replacement,
        profile,
        library,
        gentle_only=gentle_only or current.gentle_only,
    )
    old = next(
        (
            item["name"]
            for day in current.data["days"]
            for item in day["items"]
            if item["slug"] == slug
        ),
        slug,
    )
    new = library.get(replacement).name
    plan = Plan.objects.create(
        owner=owner,
        version=version,
        profile_snapshot=current.profile_snapshot,
        data=data,
        gentle_only=current.gentle_only,
        reason=f"swapped {old} for {new}"[:REASON_MAX],
    )
    forget()  # the current plan has changed
    return plan
