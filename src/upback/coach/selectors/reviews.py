"""Reads about reviews: the person's past reviews and what changed in their plan since the last."""

from __future__ import annotations

from django.contrib.auth.models import User

from upback.coach.models import Plan, Review
from upback.core.review import PsfsItem, psfs_from_json


def review_get(*, owner: User, pk: int) -> Review | None:
    return Review.objects.filter(owner=owner, pk=pk).select_related("plan").first()


def review_latest(*, owner: User) -> Review | None:
    return Review.objects.filter(owner=owner).order_by("-created_at", "-id").first()


def review_list(*, owner: User, limit: int = 20) -> list[Review]:
    return list(Review.objects.filter(owner=owner).order_by("-created_at", "-id")[:limit])


def review_psfs_last(*, owner: User) -> tuple[PsfsItem, ...]:
    """The activities and scores of the person's last review (empty before the first)."""
    last = review_latest(owner=owner)
    return psfs_from_json(last.psfs) if last else ()


def plan_changes_since_review(*, owner: User) -> list[Plan]:
    """Plan versions made since the last review (all of them before the first), oldest first."""
    plans = Plan.objects.filter(owner=owner)
    last = review_latest(owner=owner)
    if last is not None:
        plans = plans.filter(created_at__gt=last.created_at)
    return list(plans.order_by("version"))
