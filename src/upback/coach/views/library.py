"""The technique library (browse, filter, search, one technique) and the advice pages.

The library shows exercise, so it sits behind `exercise_allowed`, and in the gentle-only state it
lists only flare-suitable techniques. The advice pages give no exercise instructions and stay open
in every state; while a person is stopped they carry no links to exercises.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.cache import patch_vary_headers

from upback.coach import selectors
from upback.coach.views.figures import figure_context, moving_svg, steps_svg
from upback.coach.views.guards import exercise_allowed
from upback.core.care import CareState
from upback.core.library import Library, Technique, default_library
from upback.core.library_search import (
    EQUIPMENT_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    MAX_SEARCH_LENGTH,
    MINUTE_LIMITS,
    POSITION_LABELS,
    LibraryQuery,
    group_by_kind,
    minutes_words,
    search,
)
from upback.core.vocab import Equipment, Kind, Position

NO_EQUIPMENT = "none"
NO_FLOOR = "no_floor"


def _invalid(what: str) -> dict[str, str]:
    return {"invalid_choice": f"“%(value)s” is not {what} upback knows, so it was left out."}


class LibraryFilterForm(forms.Form):
    """The library's filters. A plain GET form: every field is optional and blank means any."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        strip=True,
        help_text="A name or a part of the body, such as “shoulder” or “breathing”.",
        widget=forms.SearchInput(attrs={"autocomplete": "off", "enterkeyhint": "search"}),
        error_messages={
            "max_length": "Please keep the search under %(limit_value)d characters.",
        },
    )
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "Any kind"), *((k.value, label) for k, label in KIND_LABELS.items())],
        error_messages=_invalid("a kind of technique"),
    )
    equipment = forms.ChoiceField(
        label="Equipment",
        required=False,
        choices=[
            ("", "Any equipment"),
            (NO_EQUIPMENT, "No equipment needed"),
            *((e.value, label) for e, label in EQUIPMENT_LABELS.items()),
        ],
        error_messages=_invalid("a piece of equipment"),
    )
    position = forms.ChoiceField(
        label="Position",
        required=False,
        choices=[
            ("", "Any position"),
            (NO_FLOOR, "No floor work"),
            *((p.value, label) for p, label in POSITION_LABELS.items()),
        ],
        error_messages=_invalid("a position"),
    )
    minutes = forms.ChoiceField(
        label="Time",
        required=False,
        choices=[("", "Any length"), *((str(m), f"Up to {m} minutes") for m in MINUTE_LIMITS)],
        error_messages=_invalid("a time limit"),
    )
    suits = forms.ChoiceField(
        label="Suitable for",
        required=False,
        choices=[("", "No preference"), ("flare", "A flare"), ("desk", "At your desk")],
        error_messages=_invalid("a choice"),
    )

    def query(self, *, gentle_only: bool) -> LibraryQuery:
        """The valid filters as a query; a filter that did not validate is left out."""
        data = getattr(self, "cleaned_data", {})
        kind = data.get("kind") or ""
        equipment = data.get("equipment") or ""
        position = data.get("position") or ""
        minutes = data.get("minutes") or ""
        suits = data.get("suits") or ""
        return LibraryQuery(
            kind=Kind(kind) if kind else None,
            equipment=Equipment(equipment) if equipment not in ("", NO_EQUIPMENT) else None,
            no_equipment=equipment == NO_EQUIPMENT,
            position=Position(position) if position not in ("", NO_FLOOR) else None,
            no_floor=position == NO_FLOOR,
            max_minutes=int(minutes) if minutes else None,
            flare_only=gentle_only or suits == "flare",
            desk_only=suits == "desk",
            text=data.get("q") or "",
        )


def _care(request: HttpRequest) -> CareState:
    return request.care  # type: ignore[attr-defined,no-any-return]


def _visible(technique: Technique, care: CareState) -> bool:
    return not care.gentle_only or technique.suitability.flare_ok


def technique_card(technique: Technique) -> dict[str, Any]:
    """What a list shows for one technique, in plain words."""
    return {
        "technique": technique,
        "kind": KIND_LABELS[technique.kind],
        "position": POSITION_LABELS[technique.position],
        "equipment": [EQUIPMENT_LABELS[e] for e in technique.equipment],
        "dose": technique.dose.describe(),
        "minutes": "" if _says_its_time(technique) else minutes_words(technique),
    }


def _says_its_time(technique: Technique) -> bool:
    """A single timed dose ('10 min') already tells the time; saying it twice is noise."""
    dose = technique.dose
    return dose.mode == "timed" and dose.sets == 1 and not dose.per_side


def _is_partial(request: HttpRequest) -> bool:
    """An htmx update of the list (not htmx restoring a page from history, which wants it all)."""
    headers = request.headers
    return headers.get("HX-Request") == "true" and "HX-History-Restore-Request" not in headers


@exercise_allowed
def library(request: HttpRequest) -> HttpResponse:
    care = _care(request)
    form = LibraryFilterForm(request.GET)
    valid = form.is_valid()
    query = form.query(gentle_only=care.gentle_only)
    found = search(default_library(), query)
    context = {
        "form": form,
        "groups": [
            (KIND_LABELS[kind], [technique_card(t) for t in items])
            for kind, items in group_by_kind(found)
        ],
        "count": len(found),
        "filtered": any(form.data.get(name) for name in form.fields),
        "gentle_only": care.gentle_only,
    }
    template = "coach/library/_results.html" if _is_partial(request) else "coach/library/index.html"
    response = render(request, template, context, status=200 if valid else 400)
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def _suggestions(library: Library, slug: str, care: CareState) -> list[Technique]:
    names = {t.slug: t for t in library if _visible(t, care)}
    close = difflib.get_close_matches(slug[:60].lower(), names.keys(), n=3, cutoff=0.6)
    return [names[s] for s in close]


@exercise_allowed
def library_detail(request: HttpRequest, slug: str) -> HttpResponse:
    care = _care(request)
    lib = default_library()
    technique = lib.techniques.get(slug)
    if technique is None:
        return render(
            request,
            "coach/library/missing.html",
            {"suggestions": _suggestions(lib, slug, care)},
            status=404,
        )
    if not _visible(technique, care):
        gentle = [lib.get(s) for s in technique.easier if _visible(lib.get(s), care)]
        same_kind = [t for t in lib if t.kind == technique.kind and _visible(t, care)]
        return render(
            request,
            "coach/library/not_yet.html",
            {"technique": technique, "instead": (gentle or same_kind)[:3]},
        )
    easier = [lib.get(s) for s in technique.easier]
    harder = [lib.get(s) for s in technique.harder]
    context = {
        "card": technique_card(technique),
        "technique": technique,
        "level": LEVEL_LABELS[technique.level],
        "easier": [technique_card(t) for t in easier if _visible(t, care)],
        "harder": [technique_card(t) for t in harder if _visible(t, care)],
        "gentle_only": care.gentle_only,
        "figure": figure_context(technique, care),
    }
    return render(request, "coach/library/detail.html", context)


# ---------------------------------------------------------------------------------------------
# Advice
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str
    # The page mentions stretching or moving, which waits while a warning sign is active.
    mentions_movement: bool = True


TOPICS: tuple[Topic, ...] = (
    Topic(
        "heat-or-cold",
        "Heat or cold",
        "Which one to use, how to use it safely, and who should not.",
    ),
    Topic(
        "desk-set-up",
        "Desk set-up",
        "Small changes to your chair, screen and habits at work.",
    ),
    Topic("sleep", "Sleep", "Pillows and mattresses for the way you sleep.", False),
    Topic("daily-habits", "Daily habits", "Easy habits to pick up, and helpful extras."),
    Topic("common-mistakes", "Common mistakes", "What tends to slow recovery down."),
    Topic(
        "what-to-expect",
        "What to expect, and when",
        "How long getting better usually takes, and when to look back.",
    ),
    Topic(
        "when-to-get-help",
        "When to get help",
        "Signs that mean seeing a doctor or physiotherapist, or calling for help now.",
        False,
    ),
)
TOPICS_BY_SLUG: dict[str, Topic] = {topic.slug: topic for topic in TOPICS}

SLEEP_POSITIONS: tuple[tuple[str, str], ...] = (
    ("side", "If you sleep on your side"),
    ("back", "If you sleep on your back"),
    ("stomach", "If you sleep on your front"),
    ("mixed", "If you change position in the night"),
)


def _care_state(request: HttpRequest) -> CareState:
    return selectors.care_state_get(owner=request.user)  # type: ignore[arg-type]


def advice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "coach/advice/index.html",
        {"topics": TOPICS, "disclaimer": default_library().advice.disclaimer},
    )


def _topic_extras(request: HttpRequest, topic: Topic, care: CareState) -> dict[str, Any]:
    """What a topic page shows beyond the advice itself: links to techniques, the person's sleep."""
    lib = default_library()
    linkable = care.may_exercise

    def link(slug: str | None) -> Technique | None:
        if slug is None or not linkable:
            return None
        technique = lib.get(slug)
        return technique if _visible(technique, care) else None

    if topic.slug == "daily-habits":
        return {"habits": [(habit, link(habit.technique)) for habit in lib.advice.habits]}
    if topic.slug == "heat-or-cold":
        comfort = [t for t in lib if t.kind == Kind.HEAT_COLD] if linkable else []
        return {"comfort": [technique_card(t) for t in comfort if _visible(t, care)]}
    if topic.slug == "sleep":
        profile = selectors.profile_get(owner=request.user)  # type: ignore[arg-type]
        mine = profile.sleep_position if profile is not None else ""
        positions = sorted(SLEEP_POSITIONS, key=lambda pair: pair[0] != mine)
        return {
            "positions": [
                (key, heading, getattr(lib.advice.sleep, key), key == mine)
                for key, heading in positions
            ]
        }
    if topic.slug == "desk-set-up":
        posture = [t for t in lib if t.kind == Kind.POSTURE] if linkable else []
        return {"posture": [technique_card(t) for t in posture if _visible(t, care)]}
    return {}


def advice_topic(request: HttpRequest, topic: str) -> HttpResponse:
    found = TOPICS_BY_SLUG.get(topic)
    if found is None:
        return render(request, "coach/advice/missing.html", {"topics": TOPICS}, status=404)
    care = _care_state(request)
    context = {
        "topic": found,
        "advice": default_library().advice,
        "others": [t for t in TOPICS if t is not found],
        "may_exercise": care.may_exercise,
        **_topic_extras(request, found, care),
    }
    return render(request, f"coach/advice/{found.slug}.html", context)


urlpatterns = [
    path("library/", library, name="library"),
    path("library/<str:slug>/", library_detail, name="library_detail"),
    path("library/<str:slug>/moving.svg", moving_svg, name="library_moving"),
    path("library/<str:slug>/steps.svg", steps_svg, name="library_steps"),
    path("advice/", advice, name="advice"),
    path("advice/<str:topic>/", advice_topic, name="advice_topic"),
]
