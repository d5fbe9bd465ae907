"""The live reminder loop on a simulated clock: whole working days run in milliseconds.
(Time away, midnight, the clocks changing and a fortnight are in test_remind_time.py.)

Every port is a fake: the clock jumps straight to whatever the loop sleeps until (and wakes
early for a scripted key press), the screen notes each prompt and line, the person answers each
prompt from a script, the idle source replays stretches away from the keyboard, and playing a
routine just moves the clock on by its length.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from upback.cli.remind_live import HOLDING, PROMPT_OPEN, Reminder
from upback.cli.remind_parts import Answer, Care, Ports, Prompt, Tally
from upback.core.breaks import WEEKDAYS, BreakEvent, BreakSettings, BreakTimer, day_schedule

LONDON = ZoneInfo("Europe/London")
MONDAY = date(2025, 3, 31)
SATURDAY = date(2025, 3, 29)
EVERY_DAY = frozenset(WEEKDAYS)


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second)).replace(tzinfo=LONDON)


def hm(moment: datetime) -> str:
    return f"{moment.astimezone(LONDON):%H:%M}"


# --- the fakes ----------------------------------------------------------------------------------


class FakeClock:
    """Time that jumps: sleep moves it on at once; past `stop` it is as if Ctrl+C was pressed."""

    def __init__(self, start: datetime, stop: datetime) -> None:
        self.t = start.astimezone(UTC)
        self.stop = stop.astimezone(UTC)
        self.wake_at: deque[datetime] = deque()
        self.has_input = lambda: False
        self.sleeps = 0

    def now(self) -> datetime:
        return self.t

    def sleep(self, seconds: float) -> None:
        assert seconds > 0, "the loop must never spin"
        self.sleeps += 1
        if self.has_input():  # an answer is waiting: the real clock would not sleep at all
            return
        target = self.t + timedelta(seconds=seconds)
        if self.wake_at and self.wake_at[0] < target:  # a key press wakes the real clock too
            target = max(self.wake_at[0], self.t)
        self.t = target
        if self.t >= self.stop:
            raise KeyboardInterrupt


class FakeKeys:
    """Answers each prompt from `replies` (None: no answer), and presses keys at set times."""

    def __init__(self, clock: FakeClock, replies: Iterable[Answer | None], presses: list) -> None:
        self.clock = clock
        self.replies = deque(replies)
        self.pending: deque[Answer] = deque()
        self.presses: deque[tuple[datetime, Answer]] = deque(
            sorted((when.astimezone(UTC), key) for when, key in presses)
        )
        clock.wake_at.extend(when for when, _ in self.presses)
        clock.has_input = lambda: bool(self.pending)

    def prompted(self) -> None:
        reply = self.replies.popleft() if self.replies else "start"
        if reply is not None:
            self.pending.append(reply)

    def answer(self) -> Answer | None:
        if self.pending:
            return self.pending.popleft()
        if self.presses and self.presses[0][0] <= self.clock.now():
            self.clock.wake_at.popleft()
            return self.presses.popleft()[1]
        return None


@dataclass
class Shown:
    at: datetime
    kind: str
    slugs: list[str]
    desktop: bool


@dataclass
class FakeScreen:
    keys: FakeKeys
    keep: bool = True
    prompts: list[Shown] = field(default_factory=list)
    lines: list[tuple[datetime, str]] = field(default_factory=list)
    count: int = 0

    def prompt(self, prompt: Prompt, *, desktop: bool) -> None:
        self.count += 1
        if self.keep:
            self.prompts.append(
                Shown(prompt.at, prompt.kind, [r.slug for r in prompt.routines], desktop)
            )
        self.keys.prompted()

    def say(self, text: str, at: datetime) -> None:
        if self.keep:
            self.lines.append((at, text))

    def said(self, words: str) -> list[datetime]:
        return [when for when, text in self.lines if words in text]


class FakeNotifier:
    def __init__(
        self,
        *,
        desktop: bool = False,
        fails: bool = False,
        shows: bool = True,
        presses: Iterable[Answer] = (),
    ) -> None:
        self.desktop = desktop
        self.presses = deque(presses)
        self.fails = fails
        self.shows = shows
        self.shown = 0
        self.withdrawn = 0
        self.buttons: deque[Answer] = deque()

    def show(self, title: str, message: str) -> bool:
        self.shown += 1
        if self.fails:
            raise OSError("org.freedesktop.Notifications was not provided by any .service files")
        if self.presses:  # the person presses a button on this notification
            self.buttons.append(self.presses.popleft())
        return self.shows

    def withdraw(self) -> None:
        self.withdrawn += 1

    def answer(self) -> Answer | None:
        return self.buttons.popleft() if self.buttons else None


class FakeIdle:
    """Away from the keyboard during each (start, end) stretch; busy typing otherwise."""

    def __init__(self, clock: FakeClock, stretches: list[tuple[datetime, datetime]]) -> None:
        self.name: str | None = "a fake idle monitor"
        self.clock = clock
        self.stretches = [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in stretches]

    def seconds(self) -> float | None:
        now = self.clock.now()
        for start, end in self.stretches:
            if start <= now < end:
                return (now - start).total_seconds()
        return 0.0


class NoIdle:
    name: str | None = None

    def seconds(self) -> float | None:
        return None


@dataclass
class Run:
    screen: FakeScreen
    records: list[tuple[BreakEvent, str]]
    tally: Tally
    clock: FakeClock
    notifier: FakeNotifier

    @property
    def times(self) -> list[str]:
        return [hm(p.at) for p in self.screen.prompts]

    def outcomes(self) -> list[tuple[str, str, str]]:
        return [(hm(e.at), e.kind, e.source) for e, _ in self.records]


def simulate(
    start: datetime,
    stop: datetime,
    *,
    settings: BreakSettings | None = None,
    replies: Iterable[Answer | None] = (),
    presses: list[tuple[datetime, Answer]] | None = None,
    away: list[tuple[datetime, datetime]] | None = None,
    notifier: FakeNotifier | None = None,
    care: Care = "ok",
    gentle_ok: frozenset[str] | None = None,
    timer: BreakTimer | None = None,
) -> Run:
    clock = FakeClock(start, stop)
    keys = FakeKeys(clock, replies, presses or [])
    screen = FakeScreen(keys)
    records: list[tuple[BreakEvent, str]] = []
    notifier = notifier or FakeNotifier()
    clock.has_input = lambda: bool(keys.pending or notifier.buttons)

    def play(prompt: Prompt) -> None:
        clock.t += timedelta(seconds=prompt.seconds)

    ports = Ports(
        clock=clock,
        notifier=notifier,
        idle=FakeIdle(clock, away) if away is not None else NoIdle(),
        keys=keys,
        screen=screen,
        play=play,
        record=lambda event, routine: records.append((event, routine)),
        care=lambda: care,
        gentle_ok=gentle_ok,
    )
    timer = timer or BreakTimer(settings or BreakSettings(timezone="Europe/London")).begin(start)
    tally = Reminder(timer, ports).run()
    return Run(screen, records, tally, clock, notifier)


def real_gaps(moments: list[datetime]) -> set[timedelta]:
    return {b.astimezone(UTC) - a.astimezone(UTC) for a, b in pairwise(moments)}


# --- a working day --------------------------------------------------------------------------


def test_a_whole_day_of_breaks_taken_follows_the_plan_inside_working_hours_only() -> None:
    run = simulate(at(MONDAY, 7), at(MONDAY, 20))
    plan = day_schedule(BreakSettings(timezone="Europe/London"), MONDAY)
    assert [(p.at, p.kind) for p in run.screen.prompts] == [(p.at, p.kind) for p in plan]
    assert run.times[0] == "09:30" and run.times[-1] == "17:00"
    assert [s for p in run.screen.prompts for s in p.slugs][:1] == ["shoulder_rolls"]
    assert [e.kind for e, _ in run.records] == ["taken"] * 16
    assert run.tally.taken == 16
    assert run.screen.said("end of your working day (16 breaks taken)") == [at(MONDAY, 17, 30)]


def test_the_day_runs_in_a_handful_of_sleeps_not_a_busy_wait() -> None:
    run = simulate(at(MONDAY, 7), at(MONDAY, 20))
    assert run.clock.sleeps < 60


def test_starting_mid_morning_waits_an_interval_before_the_first_break() -> None:
    run = simulate(at(MONDAY, 11, 10), at(MONDAY, 12, 30))
    assert run.times == ["11:40", "12:10"]


def test_active_breaks_suggest_a_fuller_routine_ending_in_a_walk() -> None:
    run = simulate(at(MONDAY, 9), at(MONDAY, 10, 5))
    micro, active = run.screen.prompts
    assert micro.kind == "micro" and len(micro.slugs) == 1
    assert active.kind == "active" and len(active.slugs) >= 3
    assert active.slugs[-1] == "movement_break"


def test_no_reminders_on_a_day_off() -> None:
    run = simulate(at(SATURDAY, 0), at(SATURDAY + timedelta(days=1), 23))
    assert run.screen.prompts == [] and run.records == []


def test_snoozing_5_or_10_minutes_reminds_again_after_exactly_that() -> None:
    five = simulate(at(MONDAY, 9), at(MONDAY, 9, 50), replies=["snooze5", "start"])
    assert five.times[:2] == ["09:30", "09:35"]
    ten = simulate(at(MONDAY, 9), at(MONDAY, 9, 50), replies=["snooze10", "start"])
    assert ten.times[:2] == ["09:30", "09:40"]
    assert ten.outcomes()[:2] == [("09:30", "snoozed", "prompt"), ("09:40", "taken", "prompt")]


def test_skipping_moves_the_next_reminder_a_full_interval_on() -> None:
    run = simulate(
        at(MONDAY, 9),
        at(MONDAY, 10, 10),
        replies=[None, "start"],
        presses=[(at(MONDAY, 9, 33), "skip")],
    )
    assert run.times == ["09:30", "10:03"]
    assert run.outcomes() == [("09:33", "skipped", "prompt"), ("10:03", "taken", "prompt")]
    assert run.screen.said("Skipped. The next break is at 10:03.")


def test_a_button_on_the_desktop_answers_like_a_key() -> None:
    notifier = FakeNotifier(desktop=True, presses=["snooze10", "start"])
    run = simulate(at(MONDAY, 9), at(MONDAY, 9, 45), replies=[None, None], notifier=notifier)
    assert run.times == ["09:30", "09:40"]
    assert run.outcomes() == [("09:30", "snoozed", "prompt"), ("09:40", "taken", "prompt")]
    assert [p.desktop for p in run.screen.prompts] == [True, True]
    assert notifier.withdrawn >= 2


def test_an_unanswered_prompt_lapses_quietly_and_is_not_recorded() -> None:
    run = simulate(at(MONDAY, 9), at(MONDAY, 10, 15), replies=[None, "start"])
    lapse = at(MONDAY, 9, 30) + PROMPT_OPEN
    assert run.screen.said("No answer, so this break passes") == [lapse]
    assert run.times == ["09:30", hm(lapse + timedelta(minutes=30))]
    assert [e.kind for e, _ in run.records] == ["taken"]


def test_enter_with_no_break_waiting_starts_one_now() -> None:
    run = simulate(at(MONDAY, 9), at(MONDAY, 9, 50), presses=[(at(MONDAY, 9, 10), "start")])
    assert run.outcomes()[0] == ("09:10", "taken", "prompt")
    assert run.times == ["09:40"]


# --- meetings ---------------------------------------------------------------------------------


def test_a_meeting_pause_holds_reminders_and_the_overdue_break_comes_right_after() -> None:
    settings = BreakSettings(timezone="Europe/London")
    timer = BreakTimer(settings).begin(at(MONDAY, 9)).pause_until(at(MONDAY, 10, 15))
    run = simulate(at(MONDAY, 9), at(MONDAY, 11), timer=timer)
    assert run.times == ["10:15", "10:45"]


def test_p_pauses_for_30_minutes_and_says_when_it_resumes() -> None:
    run = simulate(at(MONDAY, 9), at(MONDAY, 10, 10), presses=[(at(MONDAY, 9, 20), "pause")])
    assert run.screen.said("Paused until 09:50") == [at(MONDAY, 9, 20)]
    assert run.times == ["09:50"]


def test_p_while_a_prompt_is_open_puts_it_off_and_records_nothing() -> None:
    run = simulate(
        at(MONDAY, 9),
        at(MONDAY, 10, 10),
        replies=[None, "start"],
        presses=[(at(MONDAY, 9, 31), "pause")],
    )
    assert run.times == ["09:30", "10:01"]
    assert [e.kind for e, _ in run.records] == ["taken"]


def test_p_again_carries_on_sooner() -> None:
    run = simulate(
        at(MONDAY, 9),
        at(MONDAY, 9, 45),
        presses=[(at(MONDAY, 9, 20), "pause"), (at(MONDAY, 9, 25), "pause")],
    )
    assert run.screen.said("Carrying on. The next break is at 09:30.")
    assert run.times == ["09:30"]


# --- the desktop, and safety --------------------------------------------------------------------


def test_when_the_notifier_fails_the_terminal_block_carries_on_alone() -> None:
    notifier = FakeNotifier(desktop=True, fails=True)
    run = simulate(at(MONDAY, 9), at(MONDAY, 10, 5), notifier=notifier)
    assert run.times == ["09:30", "10:00"]
    assert [p.desktop for p in run.screen.prompts] == [False, False]
    assert notifier.shown == 1  # not tried again once it has failed
    assert len(run.screen.said("Desktop notifications stopped working")) == 1


def test_with_no_display_every_prompt_is_the_terminal_block() -> None:
    run = simulate(at(MONDAY, 9), at(MONDAY, 10, 5), notifier=FakeNotifier(desktop=False))
    assert [p.desktop for p in run.screen.prompts] == [False, False]
    assert run.notifier.shown == 0


def test_a_notification_the_desktop_did_not_show_still_prompts_in_the_terminal() -> None:
    run = simulate(
        at(MONDAY, 9), at(MONDAY, 9, 35), notifier=FakeNotifier(desktop=True, shows=False)
    )
    assert [p.desktop for p in run.screen.prompts] == [False]


def test_while_a_warning_sign_is_active_no_break_or_move_is_suggested() -> None:
    run = simulate(at(MONDAY, 9), at(MONDAY, 12), care="stopped")
    assert run.screen.prompts == [] and run.records == []
    assert run.screen.said(HOLDING) == [at(MONDAY, 9, 30)]  # said once, kindly


def test_while_only_gentle_moves_are_allowed_others_become_a_walk() -> None:
    run = simulate(
        at(MONDAY, 9), at(MONDAY, 10, 5), care="gentle", gentle_ok=frozenset({"movement_break"})
    )
    assert {slug for p in run.screen.prompts for slug in p.slugs} == {"movement_break"}
