"""The break timer's forms: one break as the page sends it, and the working-hours form.

Messages name the field, so the page's script (and the service worker's replay) can say exactly
what was wrong, and the plain forms show it next to the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from upback.core.breaks import ROTATION_SLUGS, WEEKDAYS
from upback.core.labels import DAY_NAMES

FUTURE_SLACK = dt.timedelta(minutes=5)
"""A device clock a little fast is fine; a break from further ahead is a broken clock."""
OLDEST = dt.timedelta(days=7)
"""Breaks kept offline for longer than a week are too old to count."""


class RecordForm(forms.Form):
    """One break as the page (or the service worker, replaying it) sends it."""

    outcome = forms.ChoiceField(
        choices=[("taken", "taken"), ("snoozed", "snoozed"), ("skipped", "skipped")],
        error_messages={
            "required": "choose taken, snoozed or skipped",
            "invalid_choice": "choose taken, snoozed or skipped",
        },
    )
    kind = forms.ChoiceField(
        required=False,
        choices=[("micro", "micro"), ("active", "active")],
        error_messages={"invalid_choice": "choose micro or active"},
    )
    routine = forms.CharField(required=False, max_length=60)
    client_id = forms.UUIDField(
        required=False, error_messages={"invalid": "must be a UUID made by the page"}
    )
    at = forms.CharField(required=False, max_length=64)
    minutes = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("5", "5"), ("10", "10")],
        error_messages={"invalid_choice": "a snooze is 5 or 10 minutes"},
    )

    def __init__(self, *args: Any, zone: ZoneInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone

    def clean_routine(self) -> str:
        value: str = self.cleaned_data.get("routine") or ""
        if value and value not in ROTATION_SLUGS:
            raise forms.ValidationError(f"'{value}' is not one of the break routines")
        return value

    def clean_at(self) -> dt.datetime | None:
        raw = (self.cleaned_data.get("at") or "").strip()
        if not raw:
            return None
        try:
            moment = dt.datetime.fromisoformat(raw)
        except ValueError:
            raise forms.ValidationError(
                f"'{raw}' is not a date and time like 2026-05-04T10:30:00Z"
            ) from None
        if moment.tzinfo is None:  # a wall-clock time is on the person's own clock
            moment = moment.replace(tzinfo=self.zone)
        now = timezone.now()
        if moment > now + FUTURE_SLACK:
            raise forms.ValidationError("is in the future; check the device's clock")
        if moment < now - OLDEST:
            raise forms.ValidationError("is more than 7 days ago, too old to record")
        return moment

    def first_problem(self) -> tuple[str, str]:
        """(field, 'field: what is wrong') for the first bad field."""
        field, errors = next(iter(self.errors.items()))
        name = "form" if field == "__all__" else field
        return name, f"{name}: {errors[0]}"


class SettingsForm(forms.Form):
    days = forms.MultipleChoiceField(
        label="Working days",
        choices=[(day, DAY_NAMES[day]) for day in WEEKDAYS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one working day.",
            "invalid_choice": "Choose days from the list.",
        },
    )
    start = forms.TimeField(
        label="Start of your working day",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Give a time like 09:00.",
            "invalid": "Give a time like 09:00.",
        },
    )
    end = forms.TimeField(
        label="End of your working day",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Give a time like 17:30.",
            "invalid": "Give a time like 17:30.",
        },
    )
    interval_minutes = forms.IntegerField(
        label="Minutes between breaks",
        min_value=20,
        max_value=60,
        help_text="From 20 to 60. Breaks every 20-30 minutes eased discomfort most in studies.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "5"}),
        error_messages={
            "required": "Give a number of minutes from 20 to 60.",
            "invalid": "Give a number of minutes from 20 to 60.",
            "min_value": "Breaks come at most every 20 minutes: give 20 or more.",
            "max_value": "Breaks come at least every 60 minutes: give 60 or fewer.",
        },
    )
