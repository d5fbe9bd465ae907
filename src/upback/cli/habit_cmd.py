"""`upback habit`: two habits for a month from the terminal — pick, tick off, streaks, summary.

The same month as the web page: a tick here shows on Today, and the other way round.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from upback.cli import db
from upback.cli.app import app as root
from upback.cli.app import bad_input_is_exit_2, fail
from upback.cli.consoles import console
from upback.cli.options import date_option, time_option
from upback.core import habits as core

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from upback.coach.selectors.habits import HabitLine, HabitStatus

habit = typer.Typer(
    name="habit",
    help="Two habits for a month: pick two, tick them off daily, see your runs and the summary.",
    rich_markup_mode=None,
)
root.add_typer(habit, name="habit")

MARKS = {"kept": "●", "missed": "○", "today": "◌", "later": "·"}


def _owner() -> User:
    db.migrate()
    owner: User = db.local_user()
    return owner


def _refuse(problem: core.HabitProblem, names: dict[str, str]) -> NoReturn:
    fail(f"{names.get(problem.field, problem.field)}: {problem.detail}")


def _status(owner: User) -> HabitStatus | None:
    from upback.coach.selectors.habits import habit_status

    return habit_status(owner=owner)


def _when(day: dt.date, today: dt.date) -> str:
    if day == today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    return f"{day:%A} {core.day_words(day)}"


def _strip(status: HabitStatus, line: HabitLine) -> str:
    """The month as a row of marks: ● kept, ○ not ticked, ◌ today, · still to come."""
    marks = []
    for day in status.month.days():
        if day in line.progress.kept:
            marks.append(MARKS["kept"])
        elif day == status.today:
            marks.append(MARKS["today"])
        else:
            marks.append(MARKS["later"] if day > status.today else MARKS["missed"])
    return "".join(marks)


def _month_json(status: HabitStatus) -> dict[str, Any]:
    month = status.month
    reminder = status.reminder_time
    return {
        "started_on": month.started_on.isoformat(),
        "ends_on": month.ends_on.isoformat(),
        "last_day": month.last_day.isoformat(),
        "day": status.day_number,
        "days": month.length,
        "days_left": status.days_left,
        "reminder_time": reminder.strftime("%H:%M") if reminder else None,
    }


def _state(status: HabitStatus | None) -> str:
    return "none" if status is None else "ended" if status.ended else "running"


def status_json(status: HabitStatus | None, today: dt.date) -> dict[str, Any]:
    habits = [
        {
            **line.habit.to_json(),
            "done_today": line.progress.done_today,
            "streak": line.progress.streak,
            "best_streak": line.progress.best_streak,
            "kept": line.progress.kept_count,
            "so_far": line.progress.so_far,
            "kept_days": sorted(d.isoformat() for d in line.progress.kept),
            "on_hold": line.held,
        }
        for line in (status.lines if status else ())
    ]
    return {
        "state": _state(status),
        "today": today.isoformat(),
        "month": _month_json(status) if status else None,
        "habits": habits,
    }


def _pick_hint(offers: list[core.Offer]) -> str:
    """An example pick: the first habit on the person's list (one they may pick) and own words."""
    first = offers[0].slug if offers else "'Stand up when the phone rings'"
    return f"upback habit pick {first} 'Walk the dog before work'"


def _print_none(owner: User) -> None:
    from upback.coach.selectors.habits import habit_catalogue

    console.print("You have not picked your two habits yet.")
    hint = _pick_hint(habit_catalogue(owner=owner).offers)
    console.print(
        "See the list with [bold]upback habit list[/], then pick two, from the list or in your "
        f"own words:\n  [bold]{escape(hint)}[/]"
    )


def _print_status(status: HabitStatus) -> None:
    if status.ended:
        console.print(
            f"Your habit month ended on {core.day_words(status.month.last_day)}. "
            "See how it went with [bold]upback habit summary[/]."
        )
        return
    left = status.days_left
    console.print(
        f"[bold]Your two habits[/] · day {status.day_number} of {status.month.length} · "
        f"until {core.day_words(status.month.ends_on)} "
        f"({left} day{'s' if left != 1 else ''} left, today included)"
    )
    for line in status.lines:
        console.print()
        title = Text()
        if line.held:
            title.append("⏸ ", style="yellow")
        elif line.progress.done_today:
            title.append("✓ ", style="bold green")
        else:
            title.append("○ ", style="dim")
        title.append(line.habit.name, style="bold")
        title.append(f"  {line.habit.slug}", style="cyan")
        console.print(title)
        words = core.progress_words(line.progress)
        if line.held:
            held = f"On hold for now: it is built on an exercise, and {line.held_reason}."
            console.print(Padding(Text(held, style="yellow"), (0, 0, 0, 2)))
        elif line.progress.kept:
            today = "Done today" if line.progress.done_today else "Not yet today"
            words = f"{today} · {words[:1].lower()}{words[1:]}"
        console.print(Padding(words, (0, 0, 0, 2)))
        console.print(Padding(Text(_strip(status, line), style="green"), (0, 0, 0, 2)))
    console.print()
    console.print(Text("● kept  ○ not ticked  ◌ today  · still to come", style="dim"))
    if status.reminder_time:
        console.print(f"Daily reminder: {status.reminder_time:%H:%M}")
    todo = [ln for ln in status.lines if not ln.progress.done_today and not ln.held]
    if todo:
        console.print(f"Tick one off with: [bold]upback habit done {todo[0].habit.slug}[/]")


@habit.callback(invoke_without_command=True)
def habit_main(ctx: typer.Context) -> None:
    """Two habits for a month. Without a command: the month so far (like `upback habit status`)."""
    if ctx.invoked_subcommand is None:
        status_command(as_json=False)


@habit.command("status")
@bad_input_is_exit_2
def status_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the month as JSON.")] = False,
) -> None:
    """The month: today's ticks, each habit's run and days kept, and the days left."""
    owner = _owner()
    from upback.coach.selectors.accounts import local_today

    status = _status(owner)
    if as_json:
        print(json.dumps(status_json(status, local_today(owner=owner)), indent=2))
    elif status is None:
        _print_none(owner)
    else:
        _print_status(status)


@habit.command("list")
@bad_input_is_exit_2
def list_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
) -> None:
    """The habits from the guides, with your plan's suggestions first."""
    owner = _owner()
    from upback.coach.selectors.habits import habit_catalogue

    catalogue = habit_catalogue(owner=owner)
    if as_json:
        rows = [
            {"slug": o.slug, "name": o.name, "text": o.text, "suggested": o.suggested}
            for o in catalogue.offers
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for offer in catalogue.offers:
        title = Text(offer.name, style="bold")
        if offer.suggested:
            title.append("  suggested for you", style="green")
        console.print(title)
        console.print(Padding(Text(offer.slug, style="cyan"), (0, 0, 0, 2)))
        console.print(Padding(Text(offer.text, style="dim"), (0, 0, 0, 2)))
        console.print()
    if catalogue.held:
        console.print(
            "[yellow]Some habits are left out for now:[/] they are built on an exercise, and "
            f"{catalogue.held_reason}."
        )
    hint = _pick_hint(catalogue.offers)
    console.print(f"Pick two, from the list or in your own words:\n  [bold]{escape(hint)}[/]")


@habit.command("pick")
@bad_input_is_exit_2
def pick_command(
    habits: Annotated[
        list[str],
        typer.Argument(
            metavar="SLUG_OR_TEXT SLUG_OR_TEXT",
            help="Two habits: a slug from `upback habit list`, or your own words in quotes.",
            show_default=False,
        ),
    ],
    reminder: Annotated[
        str | None,
        typer.Option("--reminder", metavar="HH:MM", help="A daily reminder time (optional)."),
    ] = None,
    start_over: Annotated[
        bool,
        typer.Option("--start-over", help="End the running month today and start a new one."),
    ] = False,
) -> None:
    """Start a month (30 days from today) of two habits."""
    from upback.core.library import default_library

    reminder_time = time_option(reminder, "--reminder")
    catalogue = default_library().advice.habits
    for place, text in zip(("first habit", "second habit"), habits, strict=False):
        try:
            core.read_pick(text, catalogue)
        except core.HabitProblem as problem:
            fail(f"{place} '{core.tidy(text)}': {problem.detail}")
    owner = _owner()
    from upback.coach.services.habits import habit_month_start

    try:
        stored = habit_month_start(
            owner=owner, habits=habits, reminder_time=reminder_time, start_over=start_over
        )
    except core.MonthRunning as problem:
        fail(f"{problem.detail.removesuffix('start over')}add --start-over")
    except core.HabitProblem as problem:
        _refuse(problem, {"habits": "SLUG_OR_TEXT", "reminder_time": "--reminder"})
    console.print(
        f"Your habit month has started: {core.MONTH_DAYS} days, until "
        f"{core.day_words(stored.ends_on)}."
    )
    for item in stored.habits:
        console.print(f"  • {escape(item['name'])}  [cyan]{item['slug']}[/]")
    if stored.reminder_time:
        console.print(f"Daily reminder: {stored.reminder_time:%H:%M}")
    console.print(f"Tick one off with: [bold]upback habit done {stored.habits[0]['slug']}[/]")


TICK_NAMES = {"habit": "SLUG", "date": "--date"}


def _tick(slug: str, when: str | None, *, done: bool) -> None:
    chosen_day = date_option(when, "--date")
    owner = _owner()
    from upback.coach.selectors.accounts import local_today
    from upback.coach.services.habits import habit_check, habit_uncheck

    today = local_today(owner=owner)
    day = chosen_day or today
    try:
        if done:
            habit_check(owner=owner, slug=slug, local_date=day, today=today)
        else:
            removed = habit_uncheck(owner=owner, slug=slug, local_date=day, today=today)
    except core.HabitProblem as problem:
        _refuse(problem, TICK_NAMES)
    status = _status(owner)
    assert status is not None
    chosen = status.month.find(slug)
    line = next(ln for ln in status.lines if ln.habit == chosen)
    name = escape(line.habit.name)
    if not done:
        if removed:
            console.print(f"Took the tick off “{name}” for {_when(day, today)}.")
        else:
            console.print(f"“{name}” had no tick for {_when(day, today)}; nothing changed.")
        return
    console.print(f"[green]✓[/] Ticked “{name}” for {_when(day, today)}.")
    console.print(f"  {core.progress_words(line.progress)}")


@habit.command("done")
@bad_input_is_exit_2
def done_command(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The habit's slug (or its name).")],
    when: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="An earlier day of the month."),
    ] = None,
) -> None:
    """Tick a habit off for today (or an earlier day of the month)."""
    _tick(slug, when, done=True)


@habit.command("undo")
@bad_input_is_exit_2
def undo_command(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The habit's slug (or its name).")],
    when: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="An earlier day of the month."),
    ] = None,
) -> None:
    """Take a tick back."""
    _tick(slug, when, done=False)


@habit.command("summary")
@bad_input_is_exit_2
def summary_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """How the month went: days kept of 30, the longest run, and what to do next."""
    owner = _owner()
    status = _status(owner)
    if as_json:
        summary = status.summary if status else None
        complete = bool(summary and summary.complete)
        print(
            json.dumps(
                {
                    "state": _state(status),
                    "complete": complete,
                    "month": _month_json(status) if status else None,
                    "habits": [
                        {
                            **r.habit.to_json(),
                            "kept": r.kept,
                            "of": r.of,
                            "best_streak": r.best_streak,
                            "verdict": r.verdict.value if complete else None,
                            "sentence": r.sentence if complete else None,
                        }
                        for r in (summary.results if summary else ())
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if status is None:
        _print_none(owner)
        return
    summary = status.summary
    month = status.month
    span = f"{core.day_words(month.started_on)} to {core.day_words(month.last_day)}"
    if not summary.complete:
        console.print(
            f"Your month is still running (day {status.day_number} of {month.length}, {span}). "
            "So far:"
        )
    else:
        console.print(f"[bold]How your habit month went[/] ({span})")
    for result, line in zip(summary.results, status.lines, strict=True):
        console.print()
        console.print(Text(result.habit.name, style="bold"))
        runs = f"longest run {result.best_streak} day{'s' if result.best_streak != 1 else ''}"
        of = f"{result.of} days" if summary.complete else f"{line.progress.so_far} days so far"
        console.print(f"  {result.kept} of {of} · {runs}")
        if summary.complete:
            console.print(f"  {escape(result.sentence)}")
    if summary.complete:
        console.print()
        console.print(
            "Pick your next two (the same again is fine):\n"
            f"  [bold]upback habit pick {' '.join(h.slug for h in month.habits if not h.own)}"
            f"{''.join(' ' + repr(h.name) for h in month.habits if h.own)}[/]"
        )
