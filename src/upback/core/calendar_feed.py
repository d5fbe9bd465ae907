"""The person's program as a calendar (ICS): the daily routine, strength days, habit reminders
and the next review, in their own time zone.

Pure: plain inputs in, an `icalendar.Calendar` (or its bytes) out; the clock is an input.

Rules:
- Routine: one weekly event per group of days that share the same routine (same items, same
  minutes, same strength flag), at the person's routine time, with `TZID` set to their zone so
  07:30 stays 07:30 across daylight-saving changes. Strength days are their own event, titled
  "Strength day". Each has the routine's minutes as `DURATION` and a reminder when it starts.
- No routine time: no routine events at all. upback never puts a routine at a made-up time.
- Habit reminders: daily at the habit month's reminder time, from its first day to its last
  (`UNTIL`, in UTC as RFC 5545 asks when the start has a zone), naming both habits.
- Review: an all-day event on the date the next review is due (four weeks after the last review
  or after tracking began, as on the progress page); today when it is already overdue.
- Safety: while a red flag is active (stopped) there is nothing but one all-day event today
  saying exercises are on hold; while gentle-only, routine events say "gentle items only";
  before the safety check (no screening) there is no routine either.
- UIDs are stable across downloads: a hash of an opaque owner key, the event's kind and its
  day(s), so no personal data is in them and a calendar updates events instead of copying them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import TRANSP, Alarm, Calendar, Event, vDuration

from upback.core.care import CareState
from upback.core.errors import InputProblem
from upback.core.progress import REVIEW_DUE_DAYS, PainEntry, tracking_start

PRODID = "-//upback//upback calendar//EN"
CALENDAR_NAME = "upback"
# How often a subscribed calendar should fetch the feed again: often enough that a plan change or
# a safety hold reaches the calendar the same day. (Clients may poll less often; Google does.)
REFRESH = timedelta(hours=6)
HABIT_REMINDER_MINUTES = 5
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BYDAY = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
DAY_PLURALS = {
    "mon": "Mondays",
    "tue": "Tuesdays",
    "wed": "Wednesdays",
    "thu": "Thursdays",
    "fri": "Fridays",
    "sat": "Saturdays",
    "sun": "Sundays",
}

ROUTINE_TITLE = "upback routine"
STRENGTH_TITLE = "Strength day – upback routine"
GENTLE_TITLE = "upback routine – gentle items only"
REVIEW_TITLE = "Time for your upback review"
HOLD_TITLE = "upback: exercises on hold until you have been checked"

EventKind = Literal["routine", "strength", "habits", "review", "hold"]


@dataclass(frozen=True)
class RoutineDay:
    """A day of the plan's week: its items' names, its minutes, whether it builds strength."""

    day: str
    minutes: float
    items: tuple[str, ...]
    strength_day: bool = False


@dataclass(frozen=True)
class HabitMonth:
    """The two habits of the month and when to be reminded (first and last day inclusive)."""

    names: tuple[str, ...]
    starts_on: date
    ends_on: date
    reminder_time: time


@dataclass(frozen=True)
class Links:
    """Absolute addresses of the pages an event points back to."""

    today: str
    review: str
    screen: str


@dataclass(frozen=True)
class FeedInputs:
    owner_key: str  # opaque and stable (the account id); only ever hashed into UIDs
    time_zone: str  # IANA name, e.g. "Europe/London"
    today: date  # the person's own date
    now: datetime  # aware; the DTSTAMP of every event
    care: CareState
    routine_time: time | None = None
    week: tuple[RoutineDay, ...] = ()
    plan_starts_on: date | None = None  # the routine's events begin here (today when unknown)
    habits: HabitMonth | None = None
    next_review: date | None = None
    links: Links | None = None


@dataclass(frozen=True)
class PlannedEvent:
    """One calendar event before it becomes iCalendar: also what the web page and CLI describe."""

    kind: EventKind
    uid: str
    summary: str
    description: str
    starts_on: date
    at: time | None = None  # None: an all-day event
    minutes: int | None = None
    days: tuple[str, ...] = ()  # weekly on these days; empty with `until` set: daily
    until: date | None = None  # last day of a daily event
    alarm: str | None = None
    url: str | None = None


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as problem:
        raise InputProblem(f"time_zone: {name!r} is not a known time zone") from problem


def next_review_on(
    *, last_review: date | None, pain: Sequence[PainEntry], today: date
) -> date | None:
    """When the next review is due, counted as the progress page counts it: four weeks after the
    last review or, before the first, after tracking began (the first week with three check-ins).
    Today once that has passed; None while there is nothing to review yet."""
    anchor = last_review if last_review is not None else tracking_start(pain, today)
    if anchor is None:
        return None
    return max(anchor + timedelta(days=REVIEW_DUE_DAYS), today)


def _uid(owner_key: str, kind: str, key: str) -> str:
    digest = hashlib.sha256(f"upback|{owner_key}|{kind}|{key}".encode()).hexdigest()
    return f"{digest[:32]}@upback"


def _first_on_or_after(start: date, days: Sequence[str]) -> date:
    offset = min((WEEKDAYS.index(day) - start.weekday()) % 7 for day in days)
    return start + timedelta(days=offset)


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _routine_groups(week: Sequence[RoutineDay]) -> list[tuple[RoutineDay, tuple[str, ...]]]:
    """Days with the same routine share one weekly event, in the order of the week."""
    groups: dict[tuple[bool, int, tuple[str, ...]], list[RoutineDay]] = {}
    for day in sorted(week, key=lambda d: WEEKDAYS.index(d.day)):
        if not day.items:
            continue
        key = (day.strength_day, max(1, round(day.minutes)), day.items)
        groups.setdefault(key, []).append(day)
    return [(days[0], tuple(d.day for d in days)) for days in groups.values()]


def _routine_events(inputs: FeedInputs) -> list[PlannedEvent]:
    if inputs.routine_time is None or not inputs.care.may_exercise:
        return []
    gentle = inputs.care.gentle_only
    start = inputs.plan_starts_on or inputs.today
    events = []
    for first, days in _routine_groups(inputs.week):
        strength = first.strength_day and not gentle
        minutes = max(1, round(first.minutes))
        title = GENTLE_TITLE if gentle else STRENGTH_TITLE if strength else ROUTINE_TITLE
        lines = [f"About {minutes} minutes: {', '.join(first.items)}."]
        if gentle:
            lines.append(
                "Gentle items only, until a clinician has seen you: stop anything that hurts."
            )
        elif strength:
            lines.append("Today includes strength work for the muscles that hold you upright.")
        if inputs.links is not None:
            lines.append(f"Open today's routine in upback: {inputs.links.today}")
        kind: EventKind = "strength" if strength else "routine"
        events.append(
            PlannedEvent(
                kind=kind,
                uid=_uid(inputs.owner_key, "routine", "-".join(days)),
                summary=title,
                description="\n\n".join(lines),
                starts_on=_first_on_or_after(start, days),
                at=inputs.routine_time,
                minutes=minutes,
                days=days,
                alarm="Time for your upback routine",
                url=inputs.links.today if inputs.links else None,
            )
        )
    return events


def _habit_event(inputs: FeedInputs) -> list[PlannedEvent]:
    month = inputs.habits
    if month is None or not month.names or month.ends_on < inputs.today:
        return []
    names = [name.strip() for name in month.names if name.strip()]
    lines = ["Your two habits for the month:", *[f"• {name}" for name in names]]
    if inputs.care.gentle_only:
        lines.append("While upback keeps to gentle items, do only what feels comfortable.")
    if inputs.links is not None:
        lines.append(f"\nTick them off in upback: {inputs.links.today}")
    return [
        PlannedEvent(
            kind="habits",
            uid=_uid(inputs.owner_key, "habits", month.starts_on.isoformat()),
            summary="upback habits: " + " · ".join(names),
            description="\n".join(lines),
            starts_on=month.starts_on,
            at=month.reminder_time,
            minutes=HABIT_REMINDER_MINUTES,
            until=month.ends_on,
            alarm="Your upback habits",
            url=inputs.links.today if inputs.links else None,
        )
    ]


def _review_event(inputs: FeedInputs) -> list[PlannedEvent]:
    if inputs.next_review is None:
        return []
    on = max(inputs.next_review, inputs.today)
    text = (
        "A short look at where you started and where you are now, how a few everyday "
        "activities are going, and a suggested plan for the next weeks."
    )
    if inputs.links is not None:
        text += f"\n\nStart it in upback: {inputs.links.review}"
    return [
        PlannedEvent(
            kind="review",
            # Keyed on the due date the person earned, so an overdue review keeps its UID while
            # it moves along to today.
            uid=_uid(inputs.owner_key, "review", inputs.next_review.isoformat()),
            summary=REVIEW_TITLE,
            description=text,
            starts_on=on,
            url=inputs.links.review if inputs.links else None,
        )
    ]


def _hold_event(inputs: FeedInputs) -> PlannedEvent:
    # Said without naming any symptom: anyone holding the link can read the calendar.
    text = (
        "upback is holding your routine and reminders for now. When a clinician has checked "
        "you, take the safety check again in upback and your program comes back."
    )
    if inputs.links is not None:
        text += f"\n\n{inputs.links.screen}"
    return PlannedEvent(
        kind="hold",
        uid=_uid(inputs.owner_key, "hold", inputs.today.isoformat()),
        summary=HOLD_TITLE,
        description=text,
        starts_on=inputs.today,
        url=inputs.links.screen if inputs.links else None,
    )


def plan_events(inputs: FeedInputs) -> tuple[PlannedEvent, ...]:
    """Every event the calendar holds, decided from the inputs (see the module's rules)."""
    zone(inputs.time_zone)  # a bad zone is bad input, whatever else is there
    if inputs.care.stopped:
        return (_hold_event(inputs),)
    return (*_routine_events(inputs), *_habit_event(inputs), *_review_event(inputs))


def when_words(event: PlannedEvent) -> str:
    """When an event happens, in a few words: 'Mondays and Fridays at 07:30'."""
    if event.at is None:
        return f"{event.starts_on:%A} {event.starts_on.day} {event.starts_on:%B %Y}, all day"
    at = f"{event.at:%H:%M}"
    if event.days:
        if len(event.days) == len(WEEKDAYS):
            return f"Every day at {at}"
        return f"{_join([DAY_PLURALS[d] for d in event.days])} at {at}"
    until = event.until or event.starts_on
    return (
        f"Every day at {at}, from {event.starts_on.day} {event.starts_on:%B} "
        f"to {until.day} {until:%B %Y}"
    )


def _event(planned: PlannedEvent, tz: ZoneInfo, stamp: datetime) -> Event:
    if planned.at is None:
        event = Event.new(
            uid=planned.uid,
            stamp=stamp,
            summary=planned.summary,
            description=planned.description,
            start=planned.starts_on,
            end=planned.starts_on + timedelta(days=1),
            transparency=TRANSP.TRANSPARENT,
        )
    else:
        event = Event.new(
            uid=planned.uid,
            stamp=stamp,
            summary=planned.summary,
            description=planned.description,
            start=datetime.combine(planned.starts_on, planned.at, tzinfo=tz),
        )
        event.duration = timedelta(minutes=planned.minutes or HABIT_REMINDER_MINUTES)
    if planned.url:
        event.add("url", planned.url)
    if planned.days:
        event.add("rrule", {"freq": "weekly", "byday": [BYDAY[d] for d in planned.days]})
    elif planned.until is not None and planned.at is not None:
        # RFC 5545: with a zoned start, UNTIL is in UTC; it is the last reminder itself.
        last = datetime.combine(planned.until, planned.at, tzinfo=tz).astimezone(UTC)
        event.add("rrule", {"freq": "daily", "until": last})
        event.transparency = TRANSP.TRANSPARENT
    if planned.alarm and planned.at is not None:
        event.add_component(Alarm.new_display(description=planned.alarm, trigger=timedelta(0)))
    return event


def build_calendar(inputs: FeedInputs) -> Calendar:
    """The person's calendar, ready to serialise."""
    tz = zone(inputs.time_zone)
    stamp = inputs.now.astimezone(UTC).replace(microsecond=0)
    planned = plan_events(inputs)
    calendar = Calendar.new(
        prodid=PRODID,
        name=CALENDAR_NAME,
        description="Your upback routine, habit reminders and review dates.",
        uid=_uid(inputs.owner_key, "calendar", "feed"),
        method="PUBLISH",
        refresh_interval=REFRESH,
    )
    calendar.add("x-wr-timezone", tz.key)
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # RFC 7986 asks for it
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for event in planned:
        calendar.add_component(_event(event, tz, stamp))
    if any(event.at is not None for event in planned):
        # The zone's rules from the earliest event for twenty years, so clients that do not know
        # the zone by name still keep the wall-clock time across daylight-saving changes.
        first = min(event.starts_on for event in planned)
        calendar.add_missing_timezones(
            first_date=date(first.year, 1, 1), last_date=date(inputs.today.year + 20, 1, 1)
        )
    return calendar


def calendar_ics(inputs: FeedInputs) -> bytes:
    ics: bytes = build_calendar(inputs).to_ical()
    return ics
