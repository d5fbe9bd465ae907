"""`upback remind --preview`: the day's planned movement breaks, printed without waiting.

The live reminder (running all day, with notifications) is not built yet; without --preview the
command says so and exits 1.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, get_args
from zoneinfo import ZoneInfo

import typer
from pydantic import ValidationError
from rich.markup import escape
from rich.table import Table

from upback.cli.app import app, bad_input_is_exit_2, console, fail
from upback.cli.jsonfile import dumps
from upback.core.breaks import WEEKDAYS, BreakSettings, PlannedBreak, Weekday, day_schedule
from upback.core.errors import InputProblem, describe_validation
from upback.core.library import LibraryError, default_library

_OPTION_FOR = {
    "days": "--days",
    "start": "--start",
    "end": "--end",
    "interval_minutes": "--interval",
    "timezone": "--tz",
}


def _clock(value: str | None, flag: str) -> time | None:
    if value is None:
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise InputProblem(f"{flag}: '{value}' is not a time like 09:00") from None


def _days(value: str | None) -> frozenset[Weekday] | None:
    if value is None:
        return None
    days: set[Weekday] = set()
    for part in (p.strip().lower()[:3] for p in value.split(",") if p.strip()):
        if part not in get_args(Weekday):
            raise InputProblem(f"--days: '{part}' is not a day (use {','.join(WEEKDAYS)})")
        days.add(part)  # type: ignore[arg-type]
    return frozenset(days)


def _settings(**given: Any) -> BreakSettings:
    chosen = {field: value for field, value in given.items() if value is not None}
    try:
        return BreakSettings(**chosen)
    except ValidationError as problem:
        field, _, message = describe_validation(problem).partition(": ")
        raise InputProblem(f"{_OPTION_FOR.get(field, field)}: {message}") from None


def _seconds_words(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 60 == 0 and seconds >= 120 else f"{seconds} s"


def _as_json(planned: PlannedBreak) -> dict[str, Any]:
    routine = planned.routine
    return {
        "at": planned.at.isoformat(),
        "kind": planned.kind,
        "routine": {"slug": routine.slug, "name": routine.name, "dose": routine.dose},
        "seconds": planned.seconds,
    }


@app.command("remind")
@bad_input_is_exit_2
def remind_command(
    preview: Annotated[
        bool, typer.Option("--preview", help="Print the day's planned breaks without waiting.")
    ] = False,
    on: Annotated[
        str | None, typer.Option("--date", help="The day to preview, YYYY-MM-DD (default today).")
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
        str | None, typer.Option("--tz", help="Time zone, e.g. Europe/London (default UTC).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Movement-break reminders for the desk. For now: --preview shows the day's plan."""
    settings = _settings(
        interval_minutes=interval,
        start=_clock(start, "--start"),
        end=_clock(end, "--end"),
        days=_days(days),
        timezone=tz,
    )
    if on is None:
        day = datetime.now(ZoneInfo(settings.timezone)).date()
    else:
        try:
            day = date.fromisoformat(on)
        except ValueError:
            raise InputProblem(f"--date: '{on}' is not a date like 2025-03-31") from None
    if not preview:
        fail(
            "The live reminder is not built yet; upback remind --preview shows the day's plan.",
            code=1,
        )

    try:
        names = {slug: t.name for slug, t in default_library().techniques.items()}
    except LibraryError:
        names = {}
    plan = day_schedule(settings, day, names)

    if as_json:
        typer.echo(dumps([_as_json(p) for p in plan]))
        return
    hours = f"{settings.start:%H:%M}-{settings.end:%H:%M}"
    title = f"Breaks for {day:%a %d %b %Y}, {hours} ({settings.timezone})"
    if not plan:
        console.print(f"{escape(title)}: no breaks, it is not a working day.")
        return
    table = Table(title=title, title_justify="left")
    table.add_column("Time")
    table.add_column("Kind")
    table.add_column("Suggested micro-routine")
    table.add_column("Duration", justify="right")
    for planned in plan:
        kind = "[bold]active[/]" if planned.kind == "active" else "micro"
        routine = f"{escape(planned.routine.name)} — {escape(planned.routine.dose)}"
        table.add_row(f"{planned.at:%H:%M}", kind, routine, _seconds_words(planned.seconds))
    console.print(table)
    active = sum(1 for p in plan if p.kind == "active")
    console.print(
        f"{len(plan)} breaks, one every {settings.interval_minutes} min: "
        f"{len(plan) - active} micro and {active} active ({settings.active_minutes} min). "
        "Change the gap with --interval."
    )
