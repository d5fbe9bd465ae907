"""Reads about profiles and plans, always scoped to their owner."""

from __future__ import annotations

from django.contrib.auth.models import User

from upback.coach.models import Plan, Profile


def profile_get(*, owner: User) -> Profile | None:
    return Profile.objects.filter(owner=owner).first()


def plan_current(*, owner: User) -> Plan | None:
    return Plan.objects.filter(owner=owner).order_by("-version").first()


def plan_list(*, owner: User) -> list[Plan]:
    return list(Plan.objects.filter(owner=owner).order_by("-version"))
