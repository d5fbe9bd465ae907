"""The live reminder's all-day loop, in a process that never imports Django or Typer.

`upback remind` does its start-up in full (flags, settings, the safety check, `--save`), and then,
on POSIX, replaces itself with `python -m upback.cli.remind_lean` (os.execv: the same process id,
terminal and signals), handing over a `LiveRun` in an environment variable. What start-up needed
(Django, the ORM, Typer, every app's models) goes with the old image, so the process that stays
resident for days holds only the loop, the terminal ports and the pure core: about 39 MB
resident instead of 69. Its few database calls go through short-lived children
(`remind_store.ChildStore`). Elsewhere (Windows has no exec), and in the tests, the same
`run_live` runs in the command's own process with `remind_store.DjangoStore`.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, NoReturn

from rich.console import Console
from rich.markup import escape

from upback.cli.remind_parts import Care, pause_end
from upback.cli.remind_store import ChildStore, Store
from upback.core.breaks import BreakSettings, BreakTimer
from upback.core.errors import InputProblem

RUN_VARIABLE = "UPBACK_REMIND_RUN"
"""The environment variable that carries the `LiveRun` across the exec."""


@dataclass(frozen=True)
class LiveRun:
    """Everything the loop needs from start-up, as plain values that survive an exec."""

    settings: BreakSettings
    username: str
    care: Care
    no_desktop: bool = False
    pause: str | None = None
    until: str | None = None
    speed: float = 1.0
    clock_start: datetime | None = None

    def to_json(self) -> str:
        given = asdict(self)
        given["settings"] = self.settings.model_dump(mode="json")
        given["clock_start"] = self.clock_start.isoformat() if self.clock_start else None
        return json.dumps(given)

    @classmethod
    def from_json(cls, text: str) -> LiveRun:
        given = json.loads(text)
        given["settings"] = BreakSettings(**given["settings"])
        start = given["clock_start"]
        given["clock_start"] = datetime.fromisoformat(start) if start else None
        return cls(**given)

    def now(self) -> datetime:
        """Now, as the run's clock will see it when it starts."""
        return self.clock_start or datetime.now(UTC)


def library_parts() -> tuple[dict[str, str], dict[str, tuple[str, ...]], frozenset[str]]:
    """Each move's name and steps, and which moves are gentle enough during a flare."""
    from upback.core.library import LibraryError, default_library

    try:
        techniques = default_library().techniques
    except LibraryError:
        return {}, {}, frozenset()
    return (
        {slug: t.name for slug, t in techniques.items()},
        {slug: tuple(t.steps) for slug, t in techniques.items()},
        frozenset(slug for slug, t in techniques.items() if t.suitability.flare_ok),
    )


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """A service manager stops the reminder with SIGTERM: end as calmly as Ctrl+C does."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_live(run: LiveRun, open_ports: Callable[..., Any], store: Store, console: Console) -> None:
    """Open the ports, print the start lines, run the loop until q or Ctrl+C, say goodbye."""
    from upback.cli.remind_live import Reminder
    from upback.cli.remind_show import start_lines

    names, how, gentle_ok = library_parts()
    with (
        stop_on_sigterm(),
        open_ports(
            console=console,
            no_desktop=run.no_desktop,
            record=store.record,
            care=store.care,
            names=names,
            how=how,
            gentle_ok=gentle_ok,
            speed=run.speed,
            clock_start=run.clock_start,
        ) as ports,
    ):
        now = ports.clock.now()
        timer = BreakTimer(run.settings).begin(now)
        paused_until = pause_end(pause=run.pause, until=run.until, now=now, zone=run.settings.zone)
        if paused_until is not None:
            timer = timer.pause_until(paused_until)
        for line in start_lines(timer, ports, now):
            console.print(line)
        Reminder(timer, ports).run()
    console.print(store.goodbye())


def hand_over(run: LiveRun) -> NoReturn:
    """Become the lean loop process: same process id and terminal, none of start-up's memory."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.environ[RUN_VARIABLE] = run.to_json()
    os.execv(sys.executable, [sys.executable, "-m", "upback.cli.remind_lean"])


def main() -> None:
    from upback.cli.consoles import console, errors
    from upback.cli.remind_terminal import terminal_ports

    run = LiveRun.from_json(os.environ.pop(RUN_VARIABLE))
    try:
        run_live(run, terminal_ports, ChildStore(run.username, run.care, console), console)
    except InputProblem as problem:  # --until passed in the moment between start-up and here
        errors.print(f"[bold red]error:[/] {escape(str(problem))}", soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:  # Ctrl+C before the loop began, or during the goodbye
        errors.print("Stopped.")
        sys.exit(1)


if __name__ == "__main__":
    main()
