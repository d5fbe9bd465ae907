"""`upback heat-cold`: heat, cold, or neither for now, with minutes, barrier and skin checks.

Every answer has a flag, for scripts; in a terminal, the questions not given as flags are asked
one by one. Safety questions left unanswered in a script count as "not sure", which never clears
anyone (core.heat_cold). While the person's latest safety check says stop, the answer is
"neither for now", as on the web.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Prompt
from rich.table import Table
from rich.text import Text

from upback.cli import db, prompts
from upback.cli.app import app, bad_input_is_exit_2
from upback.cli.consoles import console
from upback.core import heat_cold as core
from upback.core.errors import InputProblem

SAFETY_FLAGS = {key: "--" + key.replace("_", "-") for key in core.SAFETY_KEYS}
ANSWERS = {"yes": "yes", "no": "no", "unsure": "not_sure", "not-sure": "not_sure"}
ANSWERS["not_sure"] = "not_sure"
STYLES = {"heat": "dark_orange", "cold": "blue", "neither": "yellow", "get_help": "red"}

YesNoUnsure = Annotated[str | None, typer.Option(metavar="yes|no|unsure", show_default=False)]


def _can_ask() -> bool:
    """Questions are asked only when a person is at the keyboard (not in a script or a pipe)."""
    return sys.stdin.isatty()


def _feels(values: list[str] | None) -> list[str]:
    picked: list[str] = []
    for value in values or []:
        for word in value.replace(" ", ",").split(","):
            word = word.strip().lower()
            if not word:
                continue
            if word not in core.FEELS:
                raise InputProblem(f"--feels: {word!r} is not one of {', '.join(core.FEELS)}")
            if word not in picked:
                picked.append(word)
    return picked


def _safety(flag: str, value: str) -> str:
    answer = ANSWERS.get(value.strip().lower())
    if answer is None:
        raise InputProblem(f"{flag}: answer yes, no or unsure (got {value!r})")
    return answer


def _ask_since() -> int | None:
    while True:
        raw = Prompt.ask(
            "\n[bold]About how many days ago did it start?[/] (0 for today, Enter to skip)",
            default="",
            show_default=False,
            console=console,
        ).strip()
        if not raw:
            return None
        if raw.isdigit() and int(raw) <= core.SINCE_DAYS_MAX:
            return int(raw)
        console.print(
            f"[red]Please give a whole number of days from 0 to {core.SINCE_DAYS_MAX}.[/]"
        )


def _bullets(lines: tuple[str, ...] | list[str], marker: str = "•") -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right", style="dim")
    grid.add_column(ratio=1)
    for index, line in enumerate(lines, start=1):
        grid.add_row(f"{index}." if marker == "1." else marker, escape(line))
    return grid


def answer_view(result: core.HeatColdResult) -> Panel:
    parts: list[RenderableType] = [Text(reason) for reason in result.reasons]
    use = result.use
    if use is not None:
        checks = " and ".join(str(m) for m in range(5, use.minutes_low, 5))
        parts += [
            Text(),
            Text.from_markup(
                f"[bold]Timer:[/] {use.minutes_low} minutes"
                + (f", looking at your skin at {checks} minutes" if checks else "")
            ),
            Text(),
        ]
        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="bold", no_wrap=True)
        facts.add_column(ratio=1)
        for label, text in (
            ("How long", use.minutes),
            ("Barrier", use.barrier),
            ("Skin checks", use.skin_checks),
            ("Stop if", use.stop_if),
            ("How often", use.wait),
        ):
            facts.add_row(label, escape(text))
        parts += [facts, Text(), Text("Step by step", style="bold"), _bullets(use.steps, "1.")]
    if result.after:
        parts += [Text(), Text(result.after + " See them with: upback library")]
    if result.notes:
        parts += [Text(), Text("Good to know", style="bold"), _bullets(result.notes)]
    parts += [Text(), Text("Always", style="bold"), _bullets(result.never)]
    return Panel(
        Group(*parts),
        title=f"[bold]{escape(result.headline)}[/]",
        title_align="left",
        border_style=STYLES[result.choice],
        padding=(1, 2),
    )


def _red_flag() -> bool:
    """True while the local person's latest safety check says stop (emergency or urgent)."""
    db.migrate()
    from upback.coach.selectors.screenings import care_state_get

    return care_state_get(owner=db.local_user()).stopped


@app.command("heat-cold")
@bad_input_is_exit_2
def heat_cold_command(
    feels: Annotated[
        list[str] | None,
        typer.Option(
            "--feels",
            metavar="tight|achy|stiff|new|swollen|sharp",
            help="How the pain feels; repeat or separate with commas for more than one.",
            show_default=False,
        ),
    ] = None,
    since_days: Annotated[
        int | None,
        typer.Option(
            "--since-days",
            min=0,
            max=core.SINCE_DAYS_MAX,
            help="About how many days ago it started.",
        ),
    ] = None,
    chest_pain: YesNoUnsure = None,
    reduced_feeling: YesNoUnsure = None,
    diabetes: YesNoUnsure = None,
    poor_circulation: YesNoUnsure = None,
    cold_allergy: YesNoUnsure = None,
    drowsy: YesNoUnsure = None,
    broken_skin: YesNoUnsure = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Heat or cold for your back? A few questions, then which to use, how long, and how safely.

    Safety questions (yes, no or unsure): --chest-pain (pain or pressure in the chest now),
    --reduced-feeling (less feeling in the skin there), --diabetes (diabetes or nerve damage),
    --poor-circulation (or Raynaud's), --cold-allergy, --drowsy (sleeping tablets, opioids or
    alcohol today, or might doze off), --broken-skin (or a rash there). Any left out count as
    unsure, and unsure never clears you.
    """
    given = {
        "chest_pain": chest_pain,
        "reduced_feeling": reduced_feeling,
        "diabetes": diabetes,
        "poor_circulation": poor_circulation,
        "cold_allergy": cold_allergy,
        "drowsy": drowsy,
        "broken_skin": broken_skin,
    }
    safety = {key: _safety(SAFETY_FLAGS[key], value) for key, value in given.items() if value}
    picked = _feels(feels)
    ask = not as_json and _can_ask()
    nothing_given = not picked and since_days is None and not safety
    if not picked:
        if not ask:
            raise InputProblem(f"--feels: say how the pain feels: {', '.join(core.FEELS)}")
        picked = prompts.some_of(
            "How does the pain feel? Pick all that fit.", list(core.FEEL_LABELS.items())
        )
        while not picked:
            console.print("[red]Please pick at least one.[/]")
            picked = prompts.some_of("How does the pain feel?", list(core.FEEL_LABELS.items()))
    if ask and nothing_given:
        since_days = _ask_since()
    unanswered = [key for key in core.SAFETY_KEYS if key not in safety]
    if ask and unanswered:
        console.print(
            "\n[bold]Safety first.[/] If you are not sure, say so: upback will be careful."
        )
        for number, key in enumerate(unanswered, start=1):
            question = core.QUESTION_BY_KEY[key]
            safety[key] = prompts.yes_no_not_sure(question.text, question.help, number=number)
        unanswered = []

    try:
        answers = core.parse_answers(
            feels=picked, since_days=since_days, safety=safety, red_flag=_red_flag()
        )
    except core.HeatColdProblem as problem:
        flag = SAFETY_FLAGS.get(problem.field, "--" + problem.field.replace("_", "-"))
        raise InputProblem(f"{flag}: {problem.detail}") from None
    result = core.decide(answers)
    if as_json:
        out: dict[str, Any] = {
            **result.to_json(),
            "unanswered": unanswered,
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    console.print()
    if unanswered:
        flags = ", ".join(SAFETY_FLAGS[key] for key in unanswered)
        console.print(f"[yellow]Not answered, so taken as unsure:[/] {flags}")
    console.print(answer_view(result))
    console.print("[dim]Guidance for self-care, not a diagnosis.[/]")
