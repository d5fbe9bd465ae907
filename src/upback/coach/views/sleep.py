"""The sleep helper: how you sleep, and if you like your pillows and mattress -> what to change.

A GET form (nothing is saved and nothing is sensitive), prefilled from the profile's sleep
position; when the profile has one, the advice for it shows straight away. The core decides
(`core.sleep_helper`); bad input re-renders the form with a message next to the field, status 400.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from upback.coach.selectors.plans import profile_get
from upback.core.labels import SLEEP_CHOICES
from upback.core.sleep_helper import sleep_plan

PICK_ONE = {
    "required": "Please choose how you usually sleep.",
    "invalid_choice": "Please choose one of the options listed.",
}
PILLOW_CHOICES = [("0", "None"), ("1", "One"), ("2", "Two"), ("3", "Three or more")]
MATTRESS_CHOICES = [
    ("too_soft", "Too soft: I sink into it"),
    ("about_right", "About right"),
    ("too_firm", "Too firm: it presses on my shoulders or hips"),
    ("not_sure", "Not sure"),
]
STIFF_CHOICES = [("yes", "Yes"), ("no", "No")]
OPTIONAL = {"invalid_choice": "Please choose one of the options listed."}


class SleepForm(forms.Form):
    position = forms.ChoiceField(
        label="How do you usually sleep?",
        choices=SLEEP_CHOICES,
        widget=forms.RadioSelect,
        error_messages=PICK_ONE,
    )
    pillows = forms.TypedChoiceField(
        label="How many pillows under your head? (optional)",
        choices=PILLOW_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages=OPTIONAL,
    )
    mattress = forms.ChoiceField(
        label="How does your mattress feel? (optional)",
        choices=MATTRESS_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        error_messages=OPTIONAL,
    )
    waking_stiff = forms.ChoiceField(
        label="Do you often wake up stiff? (optional)",
        choices=STIFF_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        error_messages=OPTIONAL,
    )


def sleep(request: HttpRequest) -> HttpResponse:
    asked = bool(set(request.GET) & set(SleepForm.base_fields))
    profile = profile_get(owner=request.user)  # type: ignore[arg-type]
    mine = profile.sleep_position if profile is not None else None
    if asked:
        form = SleepForm(request.GET)
    elif mine:
        form = SleepForm({"position": mine})
    else:
        form = SleepForm()
    context: dict[str, Any] = {"form": form, "plan": None, "mine": mine}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        stiff = data.get("waking_stiff")
        context["plan"] = sleep_plan(
            position=data["position"],
            pillows=data.get("pillows"),
            mattress=data.get("mattress") or None,
            waking_stiff=None if not stiff else stiff == "yes",
        )
    status = 400 if form.errors else 200
    return render(request, "coach/sleep/sleep.html", context, status=status)


urlpatterns = [
    path("sleep/", sleep, name="sleep"),
]
