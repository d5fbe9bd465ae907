"""`upback remind`: movement-break reminders for the desk, running all day in a terminal.

- `upback remind` runs until Ctrl+C (or q): a prompt each time a break falls due inside working
  hours — on the desktop with buttons where there is a desktop, and as a block in the terminal
  always — leading straight into a 30-90 second routine (or a 5-minute active break each hour).
  Keys: Enter or r start, 5 / 0 snooze 5 / 10 minutes, s skip, p pause 30 minutes, q stop.
  Every answer, and time away from the keyboard where the computer reports it, is recorded
  (channel "cli") and shown on the progress page. See docs/reminders.md.
- `--pause 45m` or `--until 14:00` start it paused, for a meeting.
- `--interval`, `--start`, `--end`, `--days`, `--tz` override the saved settings for this run;
  `--save` keeps them (the browser's break timer uses them too).
- `--preview [--date D] [--json]` prints a day's planned breaks without waiting.
- `--stats [--json]` prints today's and this week's breaks taken, snoozed, skipped and planned.

The loop is `remind_live.Reminder`; its real ports are in `remind_terminal`, `notify`, `idle`.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from pydantic import ValidationError
from rich.markup import escape

from upback.cli import db
from upback.cli.app import app, bad_input_is_exit_2, console
from upback.cli.options import date_option, time_option
from upback.cli.remind_show import goodbye, print_plan, print_stats, start_lines
from upback.core.breaks import WEEKDAYS, BreakEvent, BreakSettings, BreakTimer, Weekday
from upback.core.errors import InputProblem, describe_validation

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from upback.cli.remind_parts import Care

_OPTION_FOR = {
    "days": "--days",
    "start": "--start",
    "end": "--end",
    "interval_minutes": "--interval",
    "timezone": "--tz",
}
_LENGTH = re.compile(r"^(?:(\d{1,2})h)?(?:(\d{1,3})m(?:in)?)?$")
LONGEST_PAUSE = timedelta(hours=12)


def _days(value: str | None) -> frozenset[Weekday] | None:
    if value is None:
        return None
    days: set[Weekday] = set()
    for part in (p.strip().lower()[:3] for p in value.split(",") if p.strip()):
        if part not in get_args(Weekday):
            raise InputProblem(f"--days: '{part}' is not a day (use {','.join(WEEKDAYS)})")
        days.add(part)  # type: ignore[arg-type]
    return frozenset(days)


def pause_length(value: str) -> timedelta:
    """'45m', '1h', '90m', '1h30m' as a length of time (at most 12 hours)."""
    found = _LENGTH.match(value.strip().lower().replace(" ", ""))
    if found is None or not (found.group(1) or found.group(2)):
        raise InputProblem(f"--pause: '{value}' is not a length like 45m, 1h, 90m or 1h30m")
    length = timedelta(hours=int(found.group(1) or 0), minutes=int(found.group(2) or 0))
    if not timedelta(minutes=1) <= length <= LONGEST_PAUSE:
        raise InputProblem(f"--pause: choose from 1 minute to 12 hours (got {value})")
    return length


def pause_end(
    *, pause: str | None, until: str | None, now: datetime, zone: ZoneInfo
) -> datetime | None:
    """When a pause asked for on the command line ends, or None; bad values name their flag."""
    if pause is not None and until is not None:
        raise InputProblem("--until: use either --pause or --until, not both")
    if pause is not None:
        return now + pause_length(pause)
    if until is None:
        return None
    clock = time_option(until, "--until")
    assert clock is not None
    local_now = now.astimezone(zone)
    end = datetime.combine(local_now.date(), clock).replace(tzinfo=zone).astimezone(UTC)
    if end <= now:
        raise InputProblem(
            f"--until: {clock:%H:%M} has already passed today (it is {local_now:%H:%M} now); "
            "for a pause from now, use --pause 45m"
        )
    return end


def _settings(base: BreakSettings, **given: Any) -> BreakSettings:
    chosen = {field: value for field, value in given.items() if value is not None}
    try:
        return BreakSettings(**{**base.model_dump(), **chosen})
    except ValidationError as problem:
        field, _, message = describe_validation(problem).partition(": ")
        raise InputProblem(f"{_OPTION_FOR.get(field, field)}: {message}") from None


def _known(name: str) -> str | None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def machine_zone() -> str | None:
    """This computer's time zone name (TZ, or where /etc/localtime points), when it says."""
    named = os.environ.get("TZ", "").lstrip(":")
    if named and _known(named):
        return named
    with_zone = Path("/etc/localtime").resolve().as_posix()
    if "zoneinfo/" in with_zone:
        return _known(with_zone.split("zoneinfo/", 1)[1])
    return None


def _zone_for(owner: User, tz: str | None) -> str:
    """The flag's zone; else the account's, or this computer's when the account has the default.

    A terminal account starts in UTC, which would put a London desk worker's hours an hour out
    all summer, so until a zone is saved the computer's own zone is used.
    """
    if tz is not None:
        return tz
    saved = _saved_zone(owner)
    if saved == "UTC":
        return machine_zone() or saved
    return saved


def _library() -> tuple[dict[str, str], dict[str, tuple[str, ...]], frozenset[str]]:
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


def _fresh_connection() -> None:
    """A run lasts days and the database server may drop an idle connection, so let Django
    replace a stale one before each use; never mid-transaction, where it is still in use."""
    from django.db import close_old_connections, connection

    if not connection.in_atomic_block:
        close_old_connections()


def _recorder(owner: User) -> Callable[[BreakEvent, str], None]:
    from django.db import DatabaseError

    from upback.coach.services.breaks import break_record

    def record(event: BreakEvent, routine: str) -> None:
        _fresh_connection()
        try:
            break_record(
                owner=owner,
                at=event.at,
                outcome=event.kind,
                kind=event.break_kind,
                trigger=event.source,
                channel="cli",
                routine=routine,
            )
        except DatabaseError:
            console.print(
                "[yellow]This break could not be saved (the database was busy); "
                "the reminders carry on.[/]"
            )

    return record


def _care_reader(owner: User, first: Care) -> Callable[[], Care]:
    """The safety state, read fresh at each break; if the database cannot answer, the last
    state read stands (the run started only after a check that allowed it)."""
    from django.db import DatabaseError

    from upback.coach.selectors.screenings import care_state_get

    last: list[Care] = [first]

    def care() -> Care:
        _fresh_connection()
        try:
            state = care_state_get(owner=owner)
        except DatabaseError:
            return last[0]
        last[0] = "stopped" if state.stopped else "gentle" if state.gentle_only else "ok"
        return last[0]

    return care


def _may_run(owner: User) -> Care:
    """Reminders lead into movements, so the safety check comes first, and a warning stops them."""
    from upback.cli.player_view import stop_panel
    from upback.coach.selectors.screenings import care_state_get, screening_latest

    care = care_state_get(owner=owner)
    if care.needs_screen:
        console.print(
            "Break reminders lead into a few movements, so upback asks its safety questions "
            "first: run [bold]upback start[/]. ([bold]upback remind --preview[/] works now.)"
        )
        raise typer.Exit(1)
    if care.stopped:
        console.print(stop_panel(screening_latest(owner=owner)))
        raise typer.Exit(1)
    return "gentle" if care.gentle_only else "ok"


# The real ports; the tests put fakes here.
def terminal_ports(**kwargs: Any) -> Any:
    from upback.cli.remind_terminal import terminal_ports as real

    return real(**kwargs)


@app.command("remind")
@bad_input_is_exit_2
def remind_command(
    preview: Annotated[
        bool, typer.Option("--preview", help="Print the day's planned breaks without waiting.")
    ] = False,
    on: Annotated[
        str | None, typer.Option("--date", help="The day to preview, YYYY-MM-DD (default today).")
    ] = None,
    stats: Annotated[
        bool, typer.Option("--stats", help="Breaks taken, snoozed and skipped today and this week.")
    ] = False,
    pause: Annotated[
        str | None,
        typer.Option(help="Start paused for a meeting: 45m, 1h, 90m or 1h30m."),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Start paused until this time today, HH:MM.")
    ] = None,
    interval: Annotated[
        int | None, typer.Option(help="Minutes between micro-breaks, 20-60 (default 30).")
    ] = None,
    start: Annotated[str | None, typer.Option(help="Start of work, HH:MM (default 09:00).")] = None,
    end: Annotated[str | None, typer.Option(help="End of work, HH:MM (default 17:30).")] = None,
    days: Annotated[
        str | None, typer.Option(help="Working days, e.g. mon,tue,wed (default mon-fri).")
    ] = None,
    tz: Annotated[
        str | None, typer.Option("--tz", help="Time zone, e.g. Europe/London (default yours).")
    ] = None,
    save: Annotated[
        bool,
        typer.Option("--save", help="Keep these hours and interval (the browser uses them too)."),
    ] = False,
    no_desktop: Annotated[
        bool, typer.Option("--no-desktop", help="Remind in this terminal only.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (with --preview, --stats).")
    ] = False,
    speed: Annotated[
        float,
        typer.Option("--speed", hidden=True, envvar="UPBACK_SPEED", min=1.0, max=1_000_000.0),
    ] = 1.0,
) -> None:
    """Movement-break reminders for the desk: run it and leave it running (Ctrl+C stops).

    A short break every 30 minutes (20-60 with --interval) and an active one each hour, inside
    your working hours, each leading into a 30-90 second routine. Answers are saved and shown on
    your progress page. --preview shows a day's plan; --stats shows how it is going.

    Keys while it runs: Enter start the routine, 5 or 0 snooze 5 or 10 minutes, s skip, p pause
    30 minutes (p again carries on), q stop. More in docs/reminders.md.
    """
    given = {
        "interval_minutes": interval,
        "start": time_option(start, "--start"),
        "end": time_option(end, "--end"),
        "days": _days(days),
    }
    if pause is not None and until is not None:
        raise InputProblem("--until: use either --pause or --until, not both")
    if pause is not None:
        pause_length(pause)  # bad values are refused before anything else happens
    time_option(until, "--until")
    day = date_option(on, "--date")

    db.migrate()
    from upback.coach.selectors.breaks import break_settings_get

    owner = db.local_user()
    zone_name = _zone_for(owner, tz)
    settings = _settings(break_settings_get(owner=owner), **given, timezone=zone_name)
    if save:
        _save(owner, settings, zone_changed=zone_name != _saved_zone(owner))
    names, how, gentle_ok = _library()
    if stats:
        print_stats(owner=owner, as_json=as_json)
        return
    if preview:
        today = datetime.now(settings.zone).date()
        print_plan(settings, day or today, names, as_json=as_json)
        return

    care = _may_run(owner)
    from upback.cli.remind_live import Reminder

    with (
        _stop_on_sigterm(),
        terminal_ports(
            console=console,
            no_desktop=no_desktop,
            record=_recorder(owner),
            care=_care_reader(owner, care),
            names=names,
            how=how,
            gentle_ok=gentle_ok,
            speed=speed,
        ) as ports,
    ):
        now = ports.clock.now()
        timer = BreakTimer(settings).begin(now)
        paused_until = pause_end(pause=pause, until=until, now=now, zone=settings.zone)
        if paused_until is not None:
            timer = timer.pause_until(paused_until)
        for line in start_lines(timer, ports, now):
            console.print(line)
        Reminder(timer, ports).run()
    goodbye(owner=owner)


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
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


def _saved_zone(owner: User) -> str:
    from upback.coach.selectors.accounts import time_zone_get

    return time_zone_get(owner=owner).key


def _save(owner: User, settings: BreakSettings, *, zone_changed: bool) -> None:
    from upback.coach.services.accounts import account_time_zone_set
    from upback.coach.services.breaks import break_settings_save

    break_settings_save(owner=owner, values=settings.model_dump(exclude={"timezone"}))
    if zone_changed:
        account_time_zone_set(owner=owner, time_zone=settings.timezone)
    console.print(
        f"Saved: {escape(_hours_words(settings))}, a break every {settings.interval_minutes} "
        "minutes. The break timer in your browser uses these too."
    )


def _hours_words(settings: BreakSettings) -> str:
    from upback.cli.remind_show import days_words

    return (
        f"{days_words(settings.days)} {settings.start:%H:%M}-{settings.end:%H:%M} "
        f"({settings.timezone})"
    )
