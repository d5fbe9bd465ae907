"""`upback calendar`: write your program as a calendar file (.ics) to import into any calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer
from rich.markup import escape
from rich.table import Table

from upback.cli import db
from upback.cli.app import app, bad_input_is_exit_2, fail
from upback.cli.consoles import console
from upback.cli.options import file_to_write

OFF_WORDS = {"off", "none", "no"}
IMPORT_STEPS = (
    "Google Calendar: on a computer, Settings, then Import & export, then Import.",
    "Apple Calendar: File, then Import (or open the file on an iPhone).",
    "Outlook: Add calendar, then Upload from file.",
)


def _routine_time(value: str) -> dt.time | None:
    """The time given, or None to clear it."""
    text = value.strip().lower()
    if text in OFF_WORDS:
        return None
    try:
        return dt.datetime.strptime(text, "%H:%M").time()
    except ValueError:
        fail(f"--routine-time: use hours and minutes, for example 07:30, or 'off' (got {value!r}).")


def _site(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        fail(f"--site: give an address like http://127.0.0.1:8000 (got {value!r}).")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


@app.command("calendar")
@bad_input_is_exit_2
def calendar_command(
    output: Annotated[
        Path,
        typer.Option("-o", "--output", metavar="FILE.ics", help="Where to write the file."),
    ] = Path("upback.ics"),
    routine_time: Annotated[
        str | None,
        typer.Option(
            "--routine-time",
            metavar="HH:MM",
            help="Set the time you do your routine first (in your time zone); 'off' clears it.",
        ),
    ] = None,
    site: Annotated[
        str | None,
        typer.Option(
            "--site",
            metavar="URL",
            help="Where your upback runs (e.g. http://127.0.0.1:8000), so events link back to it.",
        ),
    ] = None,
) -> None:
    """Write your routine, strength days, habit reminders and next review as a calendar file.

    The routine is at your routine time, in your own time zone. Without a routine time the
    routine is left out (upback does not guess one). The file is a copy: write it again after
    your plan changes, or subscribe to the private link on the web page /calendar/.
    """
    chosen = _routine_time(routine_time) if routine_time is not None else None
    base = _site(site)
    path = file_to_write(output, "-o", "upback.ics")

    db.migrate()
    from django.urls import reverse

    from upback.coach.selectors.calendar import calendar_inputs
    from upback.coach.services.calendar import account_routine_time_set
    from upback.core.calendar_feed import Links, build_calendar, plan_events, when_words

    owner = db.local_user()
    if routine_time is not None:
        account_routine_time_set(owner=owner, routine_time=chosen)
        console.print(
            f"Your routine time is now {chosen:%H:%M}." if chosen else "Your routine time is off."
        )
    links = None
    if base is not None:
        links = Links(
            today=base + reverse("today"),
            review=base + reverse("review"),
            screen=base + reverse("screen_start"),
        )
    inputs = calendar_inputs(owner=owner, links=links)
    events = plan_events(inputs)
    try:
        path.write_bytes(build_calendar(inputs).to_ical())
    except OSError as problem:
        fail(f"-o: could not write {path}: {problem.strerror or problem}.")

    count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
    console.print(f"Wrote your calendar to [bold]{escape(str(path.resolve()))}[/] ({count}).")
    if events:
        table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2, 0, 0))
        table.add_column("What")
        table.add_column("When")
        table.add_column("How long")
        for event in events:
            length = f"about {event.minutes} min" if event.days and event.minutes else ""
            table.add_row(event.summary, when_words(event), length)
        console.print(table)
    if inputs.care.stopped:
        console.print(
            "Your exercises are on hold until you have been checked, so the file holds only a "
            "note saying so. Run 'upback start' to take the safety check again once you have "
            "been seen."
        )
    elif not inputs.week:
        console.print(
            "There is no routine to put in it yet: it comes once you have a plan "
            "(run [bold]upback start[/])."
        )
    elif inputs.routine_time is None:
        console.print(
            "No routine time is set, so your routine is left out. Add one with "
            "[bold]--routine-time 07:30[/] (your own time)."
        )
    console.print()
    console.print("To add it, open the file with your calendar app, or import it:")
    for step in IMPORT_STEPS:
        console.print(f"  • {step}")
    console.print("[dim]It is a copy: write it again when your plan changes.[/]")
    console.print("[dim]Or subscribe to a private link on the web (the Calendar page).[/]")
