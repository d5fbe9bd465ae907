"""The daily check-in (one short screen with a red-flag re-check) and the journal of past entries.

The check-in is not offered while the account is in the stop state: the person needs to be seen
first. A ticked warning sign saves the check-in, records a screening and leads to the stop page.
After a session yesterday or the day before, the check-in also asks (optionally) how the back
was the morning after it; the plan adapts once the check-in is saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.forms.boundfield import BoundWidget
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import dateformat
from django.views.decorators.http import require_http_methods

from upback.coach.models import CheckIn
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.adaptation import session_awaiting_next_morning
from upback.coach.selectors.checkins import (
    checkin_for_date,
    checkin_get,
    journal_page,
)
from upback.coach.selectors.screenings import care_state_get
from upback.coach.services.checkins import (
    NOTE_MAX,
    SCORE_MAX,
    SCORE_MIN,
    CheckinProblem,
    Scores,
    checkin_delete,
    checkin_recheck_record,
    checkin_record,
    checkin_update,
)
from upback.core import safety

SCORE_MESSAGE = f"Please choose a number from {SCORE_MIN} to {SCORE_MAX}"

# The re-check's warning signs, grouped by where they are felt so a person can scan them quickly.
# Any re-check key not listed here still appears, under "Anything else".
RECHECK_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Chest, breathing, feeling faint, face or speech",
        (
            "chest_pain_or_pressure",
            "shortness_of_breath",
            "coughing_blood",
            "sweating_clammy",
            "lightheaded_or_fainting",
            "stroke_like_symptoms",
        ),
    ),
    (
        "Legs, walking, bladder or bowel",
        (
            "bilateral_leg_numbness_or_tingling",
            "leg_weakness",
            "unsteady_gait_or_balance_loss",
            "unilateral_leg_swelling_or_calf_pain",
            "saddle_numbness",
            "urinary_retention_or_difficulty",
            "bowel_incontinence",
        ),
    ),
    ("Arms and hands", ("arm_weakness", "bilateral_arm_symptoms_or_hand_clumsiness")),
    (
        "Fever, weight, skin, or the pain itself",
        (
            "fever",
            "unexplained_weight_loss",
            "unilateral_rash_or_blisters",
            "night_pain_unrelieved_by_position_change",
            "constant_progressive_pain",
        ),
    ),
)


class ScoreField(forms.TypedChoiceField):
    """A 0-10 answer shown as a row of radio buttons, with what each end means."""

    def __init__(
        self, *, label: str, low: str, high: str, required: bool = True, what: str = ""
    ) -> None:
        message = f"{SCORE_MESSAGE} for {what or label[0].lower() + label[1:]}."
        super().__init__(
            label=label,
            choices=[(n, str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)],
            coerce=int,
            widget=forms.RadioSelect,
            required=required,
            empty_value=None,
            error_messages={"required": message, "invalid_choice": message},
        )
        self.low = low
        self.high = high


class NoteField(forms.CharField):
    """Free text; a browser's CR LF line breaks count as one character, as the person sees them."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")


class CheckinForm(forms.Form):
    pain = ScoreField(label="Pain right now", low="no pain", high="worst pain imaginable")
    stiffness = ScoreField(label="Stiffness", low="not stiff at all", high="as stiff as it gets")
    sleep_quality = ScoreField(label="How well you slept", low="awful", high="great")
    stress = ScoreField(label="Stress", low="calm", high="extremely stressed")
    note = NoteField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Anything that helped or made it worse. Up to {NOTE_MAX} characters.",
        error_messages={
            "max_length": "Please keep the note to %(limit_value)d characters "
            "(it has %(show_value)d)."
        },
    )
    local_date = forms.DateField(
        label="Day",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Today, or an earlier day you missed.",
        error_messages={"invalid": "Please enter a real date, like 2025-11-21."},
    )
    warning_signs = forms.MultipleChoiceField(
        label="Since your last check-in, have you had any of these?",
        required=False,
        choices=[(key, safety.question(key).text) for key in safety.RECHECK_KEYS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Please choose only from the warning signs listed."},
    )
    no_warning_signs = forms.BooleanField(label="None of these", required=False)

    def __init__(
        self,
        *args: Any,
        today: date,
        recheck: bool = True,
        morning_of: date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["local_date"].widget.attrs["max"] = today.isoformat()
        if not recheck:
            del self.fields["warning_signs"]
            del self.fields["no_warning_signs"]
        if morning_of is not None:
            self.fields["next_morning_pain"] = ScoreField(
                label=next_morning_question(morning_of, today),
                low="no pain",
                high="worst pain imaginable",
                required=False,
                what="your back the morning after",
            )
            self.fields["next_morning_pain"].help_text = (
                "Optional. How your back feels the morning after a session helps upback decide "
                "when to step your plan up and when to ease off."
            )

    @property
    def next_morning(self) -> forms.BoundField | None:
        return self["next_morning_pain"] if "next_morning_pain" in self.fields else None

    @property
    def scales(self) -> list[forms.BoundField]:
        return [self[name] for name in ("pain", "stiffness", "sleep_quality", "stress")]

    @property
    def sign_groups(self) -> list[tuple[str, list[BoundWidget]]]:
        """The re-check's checkboxes under their group titles; every sign appears exactly once."""
        boxes = {box.data["value"]: box for box in self["warning_signs"]}
        groups = [
            (title, [boxes.pop(key) for key in keys if key in boxes])
            for title, keys in RECHECK_GROUPS
        ]
        if boxes:
            groups.append(("Anything else", list(boxes.values())))
        return [(title, found) for title, found in groups if found]

    def clean_local_date(self) -> date:
        chosen: date | None = self.cleaned_data.get("local_date")
        if chosen is None:
            return self.today
        if chosen > self.today:
            raise forms.ValidationError(
                "That date is still to come. Choose today or an earlier day."
            )
        return chosen

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "warning_signs" not in self.fields or "warning_signs" in self.errors:
            return cleaned
        signs = cleaned.get("warning_signs") or []
        none = cleaned.get("no_warning_signs")
        if not signs and not none:
            self.add_error(
                "warning_signs",
                "Please tick any of these you have had, or tick “None of these”.",
            )
        elif signs and none:
            self.add_error(
                "warning_signs",
                "You ticked a warning sign and also “None of these”. Please untick one.",
            )
        return cleaned

    def clear_warning_signs(self) -> list[str]:
        """Warning signs ticked without doubt, whatever else on the form needs fixing."""
        if "warning_signs" not in self.fields or "warning_signs" in self.errors:
            return []
        signs: list[str] = self.cleaned_data.get("warning_signs") or []
        return signs

    def scores(self) -> Scores:
        data = self.cleaned_data
        return Scores(
            pain=data["pain"],
            stiffness=data["stiffness"],
            sleep_quality=data["sleep_quality"],
            stress=data["stress"],
        )


def next_morning_question(session_day: date, today: date) -> str:
    """'How was your back this morning, after yesterday's session?', or for an older session the
    morning after it."""
    if (today - session_day).days == 1:
        return "How was your back this morning, after yesterday’s session?"
    weekday = dateformat.format(session_day, "l")
    return f"How was your back the morning after your session on {weekday}?"


def day_words(day: date, today: date) -> str:
    """A date as a person says it: 'Today, Sat 21 Nov', 'Tue 3 Dec 2024' for another year."""
    words = dateformat.format(day, "D j M" if day.year == today.year else "D j M Y")
    if day == today:
        return f"Today, {words}"
    if (today - day).days == 1:
        return f"Yesterday, {words}"
    return words


def _mid_sentence(words: str) -> str:
    """'Today, Sat 21 Nov' as it reads inside a sentence: 'today, Sat 21 Nov'."""
    if words.startswith(("Today", "Yesterday")):
        return words[0].lower() + words[1:]
    return words


def _owner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware: only signed-in people get here
    return user


def _paused(request: HttpRequest) -> HttpResponse | None:
    """No screening yet → the screen; stopped → a page that offers only the screen again."""
    state = care_state_get(owner=_owner(request))
    if state.needs_screen:
        return redirect("screen_start")
    if state.stopped:
        return render(request, "coach/checkins/paused.html")
    return None


def _initial(entry: CheckIn) -> dict[str, Any]:
    return {
        "pain": entry.pain,
        "stiffness": entry.stiffness,
        "sleep_quality": entry.sleep_quality,
        "stress": entry.stress,
        "note": entry.note,
        "local_date": entry.local_date,
    }


@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest) -> HttpResponse:
    paused = _paused(request)
    if paused is not None:
        return paused
    owner = _owner(request)
    today = local_today(owner=owner)
    existing = checkin_for_date(owner=owner, local_date=today)
    initial = _initial(existing) if existing else {"local_date": today}
    data = request.POST if request.method == "POST" else None
    morning = session_awaiting_next_morning(owner=owner, today=today)
    form = CheckinForm(
        data, initial=initial, today=today, morning_of=morning.local_date if morning else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            recorded = checkin_record(
                owner=owner,
                scores=form.scores(),
                note=form.cleaned_data["note"],
                local_date=form.cleaned_data["local_date"],
                warning_signs=form.cleaned_data["warning_signs"],
                next_morning_pain=form.cleaned_data.get("next_morning_pain"),
                morning_session=morning,
            )
        except CheckinProblem as problem:
            form.add_error(problem.field, problem.message)
        else:
            when = _mid_sentence(day_words(recorded.checkin.local_date, today))
            if recorded.stopped:
                messages.warning(
                    request,
                    f"Your check-in for {when} is saved. Because of the warning sign you "
                    "ticked, upback has paused exercises for now.",
                )
                return redirect("stop")
            verb = "Saved" if recorded.created else "Updated"
            messages.success(request, f"{verb} your check-in for {when}. Thank you.")
            if recorded.plans:
                latest = recorded.plans[-1]
                messages.info(
                    request,
                    f"Your plan has changed ({latest.reason}). "
                    "The Plan page shows what changed and why.",
                )
            return redirect("journal")
    if request.method == "POST" and (signs := form.clear_warning_signs()):
        # A warning sign comes first: it is recorded even when the numbers need fixing.
        checkin_recheck_record(owner=owner, warning_signs=signs)
        messages.warning(
            request,
            "The warning sign you ticked is recorded, and upback has paused exercises for now. "
            "Some of your check-in answers were incomplete, so they were not saved; that can wait.",
        )
        return redirect("stop")
    return render(
        request,
        "coach/checkins/checkin.html",
        {"form": form, "existing": existing, "today": today, "morning_session": morning},
        status=400 if form.errors else 200,
    )


def _own_entry(request: HttpRequest, pk: int) -> CheckIn:
    entry = checkin_get(owner=_owner(request), pk=pk)
    if entry is None:
        raise Http404("No such check-in")
    return entry


@require_http_methods(["GET", "POST"])
def checkin_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _own_entry(request, pk)
    paused = _paused(request)
    if paused is not None:
        return paused
    owner = _owner(request)
    today = local_today(owner=owner)
    was = day_words(entry.local_date, today)
    data = request.POST if request.method == "POST" else None
    form = CheckinForm(data, initial=_initial(entry), today=today, recheck=False)
    if request.method == "POST" and form.is_valid():
        try:
            checkin_update(
                owner=owner,
                checkin=entry,
                scores=form.scores(),
                note=form.cleaned_data["note"],
                local_date=form.cleaned_data["local_date"],
            )
        except CheckinProblem as problem:
            form.add_error(problem.field, problem.message)
        else:
            when = _mid_sentence(day_words(entry.local_date, today))
            messages.success(request, f"Updated your check-in for {when}.")
            return redirect("journal")
    return render(
        request,
        "coach/checkins/edit.html",
        {"form": form, "entry": entry, "day": was},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def checkin_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _own_entry(request, pk)
    owner = _owner(request)
    today = local_today(owner=owner)
    when = day_words(entry.local_date, today)
    if request.method == "POST":
        checkin_delete(owner=owner, checkin=entry)
        messages.success(request, f"Deleted your check-in for {_mid_sentence(when)}.")
        return redirect("journal")
    return render(request, "coach/checkins/delete.html", {"entry": entry, "day": when})


@require_http_methods(["GET"])
def journal(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    today = local_today(owner=owner)
    found = journal_page(owner=owner, page=request.GET.get("page", 1))
    entries = [
        {
            "checkin": e.checkin,
            "sessions": e.sessions,
            "day": day_words(e.checkin.local_date, today),
        }
        for e in found.entries
    ]
    checked_in_today = checkin_for_date(owner=owner, local_date=today) is not None
    return render(
        request,
        "coach/checkins/journal.html",
        {
            "entries": entries,
            "page": found.page,
            "total": found.total,
            "checked_in_today": checked_in_today,
        },
    )


urlpatterns = [
    path("checkin/", checkin, name="checkin"),
    path("journal/", journal, name="journal"),
    path("journal/<int:pk>/edit/", checkin_edit, name="checkin_edit"),
    path("journal/<int:pk>/delete/", checkin_delete_view, name="checkin_delete"),
]
