"""`upback progress`: the trend as sparklines, the figures, the verdict in words, and the advice."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from upback.cli import db
from upback.cli.app import app, bad_input_is_exit_2, fail
from upback.cli.consoles import console
from upback.core.charts import bucket_means, sparkline
from upback.core.progress import (
    RANGE_DAYS,
    VERDICT_LABELS,
    VERDICT_SENTENCES,
    Progress,
    RangeCode,
    range_start,
    within,
)

RANGE_WORDS: dict[str, str] = {"2w": "the last 2 weeks", "6w": "the last 6 weeks", "all": "all"}
VERDICT_STYLE = {
    "steady_improvement": "bold green",
    "minimal_improvement": "green",
    "no_change": "yellow",
    "worsening": "bold red",
    "not_enough_data": "cyan",
}
ADVICE_STYLE = {
    "safety": ("red", "Pause and check"),
    "refer": ("yellow", "Time to see a professional"),
    "review": ("cyan", "Worth a look"),
    "info": ("blue", "Good to know"),
}
LABEL_WIDTH = 16


def _span(first: date, last: date) -> str:
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} to {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} to {last.day} {last:%b %Y}"


def _points(value: float) -> str:
    return "1 point" if round(value, 1) == 1 else f"{value:.1f} points"


def _change(progress: Progress) -> str:
    points = progress.change_points
    if points is None:
        return "not yet known"
    if abs(points) < 0.05:
        return "no change"
    direction = "down" if points < 0 else "up"
    text = f"{direction} {_points(abs(points))}"
    if progress.change_percent is not None:
        text += f" ({abs(progress.change_percent):.0f} % {'lower' if points < 0 else 'higher'})"
    return text


def _trend(progress: Progress, width: int) -> RenderableType:
    """Daily pain and its 7-day average as two sparklines on a 0-10 scale, with the dates."""
    daily = [p.value for p in progress.daily]
    rolling = [p.value for p in progress.rolling_7day]
    days_per_mark = max(1, -(-len(daily) // width))  # ceiling division
    if days_per_mark > 1:
        daily = bucket_means(daily, -(-len(daily) // days_per_mark))
        rolling = bucket_means(rolling, len(daily))
    else:  # a short range: two or three marks a day read more easily than one
        repeat = max(1, min(3, width // max(1, len(daily))))
        daily = [value for value in daily for _ in range(repeat)]
        rolling = [value for value in rolling for _ in range(repeat)]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(width=LABEL_WIDTH, style="dim")
    grid.add_column(no_wrap=True)
    grid.add_row("Daily pain", Text(sparkline(daily), style="cyan"))
    grid.add_row("7-day average", Text(sparkline(rolling), style="bold cyan"))
    first, last = progress.daily[0].day, progress.daily[-1].day
    left = f"{first.day} {first:%b}"
    right = f"{last.day} {last:%b}"
    if len(daily) >= len(left) + len(right) + 2:
        gap = len(daily) - len(left) - len(right)
        grid.add_row("", Text(f"{left}{' ' * gap}{right}", style="dim"))
    scale = "Low marks are less pain (0 to 10); a gap is a day without a check-in."
    if days_per_mark > 1:
        scale = f"Each mark is {days_per_mark} days. {scale}"
    note = Table.grid(padding=(0, 2))
    note.add_column(width=LABEL_WIDTH)
    note.add_column(ratio=1)
    note.add_row("", Text(scale, style="dim"))
    return Group(grid, note)


def _figures(progress: Progress, shown: Progress) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(width=LABEL_WIDTH, style="bold")
    grid.add_column()
    if progress.baseline is not None:
        grid.add_row("When you started", f"{progress.baseline:.1f} out of 10 (your first week)")
    else:
        grid.add_row("When you started", "not yet known: log on 3 days in a week")
    if progress.current_7day is not None:
        grid.add_row("Now", f"{progress.current_7day:.1f} out of 10 (average of the last 7 days)")
    else:
        grid.add_row("Now", "no check-ins in the last 7 days")
    grid.add_row("Change", _change(progress))
    relief = shown.relief
    if relief.average is not None:
        sessions = "1 session" if relief.sessions == 1 else f"{relief.sessions} sessions"
        if relief.average >= 0.05:
            text = f"{_points(relief.average)} less pain after a session"
        elif relief.average <= -0.05:
            text = f"{_points(-relief.average)} more pain after a session"
        else:
            text = "about the same pain before and after a session"
        grid.add_row("Relief", f"{text} (average of {sessions})")
    if progress.adherence is not None:
        weeks = [w.ratio for w in shown.weeks]
        line = Text(f"{round(progress.adherence * 100)} % of planned sessions done")
        if len(weeks) >= 2:
            line.append("   weekly ", style="dim")
            line.append(sparkline(weeks, low=0.0, high=1.0), style="green")
        grid.add_row("Sessions", line)
    streak = progress.streak_days
    grid.add_row(
        "Streak",
        "no days in a row yet"
        if streak == 0
        else f"{streak} {'day' if streak == 1 else 'days'} in a row with a check-in or a session",
    )
    return grid


# What to type next, for the advice that has a terminal command.
NEXT_STEP = {"worsening": "Take the safety check again: upback screen"}


def _advice(progress: Progress) -> list[RenderableType]:
    panels: list[RenderableType] = []
    for item in progress.advice:
        colour, title = ADVICE_STYLE.get(item.level, ("blue", "Note"))
        body = Text(item.text)
        if item.code in NEXT_STEP:
            body.append(f"\n\n{NEXT_STEP[item.code]}", style="bold")
        panels.append(
            Panel(
                body,
                title=title,
                title_align="left",
                border_style=colour,
                padding=(0, 1),
            )
        )
    return panels


def progress_view(progress: Progress, *, shown: Progress, range_code: str, stopped: bool) -> Group:
    parts: list[RenderableType] = []
    if shown.daily:
        span = _span(shown.daily[0].day, shown.daily[-1].day)
        parts.append(Text(f"Your progress, {RANGE_WORDS[range_code]} ({span})", style="bold"))
        parts.append(Text())
        width = max(20, min(90, console.width - LABEL_WIDTH - 4))
        parts.append(_trend(shown, width))
        parts.append(Text())
    verdict = Text()
    verdict.append(VERDICT_LABELS[progress.verdict], style=VERDICT_STYLE[progress.verdict])
    if not stopped:
        verdict.append(f"\n{VERDICT_SENTENCES[progress.verdict]}")
    parts.append(verdict)
    parts.append(Text())
    parts.append(_figures(progress, shown))
    # While a warning sign is active the stop notice says what to do; advice about the routine
    # (keep it at this level, review the dose...) would suggest exercise, so it is left out.
    advice = [] if stopped else _advice(progress)
    if advice:
        parts.append(Text())
        parts.extend(advice)
    return Group(*parts)


@app.command("progress")
@bad_input_is_exit_2
def progress_command(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the figures, verdict and advice as JSON.")
    ] = False,
    range_code: Annotated[
        str | None,
        typer.Option(
            "--range",
            metavar="2w|6w|all",
            help="How far back the charts go (default: 6w on screen, all with --json). "
            "The verdict always looks at everything you have logged.",
        ),
    ] = None,
) -> None:
    """Is it working? Your pain trend, relief, sessions done and what to do next."""
    if range_code is not None and range_code not in RANGE_DAYS:
        fail(f"--range: choose 2w, 6w or all (got {range_code!r}).")
    db.migrate()
    from upback.coach import selectors
    from upback.coach.selectors.progress import progress_get

    owner = db.local_user()
    progress = progress_get(owner=owner)
    code: RangeCode = "all" if as_json else "6w"
    if range_code is not None:
        code = range_code  # checked against RANGE_DAYS above
    today = selectors.local_today(owner=owner)
    shown = within(progress, since=range_start(today, code))
    if as_json:
        print(json.dumps(shown.to_json(), indent=2, ensure_ascii=False))
        return

    if progress.days_tracked == 0:
        console.print(
            "Nothing logged yet. Record how your back feels today with "
            "[bold]upback log --pain N[/] (0 = no pain, 10 = worst imaginable), "
            "and do your routine with [bold]upback session[/]."
        )
        return
    care = selectors.care_state_get(owner=owner)
    if care.stopped:
        from upback.cli.log_cmd import stop_notice

        console.print(stop_notice(selectors.screening_latest(owner=owner)))
        console.print()
    console.print(progress_view(progress, shown=shown, range_code=code, stopped=care.stopped))
