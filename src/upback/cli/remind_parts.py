"""The pieces the live reminder is built from: its ports, the prompt, and a few helpers.

The loop (`remind_live.Reminder`) talks only to these ports, so the tests can hand it fake ones
and the command real ones (`remind_terminal`, `notify`, `idle`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from upback.cli.idle import IdleSource
from upback.cli.options import time_option
from upback.core.breaks import WALK_SLUG, BreakEvent, BreakKind, BreakTimer, Routine
from upback.core.errors import InputProblem

_LENGTH = re.compile(r"^(?:(\d{1,2})h)?(?:(\d{1,3})m(?:in)?)?$")
LONGEST_PAUSE = timedelta(hours=12)

Answer = Literal["start", "snooze5", "snooze10", "skip", "pause", "quit", "help"]
Care = Literal["ok", "gentle", "stopped"]

KEY_ANSWERS: dict[str, Answer] = {
    "\n": "start",
    "\r": "start",
    "r": "start",
    "5": "snooze5",
    "0": "snooze10",
    "s": "skip",
    "p": "pause",
    "q": "quit",
    "h": "help",
    "?": "help",
}


class Clock(Protocol):
    def now(self) -> datetime:
        """Now, as an aware datetime."""

    def sleep(self, seconds: float) -> None:
        """Wait up to `seconds`; a real clock wakes early when a key or a button comes in."""


class Notifier(Protocol):
    @property
    def desktop(self) -> bool:
        """Whether notifications reach a desktop at all (False: the terminal only)."""

    def show(self, title: str, message: str) -> bool:
        """Show a prompt with its four buttons; True when the desktop really showed it."""

    def withdraw(self) -> None:
        """Take the current prompt away (it was answered or lapsed)."""

    def answer(self) -> Answer | None:
        """A button pressed since the last call, if any."""


class Keys(Protocol):
    def answer(self) -> Answer | None:
        """A key pressed since the last call, as an answer, if any (never waits)."""


class Screen(Protocol):
    def prompt(self, prompt: Prompt, *, desktop: bool) -> None:
        """The terminal block for a break: time, kind, routine, dose, keys."""

    def say(self, text: str, at: datetime) -> None:
        """One calm line, stamped with the local time."""


@dataclass(frozen=True)
class Prompt:
    at: datetime
    """When it was shown, in the person's zone."""
    kind: BreakKind
    routines: tuple[Routine, ...]
    seconds: int

    @property
    def title(self) -> str:
        if self.kind == "active":
            return f"Time for an active break ({self.seconds // 60} min)"
        return "Time for a movement break"

    @property
    def message(self) -> str:
        if self.kind == "micro":
            routine = self.routines[0]
            return f"{routine.name}: {routine.dose} ({routine.seconds} s)."
        moves = ", ".join(r.name for r in self.routines if r.slug != WALK_SLUG)
        walk = self.routines[-1]
        return f"{moves}; then {walk.dose}." if moves else f"{walk.dose.capitalize()}."


@dataclass
class Ports:
    clock: Clock
    notifier: Notifier
    idle: IdleSource
    keys: Keys
    screen: Screen
    play: Callable[[Prompt], None]
    """Play the routine in the terminal (steps and a countdown)."""
    record: Callable[[BreakEvent, str], None]
    """Store what happened (the event, and the routine's slug or "")."""
    care: Callable[[], Care] = lambda: "ok"
    names: dict[str, str] = field(default_factory=dict)
    gentle_ok: frozenset[str] | None = None
    """Slugs gentle enough while only gentle moves are allowed (None: all of them)."""


@dataclass
class Tally:
    """Today's answers in this run: fixed counters, reset each day."""

    day: date | None = None
    taken: int = 0
    snoozed: int = 0
    skipped: int = 0


def next_break_at(timer: BreakTimer, now: datetime) -> datetime | None:
    """When the next reminder comes (today or on a working day within a week), in local time."""
    upcoming = timer.next_break(now)
    if upcoming is not None:
        return upcoming.at
    settings = timer.settings
    today = now.astimezone(settings.zone).date()
    for ahead in range(8):
        day = today + timedelta(days=ahead)
        if not settings.works_on(day):
            continue
        start, _ = settings.hours_on(day)
        if start > now:
            upcoming = timer.next_break(start)
            if upcoming is not None:
                return upcoming.at
    return None


def when_words(moment: datetime | None, now: datetime) -> str:
    """'11:00' today, 'Tue 09:30' on another day, in the zone `moment` carries."""
    if moment is None:
        return "not within the next week"
    if moment.date() == now.astimezone(moment.tzinfo).date():
        return f"{moment:%H:%M}"
    return f"{moment:%a %H:%M}"


def pause_length(value: str) -> timedelta:
    """'45m', '1h', '90m', '1h30m' as a length of time (at most 12 hours)."""
    found = _LENGTH.match(value.strip().lower().replace(" ", ""))
    if found is None or not (found.group(1) or found.group(2)):
        raise InputProblem(f"--pause: '{value}' is not a length like 45m, 1h, 90m or 1h30m")
    length = timedelta(hours=int(found.group(1) or 0), minutes=int(found.group(2) or 0))
    if not timedelta(minutes=1) <= length <= LONGEST_PAUSE:
        raise InputProblem(f"--pause: choose from 1 minute to 12 hours (got {value})")
    return length


def pause_end(
    *, pause: str | None, until: str | None, now: datetime, zone: ZoneInfo
) -> datetime | None:
    """When a pause asked for on the command line ends, or None; bad values name their flag."""
    if pause is not None and until is not None:
        raise InputProblem("--until: use either --pause or --until, not both")
    if pause is not None:
        return now + pause_length(pause)
    if until is None:
        return None
    clock = time_option(until, "--until")
    assert clock is not None
    local_now = now.astimezone(zone)
    end = datetime.combine(local_now.date(), clock).replace(tzinfo=zone).astimezone(UTC)
    if end <= now:
        raise InputProblem(
            f"--until: {clock:%H:%M} has already passed today (it is {local_now:%H:%M} now); "
            "for a pause from now, use --pause 45m"
        )
    return end
