"""The heat-or-cold helper: how the pain feels and the "who must not" questions on one page,
then the answer card: heat, cold, or neither for now, with minutes, the barrier, skin checks and
the never list.

The core decides (`core.heat_cold`); the view reads the form and passes the person's care state,
so while the safety check says stop the answer is "neither for now". The form is a POST because
the answers are about health and should not end up in addresses or server logs. Nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from upback.coach.selectors.screenings import care_state_get
from upback.core import heat_cold as core

SAFETY_CHOICES = [("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")]
PICK_ONE = {
    "required": "Please answer this question.",
    "invalid_choice": "Please choose yes, no or not sure.",
}
DAYS_MESSAGE = (
    f"Please enter a whole number of days from 0 to {core.SINCE_DAYS_MAX}, or leave it empty."
)


class HeatColdForm(forms.Form):
    feels = forms.MultipleChoiceField(
        label="How does the pain feel?",
        help_text="Pick all that fit.",
        choices=list(core.FEEL_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Please pick at least one word for how it feels.",
            "invalid_choice": "Please pick from the words listed.",
        },
    )
    since_days = forms.IntegerField(
        label="About how many days ago did it start? (optional)",
        help_text="0 if it started today. A rough guess is fine.",
        required=False,
        min_value=0,
        max_value=core.SINCE_DAYS_MAX,
        widget=forms.NumberInput(
            attrs={"min": 0, "max": core.SINCE_DAYS_MAX, "inputmode": "numeric"}
        ),
        error_messages={
            "invalid": DAYS_MESSAGE,
            "min_value": DAYS_MESSAGE,
            "max_value": DAYS_MESSAGE,
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in core.SAFETY_QUESTIONS:
            self.fields[question.key] = forms.ChoiceField(
                label=question.text,
                help_text=question.help,
                choices=SAFETY_CHOICES,
                widget=forms.RadioSelect,
                error_messages=PICK_ONE,
            )

    def safety_fields(self) -> list[forms.BoundField]:
        return [self[key] for key in core.SAFETY_KEYS]


def heat_cold(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = HeatColdForm(request.POST if posted else None)
    context: dict[str, Any] = {"form": form, "result": None}
    if posted and not form.is_valid():
        return render(request, "coach/heat_cold/heat_cold.html", context, status=400)
    if posted:
        data = form.cleaned_data
        care = care_state_get(owner=request.user)  # type: ignore[arg-type]
        answers = core.parse_answers(
            feels=data["feels"],
            since_days=data.get("since_days"),
            safety={key: data[key] for key in core.SAFETY_KEYS},
            red_flag=care.stopped,
        )
        result = core.decide(answers)
        context.update(
            result=result,
            timer_check=list(range(5, result.use.minutes_low, 5)) if result.use else [],
        )
    return render(request, "coach/heat_cold/heat_cold.html", context)


urlpatterns = [
    path("heat-or-cold/", heat_cold, name="heat_cold"),
]
