"""The guided player: pain first, then today's routine one step at a time, then how it went.

The server renders the whole session as data (steps from `core.session_steps`) and a plain list
of items; `static/coach/player.js` drives the timers. Each item is saved the moment it is done
or skipped, so closing the tab keeps what was done, and reopening resumes at the first item not
yet done. Without JavaScript, each item has a plain "Mark done" form.

The finish page asks how each item felt and, first, whether anything happened that means stop
(chest pain, breathlessness, dizziness, new numbness, tingling or weakness in an arm or leg). A
ticked symptom is recorded as a safety screening even when the rest of the form is incomplete,
and the person goes to the screen's result: the stop page for an emergency or urgent one.
Finishing otherwise adapts the plan, and the person is told when it changed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.forms.boundfield import BoundWidget
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from upback.coach.models import GuidedItem, GuidedSession
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.plans import plan_current
from upback.coach.selectors.screenings import screening_latest
from upback.coach.selectors.sessions import (
    plan_day_items,
    plan_day_of,
    session_get,
    session_items,
    session_list_on,
    session_unfinished_on,
)
from upback.coach.services.adaptation import session_symptoms_record
from upback.coach.services.sessions import (
    Feedback,
    SessionError,
    SessionFinished,
    session_finish,
    session_item_record,
    session_start,
)
from upback.coach.views.figures import figure_context
from upback.coach.views.guards import exercise_allowed
from upback.coach.views.screen import STOPPED
from upback.core import adapt
from upback.core.library import Dose, default_library
from upback.core.session_steps import dose_from_json, pain_change, session_steps

PAIN_MESSAGE = "Choose a number from 0 (no pain) to 10 (worst pain)."
FEELING_MESSAGE = "Choose too easy, about right or too hard."
SPEED_MIN, SPEED_MAX = 1, 100


class PainField(forms.TypedChoiceField):
    """A 0-10 pain score as a row of radio buttons, with the meaning of each end."""

    low = "no pain"
    high = "worst pain you can imagine"

    def __init__(self, label: str, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            choices=[(n, str(n)) for n in range(11)],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": PAIN_MESSAGE, "invalid_choice": PAIN_MESSAGE},
            **kwargs,
        )


class StartForm(forms.Form):
    pain = PainField("How is your pain right now?")


SYMPTOM_MESSAGE = "Please choose only from the symptoms listed."
# The stop question's symptoms, grouped so they are quick to scan; every one appears once.
SYMPTOM_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Chest, breathing or feeling faint",
        ("chest_pain_or_pressure", "shortness_of_breath", "lightheaded_or_fainting"),
    ),
    (
        "Arms and legs: new numbness, tingling or weakness",
        (
            "arm_numbness_or_tingling_one_side",
            "bilateral_arm_symptoms_or_hand_clumsiness",
            "arm_weakness",
            "bilateral_leg_numbness_or_tingling",
            "leg_weakness",
        ),
    ),
)


class FinishForm(forms.Form):
    pain_after = PainField("How is your pain now?")
    symptoms = forms.MultipleChoiceField(
        label="During the session, did you have any of these?",
        required=False,
        choices=list(adapt.SESSION_SYMPTOMS),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": SYMPTOM_MESSAGE},
    )
    stopped_for_symptoms = forms.BooleanField(
        required=False,
        label="I stopped early because of pain or something else that did not feel right",
    )

    def __init__(self, *args: Any, items: list[GuidedItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.done_items = [i for i in items if i.status == GuidedItem.Status.DONE]
        for item in self.done_items:
            self.fields[f"feeling_{item.order}"] = forms.ChoiceField(
                label="How did it feel?",
                choices=GuidedItem.Feeling.choices,
                widget=forms.RadioSelect,
                error_messages={"required": FEELING_MESSAGE, "invalid_choice": FEELING_MESSAGE},
            )
            self.fields[f"pain_{item.order}"] = PainField("Pain during it")

    def per_item(self) -> list[tuple[GuidedItem, forms.BoundField, forms.BoundField]]:
        return [
            (item, self[f"feeling_{item.order}"], self[f"pain_{item.order}"])
            for item in self.done_items
        ]

    @property
    def symptom_groups(self) -> list[tuple[str, list[BoundWidget]]]:
        boxes = {box.data["value"]: box for box in self["symptoms"]}
        groups = [
            (title, [boxes.pop(key) for key in keys if key in boxes])
            for title, keys in SYMPTOM_GROUPS
        ]
        if boxes:
            groups.append(("Anything else", list(boxes.values())))
        return [(title, found) for title, found in groups if found]

    def clear_symptoms(self) -> list[str]:
        """Symptoms ticked without doubt, whatever else on the form needs fixing."""
        if "symptoms" in self.errors:
            return []
        chosen: list[str] = self.cleaned_data.get("symptoms") or []
        return chosen

    def feedback(self) -> dict[int, Feedback]:
        return {
            item.order: Feedback(
                feeling=self.cleaned_data[f"feeling_{item.order}"],
                pain_during=self.cleaned_data[f"pain_{item.order}"],
            )
            for item in self.done_items
        }


def _owner(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _speed(request: HttpRequest) -> int:
    """The test clock: `?speed=N` (1-100) runs every timer N times faster; anything else is 1."""
    try:
        value = int(request.GET.get("speed", "1"))
    except ValueError:
        return 1
    return value if SPEED_MIN <= value <= SPEED_MAX else 1


def _with_speed(url: str, speed: int) -> str:
    return f"{url}?speed={speed}" if speed != 1 else url


def _session_or_404(request: HttpRequest, pk: int) -> GuidedSession:
    session = session_get(owner=_owner(request), pk=pk)
    if session is None:
        raise Http404("No such session.")
    return session


def _gentle(request: HttpRequest) -> bool:
    care = getattr(request, "care", None)
    return bool(care and care.gentle_only)


@exercise_allowed
def start(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    plan = plan_current(owner=owner)
    if plan is None:
        return redirect("profile")
    today = local_today(owner=owner)
    day = plan_day_of(today)
    items = plan_day_items(plan=plan, day=day, gentle_only=_gentle(request))
    speed = _speed(request)
    form = StartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            session = session_start(
                owner=owner,
                plan=plan,
                local_date=today,
                day=day,
                pain_before=form.cleaned_data["pain"],
                gentle_only=_gentle(request),
            )
        except SessionError as error:
            form.add_error(None, str(error))
        else:
            return redirect(_with_speed(reverse("player", args=[session.pk]), speed))
    unfinished = session_unfinished_on(owner=owner, local_date=today)
    finished = [s for s in session_list_on(owner=owner, local_date=today) if s.finished_at]
    context = {
        "form": form,
        "items": items,
        "minutes": round(sum(float(i.get("minutes") or 0) for i in items)),
        "unfinished": unfinished,
        "finished_today": bool(finished),
        "speed": speed,
    }
    status = 400 if form.errors else 200
    return render(request, "coach/player/start.html", context, status=status)


def _dose(item: GuidedItem) -> Dose:
    try:
        return dose_from_json(item.dose)
    except ValidationError:
        return Dose(reps=1, rep_word="rounds")


def _session_data(session: GuidedSession, items: list[GuidedItem]) -> dict[str, Any]:
    library = default_library().techniques
    steps = session_steps([(item.name, _dose(item)) for item in items])
    pending = [n for n, item in enumerate(items) if item.status == GuidedItem.Status.PENDING]
    described = []
    for item in items:
        technique = library.get(item.slug)
        described.append(
            {
                "order": item.order,
                "name": item.name,
                "dose": str(item.dose.get("text") or ""),
                "kind": technique.kind.value.replace("_", " ").capitalize() if technique else "",
                "steps": list(technique.steps) if technique else [],
                "cautions": list(technique.cautions) if technique else [],
                "status": item.status,
                "record_url": reverse("player_item", args=[session.pk, item.order]),
            }
        )
    return {
        "items": described,
        "steps": [step.to_json() for step in steps],
        "start_item": pending[0] if pending else len(items),
        "finish_url": reverse("player_finish", args=[session.pk]),
    }


@exercise_allowed
def player(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    if session.finished_at is not None:
        return redirect("player_summary", pk=session.pk)
    items = session_items(session=session)
    library = default_library().techniques
    care = request.care  # type: ignore[attr-defined]
    rows = []
    for item in items:
        technique = library.get(item.slug)
        figure = figure_context(technique, care) if technique else None
        rows.append((item, technique, figure))
    context = {
        "session": session,
        "rows": rows,
        "figures": [(item.order, figure) for item, _, figure in rows if figure],
        "data": _session_data(session, items),
        "speed": _speed(request),
        "done_count": sum(item.status != GuidedItem.Status.PENDING for item in items),
    }
    return render(request, "coach/player/player.html", context)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@exercise_allowed
@require_POST
def item(request: HttpRequest, pk: int, order: int) -> HttpResponse:
    """Record one item as done or skipped: JSON for the player, a redirect for the plain form."""
    session = _session_or_404(request, pk)
    status = request.POST.get("status", "")
    try:
        recorded = session_item_record(
            owner=_owner(request), session=session, order=order, status=status
        )
    except SessionFinished as finished:
        if _wants_json(request):
            return JsonResponse({"error": str(finished)}, status=409)
        return redirect("player_summary", pk=session.pk)
    except SessionError as error:
        if error.field == "order":
            raise Http404(str(error)) from None
        if _wants_json(request):
            return JsonResponse({"error": str(error), "field": error.field}, status=400)
        context = {"title": "That did not work", "message": str(error), "session": session}
        return render(request, "coach/player/problem.html", context, status=400)
    if _wants_json(request):
        return JsonResponse({"order": recorded.order, "status": recorded.status})
    return redirect(f"{reverse('player', args=[session.pk])}#item-{order}")


def _after_symptoms(request: HttpRequest) -> HttpResponse:
    """The safety screen's result for the symptoms: the stop page, or what to do next."""
    latest = screening_latest(owner=_owner(request))
    if latest is not None and latest.disposition in STOPPED:
        return redirect("stop")
    return redirect("screen_result")


def _plan_news(request: HttpRequest, before: int | None) -> None:
    """Say so when finishing the session changed the plan."""
    after = plan_current(owner=_owner(request))
    if after is not None and after.version != before:
        messages.info(
            request,
            f"Your plan has changed after this session ({after.reason}). "
            "The Plan page shows what changed and why.",
        )


@exercise_allowed
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    if session.finished_at is not None:
        return redirect("player_summary", pk=session.pk)
    items = session_items(session=session)
    form = FinishForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and form.is_valid():
        symptoms = form.cleaned_data["symptoms"]
        current = plan_current(owner=_owner(request))
        try:
            session_finish(
                owner=_owner(request),
                session=session,
                pain_after=form.cleaned_data["pain_after"],
                feedback=form.feedback(),
                stopped_for_symptoms=form.cleaned_data["stopped_for_symptoms"],
                symptoms=symptoms,
            )
        except SessionFinished:
            pass
        except SessionError as error:
            form.add_error(None, str(error))
        if not form.errors:
            if symptoms:
                messages.warning(
                    request,
                    "Your session and the symptoms you ticked are saved. upback has stopped "
                    "the session so you can get checked.",
                )
                return _after_symptoms(request)
            _plan_news(request, current.version if current else None)
            return redirect("player_summary", pk=session.pk)
    elif request.method == "POST" and (symptoms := form.clear_symptoms()):
        # A symptom that means stop comes first: it is recorded even when the rest is incomplete.
        session_symptoms_record(owner=_owner(request), session=session, symptoms=symptoms)
        messages.warning(
            request,
            "The symptoms you ticked are saved, and upback has stopped the session so you can "
            "get checked. The rest of your answers can wait.",
        )
        return _after_symptoms(request)
    context = {
        "session": session,
        "form": form,
        "skipped": [i for i in items if i.status == GuidedItem.Status.SKIPPED],
        "pending": [i for i in items if i.status == GuidedItem.Status.PENDING],
    }
    return render(request, "coach/player/finish.html", context, status=400 if form.errors else 200)


@exercise_allowed
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    if session.finished_at is None or session.pain_after is None:
        return redirect("player", pk=session.pk)
    items = session_items(session=session)
    done = [i for i in items if i.status == GuidedItem.Status.DONE]
    context = {
        "session": session,
        "items": items,
        "done_count": len(done),
        "skipped_count": len(items) - len(done),
        "change": pain_change(session.pain_before, session.pain_after),
        "safety_net": default_library().advice.safety_net,
    }
    return render(request, "coach/player/summary.html", context)


urlpatterns = [
    path("session/start/", start, name="player_start"),
    path("session/<int:pk>/", player, name="player"),
    path("session/<int:pk>/item/<int:order>/", item, name="player_item"),
    path("session/<int:pk>/finish/", finish, name="player_finish"),
    path("session/<int:pk>/summary/", summary, name="player_summary"),
]
