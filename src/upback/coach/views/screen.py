"""Onboarding: the safety screen on the web, one question per page, warning signs first.

Answers in progress live in the session, not the database, until the screen ends; then
`screening_record` stores them with the result. The core decides everything: which question
comes next (`safety.next_question`) and what the answers mean (`safety.screen`). An emergency
answer ends the screen at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from upback.coach.selectors.screenings import screening_get, screening_latest
from upback.coach.services.screenings import screening_confirm_seen, screening_record
from upback.core import safety
from upback.core.vocab import Disposition

SESSION_KEY = "upback.screen"
ANSWERS: dict[str, str] = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}
STOPPED = (Disposition.EMERGENCY.value, Disposition.URGENT.value)
MIN_AGE, MAX_AGE = 16, 120


@dataclass
class Progress:
    """A screen in progress: the age, the answers in the order asked, and answers set aside.

    Going back and changing an answer can change the questions that follow, so the later
    answers are set aside in `remembered` and offered again if their question comes back.
    """

    age: int
    asked: list[tuple[str, str]] = field(default_factory=list)
    remembered: dict[str, str] = field(default_factory=dict)

    def screening(self) -> safety.Screening:
        return safety.Screening(age=self.age, answers=dict(self.asked))

    def key_at(self, number: int) -> str | None:
        """The question at position `number` (from 1): one already asked, or the next to ask."""
        if 1 <= number <= len(self.asked):
            return self.asked[number - 1][0]
        if number == len(self.asked) + 1:
            return safety.next_question(self.screening())
        return None

    def kept(self, key: str) -> str | None:
        return dict(self.asked).get(key) or self.remembered.get(key)

    def answer(self, number: int, key: str, value: str) -> None:
        if number <= len(self.asked):
            if self.asked[number - 1][1] == value:
                return  # the same answer again: the questions after it stay the same
            self.remembered.update(dict(self.asked[number - 1 :]))
            del self.asked[number - 1 :]
        self.remembered.pop(key, None)
        self.asked.append((key, value))

    def with_age(self, age: int) -> Progress:
        """A new age can change which questions are asked: start over, offering every answer."""
        return Progress(age=age, remembered={**self.remembered, **dict(self.asked)})

    def to_session(self) -> dict[str, Any]:
        return {"age": self.age, "asked": self.asked, "remembered": self.remembered}

    @classmethod
    def from_session(cls, raw: Any) -> Progress | None:
        """Whatever is in the session is checked again; anything odd means no screen in progress."""
        try:
            age = raw["age"]
            asked = [(str(k), str(v)) for k, v in raw["asked"]]
            remembered = {str(k): str(v) for k, v in dict(raw["remembered"]).items()}
        except (TypeError, KeyError, ValueError):
            return None
        answers = [*asked, *remembered.items()]
        if not isinstance(age, int) or not MIN_AGE <= age <= MAX_AGE:
            return None
        if any(k not in safety.SYMPTOM_KEYS or v not in ANSWERS for k, v in answers):
            return None
        return cls(age=age, asked=asked, remembered=remembered)


def _load(request: HttpRequest) -> Progress | None:
    return Progress.from_session(request.session.get(SESSION_KEY))


def _save(request: HttpRequest, progress: Progress) -> None:
    request.session[SESSION_KEY] = progress.to_session()


def _clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


class AgeForm(forms.Form):
    age = forms.IntegerField(
        label="How old are you?",
        help_text="In whole years. A few warning signs depend on age.",
        error_messages={
            "required": "Please enter your age, in whole years.",
            "invalid": "Please enter your age as a whole number, for example 42.",
            "max_value": f"Please check your age: it should be between {MIN_AGE} and {MAX_AGE}.",
        },
        widget=forms.NumberInput(
            attrs={"inputmode": "numeric", "aria-describedby": "id_age_help", "size": 4}
        ),
    )

    def clean_age(self) -> int:
        age: int = self.cleaned_data["age"]
        if age < MIN_AGE:
            raise forms.ValidationError(
                f"upback is made for people aged {MIN_AGE} and over. For a younger person's back "
                "pain, please see a doctor or physiotherapist."
            )
        if age > MAX_AGE:
            raise forms.ValidationError(self.fields["age"].error_messages["max_value"])
        return age


def screen_start(request: HttpRequest) -> HttpResponse:
    """A short, calm introduction, then the age; answers already given are kept."""
    progress = _load(request)
    if request.method == "POST" and request.POST.get("action") == "restart":
        _clear(request)
        return redirect("screen_start")
    form = AgeForm(
        request.POST if request.method == "POST" else None,
        initial={"age": progress.age} if progress else None,
    )
    if form.is_valid():
        age = form.cleaned_data["age"]
        if progress is None:
            progress = Progress(age=age)
        elif progress.age != age:
            progress = progress.with_age(age)
        _save(request, progress)
        return redirect("screen_question", number=1)
    context = {
        "form": form,
        "progress": progress,
        "answered": len(progress.asked) if progress else 0,
        "before": screening_latest(owner=request.user),  # type: ignore[arg-type]
    }
    return render(request, "coach/screen/start.html", context, status=400 if form.errors else 200)


def _question_page(
    request: HttpRequest,
    progress: Progress,
    number: int,
    key: str,
    *,
    error: str | None = None,
) -> HttpResponse:
    back = reverse("screen_question", args=[number - 1]) if number > 1 else reverse("screen_start")
    context = {
        "number": number,
        "key": key,
        "question": safety.question(key),
        "choices": list(ANSWERS.items()),
        "kept": progress.kept(key),
        "back_url": back,
        "error": error,
    }
    return render(request, "coach/screen/question.html", context, status=400 if error else 200)


def _finish(request: HttpRequest, progress: Progress) -> HttpResponse:
    stored = screening_record(
        owner=request.user,  # type: ignore[arg-type]
        screening=progress.screening(),
        source="web",
    )
    _clear(request)
    return redirect("stop" if stored.disposition in STOPPED else "screen_result")


def screen_question(request: HttpRequest, number: int) -> HttpResponse:
    """One question: Yes, No or Not sure. An emergency answer ends the screen at once."""
    progress = _load(request)
    if progress is None:
        return redirect("screen_start")
    key = progress.key_at(number)
    if key is None:
        current = len(progress.asked) + 1
        current_key = progress.key_at(current)
        if current_key is None:
            return _finish(request, progress)  # nothing left that could change the result
        if request.method != "POST":
            return redirect("screen_question", number=current)
        error = "Please answer this question first."
        return _question_page(request, progress, current, current_key, error=error)
    if request.method != "POST":
        return _question_page(request, progress, number, key)

    value = request.POST.get("answer", "")
    if request.POST.get("key") != key:
        error = "That answer was for a different question. Please answer the one below."
        return _question_page(request, progress, number, key, error=error)
    if value not in ANSWERS:
        return _question_page(
            request, progress, number, key, error="Please choose Yes, No or Not sure."
        )
    progress.answer(number, key, value)
    _save(request, progress)
    screening = progress.screening()
    if safety.screen(screening).disposition is Disposition.EMERGENCY:
        return _finish(request, progress)
    if number == len(progress.asked) and safety.next_question(screening) is None:
        return _finish(request, progress)
    return redirect("screen_question", number=number + 1)


def screen_result(request: HttpRequest) -> HttpResponse:
    """The latest result that allows some exercise: 'see someone soon', or self-care."""
    latest = screening_latest(owner=request.user)  # type: ignore[arg-type]
    if latest is None:
        return redirect("screen_start")
    if latest.disposition in STOPPED:
        return redirect("stop")
    context = {
        "screening": latest,
        "soon": latest.disposition == Disposition.SOON.value,
        "clearance": getattr(latest, "clearance", None),
        "reasons": latest.result.get("reasons", []),
        "next_steps": latest.result.get("next_steps", []),
        "asked_again": "Q2" in latest.rules,
        "profile_url": reverse("profile"),
    }
    return render(request, "coach/screen/result.html", context)


@require_POST
def screen_seen(request: HttpRequest, pk: int) -> HttpResponse:
    """After a 'soon' result: the person tells us a clinician has seen them."""
    screening = screening_get(owner=request.user, pk=pk)  # type: ignore[arg-type]
    if screening is None:
        raise Http404("no such screening")
    try:
        screening_confirm_seen(owner=request.user, screening=screening)  # type: ignore[arg-type]
    except ValueError:
        return render(request, "coach/screen/problem.html", status=400)
    return redirect("screen_result")


def stop(request: HttpRequest) -> HttpResponse:
    """The full-page message for an emergency or urgent result. Never shows an exercise."""
    latest = screening_latest(owner=request.user)  # type: ignore[arg-type]
    if latest is None or latest.disposition not in STOPPED:
        return redirect("today")
    context = {
        "screening": latest,
        "emergency": latest.disposition == Disposition.EMERGENCY.value,
        "reasons": latest.result.get("reasons", []),
        "next_steps": latest.result.get("next_steps", []),
        "care": None,  # this page says it all; the base's stop banner would only repeat it
    }
    return render(request, "coach/screen/stop.html", context)


urlpatterns = [
    path("screen/", screen_start, name="screen_start"),
    path("screen/question/<int:number>/", screen_question, name="screen_question"),
    path("screen/result/", screen_result, name="screen_result"),
    path("screen/<int:pk>/seen/", screen_seen, name="screen_seen"),
    path("stop/", stop, name="stop"),
]
