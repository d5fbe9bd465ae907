"""The real ports of the live reminder: the wall clock, keys, the terminal and the routine player.

The clock sleeps on an event that a key press or a notification button sets, so the reminder
wakes at once for an answer and otherwise sleeps until the next thing is due. It sleeps in
slices of at most a minute, checking the wall clock, so a laptop waking from suspend catches up
straight away instead of sleeping on.

Keys are read on a thread (the terminal in cbreak mode, no echo) into a queue: the reminder
reads answers from it between sleeps, and the routine player reads its keys from the same queue
while a routine plays, so nothing fights over the terminal.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from upback.cli.idle import detect
from upback.cli.notify import open_notifier
from upback.cli.player_view import STOP_NOTE, LiveView, PlainView, moment_panel
from upback.cli.remind_parts import KEY_ANSWERS, Answer, Care, Ports, Prompt
from upback.cli.terminal_player import (
    BACK,
    ENTER,
    PAUSE,
    QUIT,
    SKIP,
    Clock,
    Item,
    LineKeys,
    Moment,
    Player,
)
from upback.core.breaks import WALK_SLUG, BreakEvent
from upback.core.library import Dose
from upback.core.session_steps import Step, item_steps

SLICE = 60.0
"""The longest single wait, in seconds, before the wall clock is looked at again."""


class WallClock:
    """The time of day. For tests and benchmarks (`--speed`, `--clock-start`) it can start at a
    chosen moment and run `speed` times faster; by default it is simply the wall clock."""

    def __init__(self, speed: float = 1.0, start: datetime | None = None) -> None:
        self._wake = threading.Event()
        self.speed = speed
        self._start = start if start is not None or speed == 1.0 else datetime.now(UTC)
        self._began = time.monotonic()

    def wake(self) -> None:
        self._wake.set()

    def now(self) -> datetime:
        if self._start is None:
            return datetime.now(UTC)
        return self._start + timedelta(seconds=(time.monotonic() - self._began) * self.speed)

    def sleep(self, seconds: float) -> None:
        deadline = time.time() + seconds / self.speed
        while (left := deadline - time.time()) > 0:
            if self._wake.wait(min(left, SLICE)):
                self._wake.clear()
                return


class KeyReader:
    """Single key presses from the terminal, gathered on a thread."""

    live = True

    def __init__(self, fd: int, wake: Callable[[], None]) -> None:
        self.fd = fd
        self.wake = wake
        self.pressed: queue.SimpleQueue[str] = queue.SimpleQueue()

    @contextlib.contextmanager
    def active(self) -> Iterator[KeyReader]:
        if os.name == "nt":
            threading.Thread(target=self._read_windows, daemon=True).start()
            yield self
            return
        import termios
        import tty

        saved = termios.tcgetattr(self.fd)
        try:
            tty.setcbreak(self.fd)
            threading.Thread(target=self._read, name="upback-keys", daemon=True).start()
            yield self
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 64).decode(errors="ignore")
            except OSError:
                return
            if not data:
                return  # the terminal went away
            if not data.startswith("\x1b"):  # arrow keys and the like mean nothing here
                for char in data:
                    self.pressed.put(char)
            self.wake()

    def _read_windows(self) -> None:
        import msvcrt

        while True:
            self.pressed.put(msvcrt.getwch())  # type: ignore[attr-defined]
            self.wake()

    def answer(self) -> Answer | None:
        """The next key as an answer (never waits); any other key asks for the list of keys."""
        try:
            char = self.pressed.get_nowait()
        except queue.Empty:
            return None
        return KEY_ANSWERS.get(char.lower(), "help")

    def poll(self, timeout: float | None) -> str | None:
        """The routine player's keys (`terminal_player.Keys`): waits up to `timeout`."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                if deadline is None:
                    char = self.pressed.get()
                else:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    char = self.pressed.get(timeout=left)
            except queue.Empty:
                return None
            key = _player_key(char)
            if key is not None:
                return key


def _player_key(char: str) -> str | None:
    if char in "\r\n":
        return ENTER
    if char in "\x7f\b":
        return BACK
    if char.isdigit():
        return char
    if char.lower() in (SKIP, PAUSE, QUIT):
        return char.lower()
    return None


class NoKeys:
    """Input that is not a terminal (a pipe, a service): answers come from buttons only."""

    def answer(self) -> Answer | None:
        return None


class BreakScreen:
    """What the reminder prints: a block per break, and short stamped lines."""

    def __init__(self, console: Console, *, bell: bool = True) -> None:
        self.console = console
        self.bell = bell

    def say(self, text: str, at: datetime) -> None:
        self.console.print(f"[dim]{at:%H:%M}[/]  {escape(text)}", soft_wrap=False)

    def prompt(self, prompt: Prompt, *, desktop: bool) -> None:
        width = min(76, max(40, self.console.width))
        self.console.print(prompt_panel(prompt, desktop=desktop, width=width))
        if self.bell and not desktop:
            self.console.bell()


def _keys_text(pairs: list[tuple[str, str]]) -> Text:
    line = Text()
    for number, (key, meaning) in enumerate(pairs):
        if number:
            line.append("  ")
        line.append(key, style="bold")
        line.append(f" {meaning}", style="dim")
    return line


def _length(seconds: int) -> str:
    """'45 s', '2 min', '2 min 15 s'."""
    if seconds < 120:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def prompt_panel(prompt: Prompt, *, desktop: bool, width: int = 76) -> Panel:
    moves = Table.grid(padding=(0, 2))
    moves.add_column(style="bold")
    moves.add_column()
    moves.add_column(justify="right", style="dim", no_wrap=True)
    for routine in prompt.routines:
        moves.add_row(routine.name, routine.dose, _length(routine.seconds))
    lead = (
        f"An active break: {prompt.seconds // 60} minutes of moving and a change of posture."
        if prompt.kind == "active"
        else "A one-minute movement break."
    )
    parts: list[RenderableType] = [Text(lead), Text(), moves, Text()]
    parts.append(
        _keys_text(
            [
                ("Enter", "start"),
                ("5", "snooze 5 min"),
                ("0", "snooze 10 min"),
                ("s", "skip"),
                ("p", "pause 30 min"),
            ]
        )
    )
    if desktop:
        parts.append(Text("Also on your desktop; its buttons work too.", style="dim"))
    kind = "Active break" if prompt.kind == "active" else "Movement break"
    return Panel(
        Group(*parts),
        title=f"[bold]{prompt.at:%H:%M} · {kind}[/]",
        title_align="left",
        border_style="cyan",
        padding=(1, 2),
        width=width,
    )


class _BreakView(LiveView):
    """The session player's live panel, titled for a break rather than today's routine."""

    def show(self, moment: Moment) -> None:
        panel = moment_panel(moment)
        panel.title = f"[bold]Movement break[/] · {moment.position} of {moment.of}"
        self.live.update(panel, refresh=True)


def routine_items(prompt: Prompt, how: dict[str, tuple[str, ...]]) -> tuple[list[Item], list[Step]]:
    """The break as the session player's items and steps: a countdown per move."""
    items: list[Item] = []
    steps: list[Step] = []
    for order, routine in enumerate(prompt.routines):
        # An active break's walk is longer than the library's one-minute walk: its dose says it.
        lines = (
            ()
            if routine.slug == WALK_SLUG and prompt.kind == "active"
            else how.get(routine.slug, ())
        )
        items.append(Item(order=order, name=routine.name, dose=routine.dose, how=lines))
        dose = Dose(duration_seconds=max(routine.seconds, 10))
        steps += item_steps(dose, item=order, name=routine.name)
    return items, steps


def play_routine(
    prompt: Prompt,
    *,
    keys: KeyReader | None,
    console: Console,
    how: dict[str, tuple[str, ...]],
    speed: float = 1.0,
) -> None:
    """Play the break's moves with a countdown; Enter moves on, s skips, p pauses, q stops."""
    items, steps = routine_items(prompt, how)
    console.print(Text(STOP_NOTE, style="dim"))

    def ignore(order: int, status: str) -> None:
        """The break is already recorded as taken; the moves themselves are not stored."""

    clock = Clock(speed)
    if keys is not None:
        with Live(console=console, auto_refresh=False, transient=True) as live:
            Player(items, steps, keys, clock, _BreakView(live), ignore).run()
    else:
        Player(items, steps, LineKeys(), clock, PlainView(console), ignore).run()


@contextlib.contextmanager
def terminal_ports(
    *,
    console: Console,
    no_desktop: bool,
    record: Callable[[BreakEvent, str], None],
    care: Callable[[], Care],
    names: dict[str, str],
    how: dict[str, tuple[str, ...]],
    gentle_ok: frozenset[str],
    speed: float = 1.0,
    clock_start: datetime | None = None,
) -> Iterator[Ports]:
    """The real ports, set up for the length of the run and put back afterwards."""
    clock = WallClock(speed, clock_start)
    notifier = open_notifier(no_desktop=no_desktop, wake=clock.wake)
    reader: KeyReader | None = None
    try:
        if sys.stdin.isatty() and console.is_terminal:
            reader = KeyReader(sys.stdin.fileno(), clock.wake)
    except (AttributeError, ValueError, OSError):
        reader = None
    keys_in_use = reader

    def play(prompt: Prompt) -> None:
        play_routine(prompt, keys=keys_in_use, console=console, how=how, speed=speed)

    ports = Ports(
        clock=clock,
        notifier=notifier,
        idle=detect(),
        keys=reader or NoKeys(),
        screen=BreakScreen(console),
        play=play,
        record=record,
        care=care,
        names=names,
        gentle_ok=gentle_ok,
    )
    try:
        if reader is not None:
            with reader.active():
                yield ports
        else:
            yield ports
    finally:
        close = getattr(notifier, "close", None)
        if close is not None:
            close()
