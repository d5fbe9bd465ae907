"""The terminal player for `upback session`: walks the steps, reacts to keys, reports each item as
done or skipped.

Keys in a terminal: Enter moves on (or counts a rep), a number then Enter sets the reps done,
`s` skips the exercise, `p` pauses, `q` stops and saves. When the input is not a terminal (a
pipe, the tests), the same commands come one per line and countdowns run by themselves.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from upback.core.session_steps import Step, StepKind

TICK = 0.1
"""How often (in real seconds) a countdown redraws and looks for a key."""


# ---------------------------------------------------------------------------------------------
# Time and keys: both injectable, so a whole session runs in a blink under test.


@dataclass(frozen=True)
class Clock:
    """Session time: `speed` times faster than the wall clock."""

    speed: float = 1.0

    def now(self) -> float:
        return time.monotonic() * self.speed

    def real(self, seconds: float) -> float:
        return seconds / self.speed


ENTER, SKIP, PAUSE, QUIT, BACK, OTHER = "enter", "s", "p", "q", "back", "?"


class Keys(Protocol):
    live: bool
    """Whether a key can cut a countdown short (a real terminal)."""

    def poll(self, timeout: float | None) -> str | None:
        """The next key within `timeout` real seconds (None: wait for one), or None."""


class LineKeys:
    """Commands one per line (a pipe or the tests): countdowns run by themselves."""

    live = False

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream
        self.pending: deque[str] = deque()

    def poll(self, timeout: float | None) -> str | None:
        if timeout is not None:
            time.sleep(timeout)
            return None
        if not self.pending:
            raw = (self.stream or sys.stdin).readline()
            if not raw:
                raise EOFError
            line = raw.strip().lower()
            if line == "":
                self.pending.append(ENTER)
            elif line in (SKIP, PAUSE, QUIT):
                self.pending.append(line)
            elif line.isdigit():
                self.pending.extend([*line, ENTER])
            else:
                self.pending.append(OTHER)
        return self.pending.popleft()


class TerminalKeys:
    """Single key presses from a real terminal, without echo (cbreak mode while running)."""

    live = True

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pending: deque[str] = deque()

    @contextlib.contextmanager
    def active(self) -> Iterator[TerminalKeys]:
        import termios
        import tty

        saved = termios.tcgetattr(self.fd)
        try:
            tty.setcbreak(self.fd)
            yield self
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)

    def poll(self, timeout: float | None) -> str | None:
        while not self.pending:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                return None
            data = os.read(self.fd, 64).decode(errors="ignore")
            if not data:
                raise EOFError
            if data.startswith("\x1b"):  # arrow keys and the like
                continue
            for char in data:
                if char in "\r\n":
                    self.pending.append(ENTER)
                elif char in "\x7f\b":
                    self.pending.append(BACK)
                elif char.isdigit():
                    self.pending.append(char)
                elif char.lower() in (SKIP, PAUSE, QUIT):
                    self.pending.append(char.lower())
        return self.pending.popleft()


# ---------------------------------------------------------------------------------------------
# The player: walks the steps, reacts to keys, reports each item as done or skipped.


class StopSession(Exception):
    """The person pressed q: stop here, keep what was done, and finish."""


@dataclass(frozen=True)
class Item:
    order: int
    name: str
    dose: str
    how: tuple[str, ...] = ()
    status: str = "pending"
    slug: str = ""  # the library technique, for its picture; blank when there is none


@dataclass
class Moment:
    """Everything the screen shows at one instant."""

    item: Item
    position: int  # 1-based among the session's items
    of: int
    step: Step
    remaining: float | None = None
    count: int = 0
    typed: str = ""
    paused: bool = False
    hint: str = ""
    progress: float = 0.0  # 0..1 of the whole session
    seconds_left: float = 0.0


class View(Protocol):
    def item_started(self, item: Item, position: int, of: int) -> None: ...

    def show(self, moment: Moment) -> None: ...

    def item_ended(self, item: Item, status: str) -> None: ...


@dataclass
class Player:
    items: Sequence[Item]
    steps: Sequence[Step]
    keys: Keys
    clock: Clock
    view: View
    record: Callable[[int, str], None]
    start: int = 0
    done_estimate: float = field(default=0.0, init=False)

    def run(self) -> bool:
        """Play from item `start`; True when the person stopped early with q."""
        total = sum(s.estimate for s in self.steps if s.item >= self.start) or 1.0
        self.total = total
        try:
            for index in range(self.start, len(self.items)):
                mine = [s for s in self.steps if s.item == index]
                self.view.item_started(self.items[index], index + 1, len(self.items))
                status = "done"
                for number, step in enumerate(mine):
                    if self._step(index, step) == SKIP:
                        status = "skipped"
                        self.done_estimate += sum(s.estimate for s in mine[number:])
                        break
                    self.done_estimate += step.estimate
                self.record(self.items[index].order, status)
                self.view.item_ended(self.items[index], status)
        except StopSession:
            return True
        return False

    def _moment(self, index: int, step: Step, partial: float, **shown: Any) -> Moment:
        done = self.done_estimate + partial
        return Moment(
            item=self.items[index],
            position=index + 1,
            of=len(self.items),
            step=step,
            progress=min(done / self.total, 1.0),
            seconds_left=max(self.total - done, 0.0),
            **shown,
        )

    def _pause(self, moment: Moment) -> None:
        """Hold everything until Enter or p again; q still stops."""
        self.view.show(moment)
        while True:
            key = self.keys.poll(None)
            if key == QUIT:
                raise StopSession
            if key in (ENTER, PAUSE):
                return

    def _step(self, index: int, step: Step) -> str:
        if step.kind is StepKind.REPS:
            return self._reps(index, step)
        seconds = float(step.seconds or 0)
        end = self.clock.now() + seconds
        remaining = seconds
        while remaining > 0:
            partial = step.estimate * (1 - remaining / seconds) if seconds else 0.0
            self.view.show(self._moment(index, step, partial, remaining=remaining))
            key = self.keys.poll(self.clock.real(min(remaining, TICK * self.clock.speed)))
            if key == QUIT:
                raise StopSession
            if key in (ENTER, SKIP):
                return key
            if key == PAUSE:
                frozen = remaining
                self._pause(self._moment(index, step, partial, remaining=frozen, paused=True))
                end = self.clock.now() + frozen
            remaining = end - self.clock.now()
        return ENTER

    def _reps(self, index: int, step: Step) -> str:
        target = step.count or 1
        count, typed, hint = 0, "", ""
        while count < target:
            partial = step.estimate * count / target
            self.view.show(self._moment(index, step, partial, count=count, typed=typed, hint=hint))
            key = self.keys.poll(None)
            hint = ""
            if key == QUIT:
                raise StopSession
            if key == SKIP:
                return SKIP
            if key == PAUSE:
                self._pause(self._moment(index, step, partial, count=count, paused=True))
            elif key == ENTER:
                if typed:
                    count = max(count, min(int(typed), target)) if int(typed) else count
                    typed = ""
                else:
                    count += 1
            elif key == BACK:
                typed = typed[:-1]
            elif key is not None and key.isdigit() and len(typed) < 3:
                typed += key
            elif key == OTHER:
                hint = "Press Enter after each one, or type how many you did."
        self.view.show(self._moment(index, step, step.estimate, count=count))
        return ENTER
