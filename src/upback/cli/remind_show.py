"""What `upback remind` prints around the live loop: the day's plan, the statistics, the start
lines and the goodbye.

The start lines and the goodbye are also used by the lean loop process (`remind_lean`), so this
module imports neither Typer nor Django at the top.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from upback.cli.consoles import console
from upback.cli.jsonfile import dumps
from upback.cli.remind_parts import Ports, next_break_at, when_words
from upback.core.breaks import WEEKDAYS, BreakSettings, BreakTimer, PlannedBreak, day_schedule

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from upback.coach.selectors.breaks import BreakDay, BreakSummary

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def days_words(days: Iterable[str]) -> str:
    """'Mon-Fri', 'every day', 'Sat, Sun'."""
    chosen = sorted(set(days), key=WEEKDAYS.index)
    if len(chosen) == 7:
        return "every day"
    first, last = WEEKDAYS.index(chosen[0]), WEEKDAYS.index(chosen[-1])
    if len(chosen) >= 3 and last - first + 1 == len(chosen):
        return f"{WEEKDAY_NAMES[first]}-{WEEKDAY_NAMES[last]}"
    return ", ".join(WEEKDAY_NAMES[WEEKDAYS.index(day)] for day in chosen)


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


def print_plan(settings: BreakSettings, day: date, names: dict[str, str], *, as_json: bool) -> None:
    plan = day_schedule(settings, day, names)
    if as_json:
        import typer

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


# --- the live run -------------------------------------------------------------------------------


def start_lines(timer: BreakTimer, ports: Ports, now: datetime) -> list[str]:
    """The line that opens a run (hours, interval, next break, idle), and a dim line of keys."""
    settings = timer.settings
    upcoming = when_words(next_break_at(timer, now), now)
    hours = f"{days_words(settings.days)} {settings.start:%H:%M}-{settings.end:%H:%M}"
    if timer.is_paused(now) and timer.paused_until is not None:
        resume = timer.paused_until.astimezone(settings.zone)
        nxt = f"paused until {resume:%H:%M}, then the next break at {upcoming}"
    else:
        nxt = f"next break at {upcoming}"
    idle = (
        f"time away from the keyboard counts as a break (idle time from {ports.idle.name})"
        if ports.idle.name
        else "idle time is not reported here, so breaks come on the timer alone"
    )
    where = (
        "on your desktop and here"
        if ports.notifier.desktop
        else f"here in the terminal ({getattr(ports.notifier, 'why', 'no desktop')})"
    )
    return [
        f"[bold]Break reminders on[/]: {escape(hours)} ({escape(settings.timezone)}), every "
        f"{settings.interval_minutes} min; {nxt}; {escape(idle)}.",
        f"[dim]Reminders show {escape(where)}. Keys: Enter start · 5 / 0 snooze 5 / 10 min · "
        "s skip · p pause 30 min · q or Ctrl+C stop.[/]",
    ]


def _counts(row: BreakDay | BreakSummary) -> str:
    planned = f" of {row.planned} planned" if row.planned else ""
    return f"{row.taken} taken{planned}, {row.snoozed} snoozed, {row.skipped} skipped"


def _summary(owner: User) -> tuple[date, BreakSummary]:
    from upback.coach.selectors.accounts import local_today
    from upback.coach.selectors.breaks import break_summary

    today = local_today(owner=owner)
    return today, break_summary(owner=owner, last_day=today, days=7)


def _share(summary: BreakSummary) -> str:
    share = summary.share_taken
    return "" if share is None else f" ({share:.0%})"


def goodbye_line(*, owner: User) -> str:
    """The calm last line after Ctrl+C (Rich markup): today's tally and the week's."""
    _, week = _summary(owner)
    return (
        f"\nReminders stopped. Today: {_counts(week.days[-1])}. "
        f"Last 7 days: {week.taken} taken of {week.planned} planned{_share(week)}. "
        "Run [bold]upback remind[/] to start again."
    )


def _day_json(row: BreakDay) -> dict[str, Any]:
    return {
        "date": row.day.isoformat(),
        "taken": row.taken,
        "snoozed": row.snoozed,
        "skipped": row.skipped,
        "planned": row.planned,
    }


def print_stats(*, owner: User, as_json: bool) -> None:
    today, week = _summary(owner)
    if as_json:
        import typer

        typer.echo(
            dumps(
                {
                    "today": _day_json(week.days[-1]),
                    "week": {
                        "from": week.days[0].day.isoformat(),
                        "to": today.isoformat(),
                        "taken": week.taken,
                        "snoozed": week.snoozed,
                        "skipped": week.skipped,
                        "planned": week.planned,
                        "share_taken": week.share_taken,
                        "days": [_day_json(row) for row in week.days],
                    },
                }
            )
        )
        return
    table = Table(title="Movement breaks, the last 7 days", title_justify="left")
    table.add_column("Day")
    for heading in ("Taken", "Snoozed", "Skipped", "Planned"):
        table.add_column(heading, justify="right")
    for row in week.days:
        label = f"{row.day:%a %d %b}" + (" (today)" if row.day == today else "")
        table.add_row(label, str(row.taken), str(row.snoozed), str(row.skipped), str(row.planned))
    table.add_section()
    table.add_row(
        "[bold]Week[/]", str(week.taken), str(week.snoozed), str(week.skipped), str(week.planned)
    )
    console.print(table)
    console.print(
        f"Today: {_counts(week.days[-1])}. Last 7 days: {week.taken} taken of {week.planned} "
        f"planned{_share(week)}. Breaks from the browser's timer count here too."
    )
