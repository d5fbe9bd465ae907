"""`upback log`: record a day's check-in from the terminal (the same entry as the web check-in)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from upback.cli import db
from upback.cli.app import app, bad_input_is_exit_2, fail
from upback.cli.consoles import console
from upback.cli.options import date_option
from upback.core.charts import sparkline

NEUTRAL = 5  # sleep quality and stress when not given: the middle of the scale
# The service's field names, as the flags a person typed.
FLAGS = {
    "pain": "--pain",
    "stiffness": "--stiffness",
    "sleep_quality": "--sleep",
    "stress": "--stress",
    "note": "--note",
    "local_date": "--date",
    "warning_signs": "--pain",
}


def _score(value: int | None, flag: str, what: tuple[str, str]) -> None:
    if value is not None and not 0 <= value <= 10:
        fail(f"{flag}: choose a whole number from 0 ({what[0]}) to 10 ({what[1]}); got {value}.")


def _day_words(day: dt.date, today: dt.date) -> str:
    if day == today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    return f"{day:%A} {day.day} {day:%B %Y}"


def stop_notice(screening: Any, *, saved: bool = False) -> Panel:
    """The stop state in a few lines: what the latest safety check asks the person to do."""
    emergency = screening is not None and screening.disposition == "emergency"
    parts: list[RenderableType] = [
        Text(
            " Call your local emergency number now " if emergency else " Get medical care today ",
            style="bold white on red" if emergency else "bold black on dark_orange",
        ),
        Text(),
    ]
    if saved:
        parts += [Text("Your check-in is saved."), Text()]
    parts.append(
        Text(
            "Your latest safety check found a warning sign, so upback is not suggesting any "
            "exercise until a clinician has checked you."
        )
    )
    steps = (screening.result or {}).get("next_steps", []) if screening is not None else []
    if steps:
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(width=2, justify="right", style="dim")
        bullets.add_column(ratio=1)
        for step in steps:
            bullets.add_row("•", str(step))
        parts += [Text(), bullets]
    parts += [
        Text(),
        Text("When you have been checked, run 'upback start' to take the safety check again."),
    ]
    return Panel(Group(*parts), title="Safety first", border_style="red", padding=(1, 2))


@app.command("log")
@bad_input_is_exit_2
def log_command(
    pain: Annotated[
        int,
        typer.Option(
            "--pain",
            help="Your average pain over the last 24 hours: 0 (none) to 10 (worst imaginable).",
        ),
    ],
    stiffness: Annotated[
        int | None,
        typer.Option(
            "--stiffness", help="Stiffness, 0 (none) to 10 (worst). If left out: the same as pain."
        ),
    ] = None,
    sleep: Annotated[
        int | None,
        typer.Option(
            "--sleep", help="How well you slept, 0 (very badly) to 10 (very well). Default 5."
        ),
    ] = None,
    stress: Annotated[
        int | None,
        typer.Option("--stress", help="Stress, 0 (none) to 10 (very high). Default 5."),
    ] = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The day this entry is for (default today). Past days are fine; future ones not.",
        ),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="A short note (up to 1000 characters).")] = "",
) -> None:
    """Record today's pain (or a past day's). Logging the same day again updates that entry.

    Stiffness, sleep and stress are part of the daily check-in too. When you leave them out,
    stiffness is taken to be the same as your pain, and sleep and stress the middle of the
    scale (5), so nothing is guessed beyond what you said.
    """
    _score(pain, "--pain", ("none", "worst imaginable"))
    _score(stiffness, "--stiffness", ("none", "worst"))
    _score(sleep, "--sleep", ("very badly", "very well"))
    _score(stress, "--stress", ("none", "very high"))
    local_date = date_option(when, "--date")

    db.migrate()
    from upback.coach import selectors
    from upback.coach.selectors.progress import progress_get
    from upback.coach.services.checkins import CheckinProblem, Scores, checkin_record

    owner = db.local_user()
    scores = Scores(
        pain=pain,
        stiffness=pain if stiffness is None else stiffness,
        sleep_quality=NEUTRAL if sleep is None else sleep,
        stress=NEUTRAL if stress is None else stress,
    )
    try:
        recorded = checkin_record(owner=owner, scores=scores, note=note, local_date=local_date)
    except CheckinProblem as problem:
        message = problem.message[:1].lower() + problem.message[1:]
        fail(f"{FLAGS.get(problem.field, problem.field)}: {message}")

    today = selectors.local_today(owner=owner)
    day = recorded.checkin.local_date
    action = "Saved" if recorded.created else "Updated"
    console.print(f"{action} your check-in for {_day_words(day, today)}: pain {pain} out of 10.")

    progress = progress_get(owner=owner)
    recent = [point.value for point in progress.daily[-14:]]
    if sum(value is not None for value in recent) >= 2:
        console.print(
            f"Last {len(recent)} days: [cyan]{sparkline(recent)}[/]  "
            "(run [bold]upback progress[/] for the full picture)"
        )

    if selectors.care_state_get(owner=owner).stopped:
        console.print()
        console.print(stop_notice(selectors.screening_latest(owner=owner), saved=True))
