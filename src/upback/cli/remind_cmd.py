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
After start-up the command hands the loop to a lean process of its own (`remind_lean`), which
stays resident without Django; `--speed` and `--clock-start` (hidden) run its clock fast from a
chosen moment, for tests and benchmarks.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from pydantic import ValidationError
from rich.markup import escape

from upback.cli import db
from upback.cli.app import app, bad_input_is_exit_2
from upback.cli.consoles import console
from upback.cli.options import date_option, time_option
from upback.cli.remind_lean import LiveRun, hand_over, library_parts, run_live
from upback.cli.remind_parts import pause_end, pause_length
from upback.cli.remind_show import print_plan, print_stats
from upback.cli.remind_store import DjangoStore
from upback.core.breaks import WEEKDAYS, BreakSettings, Weekday
from upback.core.errors import InputProblem, describe_validation

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from upback.cli.remind_parts import Care

__all__ = ["pause_end", "pause_length", "remind_command"]

_OPTION_FOR = {
    "days": "--days",
    "start": "--start",
    "end": "--end",
    "interval_minutes": "--interval",
    "timezone": "--tz",
}


def _days(value: str | None) -> frozenset[Weekday] | None:
    if value is None:
        return None
    days: set[Weekday] = set()
    for part in (p.strip().lower()[:3] for p in value.split(",") if p.strip()):
        if part not in get_args(Weekday):
            raise InputProblem(f"--days: '{part}' is not a day (use {','.join(WEEKDAYS)})")
        days.add(part)  # type: ignore[arg-type]
    return frozenset(days)


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


LEAN_PROCESS = os.name == "posix"
"""Whether the loop moves to a lean process of its own (exec needs POSIX; the tests, whose fake
ports live in this process, turn it off)."""


def _run(run: LiveRun, owner: User) -> None:
    if LEAN_PROCESS:
        # Refuse an --until already past here, while a bad value can still be one line and exit 2.
        pause_end(pause=run.pause, until=run.until, now=run.now(), zone=run.settings.zone)
        from django.db import connections

        connections.close_all()
        hand_over(run)
    run_live(run, terminal_ports, DjangoStore(owner, run.care, console), console)


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
    clock_start: Annotated[
        str | None, typer.Option("--clock-start", hidden=True, envvar="UPBACK_CLOCK_START")
    ] = None,
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
    began = _moment(clock_start)

    db.migrate()
    from upback.coach.selectors.breaks import break_settings_get

    owner = db.local_user()
    zone_name = _zone_for(owner, tz)
    settings = _settings(break_settings_get(owner=owner), **given, timezone=zone_name)
    if save:
        _save(owner, settings, zone_changed=zone_name != _saved_zone(owner))
    names, _, _ = library_parts()
    if stats:
        print_stats(owner=owner, as_json=as_json)
        return
    if preview:
        today = datetime.now(settings.zone).date()
        print_plan(settings, day or today, names, as_json=as_json)
        return

    care = _may_run(owner)
    run = LiveRun(
        settings=settings,
        username=owner.username,
        care=care,
        no_desktop=no_desktop,
        pause=pause,
        until=until,
        speed=speed,
        clock_start=began,
    )
    _run(run, owner)


def _moment(value: str | None) -> datetime | None:
    """The hidden --clock-start: an ISO date and time with its offset, for the test clock."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise InputProblem(f"--clock-start: '{value}' is not a time like 2026-03-02T08:55+00:00")
    return moment


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
