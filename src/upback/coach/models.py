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
    # Why this version differs from the last: rule ids (e.g. adapt.progress_reps) and one entry
    # per changed item ({slug, rule, reason, before, after}), so the history can be shown.
    rules = models.JSONField(default=list, blank=True)
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "version"], name="plan_version_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="plan_version_positive"),
        ]

    def __str__(self) -> str:
        return f"plan v{self.version} of {self.owner}"


class Account(models.Model):
    """Per-person settings that are not part of the clinical profile."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_account"
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    created_at = models.DateTimeField(auto_now_add=True)
    # When the person means to do the day's routine; the calendar feed puts it there.
    routine_time = models.TimeField(null=True, blank=True)
    # Working hours and break interval, as core.breaks.BreakSettings fields (minus the zone,
    # which is time_zone above). Empty means the defaults. Read by the terminal reminder and
    # the browser break timer alike.
    break_settings = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"account of {self.owner}"


class ScreeningClearance(models.Model):
    """A person's word that a clinician has seen them after a 'soon' result."""

    screening = models.OneToOneField(Screening, on_delete=models.CASCADE, related_name="clearance")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"clearance of screening {self.screening_id}"


class GuidedSession(models.Model):
    """One run of a day's routine in the guided player, with pain before and after."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guided_sessions"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="sessions")
    day = models.CharField(max_length=3)
    local_date = models.DateField(db_index=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pain_before = models.PositiveSmallIntegerField()
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=10, default="web")
    stopped_for_symptoms = models.BooleanField(default=False)
    # Pain the next morning (pain-monitoring model): asked at the next check-in.
    next_morning_pain = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pain_before__lte=10), name="session_pain_before_range"
            ),
            models.CheckConstraint(
                condition=Q(pain_after__isnull=True) | Q(pain_after__lte=10),
                name="session_pain_after_range",
            ),
            models.CheckConstraint(
                condition=Q(next_morning_pain__isnull=True) | Q(next_morning_pain__lte=10),
                name="session_next_morning_pain_range",
            ),
        ]

    def __str__(self) -> str:
        return f"session of {self.owner} on {self.local_date}"


class GuidedItem(models.Model):
    """One technique within a guided session, as done (or skipped), with its feedback."""

    class Status(models.TextChoices):
        PENDING = "pending", "not yet"
        DONE = "done", "done"
        SKIPPED = "skipped", "skipped"

    class Feeling(models.TextChoices):
        TOO_EASY = "too_easy", "too easy"
        ABOUT_RIGHT = "about_right", "about right"
        TOO_HARD = "too_hard", "too hard"

    session = models.ForeignKey(GuidedSession, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    slug = models.CharField(max_length=60)
    name = models.CharField(max_length=120)
    dose = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    completed_at = models.DateTimeField(null=True, blank=True)
    feeling = models.CharField(max_length=12, choices=Feeling.choices, blank=True)
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["session", "order"], name="guided_item_order_unique"),
            models.CheckConstraint(
                condition=Q(pain_during__isnull=True) | Q(pain_during__lte=10),
                name="guided_item_pain_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slug} ({self.status})"


class CheckIn(models.Model):
    """The daily check-in: pain, stiffness, sleep, stress and a note, on the person's own date."""

    # No index of its own: the unique (owner, local_date) index serves every lookup by owner,
    # already in date order (at 36.5 million rows the extra index was 261 MiB and a sort).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins", db_index=False
    )
    local_date = models.DateField()
    pain = models.PositiveSmallIntegerField()
    stiffness = models.PositiveSmallIntegerField()
    sleep_quality = models.PositiveSmallIntegerField()
    stress = models.PositiveSmallIntegerField()
    note = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-local_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "local_date"], name="checkin_one_per_day"),
            models.CheckConstraint(
                condition=Q(pain__lte=10, stiffness__lte=10, sleep_quality__lte=10, stress__lte=10),
                name="checkin_scores_range",
            ),
        ]

    def __str__(self) -> str:
        return f"check-in of {self.owner} on {self.local_date}"


class Review(models.Model):
    """The 4-6 weekly review: baseline against now, function, global impression, next plan."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    local_date = models.DateField()
    baseline = models.FloatField(null=True, blank=True)
    current = models.FloatField(null=True, blank=True)
    verdict = models.CharField(max_length=30)
    adherence = models.FloatField(null=True, blank=True)
    # Patient-Specific Functional Scale: [{"activity": str, "score": 0-10}], 3 activities.
    psfs = models.JSONField(default=list)
    # Patient Global Impression of Change, 1 (very much improved) .. 7 (very much worse).
    pgic = models.PositiveSmallIntegerField()
    proposal = models.JSONField(default=dict)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(pgic__gte=1, pgic__lte=7), name="review_pgic_range"),
        ]

    def __str__(self) -> str:
        return f"review of {self.owner} on {self.local_date}"


class BreakRecord(models.Model):
    """A movement break the person took, snoozed or skipped, from the terminal or the browser."""

    class Outcome(models.TextChoices):
        TAKEN = "taken"
        SNOOZED = "snoozed"
        SKIPPED = "skipped"

    class Kind(models.TextChoices):
        MICRO = "micro"
        ACTIVE = "active"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="break_records"
    )
    at = models.DateTimeField()
    # The day in the person's zone when it happened, so per-day statistics need no zone maths.
    local_date = models.DateField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MICRO)
    # "prompt" when the person answered a reminder, "idle" when time away counted as a break.
    trigger = models.CharField(max_length=10, default="prompt")
    channel = models.CharField(max_length=10, default="web")
    routine = models.CharField(max_length=60, blank=True)
    # Set by the browser, so a break recorded offline and sent again on reconnect counts once.
    client_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["owner", "local_date"], name="break_owner_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["taken", "snoozed", "skipped"]),
                name="break_outcome_known",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["micro", "active"]), name="break_kind_known"
            ),
            models.UniqueConstraint(
                fields=["owner", "client_id"],
                condition=Q(client_id__isnull=False),
                name="break_client_id_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outcome} {self.kind} break of {self.owner} at {self.at:%Y-%m-%d %H:%M}"


class HabitMonth(models.Model):
    """Two habits kept for a month: from the guides' list or the person's own words."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="habit_months"
    )
    started_on = models.DateField()
    ends_on = models.DateField()
    # [{"slug": str, "name": str, "own": bool}] — exactly two, validated by core.habits.
    habits = models.JSONField(default=list)
    reminder_time = models.TimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("started_on")), name="habit_month_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return f"habits of {self.owner} from {self.started_on}"


class HabitCheck(models.Model):
    """One habit ticked off on one day of its month."""

    month = models.ForeignKey(HabitMonth, on_delete=models.CASCADE, related_name="checks")
    habit = models.CharField(max_length=60)
    local_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["local_date", "habit"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "habit", "local_date"], name="habit_check_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.habit} on {self.local_date}"


class CalendarFeed(models.Model):
    """The private calendar subscription: only a hash of its secret token is kept."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.owner}"


class AccessToken(models.Model):
    """A personal access token for the REST API: named, shown once, kept only as a hash."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(max_length=60)
    # sha256 hex of the secret; the secret itself is shown once and never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters of the secret, so a person can tell their tokens apart.
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="access_token_name_once"),
        ]

    def __str__(self) -> str:
        return f"token {self.name!r} of {self.owner}"
