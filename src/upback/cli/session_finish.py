"""The questions after `upback session`: pain now, stop symptoms, how each exercise felt; then
the session is finished through the service and summed up.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Prompt
from rich.table import Table
from rich.text import Text

from upback.cli import prompts
from upback.cli.consoles import console
from upback.core.session_steps import pain_change

FEELINGS = [("too_easy", "too easy"), ("about_right", "about right"), ("too_hard", "too hard")]


class _Choice(Prompt):
    illegal_choice_message = "[prompt.invalid.choice]Please type 1, 2 or 3."


def _feeling(name: str) -> str:
    console.print(f"\n[bold]{escape(name)}[/]")
    answer = _Choice.ask(
        "  How did it feel?  [cyan]1[/] too easy  [cyan]2[/] about right  [cyan]3[/] too hard",
        choices=["1", "2", "3"],
        show_choices=False,
        console=console,
    )
    return FEELINGS[int(answer) - 1][0]


def finish(*, owner: Any, session: Any, stopped: bool) -> None:
    from upback.coach import selectors, services
    from upback.coach.models import GuidedItem
    from upback.coach.services.sessions import Feedback
    from upback.core import adapt
    from upback.core.library import default_library

    rows = selectors.session_items(session=session)
    done = [row for row in rows if row.status == GuidedItem.Status.DONE]
    console.print()
    console.print("[bold cyan]How did it go?[/] A few quick answers help upback adjust your plan.")
    pain_after = prompts.whole_number(
        "\nHow is your pain now, from 0 (no pain) to 10 (worst)?", low=0, high=10
    )
    console.print(
        "\n[bold]If chest pain or trouble breathing is happening now, call your local emergency "
        "number.[/]"
    )
    symptoms = prompts.some_of(
        "During the session, did you have any of these?", list(adapt.SESSION_SYMPTOMS)
    )
    if symptoms:
        services.session_finish(
            owner=owner, session=session, pain_after=pain_after, feedback={}, symptoms=symptoms
        )
        _symptoms_result(owner)
        return
    before = selectors.plan_current(owner=owner)
    feedback: dict[int, Feedback] = {}
    for row in done:
        feeling = _feeling(row.name)
        during = prompts.whole_number("  Pain during it, from 0 to 10?", low=0, high=10)
        feedback[row.order] = Feedback(feeling=feeling, pain_during=during)
    worried = False
    if stopped or len(done) < len(rows):
        worried = prompts.yes_no(
            "Did you stop early because of pain or something else that did not feel right?",
            default=False,
        )
    services.session_finish(
        owner=owner,
        session=session,
        pain_after=pain_after,
        feedback=feedback,
        stopped_for_symptoms=worried,
    )
    after = selectors.plan_current(owner=owner)
    console.print()
    if worried:
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(width=2, style="dim")
        bullets.add_column(ratio=1)
        for line in default_library().advice.safety_net:
            bullets.add_row("•", line)
        console.print(
            Panel(
                Group(
                    Text(
                        "Stopping was the right thing to do. Rest, and keep to what feels "
                        "comfortable today."
                    ),
                    Text(),
                    bullets,
                    Text(),
                    Text.from_markup("To take the safety check again, run [bold]upback screen[/]."),
                ),
                title="[bold]Something did not feel right[/]",
                border_style="red",
                padding=(1, 2),
                width=min(console.width, 76),
            )
        )
    change = pain_change(session.pain_before, pain_after)
    skipped = len(rows) - len(done)
    summary = f"{len(done)} of {len(rows)} exercise{'s' if len(rows) != 1 else ''} done."
    if not done:
        summary = "No exercises done this time. That is fine: try again when your back is ready."
    elif skipped:
        summary += f" {skipped} skipped; doing part of the routine still counts."
    console.print(
        Panel(
            f"Pain before [bold]{session.pain_before}[/] · after [bold]{pain_after}[/] (out of 10)"
            f"\n\n{escape(change.message)}\n\n{summary}",
            title="[bold]Session saved[/]",
            title_align="left",
            border_style="green",
            padding=(1, 2),
            width=min(console.width, 76),
        )
    )
    if after is not None and (before is None or after.version != before.version):
        console.print(
            f"Your plan has changed after this session ({escape(after.reason)}). The Plan page "
            "on the web shows what changed and why."
        )
    console.print(
        "[dim]Saved, so the web shows it too. Today's check-in: [bold]upback log --pain N[/][/]"
    )


def _symptoms_result(owner: Any) -> None:
    """After a symptom that means stop: the safety check's result for it, as `upback screen`
    shows it, and no more questions."""
    from upback.cli import render
    from upback.coach import selectors
    from upback.core import safety

    console.print(
        "\nYour session and the symptoms you chose are saved. upback has stopped the session so "
        "you can get checked; the rest of the questions can wait."
    )
    latest = selectors.screening_latest(owner=owner)
    if latest is None:
        return
    screening = safety.parse_screening({"age": latest.age, "answers": latest.answers})
    console.print()
    console.print(render.screen_result(safety.screen(screening)))
