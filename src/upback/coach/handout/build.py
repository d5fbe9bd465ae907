"""The home-program handout's content: the person's current plan as one card per technique, the
way a physiotherapist's exercise sheet reads, with a tick box for each day of two weeks.

Built here once for the web and the terminal alike. It reads only: the plan, the account's care
state and the library. While a warning sign is active there is no handout at all (`SafetyStop`),
and while the plan must stay gentle only the gentle items are printed, as the plan page shows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from upback.coach.selectors.accounts import local_today, time_zone_get
from upback.coach.selectors.plans import plan_current
from upback.coach.services.plans import NoPlan, plan_gate
from upback.core import exercise_figure
from upback.core import plan_swap as swapping
from upback.core.library import Library, Technique, default_library
from upback.core.plan_models import Phase
from upback.core.vocab import WEEK

CARD_WIDTH_MM = 172  # the printable width inside a card on A4 (see handout.css)
SIDE_HEIGHT_MM = 40  # a strip of few, tall panels: this high, its captions beside it
WIDE_HEIGHT_MM = 36  # a long strip: at most this high, across the card, captions beneath
SIDE_MAX_WIDTH_MM = 110  # beside the strip, at least 60 mm stay for its captions
TICK_DAYS = 14  # two weeks: long enough to build the habit, short enough to print again after
DAY_LETTERS = {"mon": "M", "tue": "T", "wed": "W", "thu": "T", "fri": "F", "sat": "S", "sun": "S"}
SHORT_DAYS = {day.value: day.value.capitalize() for day in WEEK}
KIND_WORDS = {"warm_up": "Warm-up", "quick_relief": "Quick relief", "yoga": "Yoga"}
# The plan's items carry their phase by name; cards follow a day's own order (warm-up first).
PHASE_ORDER = {phase.label: phase.value for phase in Phase}


@dataclass(frozen=True)
class TickBox:
    letter: str  # the weekday's initial, printed above the box
    day: int  # the day of the month, printed small inside the box
    label: str  # "Mon 24 Nov", for the box's title
    needed: bool  # False: this technique is not in the plan that weekday (the box is shaded)


@dataclass(frozen=True)
class Picture:
    svg: str  # the numbered strip, inline SVG (no style, no script: safe to print)
    layout: str  # "side": the captions beside the strip; "wide": beneath it
    width_mm: float  # the strip's printed width, so the captions line up with its panels
    captions: list[str]
    sides: str


@dataclass(frozen=True)
class Card:
    number: int
    name: str
    kind: str
    dose: str
    dose_notes: list[str]
    days: str
    picture: Picture | None  # None when the technique has no movement picture
    steps: list[str]
    cautions: list[str]
    weeks: list[list[TickBox]]

    @property
    def needed_days(self) -> int:
        return sum(box.needed for week in self.weeks for box in week)


@dataclass(frozen=True)
class Habit:
    name: str
    text: str


@dataclass(frozen=True)
class Handout:
    name: str
    made: str  # "24 November 2026"
    version: int
    start: dt.date
    end: dt.date
    minutes: str
    gentle_note: str
    cards: list[Card]
    habits: list[Habit]
    safety_net: list[str]
    get_help: list[str]
    disclaimer: str

    @property
    def period(self) -> str:
        return f"{_day_words(self.start)} to {_day_words(self.end)}"

    @property
    def filename(self) -> str:
        return f"upback-home-program-{self.start:%Y-%m-%d}.pdf"


def _day_words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _day_list(days: list[str]) -> str:
    if len(days) == len(WEEK):
        return "Every day"
    return ", ".join(SHORT_DAYS[day] for day in days)


def _weeks(days: set[str], start: dt.date) -> list[list[TickBox]]:
    boxes = []
    for offset in range(TICK_DAYS):
        day = start + dt.timedelta(days=offset)
        key = WEEK[day.weekday()].value
        boxes.append(
            TickBox(
                letter=DAY_LETTERS[key],
                day=day.day,
                label=f"{SHORT_DAYS[key]} {day.day} {day:%b}",
                needed=key in days,
            )
        )
    return [boxes[:7], boxes[7:]]


@dataclass
class _Found:
    item: dict[str, Any]
    order: int
    days: list[str]
    doses: dict[str, list[str]]  # dose words -> the days with that dose


def _unique_items(data: dict[str, Any]) -> list[_Found]:
    """Each technique once, in the order a day runs (warm-up first), then by first appearance."""
    found: dict[str, _Found] = {}
    for day in data.get("days", []):
        for item in day.get("items", []):
            slug = str(item.get("slug"))
            entry = found.setdefault(slug, _Found(item, len(found), [], {}))
            entry.days.append(str(day.get("day")))
            # The plan's own words for its dose, as every page shows them (adaptation and
            # reviews rewrite them with the dose, so they may differ from the library's).
            words = str((item.get("dose") or {}).get("text") or "")
            entry.doses.setdefault(words, []).append(str(day.get("day")))
    return sorted(
        found.values(),
        key=lambda f: (PHASE_ORDER.get(str(f.item.get("phase")), len(PHASE_ORDER)), f.order),
    )


def card_picture(technique: Technique | None, number: int) -> Picture | None:
    """The card's numbered strip and captions; None for a technique with no movement to draw
    (or one the library no longer has). `number` keeps each strip's SVG ids apart."""
    if technique is None or not exercise_figure.has_figure(technique):
        return None
    svg = exercise_figure.strip_svg(technique, ident=f"strip{number}")
    layout, width = _strip_size(svg)
    return Picture(
        svg=svg,
        layout=layout,
        width_mm=width,
        captions=exercise_figure.captions(technique),
        sides=exercise_figure.sides_note(technique) or "",
    )


def _strip_size(svg: str) -> tuple[str, float]:
    """Where the captions go and how wide the strip prints, from its shape.

    Strips vary from two tall standing panels to three long lying ones: printed at one width,
    the tall ones would be tiny and the long ones huge. So each gets a height that suits it.
    """
    found = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg)
    aspect = float(found.group(1)) / float(found.group(2)) if found else 3.0
    if SIDE_HEIGHT_MM * aspect <= SIDE_MAX_WIDTH_MM:
        return "side", round(SIDE_HEIGHT_MM * aspect, 1)
    return "wide", round(min(CARD_WIDTH_MM, WIDE_HEIGHT_MM * aspect), 1)


def _card(number: int, found: _Found, technique: Technique | None, start: dt.date) -> Card:
    item = found.item
    doses = list(found.doses)
    dose_notes = []
    if len(doses) > 1:
        # Rare (a day-specific change): say which dose goes with which days.
        dose_notes = [f"{_day_list(days)}: {words}" for words, days in found.doses.items()]
    note = (item.get("dose") or {}).get("note")
    if note:
        dose_notes.append(str(note)[:1].upper() + str(note)[1:] + ".")
    kind = str(item.get("kind") or "")
    return Card(
        number=number,
        name=str(item.get("name") or item.get("slug")),
        kind=KIND_WORDS.get(kind, kind.replace("_", " ").capitalize()),
        dose=doses[0] if len(doses) == 1 else "See the days below",
        dose_notes=dose_notes,
        days=_day_list(found.days),
        picture=card_picture(technique, number),
        steps=list(technique.steps) if technique else [],
        cautions=list(technique.cautions) if technique else [],
        weeks=_weeks(set(found.days), start),
    )


def _minutes(data: dict[str, Any]) -> str:
    minutes = [float(d["minutes"]) for d in data.get("days", []) if "minutes" in d]
    if not minutes:
        return ""
    low, high = round(min(minutes)), round(max(minutes))
    return f"About {low} minutes a day" if low == high else f"{low} to {high} minutes a day"


def _plan_shown(data: dict[str, Any], library: Library, *, gentle: bool) -> dict[str, Any]:
    return swapping.gentle_view(data, library) if gentle else data


def handout_build(*, owner: User, now: dt.datetime | None = None) -> Handout:
    """The handout for the person's current plan, its tick boxes starting today.

    Today rather than the next Monday: the sheet is printed to be used now, and each box names
    its weekday and date, so a start mid-week reads just as well and no day goes without a box.

    Raises SafetyStop while a warning sign stops exercise (or before any safety check), as the
    plan page does, and NoPlan before the first plan.
    """
    gentle_now = plan_gate(owner=owner)  # the plan page's own guard: raises SafetyStop
    stored = plan_current(owner=owner)
    if stored is None:
        raise NoPlan("There is no plan yet.")
    library = default_library()
    gentle = gentle_now and not stored.gentle_only
    data = _plan_shown(stored.data, library, gentle=gentle)
    today = local_today(owner=owner, now=now)
    made = timezone.localtime(stored.created_at, time_zone_get(owner=owner)).date()
    habits = {h.slug: h for h in library.advice.habits}
    cards = [
        _card(number, found, library.techniques.get(str(found.item.get("slug"))), today)
        for number, found in enumerate(_unique_items(data), start=1)
    ]
    return Handout(
        name=owner.get_full_name().strip() or owner.get_username(),
        made=_day_words(made),
        version=stored.version,
        start=today,
        end=today + dt.timedelta(days=TICK_DAYS - 1),
        minutes=_minutes(data),
        gentle_note=(
            "Gentle items only, until a clinician has seen you: the rest of your plan is set "
            "aside for now."
            if gentle_now
            else ""
        ),
        cards=cards,
        habits=[
            Habit(habits[slug].name, habits[slug].text)
            for slug in data.get("habits", [])
            if slug in habits
        ],
        safety_net=list(library.advice.safety_net),
        get_help=list(library.advice.when_to_get_help),
        disclaimer=library.advice.disclaimer,
    )
