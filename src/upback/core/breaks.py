"""Movement-break reminders for the desk: the day's plan and a timer driven by explicit events.

Reference §8: a micro-break every 20-30 minutes (30-90 seconds of moving), an active 5-minute
break for each hour of continuous work, an interval the person can adjust, and adherence that is
tracked rather than nagged about.

Everything here is pure. The clock is always a parameter: every function that needs "now" takes
it, as an aware datetime. The timer keeps a fixed handful of fields, never a growing list; the
events it produces (taken, snoozed, skipped) are handed back to the caller to store.

Time rules:
- Working hours are wall-clock times in the person's time zone; a start that falls in a
  daylight-saving gap is moved forward to the first real instant after it.
- Intervals are real elapsed time, so across a clock change a 30-minute interval stays 30 minutes.
- A break is planned strictly inside working hours: after the start and before the end.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BreakKind = Literal["micro", "active"]
EventKind = Literal["taken", "snoozed", "skipped"]
EventSource = Literal["prompt", "idle"]

SNOOZE_MINUTES = frozenset({5, 10})
MICRO_BREAK_SECONDS = 60
"""Idle time of at least this long counts as a micro-break taken."""


class BreakSettings(BaseModel):
    """When and how often to remind. Invalid values raise ValueError naming the field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    days: frozenset[Weekday] = frozenset({"mon", "tue", "wed", "thu", "fri"})
    start: time = time(9, 0)
    # Checked even when left out: a start of 18:00 with the default end must be refused too.
    end: time = Field(time(17, 30), validate_default=True)
    interval_minutes: int = Field(30, ge=20, le=60)
    active_every_minutes: int = Field(60, ge=30, le=120)
    active_minutes: int = Field(5, ge=2, le=15)
    timezone: str = "UTC"

    @field_validator("days")
    @classmethod
    def _some_days(cls, value: frozenset[Weekday]) -> frozenset[Weekday]:
        if not value:
            raise ValueError("needs at least one working day")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{value}' is not a known time zone (try Europe/London)") from None
        return value

    @field_validator("start", "end")
    @classmethod
    def _wall_clock(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError("must be a plain wall-clock time, without a time zone")
        return value

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: time, info: ValidationInfo) -> time:
        start = info.data.get("start")
        if isinstance(start, time) and value <= start:
            raise ValueError(f"must be after the start ({start:%H:%M}), got {value:%H:%M}")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.interval_minutes)

    @property
    def active_every(self) -> timedelta:
        return timedelta(minutes=self.active_every_minutes)

    def works_on(self, day: date) -> bool:
        return WEEKDAYS[day.weekday()] in self.days

    def hours_on(self, day: date) -> tuple[datetime, datetime]:
        """The day's working hours as aware UTC datetimes (safe for arithmetic)."""
        return _local(day, self.start, self.zone), _local(day, self.end, self.zone)


def _local(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """A wall-clock time on a day, as a UTC instant (a time in a DST gap moves forward).

    Aware datetimes sharing one tzinfo subtract and compare as wall-clock times in Python, so all
    arithmetic here happens in UTC and times are turned back into the person's zone only on output.
    """
    return datetime.combine(day, clock).replace(tzinfo=zone).astimezone(UTC)


def _utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name}: needs a time zone (an aware datetime)")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Routine:
    """A 30-90 second micro-routine from the library, with a short dose for a desk break."""

    slug: str
    name: str
    dose: str
    seconds: int


# The rotation through the day, with a desk-sized dose for each (all 30-90 s).
_ROTATION: tuple[tuple[str, str, int], ...] = (
    ("shoulder_rolls", "10 slow rolls backwards, then 5 forwards", 45),
    ("scapular_squeeze", "8 squeezes, hold each for 3 s", 60),
    ("thoracic_rotation", "5 slow turns each side, seated", 60),
    ("doorway_pec_stretch", "hold 30 s each side, breathing easily", 60),
    ("movement_break", "stand up and walk for a minute", 60),
)
ROTATION_SLUGS: tuple[str, ...] = tuple(slug for slug, _, _ in _ROTATION)


def routine_for(index: int, names: dict[str, str] | None = None) -> Routine:
    """The micro-routine for the index-th break of the day; rotates deterministically.

    `names` maps slug to the library's display name; without it the slug is turned into words.
    """
    slug, dose, seconds = _ROTATION[index % len(_ROTATION)]
    name = (names or {}).get(slug, slug.replace("_", " ").capitalize())
    return Routine(slug=slug, name=name, dose=dose, seconds=seconds)


@dataclass(frozen=True)
class PlannedBreak:
    at: datetime
    kind: BreakKind
    routine: Routine
    seconds: int


WALK_SLUG = "movement_break"
ACTIVE_MOVES = 3
"""At most this many desk moves in an active break; the rest of it is a walk."""
WALK_AT_LEAST = 60
"""An active break always ends with at least a minute of walking (a change of posture)."""


def _minutes_words(seconds: int) -> str:
    minutes = max(round(seconds / 60), 1)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def break_routines(
    planned: PlannedBreak, names: dict[str, str] | None = None
) -> tuple[Routine, ...]:
    """What to do in a break: one move for a micro-break; a fuller set for an active one.

    Reference §8: active breaks with a change of posture have the better evidence, so an active
    break strings a few desk moves from the rotation together (starting at this break's) and
    fills the rest of its minutes with a walk.
    """
    if planned.kind == "micro":
        return (planned.routine,)
    start = (
        ROTATION_SLUGS.index(planned.routine.slug) if planned.routine.slug in ROTATION_SLUGS else 0
    )
    budget = planned.seconds - WALK_AT_LEAST
    moves: list[Routine] = []
    for step in range(len(_ROTATION)):
        routine = routine_for(start + step, names)
        if routine.slug == WALK_SLUG:
            continue
        if len(moves) == ACTIVE_MOVES or sum(m.seconds for m in moves) + routine.seconds > budget:
            break
        moves.append(routine)
    walk_seconds = planned.seconds - sum(m.seconds for m in moves)
    walk = Routine(
        slug=WALK_SLUG,
        name="Walk",
        dose=f"stand up and walk for {_minutes_words(walk_seconds)}",
        seconds=walk_seconds,
    )
    return (*moves, walk)


def _is_active(at: datetime, last_active: datetime, settings: BreakSettings) -> bool:
    return at - last_active >= settings.active_every


def _make_break(
    at: datetime, kind: BreakKind, index: int, settings: BreakSettings, names: dict[str, str] | None
) -> PlannedBreak:
    routine = routine_for(index, names)
    seconds = settings.active_minutes * 60 if kind == "active" else routine.seconds
    return PlannedBreak(at=at, kind=kind, routine=routine, seconds=seconds)


def day_schedule(
    settings: BreakSettings, day: date, names: dict[str, str] | None = None
) -> list[PlannedBreak]:
    """The day's planned reminders, assuming each break is taken on time.

    A break comes every interval after the start of work; it is an active break when an hour
    (active_every) or more of work has passed since the start or the last active break.
    """
    if not settings.works_on(day):
        return []
    start, end = settings.hours_on(day)
    plan: list[PlannedBreak] = []
    last_active = start
    at = start + settings.interval
    while at < end:
        kind: BreakKind = "active" if _is_active(at, last_active, settings) else "micro"
        if kind == "active":
            last_active = at
        plan.append(_make_break(at.astimezone(settings.zone), kind, len(plan), settings, names))
        at += settings.interval
    return plan


@dataclass(frozen=True)
class BreakEvent:
    """Something the person did about a break; the caller stores these."""

    at: datetime
    kind: EventKind
    break_kind: BreakKind
    source: EventSource = "prompt"


@dataclass(frozen=True)
class BreakTimer:
    """The live reminder's state. Every method takes the time and returns a new timer.

    Only a few fixed fields are kept, so a timer running for weeks stays the same size. The stored
    times are in UTC. `rotation` is how far through the day's rotation of moves the person has
    got: it moves on when a break is taken or skipped (not when one is snoozed or taken by being
    away from the keyboard), so the moves come in order however irregular the day, and it starts
    again each day.
    """

    settings: BreakSettings
    last_break: datetime | None = None
    last_active: datetime | None = None
    snoozed_until: datetime | None = None
    paused_until: datetime | None = None
    rotation: int = 0

    def _anchors(self, now: datetime) -> tuple[datetime, datetime, datetime, datetime] | None:
        """(interval anchor, active anchor, start, end) for now's working day, or None."""
        utc = _utc(now, "now")
        local_day = utc.astimezone(self.settings.zone).date()
        if not self.settings.works_on(local_day):
            return None
        start, end = self.settings.hours_on(local_day)
        if not start <= utc < end:
            return None
        anchor = max(self.last_break or start, start)
        active = max(self.last_active or start, start)
        return anchor, active, start, end

    def begin(self, now: datetime) -> BreakTimer:
        """The reminder starts now: the first break comes an interval from now (or from the
        start of work, when that is later), not at once for the time before it was running."""
        return replace(self, last_break=_utc(now, "now"))

    def _rotation_at(self, moment: datetime) -> int:
        """Where the rotation stands at `moment`: back to the first move on a new day."""
        if self.last_break is None:
            return 0
        zone = self.settings.zone
        same_day = self.last_break.astimezone(zone).date() == moment.astimezone(zone).date()
        return self.rotation if same_day else 0

    def next_break(self, now: datetime) -> PlannedBreak | None:
        """The next break from now's point of view (due or not), or None outside working hours."""
        anchors = self._anchors(now)
        if anchors is None:
            return None
        anchor, last_active, _, end = anchors
        due = anchor + self.settings.interval
        if self.snoozed_until is not None and self.snoozed_until > due:
            due = self.snoozed_until
        if self.paused_until is not None and self.paused_until > due:
            due = self.paused_until
        if due >= end:
            return None
        kind: BreakKind = "active" if _is_active(due, last_active, self.settings) else "micro"
        index = self._rotation_at(due)
        return _make_break(due.astimezone(self.settings.zone), kind, index, self.settings, None)

    def tick(self, now: datetime) -> PlannedBreak | None:
        """The break that is due at `now`, or None."""
        upcoming = self.next_break(now)
        return upcoming if upcoming is not None and upcoming.at <= now else None

    def is_paused(self, now: datetime) -> bool:
        return self.paused_until is not None and self.paused_until > _utc(now, "now")

    def _due_kind(self, now: datetime) -> BreakKind:
        anchors = self._anchors(now)
        if anchors is None:
            return "micro"
        return "active" if _is_active(_utc(now, "now"), anchors[1], self.settings) else "micro"

    def take(self, now: datetime) -> tuple[BreakTimer, BreakEvent]:
        """The person took a break now: the interval restarts from now."""
        kind = self._due_kind(now)
        timer = self._restart(now, kind, self._rotation_at(_utc(now, "now")) + 1)
        return timer, BreakEvent(now, "taken", kind)

    def skip(self, now: datetime) -> tuple[BreakTimer, BreakEvent]:
        """The person skipped this break: no nagging, the next one comes an interval later."""
        kind = self._due_kind(now)
        utc = _utc(now, "now")
        timer = replace(
            self, last_break=utc, snoozed_until=None, rotation=self._rotation_at(utc) + 1
        )
        return timer, BreakEvent(now, "skipped", kind)

    def snooze(self, now: datetime, minutes: int) -> tuple[BreakTimer, BreakEvent]:
        """Remind again in 5 or 10 minutes."""
        if minutes not in SNOOZE_MINUTES:
            raise ValueError(f"minutes: snooze is 5 or 10 minutes (got {minutes})")
        until = _utc(now, "now") + timedelta(minutes=minutes)
        return replace(self, snoozed_until=until), BreakEvent(now, "snoozed", self._due_kind(now))

    def pause_until(self, until: datetime) -> BreakTimer:
        """No reminders before `until` (a meeting); a break that fell due meanwhile comes after."""
        return replace(self, paused_until=_utc(until, "until"))

    def resume(self) -> BreakTimer:
        """End a pause early; a break that fell due during it is due now."""
        return replace(self, paused_until=None)

    def idle(self, now: datetime, seconds: float) -> tuple[BreakTimer, BreakEvent | None]:
        """Away from the keyboard for `seconds`, ending now.

        Idle time at least as long as a micro-break counts as a break taken; as long as an active
        break, it counts as an active one. Shorter idle time, or idle time outside working hours,
        changes nothing.
        """
        if seconds < 0:
            raise ValueError(f"seconds: idle time cannot be negative (got {seconds})")
        if seconds < MICRO_BREAK_SECONDS or self._anchors(now) is None:
            return self, None
        kind: BreakKind = "active" if seconds >= self.settings.active_minutes * 60 else "micro"
        timer = self._restart(now, kind, self._rotation_at(_utc(now, "now")))
        return timer, BreakEvent(now, "taken", kind, source="idle")

    def _restart(self, now: datetime, kind: BreakKind, rotation: int) -> BreakTimer:
        return replace(
            self,
            last_break=_utc(now, "now"),
            last_active=_utc(now, "now") if kind == "active" else self.last_active,
            snoozed_until=None,
            rotation=rotation,
        )


@dataclass(frozen=True)
class BreakStats:
    taken: int
    snoozed: int
    skipped: int
    planned: int


def stats(events: list[BreakEvent], day: date, settings: BreakSettings) -> BreakStats:
    """Adherence for one day in the person's zone: what was taken, snoozed, skipped and planned."""
    zone = settings.zone
    counts = {"taken": 0, "snoozed": 0, "skipped": 0}
    for event in events:
        if _utc(event.at, "event.at").astimezone(zone).date() == day:
            counts[event.kind] += 1
    return BreakStats(
        taken=counts["taken"],
        snoozed=counts["snoozed"],
        skipped=counts["skipped"],
        planned=len(day_schedule(settings, day)),
    )
