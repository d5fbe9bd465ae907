"""The break timer in the browser: a countdown to the next movement break, the routine for it
in the guided player, and one endpoint that records what the person did about a break.

Each browser runs its own timer, as a desk break app does on each computer: when this browser
last saw a break taken or skipped, and any snooze, are kept in the person's session (and in the
page's own storage, for when it is offline). Every break is recorded in the database, so the
statistics count breaks from the terminal reminder and every browser alike.

The timer follows `core.breaks`: working hours and days in the person's own zone, a break an
interval after the last one, an active break each hour, and the moves in rotation (on with each
break taken or skipped, from the first again each day). Opening the timer for the first time in
a working day starts it from then, not from the start of work, so nobody is greeted by a break
that was "due" hours ago.

While a red flag is active the timer still counts down (getting up and moving is fine), but no
routine is suggested; while only gentle movements are advised, only flare-suitable ones are.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from upback.coach.selectors.accounts import local_today, time_zone_get
from upback.coach.selectors.breaks import break_settings_get, breaks_recorded_on
from upback.coach.selectors.screenings import care_state_get
from upback.coach.services.breaks import break_record, break_settings_save
from upback.coach.views.break_forms import RecordForm, SettingsForm
from upback.coach.views.break_timer import (
    Offer,
    TimerMemory,
    Upcoming,
    break_doses,
    offers_for,
    upcoming,
    when_words,
    windows_from,
)
from upback.coach.views.guards import exercise_allowed
from upback.core.breaks import WEEKDAYS, BreakSettings, Routine
from upback.core.care import CareState
from upback.core.errors import InputProblem
from upback.core.labels import DAY_NAMES
from upback.core.library import Dose, default_library
from upback.core.session_steps import session_steps

SPEED_MAX = 100


def _owner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware: only signed-in people get here
    return user


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# ---- the state shown on the page and the Today widget ------------------------------------------


@dataclass(frozen=True)
class TimerView:
    settings: BreakSettings
    care: CareState
    memory: TimerMemory
    coming: Upcoming
    offers: list[Offer]
    routine: Offer | None
    taken_today: int
    now: dt.datetime

    @property
    def zone(self) -> ZoneInfo:
        return self.settings.zone

    @property
    def routine_url(self) -> str:
        if self.routine is None:
            return ""
        return f"{reverse('break_routine', args=[self.routine.slug])}?kind={self.coming.kind}"

    @property
    def words(self) -> dict[str, str]:
        """The times on the page as text (the countdown needs JavaScript; these do not)."""
        coming, zone = self.coming, self.zone
        return {
            "due": f"{coming.due.astimezone(zone):%H:%M}" if coming.due else "",
            "day_end": f"{coming.day_end.astimezone(zone):%H:%M}" if coming.day_end else "",
            "next_start": (
                when_words(coming.next_start, self.now, zone) if coming.next_start else ""
            ),
        }

    def data(self, owner: User) -> dict[str, Any]:
        """Everything the page's script needs to run the timer by itself, as JSON."""
        settings = self.settings
        return {
            "owner": owner.pk,
            "zone": settings.timezone,
            "windows": [
                [start.isoformat(), end.isoformat()]
                for start, end in windows_from(settings, self.now)
            ],
            "interval_ms": settings.interval_minutes * 60_000,
            "active_every_ms": settings.active_every_minutes * 60_000,
            "active_minutes": settings.active_minutes,
            "memory": self.memory.to_json(),
            "routines": [
                {**offer.to_json(), "url": reverse("break_routine", args=[offer.slug])}
                for offer in self.offers
            ],
            "record_url": reverse("break_record"),
            "taken_today": self.taken_today,
        }


def timer_view(request: HttpRequest, *, now: dt.datetime | None = None) -> TimerView:
    """The person's timer as of now: settings, what this browser remembers, the next break."""
    owner = _owner(request)
    now = now or timezone.now()
    settings = break_settings_get(owner=owner)
    care = care_state_get(owner=owner)
    memory = TimerMemory.load(request.session).started(settings, now)
    memory.keep(request.session)
    coming = upcoming(settings, memory.timer(settings), now)
    offers = offers_for(care, default_library(), settings)
    routine = offers[coming.place % len(offers)] if offers and coming.due else None
    return TimerView(
        settings=settings,
        care=care,
        memory=memory,
        coming=coming,
        offers=offers,
        routine=routine,
        taken_today=breaks_recorded_on(owner=owner, local_date=local_today(owner=owner)),
        now=now,
    )


def hours_words(settings: BreakSettings) -> str:
    """'Monday to Friday, 09:00 to 17:30' in words a person reads at a glance."""
    chosen = [day for day in WEEKDAYS if day in settings.days]
    indexes = [WEEKDAYS.index(day) for day in chosen]
    if len(chosen) == len(WEEKDAYS):
        days = "Every day"
    elif len(chosen) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        days = f"{DAY_NAMES[chosen[0]]} to {DAY_NAMES[chosen[-1]]}"
    else:
        names = [DAY_NAMES[day] for day in chosen]
        days = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{days}, {settings.start:%H:%M} to {settings.end:%H:%M}"


# ---- the break page --------------------------------------------------------------------------


def _page(request: HttpRequest, *, problem: str = "", status: int = 200) -> HttpResponse:
    owner = _owner(request)
    view = timer_view(request)
    context = {
        "timer": view,
        "coming": view.coming,
        "routine": view.routine,
        "data": view.data(owner),
        "hours": hours_words(view.settings),
        "problem": problem,
        "client_ids": {name: uuid.uuid4() for name in ("take", "snooze5", "snooze10", "skip")},
    }
    return render(request, "coach/breaks/timer.html", context, status=status)


@require_http_methods(["GET"])
def breaks(request: HttpRequest) -> HttpResponse:
    return _page(request)


# ---- recording a break -----------------------------------------------------------------------


def _said(outcome: str, taken: int, minutes: int | None, settings: BreakSettings) -> str:
    if outcome == "taken":
        return f"Break recorded — {taken} today."
    if outcome == "snoozed":
        return f"Snoozed: upback will remind you again in {minutes or 5} minutes."
    return f"Skipped. The next break comes in {settings.interval_minutes} minutes."


@require_POST
def record(request: HttpRequest) -> HttpResponse:
    """Store a break: 201 JSON for the page's script, a redirect back for the plain forms."""
    owner = _owner(request)
    form = RecordForm(request.POST, zone=time_zone_get(owner=owner))
    stored = None
    if form.is_valid():
        data = form.cleaned_data
        at: dt.datetime = data["at"] or timezone.now()
        try:
            stored = break_record(
                owner=owner,
                at=at,
                outcome=data["outcome"],
                kind=data["kind"] or "micro",
                channel="web",
                routine=data["routine"],
                client_id=data["client_id"],
            )
        except InputProblem as problem:
            field = str(problem).split(":", 1)[0]
            form.add_error(field if field in form.fields else None, str(problem).split(": ", 1)[-1])
    if stored is None:
        field, message = form.first_problem()
        if _wants_json(request):
            return JsonResponse({"error": message, "field": field}, status=400)
        return _page(request, problem=f"That break could not be recorded. {message}", status=400)
    outcome, minutes = stored.outcome, form.cleaned_data["minutes"]
    zone = time_zone_get(owner=owner)
    memory = TimerMemory.load(request.session).after(outcome, stored.at, stored.kind, minutes, zone)
    memory.keep(request.session)
    taken = breaks_recorded_on(owner=owner, local_date=local_today(owner=owner))
    if _wants_json(request):
        # 201 for a replay too: the same break, already stored, is what the caller asked for.
        return JsonResponse({"id": stored.pk, "taken_today": taken}, status=201)
    messages.success(request, _said(outcome, taken, minutes, break_settings_get(owner=owner)))
    return redirect("breaks")


# ---- working hours ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    current = break_settings_get(owner=owner)
    initial = {
        "days": [day for day in WEEKDAYS if day in current.days],
        "start": current.start,
        "end": current.end,
        "interval_minutes": current.interval_minutes,
    }
    form = SettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Keep what this form does not show (the active break's length and spacing).
        values = current.model_dump(exclude={"timezone"}) | form.cleaned_data
        try:
            break_settings_save(owner=owner, values=values)
        except InputProblem as problem:
            field, _, message = str(problem).partition(": ")
            sentence = f"{message[:1].upper()}{message[1:]}." if message else str(problem)
            form.add_error(field if field in form.fields else None, sentence)
        else:
            messages.success(request, "Saved. The break timer and upback remind use these hours.")
            return redirect("breaks")
    context = {"form": form, "active_minutes": current.active_minutes}
    return render(
        request, "coach/breaks/settings.html", context, status=400 if form.errors else 200
    )


# ---- the routine in the guided player --------------------------------------------------------


def _speed(request: HttpRequest) -> int:
    """The test clock, as in the session player: `?speed=N` runs the timers N times faster."""
    try:
        value = int(request.GET.get("speed", "1"))
    except ValueError:
        return 1
    return value if 1 <= value <= SPEED_MAX else 1


def _items(routines: tuple[Routine, ...], *, active: bool) -> list[tuple[Routine, Dose]]:
    """Each move with its break-sized dose; an active break ends with a timed walk."""
    doses = break_doses()
    moves = routines[:-1] if active else routines
    # A move added to the rotation before it has a dose here is simply timed (a test checks
    # that every move has one).
    found = [
        (move, doses.get(move.slug) or Dose(duration_seconds=max(move.seconds, 10)))
        for move in moves
    ]
    if active:
        walk = routines[-1]
        found.append((walk, Dose(duration_seconds=max(walk.seconds, 10))))
    return found


@exercise_allowed
@require_http_methods(["GET"])
def routine(request: HttpRequest, slug: str) -> HttpResponse:
    """The break's routine in the guided player: one move, or an active break's moves and walk."""
    care: CareState = request.care  # type: ignore[attr-defined]
    library = default_library()
    settings = break_settings_get(owner=_owner(request))
    offered = {offer.slug: offer for offer in offers_for(care, library, settings)}
    if slug not in offered:
        raise Http404("That is not one of the break routines.")
    offer = offered[slug]
    kind = request.GET.get("kind", "micro")
    kind = kind if kind in ("micro", "active") else "micro"
    first = Routine(offer.slug, offer.name, offer.dose, offer.seconds)
    active = kind == "active"
    chosen = _items(offer.active if active else (first,), active=active)
    described = []
    for order, (move, _) in enumerate(chosen):
        technique = library.techniques.get(move.slug)
        described.append(
            {
                "order": order,
                "name": move.name,
                "dose": move.dose,
                "kind": "Active break" if active else "Movement break",
                "steps": list(technique.steps) if technique else [],
                "cautions": list(technique.cautions) if technique else [],
                "status": "pending",
                "record_url": None,  # nothing to save per item: finishing records the break
            }
        )
    data = {
        "mode": "break",
        "items": described,
        "steps": [s.to_json() for s in session_steps([(m.name, d) for m, d in chosen])],
        "start_item": 0,
        "finish_url": reverse("breaks"),
        "done_announce": "Well done: that is your break. Recording it now.",
        "break": {"record_url": reverse("break_record"), "routine": slug, "kind": kind},
    }
    context = {
        "offer": offer,
        "moves": [(move, library.techniques.get(move.slug)) for move, _ in chosen],
        "kind": kind,
        "minutes": settings.active_minutes,
        "data": data,
        "speed": _speed(request),
        "client_id": uuid.uuid4(),
    }
    return render(request, "coach/breaks/routine.html", context)


urlpatterns = [
    path("breaks/", breaks, name="breaks"),
    path("breaks/record/", record, name="break_record"),
    path("breaks/settings/", settings_page, name="break_settings"),
    path("breaks/routine/<slug:slug>/", routine, name="break_routine"),
]
