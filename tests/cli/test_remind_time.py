"""The live reminder over longer stretches of simulated time: time away from the keyboard,
midnight, the clocks changing in Europe/London, and a fortnight without growing in memory."""

from __future__ import annotations

import gc
import tracemalloc
from datetime import date, datetime, time, timedelta

import pytest

from tests.cli.test_remind_live import (
    EVERY_DAY,
    MONDAY,
    FakeClock,
    FakeIdle,
    FakeKeys,
    FakeNotifier,
    FakeScreen,
    at,
    hm,
    real_gaps,
    simulate,
)
from upback.cli.remind_live import Reminder
from upback.cli.remind_parts import Answer, Ports, Prompt, Tally
from upback.core.breaks import BreakEvent, BreakSettings, BreakTimer, day_schedule

# --- time away from the keyboard ------------------------------------------------------------


def test_time_away_counts_as_a_break_and_restarts_the_interval() -> None:
    run = simulate(at(MONDAY, 9), at(MONDAY, 10, 30), away=[(at(MONDAY, 9, 40), at(MONDAY, 9, 47))])
    (first, _), (away, _), (after, _) = run.records[:3]
    assert (hm(first.at), first.source) == ("09:30", "prompt")
    assert away.source == "idle" and away.kind == "taken" and away.break_kind == "active"
    assert at(MONDAY, 9, 47) <= away.at <= at(MONDAY, 9, 47, 30)
    assert after.at == away.at + timedelta(minutes=30)
    assert run.screen.said("Welcome back: 7 minutes away counts as an active break")


def test_a_minute_away_counts_as_a_micro_break_and_less_changes_nothing() -> None:
    short = simulate(
        at(MONDAY, 9), at(MONDAY, 9, 35), away=[(at(MONDAY, 9, 10), at(MONDAY, 9, 10, 50))]
    )
    assert short.times == ["09:30"] and short.records[0][0].source == "prompt"
    minute = simulate(
        at(MONDAY, 9), at(MONDAY, 9, 45), away=[(at(MONDAY, 9, 10), at(MONDAY, 9, 12))]
    )
    event = minute.records[0][0]
    assert (event.source, event.break_kind) == ("idle", "micro")
    assert minute.times == [hm(event.at + timedelta(minutes=30))]


def test_reminders_wait_while_the_person_is_away_and_the_time_away_counts() -> None:
    run = simulate(at(MONDAY, 9), at(MONDAY, 10, 40), away=[(at(MONDAY, 9, 20), at(MONDAY, 10, 2))])
    assert run.records[0][0].source == "idle"
    assert run.times[0] == hm(run.records[0][0].at + timedelta(minutes=30))


def test_arriving_for_the_day_is_not_a_break() -> None:
    run = simulate(at(MONDAY, 7), at(MONDAY, 9, 45), away=[(at(MONDAY, 7), at(MONDAY, 9, 5))])
    assert [e.source for e, _ in run.records] == ["prompt"]
    assert run.times == ["09:30"]


def test_time_away_during_a_meeting_pause_is_not_counted() -> None:
    run = simulate(
        at(MONDAY, 9),
        at(MONDAY, 10, 30),
        presses=[(at(MONDAY, 9, 10), "pause")],
        away=[(at(MONDAY, 9, 15), at(MONDAY, 9, 38))],
    )
    assert [e.source for e, _ in run.records] == ["prompt"] * len(run.records)
    assert run.times[0] == "09:40"


# --- midnight and the clocks changing -----------------------------------------------------------


def test_a_run_across_midnight_starts_the_next_day_afresh() -> None:
    settings = BreakSettings(
        days=EVERY_DAY, start=time(0), end=time(23, 59), timezone="Europe/London"
    )
    tuesday = MONDAY + timedelta(days=1)
    run = simulate(at(MONDAY, 22, 50), at(tuesday, 1, 5), settings=settings)
    assert run.times == ["23:20", "23:50", "00:30", "01:00"]
    assert run.screen.prompts[2].slugs == ["shoulder_rolls"]  # the rotation starts again
    assert run.screen.said("end of your working day (2 breaks taken)") == [at(MONDAY, 23, 59)]
    assert run.tally.day == tuesday and run.tally.taken == 2


@pytest.mark.parametrize(
    ("sunday", "expected"),
    [
        (date(2025, 3, 30), ["00:30", "02:00", "02:30", "03:00", "03:30"]),
        (date(2025, 10, 26), ["00:30", "01:00", "01:30", "01:00", "01:30", "02:00", "02:30"]),
    ],
)
def test_the_clocks_changing_keeps_the_intervals_real(sunday: date, expected: list[str]) -> None:
    settings = BreakSettings(days=EVERY_DAY, start=time(0), end=time(4), timezone="Europe/London")
    run = simulate(at(sunday, 0), at(sunday, 0) + timedelta(hours=5), settings=settings)
    assert run.times[: len(expected)] == expected
    assert real_gaps([p.at for p in run.screen.prompts]) == {timedelta(minutes=30)}
    assert [p.at for p in run.screen.prompts] == [p.at for p in day_schedule(settings, sunday)]


# --- running for days ---------------------------------------------------------------------------


class CountingScreen(FakeScreen):
    def say(self, text: str, at: datetime) -> None:
        self.count += 1


FIXED = (type(None), bool, int, float, str, date, datetime, BreakTimer, Tally, Prompt, Ports)


class MeasuringClock(FakeClock):
    """At the first sleep of each day (always the same point in the loop): the memory in use,
    and what kinds of thing the reminder is holding."""

    def __init__(self, start: datetime, stop: datetime) -> None:
        super().__init__(start, stop)
        self.start = self.t
        self.memory: dict[int, int] = {}
        self.reminder: Reminder | None = None
        self.held: set[str] = set()

    def sleep(self, seconds: float) -> None:
        day = (self.t - self.start).days
        if day not in self.memory:
            gc.collect()
            self.memory[day] = tracemalloc.get_traced_memory()[0]
            assert self.reminder is not None
            self.held |= {type(v).__name__ for v in vars(self.reminder).values()}
        super().sleep(seconds)


def test_a_fortnight_of_running_does_not_grow_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fortnight of breaks taken, snoozed, skipped, let lapse and time away: flat after day 2."""
    # Reading idle time every 5 minutes instead of every 30 s walks the same paths, 10x faster.
    monkeypatch.setattr("upback.cli.remind_live.IDLE_POLL", timedelta(minutes=5))
    start = at(MONDAY, 8)
    clock = MeasuringClock(start, start + timedelta(days=14))
    keys = FakeKeys(clock, [], [])
    screen = CountingScreen(keys, keep=False)
    cycle: list[Answer | None] = ["start", "snooze5", "start", "skip", None, "snooze10"]
    recorded = [0]

    def prompted() -> None:
        reply = cycle[screen.count % len(cycle)]
        if reply is not None:
            keys.pending.append(reply)

    keys.prompted = prompted  # type: ignore[method-assign]

    def play(prompt: Prompt) -> None:
        clock.t += timedelta(seconds=prompt.seconds)

    def record(event: BreakEvent, routine: str) -> None:
        recorded[0] += 1

    # Away from the desk for 8 minutes at a quarter past two every afternoon.
    away = [
        (at(MONDAY + timedelta(days=d), 14, 15), at(MONDAY + timedelta(days=d), 14, 23))
        for d in range(14)
    ]
    settings = BreakSettings(days=EVERY_DAY, timezone="Europe/London")
    ports = Ports(clock, FakeNotifier(), FakeIdle(clock, away), keys, screen, play, record)
    reminder = clock.reminder = Reminder(BreakTimer(settings).begin(start), ports)
    tracemalloc.start()
    try:
        reminder.run()
    finally:
        tracemalloc.stop()
    assert recorded[0] > 14 * 16
    # The loop holds the timer, the open prompt and counters: no list, dict or set to grow.
    assert all(isinstance(value, FIXED) for value in vars(reminder).values()), clock.held
    # CPython's own date and time-zone arithmetic keeps a few kilobytes that vary from run to run
    # (BreakTimer.tick alone in a loop shows 1-3 KB over these days, sometimes more). A reminder
    # that kept anything per break (a prompt, an event, a line of text) would add 50 KB or more.
    growth = clock.memory[13] - clock.memory[2]
    assert growth < 24_000, clock.memory
