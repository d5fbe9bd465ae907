"""The calendar feed, parsed back as a calendar app would read it: routine days and times, strength
days, habit reminders, the review, stable UIDs, daylight-saving changes and the safety rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from upback.core.calendar_feed import (
    FeedInputs,
    HabitMonth,
    Links,
    RoutineDay,
    calendar_ics,
    next_review_on,
    plan_events,
    when_words,
)
from upback.core.care import care_state
from upback.core.errors import InputProblem
from upback.core.progress import PainEntry
from upback.core.vocab import Disposition

STRENGTH = ("Gentle warm-up", "Thoracic rotation", "Resistance band row", "Prone Y raise")
MOBILITY = ("Gentle warm-up", "Cat-cow", "Doorway chest stretch")
HABITS = ("A movement break every 30-45 minutes", "Five minutes of belly breathing before bed")

WEEK = (
    RoutineDay("mon", 17.3, STRENGTH, strength_day=True),
    RoutineDay("tue", 16.6, MOBILITY),
    RoutineDay("wed", 17.3, STRENGTH, strength_day=True),
    RoutineDay("thu", 16.6, MOBILITY),
    RoutineDay("fri", 17.3, STRENGTH, strength_day=True),
    RoutineDay("sat", 16.6, MOBILITY),
    RoutineDay("sun", 0, ()),  # a rest day: nothing in the calendar
)


def inputs(**changes: Any) -> FeedInputs:
    base = FeedInputs(
        owner_key="42",
        time_zone="Europe/London",
        today=dt.date(2026, 3, 2),
        now=dt.datetime(2026, 3, 2, 9, 15, tzinfo=dt.UTC),
        care=care_state(Disposition.SELF_CARE),
        routine_time=dt.time(7, 30),
        week=WEEK,
        plan_starts_on=dt.date(2026, 3, 1),
        habits=HabitMonth(
            names=HABITS,
            starts_on=dt.date(2026, 3, 1),
            ends_on=dt.date(2026, 3, 30),
            reminder_time=dt.time(21, 0),
        ),
        next_review=dt.date(2026, 3, 27),
        links=Links(
            today="https://upback.example/today/",
            review="https://upback.example/review/",
            screen="https://upback.example/screen/",
        ),
    )
    return dataclasses.replace(base, **changes)


def parse(feed: FeedInputs) -> Calendar:
    return Calendar.from_ical(calendar_ics(feed))


def routine_events(calendar: Calendar) -> list[Event]:
    return [e for e in calendar.events if "upback routine" in str(e["SUMMARY"])]


def by_summary(calendar: Calendar, text: str) -> Event:
    (event,) = [e for e in calendar.events if text in str(e["SUMMARY"])]
    return event


def byday(event: Event) -> list[str]:
    return list(event["RRULE"]["BYDAY"])


def occurrences(event: Event, until: dt.datetime) -> list[dt.datetime]:
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.start)
    return list(rule.between(event.start, until, inc=True))


def test_the_calendar_names_itself_and_its_time_zone() -> None:
    calendar = parse(inputs())
    assert str(calendar["VERSION"]) == "2.0"
    assert "upback" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "upback"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]


def test_the_routine_is_at_the_persons_time_on_every_day_that_has_one() -> None:
    events = routine_events(parse(inputs()))
    days = sorted(day for event in events for day in byday(event))
    assert days == sorted(["MO", "TU", "WE", "TH", "FR", "SA"])  # Sunday is a rest day
    for event in events:
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        assert event.start.time() == dt.time(7, 30)
        assert event.start.tzinfo == ZoneInfo("Europe/London")
        assert event["RRULE"]["FREQ"] == ["WEEKLY"]
        # The series starts on one of its own days, on or after the plan began.
        assert event.start.date() >= dt.date(2026, 3, 1)
        assert dt.date.strftime(event.start.date(), "%a")[:2].upper() in byday(event)


def test_strength_days_are_their_own_event_that_says_so() -> None:
    calendar = parse(inputs())
    strength = by_summary(calendar, "Strength day")
    assert byday(strength) == ["MO", "WE", "FR"]
    assert "Resistance band row" in str(strength["DESCRIPTION"])
    others = [e for e in routine_events(calendar) if e is not strength]
    assert all("Strength" not in str(e["SUMMARY"]) for e in others)
    assert sorted(d for e in others for d in byday(e)) == ["SA", "TH", "TU"]


def test_each_routine_lasts_its_minutes_lists_its_items_and_links_back_to_today() -> None:
    calendar = parse(inputs())
    strength = by_summary(calendar, "Strength day")
    assert strength.duration == dt.timedelta(minutes=17)
    description = str(strength["DESCRIPTION"])
    assert "About 17 minutes" in description
    assert all(name in description for name in STRENGTH)
    assert "https://upback.example/today/" in description
    assert str(strength["URL"]) == "https://upback.example/today/"


def test_each_routine_reminds_the_person_when_it_starts() -> None:
    for event in routine_events(parse(inputs())):
        (alarm,) = event.subcomponents
        assert alarm.name == "VALARM"
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm["TRIGGER"].dt == dt.timedelta(0)
        assert str(alarm["DESCRIPTION"])


def test_habit_reminders_come_daily_through_the_month_naming_both_habits() -> None:
    habits = by_summary(parse(inputs()), "habits")
    assert all(name in str(habits["SUMMARY"]) for name in HABITS)
    assert all(name in str(habits["DESCRIPTION"]) for name in HABITS)
    assert habits["RRULE"]["FREQ"] == ["DAILY"]
    # UNTIL is in UTC (RFC 5545 with a zoned start) and is the last reminder itself:
    # 30 March, 21:00 in London, which is summer time by then.
    (until,) = habits["RRULE"]["UNTIL"]
    assert until == dt.datetime(2026, 3, 30, 20, 0, tzinfo=dt.UTC)
    times = occurrences(habits, dt.datetime(2026, 12, 31, tzinfo=dt.UTC))
    assert len(times) == 30
    assert {t.astimezone(ZoneInfo("Europe/London")).time() for t in times} == {dt.time(21, 0)}
    assert times[0].date() == dt.date(2026, 3, 1) and times[-1].date() == dt.date(2026, 3, 30)


def test_a_finished_habit_month_or_one_without_a_time_gives_no_reminders() -> None:
    ended = inputs(today=dt.date(2026, 4, 2), now=dt.datetime(2026, 4, 2, tzinfo=dt.UTC))
    assert not [e for e in plan_events(ended) if e.kind == "habits"]
    assert not [e for e in plan_events(inputs(habits=None)) if e.kind == "habits"]


def test_the_review_is_an_all_day_event_on_its_date() -> None:
    review = by_summary(parse(inputs()), "Time for your upback review")
    assert review.start == dt.date(2026, 3, 27)
    assert review.end == dt.date(2026, 3, 28)
    assert "https://upback.example/review/" in str(review["DESCRIPTION"])


def test_an_overdue_review_sits_on_today_under_the_same_uid() -> None:
    due = plan_events(inputs(next_review=dt.date(2026, 2, 20)))
    later = plan_events(
        inputs(
            next_review=dt.date(2026, 2, 20),
            today=dt.date(2026, 3, 5),
            now=dt.datetime(2026, 3, 5, tzinfo=dt.UTC),
        )
    )
    (first,) = [e for e in due if e.kind == "review"]
    (second,) = [e for e in later if e.kind == "review"]
    assert first.starts_on == dt.date(2026, 3, 2)
    assert second.starts_on == dt.date(2026, 3, 5)
    assert first.uid == second.uid


def test_the_next_review_counts_four_weeks_from_the_last_review_or_from_tracking() -> None:
    today = dt.date(2026, 3, 2)
    assert next_review_on(last_review=dt.date(2026, 2, 20), pain=[], today=today) == dt.date(
        2026, 3, 20
    )
    # Tracking starts with the first week that has three check-ins (as on the progress page).
    pain = [PainEntry(dt.date(2026, 2, 10), 5), PainEntry(dt.date(2026, 2, 16), 5)]
    pain += [PainEntry(dt.date(2026, 2, 17), 4), PainEntry(dt.date(2026, 2, 18), 4)]
    assert next_review_on(last_review=None, pain=pain, today=today) == dt.date(2026, 3, 16)
    assert next_review_on(last_review=None, pain=pain[:2], today=today) is None
    long_ago = [PainEntry(dt.date(2025, 12, d), 5) for d in (1, 2, 3)]
    assert next_review_on(last_review=None, pain=long_ago, today=today) == today


def test_uids_stay_the_same_across_downloads_and_hold_nothing_personal() -> None:
    first = parse(inputs())
    second = parse(inputs(now=dt.datetime(2026, 3, 3, 18, 0, tzinfo=dt.UTC)))
    uids = [str(e["UID"]) for e in first.events]
    assert uids == [str(e["UID"]) for e in second.events]
    assert len(set(uids)) == len(uids)
    assert [e["DTSTAMP"].dt for e in second.events] == [
        dt.datetime(2026, 3, 3, 18, 0, tzinfo=dt.UTC)
    ] * len(uids)
    # A hash: neither the account nor anything about the program can be read from it.
    assert all(re.fullmatch(r"[0-9a-f]{32}@upback", uid) for uid in uids)
    someone_else = parse(inputs(owner_key="43"))
    assert not set(uids) & {str(e["UID"]) for e in someone_else.events}


@pytest.mark.parametrize(
    ("zone", "summer_utc", "winter_utc"),
    [
        ("Europe/London", dt.time(6, 30), dt.time(7, 30)),
        ("America/New_York", dt.time(11, 30), dt.time(12, 30)),
    ],
)
def test_the_routine_keeps_its_wall_clock_time_across_daylight_saving_changes(
    zone: str, summer_utc: dt.time, winter_utc: dt.time
) -> None:
    calendar = parse(inputs(time_zone=zone, today=dt.date(2026, 1, 5), plan_starts_on=None))
    tz = ZoneInfo(zone)
    for event in routine_events(calendar):
        assert event["DTSTART"].params["TZID"] == zone
        # January to December: both the spring and the autumn change.
        times = occurrences(event, dt.datetime(2026, 12, 31, tzinfo=dt.UTC))
        assert {t.astimezone(tz).time() for t in times} == {dt.time(7, 30)}
        in_utc = {t.astimezone(dt.UTC).time() for t in times}
        assert in_utc == {summer_utc, winter_utc}, "the same local time is a different UTC time"
        july = [t for t in times if t.month == 7]
        assert {t.astimezone(dt.UTC).time() for t in july} == {summer_utc}


def test_while_a_red_flag_is_active_the_calendar_holds_no_exercise() -> None:
    for disposition in (Disposition.URGENT, Disposition.EMERGENCY):
        calendar = parse(inputs(care=care_state(disposition)))
        (event,) = calendar.events
        assert str(event["SUMMARY"]) == "upback: exercises on hold until you have been checked"
        assert event.start == dt.date(2026, 3, 2)
        assert "RRULE" not in event
        assert not event.subcomponents
        text = calendar_ics(inputs(care=care_state(disposition))).decode()
        assert all(name not in text for name in (*STRENGTH, *MOBILITY, *HABITS))
        assert "warning sign" not in text  # anyone with the link could read it


def test_gentle_only_says_so_on_every_routine_and_drops_the_strength_event() -> None:
    gentle = inputs(care=care_state(Disposition.SOON))
    calendar = parse(gentle)
    events = routine_events(calendar)
    assert events
    assert all("gentle items only" in str(e["SUMMARY"]) for e in events)
    assert all("Gentle items only" in str(e["DESCRIPTION"]) for e in events)
    assert not [e for e in calendar.events if "Strength" in str(e["SUMMARY"])]
    seen = inputs(care=care_state(Disposition.SOON, clinician_seen=True))
    assert by_summary(parse(seen), "Strength day")


def test_without_a_routine_time_there_is_no_routine_at_a_made_up_time() -> None:
    calendar = parse(inputs(routine_time=None))
    assert routine_events(calendar) == []
    assert by_summary(calendar, "habits")
    assert by_summary(calendar, "review")


def test_before_the_safety_check_there_is_no_routine_either() -> None:
    assert not [e for e in plan_events(inputs(care=care_state(None))) if e.at and e.days]


def test_an_unknown_time_zone_is_refused_naming_the_field() -> None:
    with pytest.raises(InputProblem, match="time_zone"):
        calendar_ics(inputs(time_zone="Mars/Olympus"))


def test_events_are_described_in_plain_words() -> None:
    words = {e.kind: when_words(e) for e in plan_events(inputs())}
    assert words["strength"] == "Mondays, Wednesdays and Fridays at 07:30"
    assert words["habits"] == "Every day at 21:00, from 1 March to 30 March 2026"
    assert words["review"] == "Friday 27 March 2026, all day"
    every_day = inputs(
        week=tuple(
            RoutineDay(d, 10, MOBILITY) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        )
    )
    assert [when_words(e) for e in plan_events(every_day) if e.days] == ["Every day at 07:30"]
