"""Reads about profiles, plans and today's routine, always scoped to their owner."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User

from upback.coach.models import GuidedItem, Plan, Profile
from upback.coach.selectors.request_memo import remembered
from upback.core.errors import InputProblem
from upback.core.profile import Profile as CoreProfile
from upback.core.profile import parse_profile


def profile_get(*, owner: User) -> Profile | None:
    return Profile.objects.filter(owner=owner).first()


def profile_fields(profile: Profile) -> dict[str, Any]:
    """The stored profile as the core's profile fields (the DESIGN's profile contract)."""
    return {name: getattr(profile, name) for name in CoreProfile.model_fields}


def profile_core_get(*, owner: User) -> CoreProfile | None:
    """The stored profile, validated by the core; None when there is none (or it no longer fits)."""
    stored = profile_get(owner=owner)
    if stored is None:
        return None
    try:
        return parse_profile(profile_fields(stored), where="stored profile")
    except InputProblem:
        return None


def plan_current(*, owner: User) -> Plan | None:
    """The latest plan (read once per web request: Today, its advice and its habits want it).

    Callers read it and never change it in place: within a request it is the same object.
    """
    return remembered(
        "plan", owner, lambda: Plan.objects.filter(owner=owner).order_by("-version").first()
    )


def plan_list(*, owner: User) -> list[Plan]:
    return list(Plan.objects.filter(owner=owner).order_by("-version"))


def done_slugs_on(*, owner: User, local_date: dt.date) -> set[str]:
    """The techniques finished in a guided session on the person's own date."""
    return set(
        GuidedItem.objects.filter(
            session__owner=owner,
            session__local_date=local_date,
            status=GuidedItem.Status.DONE,
        ).values_list("slug", flat=True)
    )
