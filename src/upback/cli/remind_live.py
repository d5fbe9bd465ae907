"""The live reminder loop behind `upback remind`: prompts for breaks, listens, records.

The loop is written against small ports — a clock, a notifier, an idle source, a key source, a
screen, and callables to play a routine, record a break and read the safety state — so tests
drive a whole simulated working day (or a fortnight) in milliseconds with fake ones, and the
real ones live in `remind_terminal`, `notify` and `idle`; the ports are in `remind_parts`.

The decisions (when a break is due, what snoozing or skipping does, what idle time counts as)
are the pure `core.breaks.BreakTimer`'s. The loop keeps that timer, the open prompt and a few
fixed counters — nothing that grows with each break — so it can run for weeks.

What happens when:
- A break falls due inside working hours: one prompt, on the desktop where there is one and in
  the terminal always. Enter (or "Start routine") plays the routine and records it as taken;
  5 or 0 snooze 5 or 10 minutes; s skips, and the next break comes a full interval later.
- Nobody answers for PROMPT_OPEN: the prompt quietly lapses (nothing is recorded; the break
  still counts as planned) and the next comes an interval later. No nagging.
- p pauses reminders for 30 minutes (a meeting); a break that fell due comes right after.
- Away from the keyboard for a minute or more (where the computer reports idle time): reminders
  wait, and on return the time away counts as a break taken, restarting the interval. Time away
  that began before the working day, or during a pause, is not counted.
- A warning sign in the latest safety check: no break or move is suggested until it clears.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from upback.cli.remind_parts import (
    Answer,
    Ports,
    Prompt,
    Tally,
    next_break_at,
    when_words,
)
from upback.core.breaks import (
    MICRO_BREAK_SECONDS,
    ROTATION_SLUGS,
    WALK_SLUG,
    BreakEvent,
    BreakTimer,
    PlannedBreak,
    break_routines,
    routine_for,
)

KEYS_HELP = (
    "Keys: Enter or r start the routine · 5 snooze 5 min · 0 snooze 10 min · s skip · "
    "p pause 30 min (again to carry on) · q or Ctrl+C stop"
)
HOLDING = (
    "Your latest safety check found a warning sign, so upback is holding movement breaks and "
    "exercises until a clinician has checked you. Run 'upback start' when you have been seen."
)

PROMPT_OPEN = timedelta(minutes=10)
"""How long a prompt waits for an answer before it quietly lapses."""
PAUSE_KEY = timedelta(minutes=30)
"""How long the p key pauses reminders for."""
IDLE_POLL = timedelta(seconds=30)
"""How often idle time is read during working hours."""
LONG_WAIT = timedelta(hours=6)
"""The longest single sleep when nothing is due (a week off, say)."""
SHORTEST_WAIT = 1.0
"""A floor on every sleep, in seconds, so the loop can never spin."""


def _minutes(seconds: float) -> str:
    minutes = max(round(seconds / 60), 1)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


class Reminder:
    """The loop. `run()` returns today's tally when stopped (q or Ctrl+C)."""

    def __init__(self, timer: BreakTimer, ports: Ports) -> None:
        self.timer = timer
        self.ports = ports
        self.tally = Tally()
        self.prompt: Prompt | None = None
        self.prompt_since: datetime | None = None
        self.away_from: datetime | None = None
        self.next_idle_check: datetime | None = None
        self.working: bool | None = None
        self.work_end: datetime | None = None
        self.holding = False
        self.desktop_ok = ports.notifier.desktop

    @property
    def zone(self) -> ZoneInfo:
        return self.timer.settings.zone

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def _say(self, text: str, now: datetime) -> None:
        self.ports.screen.say(text, self._local(now))

    def _next_words(self, now: datetime) -> str:
        return when_words(next_break_at(self.timer, now), now)

    # --- the loop --------------------------------------------------------------------------

    def run(self) -> Tally:
        clock = self.ports.clock
        try:
            while True:
                now = clock.now()
                self._new_day(now)
                answer = self.ports.keys.answer() or self._button()
                if answer == "quit":
                    break
                if answer is not None:
                    self._answer(answer, now)
                    continue
                self._watch_idle(now)
                self._check(now)
                clock.sleep(self._wait(clock.now()))
        except KeyboardInterrupt:
            pass
        finally:
            self._withdraw()
        return self.tally

    def _new_day(self, now: datetime) -> None:
        today = self._local(now).date()
        if self.tally.day != today:
            self.tally = Tally(day=today)
        start, end = self.timer.settings.hours_on(today)
        working = self.timer.settings.works_on(today) and start <= now < end
        self.work_end = end if working else None
        if self.working and not working:
            taken = self.tally.taken
            self._say(
                f"That is the end of your working day ({taken} break{'s' if taken != 1 else ''} "
                f"taken). Next reminder: {self._next_words(now)}.",
                now,
            )
        self.working = working

    def _wait(self, now: datetime) -> float:
        waits = [LONG_WAIT]
        if self.work_end is not None:
            waits.append(self.work_end - now)  # to say when the working day is over
        if self.away_from is not None:
            pass  # reminders wait for the person's return, which idle checks will see
        elif self.prompt is not None and self.prompt_since is not None:
            waits.append(self.prompt_since + PROMPT_OPEN - now)
        else:
            upcoming = next_break_at(self.timer, now)
            if upcoming is not None:
                waits.append(upcoming - now)
        if self._watching_idle(now) and self.next_idle_check is not None:
            waits.append(self.next_idle_check - now)
        return max(min(waits).total_seconds(), SHORTEST_WAIT)

    # --- prompts ---------------------------------------------------------------------------

    def _check(self, now: datetime) -> None:
        if self.away_from is not None:
            return  # away from the keyboard: reminders wait until the person is back
        if self.prompt is not None:
            if self.prompt_since is not None and now - self.prompt_since >= PROMPT_OPEN:
                self.timer, _ = self.timer.skip(now)  # passes, but is not recorded
                self._close_prompt()
                self._say(
                    f"No answer, so this break passes. The next one is at {self._next_words(now)}.",
                    now,
                )
            return
        due = self.timer.tick(now)
        if due is None:
            return
        care = self.ports.care()
        if care == "stopped":
            self.timer, _ = self.timer.skip(now)
            if not self.holding:
                self._say(HOLDING, now)
            self.holding = True
            return
        self.holding = False
        self._show(self._prompt_for(due, now, gentle=care == "gentle"), now)

    def _prompt_for(self, planned: PlannedBreak, now: datetime, *, gentle: bool) -> Prompt:
        routines = break_routines(planned, self.ports.names)
        allowed = self.ports.gentle_ok
        if gentle and allowed is not None:
            walk = routine_for(ROTATION_SLUGS.index(WALK_SLUG), self.ports.names)
            routines = tuple(r if r.slug in allowed else walk for r in routines)
        return Prompt(self._local(now), planned.kind, routines, planned.seconds)

    def _show(self, prompt: Prompt, now: datetime) -> None:
        shown = False
        if self.desktop_ok:
            try:
                shown = self.ports.notifier.show(prompt.title, prompt.message)
            except Exception:  # any failure of the desktop: the terminal carries on alone
                self.desktop_ok = False
                self._say("Desktop notifications stopped working; reminders show here.", now)
        self.ports.screen.prompt(prompt, desktop=shown)
        self.prompt, self.prompt_since = prompt, now

    def _button(self) -> Answer | None:
        if not self.desktop_ok:
            return None
        try:
            return self.ports.notifier.answer()
        except Exception:
            self.desktop_ok = False
            return None

    def _withdraw(self) -> None:
        if self.desktop_ok:
            try:
                self.ports.notifier.withdraw()
            except Exception:
                self.desktop_ok = False

    def _close_prompt(self) -> None:
        self._withdraw()
        self.prompt = self.prompt_since = None

    # --- answers ---------------------------------------------------------------------------

    def _record(self, event: BreakEvent, routine: str) -> None:
        self.ports.record(event, routine)
        if event.kind == "taken":
            self.tally.taken += 1
        elif event.kind == "snoozed":
            self.tally.snoozed += 1
        else:
            self.tally.skipped += 1

    def _answer(self, answer: Answer, now: datetime) -> None:
        if answer == "help":
            self._say(KEYS_HELP, now)
        elif answer == "pause":
            self._pause(now)
        elif answer == "start":
            self._start(now)
        elif self.prompt is None:
            self._say(
                f"No break is waiting; the next one is at {self._next_words(now)}. "
                "Enter starts one now.",
                now,
            )
        elif answer == "skip":
            self.timer, event = self.timer.skip(now)
            self._record(event, self.prompt.routines[0].slug)
            self._close_prompt()
            self._say(f"Skipped. The next break is at {self._next_words(now)}.", now)
        else:
            minutes = 5 if answer == "snooze5" else 10
            self.timer, event = self.timer.snooze(now, minutes)
            self._record(event, self.prompt.routines[0].slug)
            self._close_prompt()
            self._say(f"Snoozed: reminding you again at {self._next_words(now)}.", now)

    def _start(self, now: datetime) -> None:
        if self.ports.care() == "stopped":
            self._close_prompt()
            self._say(HOLDING, now)
            return
        prompt = self.prompt or self._early_prompt(now)
        self.timer, event = self.timer.take(now)
        self._record(event, prompt.routines[0].slug)
        self._close_prompt()
        self.ports.play(prompt)
        after = self.ports.clock.now()
        taken = self.tally.taken
        self._say(
            f"Well done: {taken} break{'s' if taken != 1 else ''} today. "
            f"Next one at {self._next_words(after)}.",
            after,
        )

    def _early_prompt(self, now: datetime) -> Prompt:
        """Enter with no break waiting: the next break's routine, now."""
        planned = self.timer.next_break(now)
        if planned is None:
            routine = routine_for(self.timer.rotation, self.ports.names)
            planned = PlannedBreak(self._local(now), "micro", routine, routine.seconds)
        return self._prompt_for(planned, now, gentle=self.ports.care() == "gentle")

    def _pause(self, now: datetime) -> None:
        if self.timer.is_paused(now):
            self.timer = self.timer.resume()
            self._say(f"Carrying on. The next break is at {self._next_words(now)}.", now)
            return
        until = now + PAUSE_KEY
        self.timer = self.timer.pause_until(until)
        self.away_from = None
        self._close_prompt()
        self._say(
            f"Paused until {self._local(until):%H:%M}; a break that falls due comes right "
            "after. Press p again to carry on sooner.",
            now,
        )

    # --- time away from the keyboard -------------------------------------------------------

    def _watching_idle(self, now: datetime) -> bool:
        return (
            bool(self.working)
            and self.ports.idle.name is not None
            and not (self.timer.is_paused(now))
        )

    def _watch_idle(self, now: datetime) -> None:
        if not self._watching_idle(now):
            self.away_from = None
            self.next_idle_check = None
            return
        if self.next_idle_check is not None and now < self.next_idle_check:
            return
        self.next_idle_check = now + IDLE_POLL
        seconds = self.ports.idle.seconds()
        if seconds is None:
            return
        if seconds >= MICRO_BREAK_SECONDS:
            if self.away_from is None:
                began = now - timedelta(seconds=seconds)
                paused = self.timer.paused_until
                self.away_from = max(began, paused) if paused is not None else began
            return
        if self.away_from is not None:
            self._back(now - timedelta(seconds=seconds), now)

    def _back(self, back_at: datetime, now: datetime) -> None:
        """The person is back at the keyboard: their time away may count as a break."""
        began, self.away_from = self.away_from, None
        assert began is not None
        start_of_work, _ = self.timer.settings.hours_on(self._local(back_at).date())
        if began < start_of_work:
            return  # they arrived for the day; that is not a break
        away = (back_at - began).total_seconds()
        self.timer, event = self.timer.idle(back_at, away)
        if event is None:
            return
        self._record(event, "")
        self._close_prompt()
        article = "an active" if event.break_kind == "active" else "a"
        self._say(
            f"Welcome back: {_minutes(away)} away counts as {article} break. "
            f"The next one is at {self._next_words(now)}.",
            now,
        )
