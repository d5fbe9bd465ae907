"""The profile form, the plan page, and the two ways to change a plan: swap an item, rebuild it.

Every view here shows or changes exercise, so each is wrapped in `exercise_allowed`: before any
safety screen the person goes to the screen, and while it says stop, to the stop page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from upback.coach.models import Plan
from upback.coach.selectors.accounts import local_now, time_zone_get
from upback.coach.selectors.plans import (
    plan_current,
    profile_fields,
    profile_get,
)
from upback.coach.selectors.screenings import screening_latest
from upback.coach.services.plans import (
    NoPlan,
    PlanChanged,
    SafetyStop,
    plan_create,
    plan_regenerate,
    plan_swap,
    profile_save,
)
from upback.coach.views.guards import exercise_allowed
from upback.core import plan_swap as swapping
from upback.core.errors import InputProblem
from upback.core.labels import (
    DAY_NAMES,
    EQUIPMENT_CHOICES,
    PAIN_CHOICES,
    SLEEP_CHOICES,
    TRIGGER_CHOICES,
    WHO_CHOICES,
)
from upback.core.library import default_library
from upback.core.profile import Profile as CoreProfile
from upback.core.profile import parse_profile
from upback.core.vocab import WEEK

STRENGTH_CHOICES = [
    (0, "None for now"),
    (1, "1 day a week"),
    (2, "2 days a week"),
    (3, "3 days a week"),
]
FLOOR_CHOICES = [
    ("yes", "Yes, I can get down and back up comfortably"),
    ("no", "No, please keep everything off the floor"),
]

PICK_ONE = {
    "required": "Please choose one of the options.",
    "invalid_choice": "Please choose one of the options listed.",
}
PICK_ANY = {"invalid_choice": "Please choose from the options listed."}


def _whole(low: int, high: int, what: str) -> dict[str, str]:
    message = f"Please enter {what} between {low} and {high}."
    return {"required": message, "invalid": message, "min_value": message, "max_value": message}


def _number(low: int, high: int) -> forms.NumberInput:
    return forms.NumberInput(attrs={"min": low, "max": high, "inputmode": "numeric"})


class ProfileForm(forms.Form):
    """The DESIGN's profile, in friendly words; `clean` hands back the core's Profile."""

    who = forms.ChoiceField(
        label="Which sounds most like you?",
        choices=WHO_CHOICES,
        widget=forms.RadioSelect,
        error_messages=PICK_ONE,
    )
    age = forms.IntegerField(
        label="How old are you?",
        min_value=18,
        max_value=110,
        widget=_number(18, 110),
        error_messages={
            **_whole(18, 110, "your age"),
            "min_value": "upback is made for adults: please ask a doctor or physio about "
            "back pain under 18.",
        },
    )
    triggers = forms.MultipleChoiceField(
        label="What seems to set your pain off?",
        help_text="Pick any that fit, or none.",
        choices=TRIGGER_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=PICK_ANY,
    )
    pain_character = forms.ChoiceField(
        label="How does the pain feel at the moment?",
        help_text="A fresh flare gets a gentler plan, with no strength work until it settles.",
        choices=PAIN_CHOICES,
        widget=forms.RadioSelect,
        error_messages=PICK_ONE,
    )
    duration_weeks = forms.IntegerField(
        label="Roughly how many weeks have you had it?",
        help_text="0 if it started this week. A rough guess is fine.",
        min_value=0,
        max_value=1040,
        widget=_number(0, 1040),
        error_messages=_whole(0, 1040, "a number of weeks"),
    )
    minutes_per_day = forms.IntegerField(
        label="How many minutes a day can you give it?",
        help_text="Between 5 and 30. Ten to twenty minutes most days works well.",
        min_value=5,
        max_value=30,
        widget=_number(5, 30),
        error_messages=_whole(5, 30, "a number of minutes"),
    )
    strength_days_per_week = forms.TypedChoiceField(
        label="On how many days a week would you like a short strength session?",
        help_text="Strength days are never back to back.",
        choices=STRENGTH_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=PICK_ONE,
    )
    equipment = forms.MultipleChoiceField(
        label="What do you have at home?",
        help_text="A chair, a wall, a doorway, a towel and a book are taken as at hand.",
        choices=EQUIPMENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=PICK_ANY,
    )
    floor_ok = forms.TypedChoiceField(
        label="Can you get down to the floor and back up again?",
        choices=FLOOR_CHOICES,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages=PICK_ONE,
    )
    sleep_position = forms.ChoiceField(
        label="How do you usually sleep?",
        choices=SLEEP_CHOICES,
        widget=forms.RadioSelect,
        error_messages=PICK_ONE,
    )

    SECTIONS = (
        ("About you", ("who", "age")),
        ("Your pain", ("pain_character", "duration_weeks", "triggers")),
        ("Your time", ("minutes_per_day", "strength_days_per_week")),
        ("What suits you", ("equipment", "floor_ok", "sleep_position")),
    )

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            try:
                self.profile = parse_profile(dict(cleaned))
            except InputProblem as problem:
                raise forms.ValidationError(str(problem)) from problem
        return cleaned

    profile: CoreProfile


def _profile_initial(request: HttpRequest) -> dict[str, Any]:
    """The stored answers; before a first profile, a few defaults and the screen's age."""
    stored = profile_get(owner=request.user)  # type: ignore[arg-type]
    if stored is not None:
        initial = profile_fields(stored)
        initial["floor_ok"] = "yes" if stored.floor_ok else "no"
        initial["duration_weeks"] = round(stored.duration_weeks)
        return initial
    initial = {"minutes_per_day": 15, "strength_days_per_week": 2, "floor_ok": "yes"}
    latest = screening_latest(owner=request.user)  # type: ignore[arg-type]
    if latest is not None and latest.age is not None and 18 <= latest.age <= 110:
        initial["age"] = latest.age
    return initial


@exercise_allowed
def profile(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            owner = request.user
            first = plan_current(owner=owner) is None  # type: ignore[arg-type]
            try:
                profile_save(owner=owner, profile=form.profile)  # type: ignore[arg-type]
                made = plan_create(
                    owner=owner,  # type: ignore[arg-type]
                    profile=form.profile,
                    reason="first plan" if first else "profile updated",
                )
            except SafetyStop:
                return redirect("stop")
            messages.success(
                request,
                "Your plan is ready. Have a look through the week; you can swap anything "
                "that does not suit you."
                if first
                else f"Your answers are saved and your plan is rebuilt (version {made.version}).",
            )
            return redirect("plan")
        status = 400
    else:
        form = ProfileForm(initial=_profile_initial(request))
        status = 200
    has_plan = plan_current(owner=request.user) is not None  # type: ignore[arg-type]
    return render(
        request, "coach/plans/profile.html", {"form": form, "has_plan": has_plan}, status=status
    )


class SwapForm(forms.Form):
    version = forms.IntegerField(min_value=1)
    slug = forms.CharField(max_length=60)
    replacement = forms.CharField(
        max_length=60, error_messages={"required": "Please choose what to do instead."}
    )


def _swap_where(days: list[str]) -> str:
    if len(days) == 1:
        return f"This changes {DAY_NAMES[days[0]]} only."
    if len(days) == len(WEEK):
        return "This changes every day of the week."
    return f"This changes {_day_word_long([DAY_NAMES[d] for d in days])}."


def show_minutes(item: dict[str, Any]) -> bool:
    """Whether 'about N min' adds anything to the dose ('5 min' already says it)."""
    dose = item.get("dose", {})
    return not (dose.get("duration_seconds") and dose.get("sets", 1) == 1)


def _plan_context(request: HttpRequest, stored: Plan) -> dict[str, Any]:
    """What the plan page shows: the week (made gentle when the care state asks), advice, swaps."""
    library = default_library()
    care = request.care  # type: ignore[attr-defined]
    gentle_now = bool(care.gentle_only)
    data: dict[str, Any] = stored.data
    hidden: list[str] = []
    if gentle_now and not stored.gentle_only:
        shown = swapping.gentle_view(data, library)
        kept = {item["slug"] for day in shown["days"] for item in day["items"]}
        for day in data["days"]:
            for item in day["items"]:
                if item["slug"] not in kept and item["name"] not in hidden:
                    hidden.append(item["name"])
        data = shown
    snapshot = parse_profile(stored.profile_snapshot, where="stored profile")
    today = WEEK[local_now(owner=request.user).weekday()].value  # type: ignore[arg-type]
    wanted = request.GET.get("day") or request.POST.get("day")
    open_day = wanted if wanted in DAY_NAMES else today

    made = stored.created_at.astimezone(time_zone_get(owner=request.user))  # type: ignore[arg-type]
    days_of: dict[str, list[str]] = {}
    for day in data["days"]:
        for item in day["items"]:
            days_of.setdefault(item["slug"], []).append(day["day"])
    offered = swapping.alternatives_for_every_item(
        stored.data, snapshot, library, gentle_only=gentle_now or stored.gentle_only
    )
    options = {
        slug: [
            {"slug": t.slug, "name": t.name, "dose": t.dose.describe(), "minutes": t.minutes}
            for t in offered[slug]
        ]
        for slug in days_of
    }
    days = [
        {
            **day,
            "name": DAY_NAMES[day["day"]],
            "is_today": day["day"] == today,
            "open": day["day"] == open_day,
            "items": [
                {
                    **item,
                    "alternatives": options[item["slug"]],
                    "swap_where": _swap_where(days_of[item["slug"]]),
                    "show_minutes": show_minutes(item),
                }
                for item in day["items"]
            ],
        }
        for day in data["days"]
    ]
    habits = {h.slug: h for h in library.advice.habits}
    strength_days = [DAY_NAMES[d] for d in data.get("strength_days", [])]
    return {
        "plan": stored,
        "data": data,
        "days": days,
        "today": DAY_NAMES[today],
        "strength_words": _day_word_long(strength_days),
        "habits": [habits[s] for s in data.get("habits", []) if s in habits],
        "desk": [fix.partition(": ")[::2] for fix in data["advice"]["desk"]],
        "advice": data["advice"],
        "hidden": _day_word_long(hidden),
        "cleared_since": stored.gentle_only and not gentle_now,
        # Plain date and time on the person's clock: templates would shift an aware datetime.
        "made_on": made.date(),
        "made_time": made.strftime("%H:%M"),
    }


def _day_word_long(names: list[str]) -> str:
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@exercise_allowed
def plan(request: HttpRequest) -> HttpResponse:
    stored = plan_current(owner=request.user)  # type: ignore[arg-type]
    if stored is None:
        return redirect("profile")
    return render(request, "coach/plans/plan.html", _plan_context(request, stored))


@require_POST
@exercise_allowed
def swap(request: HttpRequest) -> HttpResponse:
    stored = plan_current(owner=request.user)  # type: ignore[arg-type]
    if stored is None:
        return redirect("profile")
    form = SwapForm(request.POST)
    problem = ""
    if form.is_valid():
        slug = form.cleaned_data["slug"]
        try:
            made = plan_swap(
                owner=request.user,  # type: ignore[arg-type]
                slug=slug,
                replacement=form.cleaned_data["replacement"],
                expected_version=form.cleaned_data["version"],
            )
        except SafetyStop:
            return redirect("stop")
        except PlanChanged:
            messages.info(
                request,
                "Your plan changed in the meantime (perhaps in another tab), so nothing was "
                "swapped. Here is the latest version; please choose again.",
            )
            return redirect("plan")
        except swapping.SwapProblem:
            problem = "That choice is not available for this item. Please pick one of the options."
        else:
            messages.success(request, f"Done: {made.reason}. This is now version {made.version}.")
            day = request.POST.get("day", "")
            if day in DAY_NAMES:
                return redirect(reverse("plan") + f"?day={day}#day-{day}")
            return redirect("plan")
    else:
        problem = "Please choose what to do instead."
    context = _plan_context(request, stored)
    context["swap_problem"] = problem
    context["swap_slug"] = request.POST.get("slug", "")
    return render(request, "coach/plans/plan.html", context, status=400)


@require_POST
@exercise_allowed
def regenerate(request: HttpRequest) -> HttpResponse:
    try:
        made = plan_regenerate(owner=request.user)  # type: ignore[arg-type]
    except NoPlan:
        return redirect("profile")
    except SafetyStop:
        return redirect("stop")
    messages.success(
        request, f"Your plan is rebuilt from your answers. This is now version {made.version}."
    )
    return redirect("plan")


urlpatterns = [
    path("profile/", profile, name="profile"),
    path("plan/", plan, name="plan"),
    path("plan/swap/", swap, name="plan_swap"),
    path("plan/regenerate/", regenerate, name="plan_regenerate"),
]
