"""Reads. Every query is scoped to its owner; nothing here writes."""

from __future__ import annotations

from django.contrib.auth.models import User

from upback.coach.models import Plan, Profile, Screening


def screening_latest(*, owner: User) -> Screening | None:
    return Screening.objects.filter(owner=owner).order_by("-created_at", "-id").first()


def screening_list(*, owner: User) -> list[Screening]:
    return list(Screening.objects.filter(owner=owner).order_by("-created_at", "-id"))


def profile_get(*, owner: User) -> Profile | None:
    return Profile.objects.filter(owner=owner).first()


def plan_current(*, owner: User) -> Plan | None:
    return Plan.objects.filter(owner=owner).order_by("-version").first()
