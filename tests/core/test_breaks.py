"""Movement-break reminders: the day's plan and the event-driven timer, on an injected clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upback.core.breaks import (
    ROTATION_SLUGS,
    WEEKDAYS,
    BreakEvent,
    BreakSettings,
    BreakTimer,
    PlannedBreak,
    Routine,
    break_routines,
    day_schedule,
    routine_for,
    stats,
)
from upback.core.library import default_library

LONDON = ZoneInfo("Europe/London")
MONDAY = date(2025, 3, 31)
EVERY_DAY = frozenset(WEEKDAYS)


def at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = LONDON) -> datetime:
    return datetime.combine(day, time(hour, minute)).replace(tzinfo=zone)


def elapsed(earlier: datetime, later: datetime) -> timedelta:
    """Real time between two instants (same-zone subtraction in Python is wall-clock)."""
    return later.astimezone(UTC) - earlier.astimezone(UTC)


def london(**overrides: object) -> BreakSettings:
    return BreakSettings(timezone="Europe/London", **overrides)


def run_day(
    timer: BreakTimer, start: datetime, end: datetime, step: timedelta = timedelta(minutes=1)
) -> tuple[BreakTimer, list[PlannedBreak]]:
    """Tick once a minute from start to end, taking every break the moment it is due."""
    seen: list[PlannedBreak] = []
    now = start
    while now <= end:
        due = timer.tick(now)
        if due is not None:
            seen.append(due)
            timer, _ = timer.take(now)
        now += step
    return timer, seen


# --- settings ---------------------------------------------------------------------------------


def test_the_defaults_follow_the_reference() -> None:
    settings = BreakSettings()
    assert settings.days == frozenset({"mon", "tue", "wed", "thu", "fri"})
    assert (settings.start, settings.end) == (time(9), time(17, 30))
    assert settings.interval_minutes == 30
    assert (settings.active_every_minutes, settings.active_minutes) == (60, 5)


@pytest.mark.parametrize("minutes", [10, 19, 61, 120])
def test_an_interval_outside_20_to_60_minutes_is_refused_by_name(minutes: int) -> None:
    with pytest.raises(ValueError, match="interval_minutes"):
        BreakSettings(interval_minutes=minutes)


def test_working_hours_must_end_after_they_start() -> None:
    with pytest.raises(ValueError, match="end"):
        BreakSettings(start=time(17), end=time(9))


def test_a_start_after_the_usual_end_is_refused_when_the_end_is_left_out() -> None:
    with pytest.raises(ValueError, match=r"end\n.*after the start \(18:00\)"):
        BreakSettings(start=time(18))


def test_an_unknown_time_zone_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="timezone"):
        BreakSettings(timezone="Mars/Olympus_Mons")


def test_an_unknown_day_and_an_empty_week_are_refused() -> None:
    with pytest.raises(ValueError, match="days"):
        BreakSettings(days=frozenset({"funday"}))
    with pytest.raises(ValueError, match="days"):
        BreakSettings(days=frozenset())


# --- the day's plan ---------------------------------------------------------------------------


def test_a_default_day_has_a_break_every_half_hour_and_an_active_one_each_hour() -> None:
    plan = day_schedule(london(), MONDAY)
    assert [f"{p.at:%H:%M}" for p in plan][:4] == ["09:30", "10:00", "10:30", "11:00"]
    assert plan[-1].at == at(MONDAY, 17)
    assert [p.kind for p in plan[:4]] == ["micro", "active", "micro", "active"]
    assert all(p.at.tzinfo == LONDON for p in plan)


def test_micro_breaks_last_30_to_90_seconds_and_active_breaks_5_minutes() -> None:
    for planned in day_schedule(london(), MONDAY):
        if planned.kind == "micro":
            assert 30 <= planned.seconds <= 90
        else:
            assert planned.seconds == 300
        assert 30 <= planned.routine.seconds <= 90


def test_no_breaks_on_a_day_off() -> None:
    assert day_schedule(london(), date(2025, 3, 29)) == []  # a Saturday


def test_the_routines_rotate_through_the_five_desk_moves() -> None:
    plan = day_schedule(london(), MONDAY)
    assert [p.routine.slug for p in plan[:6]] == [*ROTATION_SLUGS, ROTATION_SLUGS[0]]
    assert day_schedule(london(), MONDAY) == plan  # deterministic


def test_the_rotation_uses_desk_friendly_techniques_that_exist_in_the_library() -> None:
    library = default_library()
    for slug in ROTATION_SLUGS:
        assert library.get(slug).suitability.desk_ok


def test_library_names_are_used_when_given() -> None:
    names = {t.slug: t.name for t in default_library().techniques.values()}
    plan = day_schedule(london(), MONDAY, names)
    assert plan[1].routine.name == names["scapular_squeeze"]


def test_with_a_25_minute_interval_the_active_break_comes_at_the_first_break_after_an_hour() -> (
    None
):
    plan = day_schedule(london(interval_minutes=25), MONDAY)
    assert [(f"{p.at:%H:%M}", p.kind) for p in plan[:4]] == [
        ("09:25", "micro"),
        ("09:50", "micro"),
        ("10:15", "active"),
        ("10:40", "micro"),
    ]


def test_the_clocks_going_forward_shortens_the_night_shift_by_an_hour() -> None:
    settings = london(days=EVERY_DAY, start=time(0), end=time(4))
    spring = day_schedule(settings, date(2025, 3, 30))  # last Sunday of March
    assert [f"{p.at:%H:%M%z}" for p in spring] == [
        "00:30+0000",
        "02:00+0100",
        "02:30+0100",
        "03:00+0100",
        "03:30+0100",
    ]


def test_the_clocks_going_back_lengthens_the_night_shift_by_an_hour() -> None:
    settings = london(days=EVERY_DAY, start=time(0), end=time(4))
    autumn = day_schedule(settings, date(2025, 10, 26))  # last Sunday of October
    assert len(autumn) == 9
    gaps = {elapsed(a.at, b.at) for a, b in pairwise(autumn)}
    assert gaps == {timedelta(minutes=30)}


def test_an_office_day_on_either_clock_change_keeps_its_wall_clock_times() -> None:
    settings = london(days=EVERY_DAY)
    for sunday, offset in [(date(2025, 3, 30), "+0100"), (date(2025, 10, 26), "+0000")]:
        plan = day_schedule(settings, sunday)
        assert f"{plan[0].at:%H:%M%z}" == f"09:30{offset}"
        assert len(plan) == 16


def test_a_day_that_runs_to_just_before_midnight_keeps_every_break_on_that_day() -> None:
    settings = london(days=EVERY_DAY, start=time(0), end=time(23, 59))
    plan = day_schedule(settings, MONDAY)
    assert {p.at.date() for p in plan} == {MONDAY}
    assert plan[-1].at == at(MONDAY, 23, 30)


def test_another_time_zone_gives_local_times() -> None:
    plan = day_schedule(BreakSettings(timezone="America/New_York"), MONDAY)
    assert f"{plan[0].at:%H:%M%z}" == "09:30-0400"


@given(
    start_minutes=st.integers(0, 22 * 60),
    length=st.integers(10, 12 * 60),
    interval=st.integers(20, 60),
    day=st.dates(date(2024, 1, 1), date(2026, 12, 31)),
    zone=st.sampled_from(["UTC", "Europe/London", "America/New_York", "Australia/Sydney"]),
)
def test_no_planned_break_falls_outside_working_hours_and_gaps_match_the_interval(
    start_minutes: int, length: int, interval: int, day: date, zone: str
) -> None:
    end_minutes = min(start_minutes + length, 23 * 60 + 59)
    settings = BreakSettings(
        days=EVERY_DAY,
        start=time(start_minutes // 60, start_minutes % 60),
        end=time(end_minutes // 60, end_minutes % 60),
        interval_minutes=interval,
        timezone=zone,
    )
    begin, finish = settings.hours_on(day)
    plan = day_schedule(settings, day)
    for planned in plan:
        assert begin < planned.at < finish
        assert planned.at.date() == day
    gaps = {elapsed(a.at, b.at) for a, b in pairwise(plan)}
    assert gaps <= {timedelta(minutes=interval)}
    if plan:
        assert elapsed(begin, plan[0].at) == timedelta(minutes=interval)


# --- the timer on an injected clock -----------------------------------------------------------


def test_taking_every_break_on_time_follows_the_days_plan() -> None:
    settings = london()
    _, seen = run_day(BreakTimer(settings), at(MONDAY, 7), at(MONDAY, 20))
    assert [(p.at, p.kind) for p in seen] == [
        (p.at, p.kind) for p in day_schedule(settings, MONDAY)
    ]


def test_nothing_is_due_before_work_after_work_or_on_a_day_off() -> None:
    timer = BreakTimer(london())
    assert timer.tick(at(MONDAY, 8, 59)) is None
    assert timer.tick(at(MONDAY, 17, 45)) is None
    assert timer.tick(at(date(2025, 3, 29), 12)) is None


def test_a_break_is_due_once_the_interval_has_passed() -> None:
    timer = BreakTimer(london())
    assert timer.tick(at(MONDAY, 9, 29)) is None
    due = timer.tick(at(MONDAY, 9, 30))
    assert due is not None and due.kind == "micro" and due.routine.slug == "shoulder_rolls"


def test_snoozing_for_5_or_10_minutes_moves_the_reminder_and_is_recorded() -> None:
    timer = BreakTimer(london())
    for minutes in (5, 10):
        snoozed, event = timer.snooze(at(MONDAY, 9, 30), minutes)
        assert event.kind == "snoozed"
        assert snoozed.tick(at(MONDAY, 9, 30 + minutes - 1)) is None
        assert snoozed.tick(at(MONDAY, 9, 30 + minutes)) is not None


@pytest.mark.parametrize("minutes", [0, 3, 15])
def test_snoozing_for_other_lengths_is_refused(minutes: int) -> None:
    with pytest.raises(ValueError, match="minutes"):
        BreakTimer(london()).snooze(at(MONDAY, 9, 30), minutes)


def test_skipping_records_it_and_the_next_reminder_comes_an_interval_later() -> None:
    timer, event = BreakTimer(london()).skip(at(MONDAY, 9, 30))
    assert event.kind == "skipped"
    assert timer.tick(at(MONDAY, 9, 59)) is None
    assert timer.tick(at(MONDAY, 10)) is not None


def test_a_skipped_active_break_is_still_owed_at_the_next_break() -> None:
    timer, _ = BreakTimer(london()).take(at(MONDAY, 9, 30))
    timer, event = timer.skip(at(MONDAY, 10))
    assert event.break_kind == "active"
    due = timer.tick(at(MONDAY, 10, 30))
    assert due is not None and due.kind == "active"


def test_a_meeting_pause_holds_reminders_until_it_ends() -> None:
    timer = BreakTimer(london()).pause_until(at(MONDAY, 11))
    assert timer.tick(at(MONDAY, 9, 30)) is None
    assert timer.tick(at(MONDAY, 10, 59)) is None
    due = timer.tick(at(MONDAY, 11))
    assert due is not None and due.at == at(MONDAY, 11)


def test_a_pause_that_runs_past_the_end_of_work_means_no_more_reminders_today() -> None:
    timer = BreakTimer(london()).pause_until(at(MONDAY, 18))
    assert timer.tick(at(MONDAY, 17, 29)) is None


def test_idle_time_as_long_as_a_micro_break_counts_as_a_break_taken() -> None:
    timer, event = BreakTimer(london()).idle(at(MONDAY, 9, 20), seconds=90)
    assert event == BreakEvent(at(MONDAY, 9, 20), "taken", "micro", source="idle")
    assert timer.tick(at(MONDAY, 9, 30)) is None
    assert timer.tick(at(MONDAY, 9, 50)) is not None


def test_long_idle_time_counts_as_an_active_break() -> None:
    timer, event = BreakTimer(london()).idle(at(MONDAY, 9, 55), seconds=600)
    assert event is not None and event.break_kind == "active"
    due = timer.tick(at(MONDAY, 10, 25))
    assert due is not None and due.kind == "micro"


def test_short_idle_time_or_idle_time_off_work_changes_nothing() -> None:
    timer = BreakTimer(london())
    assert timer.idle(at(MONDAY, 9, 20), seconds=20) == (timer, None)
    assert timer.idle(at(MONDAY, 20), seconds=3600) == (timer, None)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="now"):
        BreakTimer(london()).tick(datetime(2025, 3, 31, 9, 30))


def test_the_timer_starts_afresh_after_midnight() -> None:
    settings = london(days=EVERY_DAY, start=time(0), end=time(23, 59))
    timer, _ = BreakTimer(settings).take(at(MONDAY, 23, 50))
    tuesday = MONDAY + timedelta(days=1)
    assert timer.tick(at(tuesday, 0, 10)) is None
    due = timer.tick(at(tuesday, 0, 30))
    assert due is not None and due.at == at(tuesday, 0, 30)


def test_a_whole_week_runs_in_milliseconds_and_the_timer_does_not_grow() -> None:
    settings = london(days=EVERY_DAY)
    timer = BreakTimer(settings)
    fields = len(vars(timer))
    start = at(MONDAY, 0)
    timer, seen = run_day(timer, start, start + timedelta(days=7))
    assert len(seen) == 7 * 16
    assert len(vars(timer)) == fields
    assert all(
        v is None or isinstance(v, datetime | BreakSettings | int) for v in vars(timer).values()
    )


def test_the_timer_keeps_working_across_the_clocks_going_back() -> None:
    settings = london(days=EVERY_DAY, start=time(0), end=time(4))
    sunday = date(2025, 10, 26)
    start = datetime.combine(sunday, time(0)).replace(tzinfo=LONDON).astimezone(UTC)
    _, seen = run_day(BreakTimer(settings), start, start + timedelta(hours=6))
    assert [p.at for p in seen] == [p.at for p in day_schedule(settings, sunday)]


# --- the rotation and what each break holds ----------------------------------------------------


def slugs_taken(timer: BreakTimer, times: list[datetime]) -> tuple[BreakTimer, list[str]]:
    """Take a break at each of `times`, noting the move each one suggested."""
    seen = []
    for moment in times:
        upcoming = timer.next_break(moment)
        assert upcoming is not None
        seen.append(upcoming.routine.slug)
        timer, _ = timer.take(moment)
    return timer, seen


def test_the_moves_come_in_order_however_irregular_the_breaks() -> None:
    times = [at(MONDAY, 9, 41), at(MONDAY, 10, 3), at(MONDAY, 11, 17), at(MONDAY, 11, 50)]
    _, seen = slugs_taken(BreakTimer(london()), times)
    assert seen == list(ROTATION_SLUGS[:4])


def test_a_skipped_break_passes_its_move_but_a_snoozed_one_keeps_it() -> None:
    timer, _ = BreakTimer(london()).skip(at(MONDAY, 9, 30))
    timer, _ = timer.snooze(at(MONDAY, 10), 5)
    upcoming = timer.next_break(at(MONDAY, 10, 1))
    assert upcoming is not None and upcoming.routine.slug == ROTATION_SLUGS[1]


def test_time_away_from_the_keyboard_does_not_use_up_a_move() -> None:
    timer, _ = BreakTimer(london()).take(at(MONDAY, 9, 30))
    timer, event = timer.idle(at(MONDAY, 9, 50), seconds=120)
    assert event is not None
    upcoming = timer.next_break(at(MONDAY, 9, 51))
    assert upcoming is not None and upcoming.routine.slug == ROTATION_SLUGS[1]


def test_the_rotation_starts_again_each_morning() -> None:
    timer, seen = slugs_taken(BreakTimer(london()), [at(MONDAY, 9, 30), at(MONDAY, 10)])
    assert seen == list(ROTATION_SLUGS[:2])
    tuesday = MONDAY + timedelta(days=1)
    upcoming = timer.next_break(at(tuesday, 9))
    assert upcoming is not None and upcoming.routine.slug == ROTATION_SLUGS[0]


def test_a_timer_begun_mid_morning_waits_an_interval_before_the_first_break() -> None:
    timer = BreakTimer(london()).begin(at(MONDAY, 11, 10))
    assert timer.tick(at(MONDAY, 11, 39)) is None
    due = timer.tick(at(MONDAY, 11, 40))
    assert due is not None and due.routine.slug == ROTATION_SLUGS[0]


def test_a_timer_begun_before_work_follows_the_days_plan() -> None:
    settings = london()
    timer = BreakTimer(settings).begin(at(MONDAY, 7))
    _, seen = run_day(timer, at(MONDAY, 7), at(MONDAY, 20))
    assert [p.at for p in seen] == [p.at for p in day_schedule(settings, MONDAY)]


def test_a_pause_can_end_early_and_the_break_it_held_is_due_at_once() -> None:
    timer = BreakTimer(london()).pause_until(at(MONDAY, 11))
    assert timer.is_paused(at(MONDAY, 10))
    resumed = timer.resume()
    assert not resumed.is_paused(at(MONDAY, 10))
    assert resumed.tick(at(MONDAY, 10)) is not None


def test_a_micro_break_holds_one_move() -> None:
    planned = day_schedule(london(), MONDAY)[0]
    assert planned.kind == "micro"
    assert break_routines(planned) == (planned.routine,)


@pytest.mark.parametrize("index", range(len(ROTATION_SLUGS)))
def test_an_active_break_strings_desk_moves_together_and_ends_with_a_walk(index: int) -> None:
    planned = PlannedBreak(at(MONDAY, 10), "active", routine_for(index), seconds=300)
    routines = break_routines(planned)
    moves, walk = routines[:-1], routines[-1]
    assert 2 <= len(moves) <= 3
    assert "movement_break" not in [m.slug for m in moves]
    assert walk.slug == "movement_break" and walk.seconds >= 60
    assert "walk for" in walk.dose
    assert sum(r.seconds for r in routines) == 300
    if planned.routine.slug != "movement_break":
        assert moves[0] == planned.routine


def test_a_short_active_break_keeps_a_minute_of_walking() -> None:
    planned = PlannedBreak(at(MONDAY, 10), "active", routine_for(1), seconds=120)
    routines = break_routines(planned)
    assert [r.slug for r in routines] == ["scapular_squeeze", "movement_break"]
    assert routines[-1] == Routine("movement_break", "Walk", "stand up and walk for 1 minute", 60)


def test_active_breaks_use_library_names() -> None:
    names = {t.slug: t.name for t in default_library().techniques.values()}
    planned = PlannedBreak(at(MONDAY, 10), "active", routine_for(1, names), seconds=300)
    assert [r.name for r in break_routines(planned, names)][:2] == [
        names["scapular_squeeze"],
        names["thoracic_rotation"],
    ]


# --- statistics -------------------------------------------------------------------------------


def test_a_simulated_day_gives_adherence_statistics() -> None:
    settings = london()
    timer = BreakTimer(settings)
    events: list[BreakEvent] = []
    timer, e = timer.take(at(MONDAY, 9, 30))
    events.append(e)
    timer, e = timer.snooze(at(MONDAY, 10), 5)
    events.append(e)
    timer, e = timer.take(at(MONDAY, 10, 5))
    events.append(e)
    timer = timer.pause_until(at(MONDAY, 12))
    timer, e = timer.skip(at(MONDAY, 12))
    events.append(e)
    timer, idle_event = timer.idle(at(MONDAY, 12, 20), seconds=120)
    assert idle_event is not None
    events.append(idle_event)
    events.append(BreakEvent(at(MONDAY + timedelta(days=1), 9, 30), "taken", "micro"))
    assert stats(events, MONDAY, settings).__dict__ == {
        "taken": 3,
        "snoozed": 1,
        "skipped": 1,
        "planned": 16,
    }
