"""The browser break timer's working parts: what this browser remembers, the next break, and the
routines offered for it. No queries here; `views/breaks.py` and the Today widget use these.

Times are kept as aware UTC datetimes (the session stores them as ISO text); they are turned into
the person's own zone only for showing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from upback.core.breaks import (
    ROTATION_SLUGS,
    BreakSettings,
    BreakTimer,
    PlannedBreak,
    Routine,
    break_routines,
    routine_for,
)
from upback.core.care import CareState
from upback.core.library import Dose, Library

SESSION_KEY = "upback.break_timer"
WINDOW_DAYS = 8
"""Working periods the page knows about ahead: today and the next seven days."""

State = Literal["waiting", "due", "done_today", "off"]


@cache
def break_doses() -> dict[str, Dose]:
    """The rotation's break-sized doses, as the player steps through them.

    Each matches the short dose `core.breaks` gives the routine ("10 slow rolls backwards,
    then 5 forwards" is 15 rolls), so the player counts what the page promised. The doorway
    stretch is held on each side in turn, as its steps describe.
    """
    return {
        "shoulder_rolls": Dose(reps=15, seconds_per_rep=3),
        "scapular_squeeze": Dose(reps=8, hold_seconds=3, seconds_per_rep=2),
        "thoracic_rotation": Dose(reps=5, per_side=True, seconds_per_rep=4),
        "doorway_pec_stretch": Dose(hold_seconds=30, per_side=True),
        "movement_break": Dose(duration_seconds=60),
    }


def _instant(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(dt.UTC) if moment.tzinfo is not None else None


def _later(a: dt.datetime | None, b: dt.datetime | None) -> dt.datetime | None:
    if a is None or b is None:
        return a or b
    return max(a, b)


def _same_day(a: dt.datetime, b: dt.datetime, zone: ZoneInfo) -> bool:
    return a.astimezone(zone).date() == b.astimezone(zone).date()


@dataclass(frozen=True)
class TimerMemory:
    """What this browser knows about the person's breaks: the BreakTimer's changing fields.

    `rotation` counts the breaks taken or skipped on the day of `last_break`, as the terminal's
    timer does, so the moves come in order however irregular the day.
    """

    last_break: dt.datetime | None = None
    last_active: dt.datetime | None = None
    snoozed_until: dt.datetime | None = None
    rotation: int = 0

    @classmethod
    def load(cls, session: MutableMapping[str, Any]) -> TimerMemory:
        stored = session.get(SESSION_KEY)
        if not isinstance(stored, dict):
            return cls()
        rotation = stored.get("rotation")
        return cls(
            last_break=_instant(stored.get("last_break")),
            last_active=_instant(stored.get("last_active")),
            snoozed_until=_instant(stored.get("snoozed_until")),
            rotation=rotation if isinstance(rotation, int) and 0 <= rotation < 10_000 else 0,
        )

    def to_json(self) -> dict[str, str | int | None]:
        return {
            "last_break": self.last_break.isoformat() if self.last_break else None,
            "last_active": self.last_active.isoformat() if self.last_active else None,
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
            "rotation": self.rotation,
        }

    def keep(self, session: MutableMapping[str, Any]) -> None:
        if session.get(SESSION_KEY) != self.to_json():
            session[SESSION_KEY] = self.to_json()

    def timer(self, settings: BreakSettings) -> BreakTimer:
        return BreakTimer(
            settings=settings,
            last_break=self.last_break,
            last_active=self.last_active,
            snoozed_until=self.snoozed_until,
            rotation=self.rotation,
        )

    def started(self, settings: BreakSettings, now: dt.datetime) -> TimerMemory:
        """The first look in a working period starts the timer from now, not from 09:00
        (as `BreakTimer.begin` does for the terminal); a new day starts the rotation again."""
        window = window_at(settings, now)
        if window is None:
            return self
        start = window[0]
        if self.last_break is not None and self.last_break >= start:
            return self
        now = now.astimezone(dt.UTC)
        active = self.last_active if self.last_active and self.last_active >= start else now
        same_day = self.last_break is not None and _same_day(self.last_break, now, settings.zone)
        rotation = self.rotation if same_day else 0
        return replace(self, last_break=now, last_active=active, rotation=rotation)

    def after(
        self, outcome: str, at: dt.datetime, kind: str, minutes: int | None, zone: ZoneInfo
    ) -> TimerMemory:
        """The memory once a break is recorded, as `BreakTimer.take/skip/snooze` change it.
        An older break (an offline replay arriving late) changes nothing it should not."""
        at = at.astimezone(dt.UTC)
        if outcome == "snoozed":
            until = at + dt.timedelta(minutes=minutes or 5)
            return replace(self, snoozed_until=_later(self.snoozed_until, until))
        if self.last_break is not None and at <= self.last_break:
            return self
        same_day = self.last_break is not None and _same_day(self.last_break, at, zone)
        active = _later(self.last_active, at) if outcome == "taken" and kind == "active" else None
        return replace(
            self,
            last_break=at,
            last_active=active or self.last_active,
            snoozed_until=None,
            rotation=(self.rotation if same_day else 0) + 1,
        )


def windows_from(
    settings: BreakSettings, now: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Working periods (UTC start, end) from today, in the person's zone, for WINDOW_DAYS days."""
    today = now.astimezone(settings.zone).date()
    found = []
    for offset in range(WINDOW_DAYS):
        day = today + dt.timedelta(days=offset)
        if settings.works_on(day):
            found.append(settings.hours_on(day))
    return found


def window_at(settings: BreakSettings, now: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    """The working period `now` falls in, or None outside working hours."""
    for start, end in windows_from(settings, now)[:1]:
        if start <= now < end:
            return start, end
    return None


@dataclass(frozen=True)
class Upcoming:
    """The next break from now's point of view, in the person's zone."""

    state: State
    due: dt.datetime | None = None
    kind: str = "micro"
    place: int = 0
    """Its place in the day's rotation of routines."""
    day_end: dt.datetime | None = None
    next_start: dt.datetime | None = None
    """When the next working period starts (after this one), if any within a week."""


def upcoming(settings: BreakSettings, timer: BreakTimer, now: dt.datetime) -> Upcoming:
    zone = settings.zone
    later = [start for start, _ in windows_from(settings, now) if start > now]
    next_start = later[0].astimezone(zone) if later else None
    window = window_at(settings, now)
    if window is None:
        return Upcoming(state="off", next_start=next_start)
    end = window[1]
    found = timer.next_break(now)
    if found is None:
        return Upcoming(state="done_today", day_end=end.astimezone(zone), next_start=next_start)
    place = ROTATION_SLUGS.index(found.routine.slug)
    return Upcoming(
        state="due" if found.at <= now else "waiting",
        due=found.at.astimezone(zone),
        kind=found.kind,
        place=place,
        day_end=end.astimezone(zone),
        next_start=next_start,
    )


@dataclass(frozen=True)
class Offer:
    """What a break at one place of the rotation holds: its move and, for an active break, the
    moves and the walk after it (`core.breaks.break_routines`)."""

    slug: str
    name: str
    dose: str
    seconds: int
    active: tuple[Routine, ...]

    @property
    def moves(self) -> tuple[Routine, ...]:
        """The active break's desk moves, without the walk at its end."""
        return self.active[:-1]

    @property
    def walk(self) -> Routine:
        return self.active[-1]

    @property
    def active_names(self) -> str:
        return ", ".join(move.name for move in self.moves) or self.walk.name

    @property
    def active_walk(self) -> str:
        return f"then {self.walk.dose}" if self.moves else self.walk.dose

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "dose": self.dose,
            "active_names": self.active_names,
            "active_walk": self.active_walk,
        }


_ANY_TIME = dt.datetime(2000, 1, 3, tzinfo=dt.UTC)  # break_routines does not look at the time


def offers_for(care: CareState, library: Library, settings: BreakSettings) -> list[Offer]:
    """One offer per place in the rotation; [] when no routine may be suggested.

    No routine before the safety check or while a red flag is active. While only gentle
    movements are advised, a move that is not flare-suitable gives its place to the next one in
    the rotation that is, and is left out of active breaks.
    """
    if care.needs_screen or care.stopped:
        return []
    names = {slug: technique.name for slug, technique in library.techniques.items()}

    def suitable(slug: str) -> bool:
        technique = library.techniques.get(slug)
        if technique is None:
            return False
        return technique.suitability.flare_ok or not care.gentle_only

    if not any(suitable(slug) for slug in ROTATION_SLUGS):
        return []
    offers = []
    for index in range(len(ROTATION_SLUGS)):
        step = 0
        while not suitable(ROTATION_SLUGS[(index + step) % len(ROTATION_SLUGS)]):
            step += 1
        chosen = routine_for(index + step, names)
        planned = PlannedBreak(
            at=_ANY_TIME, kind="active", routine=chosen, seconds=settings.active_minutes * 60
        )
        active = break_routines(planned, names)
        kept = tuple(move for move in active[:-1] if suitable(move.slug)) + active[-1:]
        offers.append(Offer(chosen.slug, chosen.name, chosen.dose, chosen.seconds, kept))
    return offers


def when_words(moment: dt.datetime, now: dt.datetime, zone: Any) -> str:
    """'today at 09:00', 'tomorrow at 09:00', 'on Monday at 09:00' on the person's own clock."""
    local = moment.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    clock = f"{local:%H:%M}"
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    return f"on {local:%A} at {clock}"
