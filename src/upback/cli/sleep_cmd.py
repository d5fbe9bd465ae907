"""`upback sleep`: pillow, towel roll, mattress and habit tips for the way you sleep.

Without --position the position comes from your profile (set by `upback start`); with no profile,
a terminal asks, and a script gets one clear line naming --position.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from upback.cli import db, prompts
from upback.cli.app import app, bad_input_is_exit_2
from upback.cli.consoles import console
from upback.core.errors import InputProblem
from upback.core.labels import SLEEP_CHOICES
from upback.core.sleep_helper import MATTRESS, PILLOWS_MAX, POSITIONS, SleepPlan, sleep_plan


def _can_ask() -> bool:
    """Questions are asked only when a person is at the keyboard (not in a script or a pipe)."""
    return sys.stdin.isatty()


def _profile_position() -> str | None:
    db.migrate()
    from upback.coach.selectors.plans import profile_get

    profile = profile_get(owner=db.local_user())
    return profile.sleep_position if profile is not None and profile.sleep_position else None


def _choice(flag: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    cleaned = value.strip().lower().replace("-", "_")
    if cleaned not in allowed:
        shown = ", ".join(a.replace("_", "-") for a in allowed)
        raise InputProblem(f"{flag}: choose one of {shown} (got {value!r})")
    return cleaned


def sleep_view(plan: SleepPlan, *, from_profile: bool) -> Panel:
    parts: list[RenderableType] = []
    if from_profile:
        parts += [Text("From your profile; use --position to see another.", style="dim"), Text()]
    parts += [Text(plan.summary), Text()]
    for tip in plan.tips:
        parts += [Text(tip.title, style="bold"), Text(tip.text), Text()]
    if plan.habit_change:
        parts.append(Text("Moving off your stomach, a week at a time", style="bold cyan"))
        weeks = Table.grid(padding=(0, 2))
        weeks.add_column(no_wrap=True, style="bold")
        weeks.add_column(ratio=1)
        for week in plan.habit_change:
            weeks.add_row(f"Week {week.week}", escape(week.what))
        parts += [weeks, Text()]
    if plan.waking_note:
        parts += [Text("Waking up stiff", style="bold"), Text(plan.waking_note), Text()]
    parts.pop()  # no blank line before the border
    return Panel(
        Group(*parts),
        title=f"[bold]{escape(plan.title)}[/]",
        title_align="left",
        border_style="cyan",
        padding=(1, 2),
    )


@app.command("sleep")
@bad_input_is_exit_2
def sleep_command(
    position: Annotated[
        str | None,
        typer.Option(
            "--position",
            metavar="side|back|stomach|mixed",
            help="How you usually sleep (default: your profile's).",
            show_default=False,
        ),
    ] = None,
    pillows: Annotated[
        int | None,
        typer.Option("--pillows", min=0, max=PILLOWS_MAX, help="How many pillows under your head."),
    ] = None,
    mattress: Annotated[
        str | None,
        typer.Option(
            "--mattress",
            metavar="too-soft|about-right|too-firm|not-sure",
            help="How your mattress feels.",
            show_default=False,
        ),
    ] = None,
    waking_stiff: Annotated[
        str | None,
        typer.Option(
            "--waking-stiff",
            metavar="yes|no",
            help="Whether you often wake up stiff.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tips as JSON.")] = False,
) -> None:
    """Pillow, towel roll, mattress and habit tips for the way you sleep."""
    chosen = _choice("--position", position, POSITIONS)
    feel = _choice("--mattress", mattress, MATTRESS)
    stiff = _choice("--waking-stiff", waking_stiff, ("yes", "no"))
    from_profile = False
    if chosen is None:
        chosen = _profile_position()
        from_profile = chosen is not None
    if chosen is None:
        if as_json or not _can_ask():
            raise InputProblem(
                "--position: say how you usually sleep: side, back, stomach or mixed"
            )
        chosen = prompts.one_of("How do you usually sleep?", SLEEP_CHOICES)
    plan = sleep_plan(
        position=chosen,
        pillows=pillows,
        mattress=feel,
        waking_stiff=None if stiff is None else stiff == "yes",
    )
    if as_json:
        print(json.dumps(plan.to_json(), ensure_ascii=False, indent=2))
        return
    console.print(sleep_view(plan, from_profile=from_profile))
