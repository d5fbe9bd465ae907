"""The database itself refuses impossible values, whatever path tries to write them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from upback.coach.models import Plan, Profile, Screening

pytestmark = pytest.mark.django_db

PROFILE = {
    "who": "desk_worker",
    "age": 40,
    "triggers": [],
    "pain_character": "tight_achy_stiff",
    "duration_weeks": 3,
    "minutes_per_day": 15,
    "strength_days_per_week": 2,
    "equipment": [],
    "floor_ok": True,
    "sleep_position": "side",
}


@pytest.fixture
def owner() -> User:
    return User.objects.create_user("ana")


@pytest.mark.parametrize(
    ("field", "value"),
    [("minutes_per_day", 45), ("minutes_per_day", 2), ("strength_days_per_week", 4), ("age", 12)],
)
def test_a_profile_out_of_range_cannot_be_stored(owner: User, field: str, value: int) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.create(owner=owner, **{**PROFILE, field: value})


def test_an_unknown_disposition_cannot_be_stored(owner: User) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Screening.objects.create(owner=owner, disposition="fine", answers={}, rules=[])


def test_two_plans_cannot_share_a_version(owner: User) -> None:
    Plan.objects.create(owner=owner, version=1, profile_snapshot=PROFILE, data={})
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(owner=owner, version=1, profile_snapshot=PROFILE, data={})
