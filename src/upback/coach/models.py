"""What upback stores for each person: their screenings, their profile and their plans.

Rules that keep data sane live in the database too (CheckConstraint), not only in forms, so a
bad row cannot be written by any path. Models hold no behaviour: decisions come from `core/`,
writes go through `services`, reads through `selectors`.
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.db import models
from django.db.models import Q

from upback.core.vocab import Disposition, PainCharacter, SleepPosition, Who


def _choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    return [(member.value, member.value.replace("_", " ")) for member in enum]


class Screening(models.Model):
    """One run of the safety screen: the answers, the result and the rules behind it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screenings"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=20, blank=True)
    answers = models.JSONField(default=dict)
    disposition = models.CharField(max_length=20, choices=_choices(Disposition))
    rules = models.JSONField(default=list)
    result = models.JSONField(default=dict)
    source = models.CharField(max_length=10, default="cli")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(disposition__in=[d.value for d in Disposition]),
                name="screening_disposition_known",
            ),
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__lte=120), name="screening_age_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} {self.disposition} {self.created_at:%Y-%m-%d}"


class Profile(models.Model):
    """The person's current profile; every plan keeps its own snapshot of it."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_profile"
    )
    who = models.CharField(max_length=20, choices=_choices(Who))
    age = models.PositiveSmallIntegerField()
    triggers = models.JSONField(default=list)
    pain_character = models.CharField(max_length=30, choices=_choices(PainCharacter))
    duration_weeks = models.FloatField()
    minutes_per_day = models.PositiveSmallIntegerField()
    strength_days_per_week = models.PositiveSmallIntegerField()
    equipment = models.JSONField(default=list)
    floor_ok = models.BooleanField(default=True)
    sleep_position = models.CharField(max_length=10, choices=_choices(SleepPosition))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(age__gte=18, age__lte=110), name="profile_age_adult"
            ),
            models.CheckConstraint(
                condition=Q(minutes_per_day__gte=5, minutes_per_day__lte=30),
                name="profile_minutes_range",
            ),
            models.CheckConstraint(
                condition=Q(strength_days_per_week__lte=3), name="profile_strength_days_range"
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__gte=0), name="profile_duration_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"profile of {self.owner}"


class Plan(models.Model):
    """A version of a person's plan, with the profile it was built from."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    profile_snapshot = models.JSONField()
    data = models.JSONField()
    gentle_only = models.BooleanField(default=False)
    reason = models.CharField(max_length=200, default="first plan")

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "version"], name="plan_version_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="plan_version_positive"),
        ]

    def __str__(self) -> str:
        return f"plan v{self.version} of {self.owner}"
