"""Two habits for a month: the pick, the daily ticks (htmx, with a plain-form fallback), the
30-day grid, the reminder time, and the month's summary with the next pick.

Habits are not exercises, so this page stays open while a red flag is active; a habit built on an
exercise is then shown without its exercise and cannot be ticked (core.habits.held).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.habits import (
    Catalogue,
    HabitLine,
    HabitStatus,
    habit_catalogue,
    habit_status,
)
from upback.coach.selectors.screenings import care_state_get
from upback.coach.services.habits import (
    habit_check,
    habit_month_start,
    habit_reminder_set,
    habit_uncheck,
)
from upback.core import habits as core
from upback.core.care import CareState
from upback.core.library import default_library

WEEKDAYS = (
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
)
TIME_MESSAGE = "Please enter a time like 08:30, or leave it empty."


def sentence(detail: str) -> str:
    """core's 'field: detail' detail as a sentence for a page."""
    text = detail[:1].upper() + detail[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _time_field(label: str, help_text: str = "") -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=help_text,
        required=False,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": TIME_MESSAGE},
    )


class PickForm(forms.Form):
    habits = forms.MultipleChoiceField(
        label="Pick two habits",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Please choose from the habits listed."},
    )
    own_1 = forms.CharField(
        label="A habit of your own (optional)",
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": core.OWN_MAX, "autocomplete": "off"}),
        help_text=f"In your own words, {core.OWN_MIN} to {core.OWN_MAX} characters. "
        "For example: “Roll my shoulders while the kettle boils”.",
    )
    own_2 = forms.CharField(
        label="Another of your own (optional)",
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": core.OWN_MAX, "autocomplete": "off"}),
    )
    reminder_time = _time_field(
        "Remind me each day at (optional)",
        help_text="A daily nudge at this time, added to your calendar if you subscribe to "
        "upback’s.",
    )
    start_over = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, catalogue: Catalogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offers = catalogue.offers
        self.held = catalogue.held
        self.held_reason = catalogue.held_reason
        field = self.fields["habits"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(offer.slug, offer.name) for offer in self.offers]

    def _own(self, name: str) -> core.Chosen | None:
        text = core.tidy(self.cleaned_data.get(name) or "")
        if not text:
            return None
        try:
            return core.read_pick(text, default_library().advice.habits)
        except core.HabitProblem as problem:
            raise forms.ValidationError(sentence(problem.detail)) from None

    def clean_own_1(self) -> core.Chosen | None:
        return self._own("own_1")

    def clean_own_2(self) -> core.Chosen | None:
        return self._own("own_2")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if any(name in self.errors for name in ("habits", "own_1", "own_2")):
            return cleaned
        library = {habit.slug: habit for habit in default_library().advice.habits}
        picks = [
            core.Chosen(slug=slug, name=library[slug].name) for slug in cleaned.get("habits", [])
        ]
        picks += [own for own in (cleaned.get("own_1"), cleaned.get("own_2")) if own]
        try:
            cleaned["chosen"] = core.choose(picks)
        except core.HabitProblem as problem:
            self.add_error("habits", sentence(problem.detail))
        return cleaned

    def picks(self) -> list[str]:
        """The two picks as the service takes them: slugs, or the person's own words."""
        chosen: tuple[core.Chosen, ...] = self.cleaned_data["chosen"]
        return [habit.name if habit.own else habit.slug for habit in chosen]

    @property
    def ticked(self) -> set[str]:
        """The checkboxes to show ticked: what was posted, or the initial pick."""
        return {str(slug) for slug in self["habits"].value() or []}


class TickForm(forms.Form):
    habit = forms.CharField(max_length=60)
    date = forms.DateField(input_formats=["%Y-%m-%d"])
    done = forms.TypedChoiceField(choices=[("1", "done"), ("0", "not done")], coerce=int)
    back = forms.ChoiceField(choices=[("habits", "habits"), ("today", "today")], required=False)


class ReminderForm(forms.Form):
    reminder_time = _time_field("Daily reminder")


def _owner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware: only signed-in people get here
    return user


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def month_context(status: HabitStatus) -> dict[str, Any]:
    """What the running month's partial (and the summary's grids) need."""
    return {
        "status": status,
        "weeks": core.calendar_weeks(status.month),
        "weekdays": WEEKDAYS,
        "today": status.today,
        "ends_words": core.day_words(status.month.ends_on),
    }


def _pick_form(
    status: HabitStatus | None, care: CareState, owner: User, data: Any = None
) -> PickForm:
    catalogue = habit_catalogue(owner=owner, care=care)
    initial: dict[str, Any] = {}
    if status is not None and status.ended:
        # The next pick starts from last month's two: keep them, or change one.
        offered = {offer.slug for offer in catalogue.offers}
        initial["habits"] = [h.slug for h in status.month.habits if h.slug in offered]
        own = [h.name for h in status.month.habits if h.own]
        initial.update({f"own_{n}": name for n, name in enumerate(own, start=1)})
        initial["reminder_time"] = status.reminder_time
    return PickForm(data, catalogue=catalogue, initial=initial)


def _page(
    request: HttpRequest,
    *,
    status: HabitStatus | None,
    care: CareState,
    form: PickForm | None = None,
    reminder: ReminderForm | None = None,
    problem: str = "",
    http_status: int = 200,
) -> HttpResponse:
    owner = _owner(request)
    running = status is not None and not status.ended
    start_over = running and (request.GET.get("start_over") == "1" or form is not None)
    context: dict[str, Any] = {
        "status": status,
        "running": running,
        "start_over": start_over,
        "problem": problem,
        "weekdays": WEEKDAYS,
    }
    if status is not None:
        context.update(month_context(status))
    if not running or start_over:
        form = form or _pick_form(status, care, owner)
        if start_over:
            form.initial["start_over"] = True
        context["form"] = form
        start = local_today(owner=owner)
        context["new_ends"] = core.day_words(start + dt.timedelta(days=core.MONTH_DAYS))
    if running and status is not None:
        context["reminder"] = reminder or ReminderForm(
            initial={"reminder_time": status.reminder_time}
        )
    return render(request, "coach/habits/habits.html", context, status=http_status)


@require_http_methods(["GET", "POST"])
def habits(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    care = care_state_get(owner=owner)
    if care.needs_screen:
        return redirect("screen_start")
    status = habit_status(owner=owner, care=care)
    if request.method != "POST":
        return _page(request, status=status, care=care)
    form = _pick_form(status, care, owner, data=request.POST)
    if form.is_valid():
        try:
            stored = habit_month_start(
                owner=owner,
                habits=form.picks(),
                reminder_time=form.cleaned_data["reminder_time"],
                start_over=form.cleaned_data["start_over"],
            )
        except core.HabitProblem as problem:
            form.add_error("habits", sentence(problem.detail))
        else:
            messages.success(
                request,
                f"Your habit month has started: {core.MONTH_DAYS} days, until "
                f"{core.day_words(stored.ends_on)}. Tick each habit off here or on Today.",
            )
            return redirect("habits")
    return _page(request, status=status, care=care, form=form, http_status=400)


def _tick_message(line: HabitLine, done: bool, day: dt.date, today: dt.date) -> str:
    """What changed, said back to the person (and to a screen reader) after a tick."""
    if day == today:
        when = "today"
    elif day == today - dt.timedelta(days=1):
        when = "yesterday"
    else:
        when = core.day_words(day)
    name = line.habit.name
    if not done:
        return f"Took the tick off “{name}” for {when}."
    streak = line.progress.streak
    row = (
        f" That is {streak} days in a row." if streak > 1 and day >= today - dt.timedelta(1) else ""
    )
    return f"Ticked “{name}” for {when}.{row}"


def _tick_problem(request: HttpRequest, problem: str, care: CareState) -> HttpResponse:
    if _is_htmx(request):
        # htmx does not swap an error answer in: reload the page, which shows the message.
        messages.error(request, problem)
        response = HttpResponse(problem, status=400, content_type="text/plain")
        response["HX-Refresh"] = "true"
        return response
    status = habit_status(owner=_owner(request), care=care)
    return _page(request, status=status, care=care, problem=problem, http_status=400)


@require_POST
def tick(request: HttpRequest) -> HttpResponse:
    """Tick a habit for a day, or take the tick back; htmx gets the updated part of the page."""
    owner = _owner(request)
    care = care_state_get(owner=owner)
    form = TickForm(request.POST)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        return _tick_problem(
            request, f"Please try again: the {field} was not clear. {errors[0]}", care
        )
    data = form.cleaned_data
    change = habit_check if data["done"] else habit_uncheck
    try:
        change(owner=owner, slug=data["habit"], local_date=data["date"])
    except core.HabitProblem as problem:
        return _tick_problem(request, sentence(problem.detail), care)
    status = habit_status(owner=owner, care=care)
    assert status is not None  # the tick was just stored in it
    chosen = status.month.find(data["habit"])
    line = next(ln for ln in status.lines if ln.habit == chosen)
    said = _tick_message(line, bool(data["done"]), data["date"], status.today)
    back = data.get("back") or "habits"
    if not _is_htmx(request):
        messages.success(request, said)
        return redirect(reverse("today" if back == "today" else "habits") + "#habit-ticks")
    template = "coach/habits/_today.html" if back == "today" else "coach/habits/_month.html"
    return render(request, template, {**month_context(status), "said": said, "oob": True})


@require_POST
def reminder(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    care = care_state_get(owner=owner)
    form = ReminderForm(request.POST)
    if request.POST.get("action") == "clear":
        form = ReminderForm({"reminder_time": ""})
    problem = ""
    if form.is_valid():
        chosen = form.cleaned_data["reminder_time"]
        try:
            habit_reminder_set(owner=owner, reminder_time=chosen)
        except core.HabitProblem as error:
            form.add_error("reminder_time", sentence(error.detail))
            problem = sentence(error.detail)  # no month running: the page shows the pick instead
        else:
            said = (
                f"Your daily habit reminder is set for {chosen:%H:%M}."
                if chosen
                else "Your daily habit reminder is off."
            )
            messages.success(request, said)
            return redirect(reverse("habits") + "#reminder-title")
    status = habit_status(owner=owner, care=care)
    return _page(request, status=status, care=care, reminder=form, problem=problem, http_status=400)


urlpatterns = [
    path("habits/", habits, name="habits"),
    path("habits/tick/", tick, name="habit_tick"),
    path("habits/reminder/", reminder, name="habit_reminder"),
]
