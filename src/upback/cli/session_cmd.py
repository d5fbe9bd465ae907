"""`upback session`: today's routine in the terminal, saved like a session in the web player.

Pain first, then each step of `core.session_steps` on a calm live screen: the technique, the
cue ("Left side", "Switch"), a big countdown or a rep counter, and a progress bar. Each item is
saved the moment it is done or skipped, so Ctrl+C keeps what was done and `upback session`
carries on where it stopped; the web sees the same session.

This module is the command and its flow. The player (clock and keys) is in `terminal_player`,
what it shows in `player_view`, and the questions afterwards in `session_finish`.
`--speed` (hidden; or `UPBACK_SPEED`) runs the clock faster, for tests.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.live import Live

from upback.cli import db, prompts
from upback.cli.app import app, bad_input_is_exit_2
from upback.cli.consoles import console
from upback.cli.player_view import (
    LiveView,
    PlainView,
    big,
    moment_panel,
    overview_panel,
    stop_panel,
)
from upback.cli.session_finish import finish
from upback.cli.terminal_player import (
    ENTER,
    PAUSE,
    QUIT,
    SKIP,
    Clock,
    Item,
    LineKeys,
    Moment,
    Player,
    TerminalKeys,
)
from upback.core.library import Dose
from upback.core.session_steps import Step, dose_from_json, session_steps

# The player's names were defined here before the split; tests still import them from here.
__all__ = [
    "ENTER",
    "PAUSE",
    "QUIT",
    "SKIP",
    "Clock",
    "Item",
    "Moment",
    "Player",
    "big",
    "moment_panel",
    "session_command",
]


def _dose(raw: dict[str, Any]) -> Dose:
    try:
        return dose_from_json(raw)
    except ValidationError:
        return Dose(reps=1, rep_word="rounds")


def _terminal_keys() -> TerminalKeys | None:
    try:
        if sys.stdin.isatty() and console.is_terminal:
            return TerminalKeys(sys.stdin.fileno())
    except (AttributeError, ValueError, OSError):
        pass
    return None


@app.command("session")
@bad_input_is_exit_2
def session_command(
    speed: Annotated[
        float,
        typer.Option("--speed", hidden=True, envvar="UPBACK_SPEED", min=1.0, max=1_000_000.0),
    ] = 1.0,
) -> None:
    """Do today's routine here in the terminal, with timers; saved like a web session."""
    db.migrate()
    from upback.coach import selectors, services
    from upback.coach.models import GuidedItem
    from upback.core.library import default_library

    owner = db.local_user()
    care = selectors.care_state_get(owner=owner)
    if care.needs_screen:
        console.print("Start with the safety check and your plan: run [bold]upback start[/].")
        raise typer.Exit(1)
    if care.stopped:
        console.print(stop_panel(selectors.screening_latest(owner=owner)))
        raise typer.Exit(1)
    plan = selectors.plan_current(owner=owner)
    if plan is None:
        console.print("You do not have a plan yet. Run [bold]upback start[/] to make one.")
        raise typer.Exit(1)
    today = selectors.local_today(owner=owner)
    day = selectors.plan_day_of(today)
    planned = selectors.plan_day_items(plan=plan, day=day, gentle_only=care.gentle_only)
    if care.gentle_only:
        console.print(
            "[yellow]Gentle items only for now:[/] your safety check suggests seeing a clinician "
            "soon. Until you have been seen, today's routine keeps to gentle movements."
        )

    library = default_library().techniques

    def as_items(entries: Sequence[tuple[int, str, str, dict[str, Any], str]]) -> list[Item]:
        return [
            Item(
                order=order,
                name=name,
                dose=str(dose.get("text") or ""),
                how=tuple(library[slug].steps) if slug in library else (),
                status=status,
                slug=slug,
            )
            for order, slug, name, dose, status in entries
        ]

    try:
        session = selectors.session_unfinished_on(owner=owner, local_date=today)
        if session is not None:
            console.print("\nYou started today's routine earlier; what you did is saved.")
            if not prompts.yes_no("Carry on where you left off?", default=True):
                session = None
        if session is None:
            if not planned:
                console.print(
                    "There is nothing in your plan for today. A rest day is part of the plan; a "
                    "short walk or a few shoulder rolls between tasks still help."
                )
                return
            entries = [
                (
                    n,
                    str(i["slug"]),
                    str(i.get("name") or i["slug"]),
                    dict(i.get("dose") or {}),
                    "pending",
                )
                for n, i in enumerate(planned)
            ]
            steps = session_steps([(name, _dose(dose)) for _, _, name, dose, _ in entries])
            console.print(overview_panel(as_items(entries), _seconds(steps, 0), 0))
            pain = prompts.whole_number(
                "\nBefore you start: how is your pain right now, from 0 (no pain) to 10 (worst)?",
                low=0,
                high=10,
            )
            session = services.session_start(
                owner=owner,
                plan=plan,
                local_date=today,
                day=day,
                pain_before=pain,
                gentle_only=care.gentle_only,
                source="cli",
            )
            rows = selectors.session_items(session=session)
            start = 0
        else:
            rows = selectors.session_items(session=session)
            pending = [n for n, row in enumerate(rows) if row.status == GuidedItem.Status.PENDING]
            start = pending[0] if pending else len(rows)
        items = as_items([(r.order, r.slug, r.name, r.dose, r.status) for r in rows])
        steps = session_steps([(row.name, _dose(row.dose)) for row in rows])
        if start:
            console.print(overview_panel(items, _seconds(steps, start), start))

        def record(order: int, status: str) -> None:
            services.session_item_record(owner=owner, session=session, order=order, status=status)

        clock = Clock(speed)
        keys = _terminal_keys()
        stopped = False
        if start >= len(items):
            pass  # everything was done or skipped already: straight to how it went
        elif keys is not None:
            console.print("\n[bold]Press Enter to begin.[/] [dim](q to stop)[/]")
            with keys.active():
                if keys.poll(None) == QUIT:
                    stopped = True
                else:
                    with Live(console=console, auto_refresh=False, transient=True) as live:
                        player = Player(items, steps, keys, clock, LiveView(live), record, start)
                        stopped = player.run()
        else:
            player = Player(items, steps, LineKeys(), clock, PlainView(console), record, start)
            stopped = player.run()
        finish(owner=owner, session=session, stopped=stopped)
    except (KeyboardInterrupt, EOFError) as ended:
        console.print(
            "\n\nStopped. Everything you finished is saved; run [bold]upback session[/] again "
            "today to carry on."
        )
        raise typer.Exit(130 if isinstance(ended, KeyboardInterrupt) else 1) from None


def _seconds(steps: Sequence[Step], start: int) -> float:
    return sum(s.estimate for s in steps if s.item >= start)
