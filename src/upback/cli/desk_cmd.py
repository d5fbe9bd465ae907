"""`upback desk`: the workstation check, chair, desk and screen numbers from your height, and the
text-neck model."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Prompt
from rich.table import Table

from upback.cli.app import app, bad_input_is_exit_2
from upback.cli.consoles import console
from upback.core import desk as core
from upback.core import desk_check as checking
from upback.core.errors import InputProblem

desk = typer.Typer(
    name="desk",
    help="Check your workstation, desk numbers from your height, and the text-neck model.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(desk, name="desk")

OPTION_NAMES = {
    "height_cm": "--height-cm",
    "fixed_desk_mm": "--fixed-desk-cm",
    "angle_degrees": "--angle",
}


def _as_option(problem: core.DeskInputProblem, fixed_desk_cm: float | None = None) -> InputProblem:
    if problem.field == "fixed_desk_mm":
        return InputProblem(
            f"--fixed-desk-cm: must be between 50 and 130 cm (got {fixed_desk_cm:g})"
        )
    return InputProblem(f"{OPTION_NAMES.get(problem.field, problem.field)}: {problem.detail}")


def _cm(mm: float) -> str:
    return f"{mm / 10:.1f} cm"


def _value(figure: core.Figure) -> str:
    if figure.is_range:
        return f"{_cm(figure.low_mm)} - {_cm(figure.high_mm)}"
    return _cm(figure.mm)


def _range_mm(figure: core.Figure) -> str:
    if figure.is_range:
        return f"{round(figure.low_mm)}-{round(figure.high_mm)} mm"
    return f"{round(figure.mm)} mm"


@desk.command("calc")
@bad_input_is_exit_2
def calc_command(
    height_cm: Annotated[float, typer.Option("--height-cm", help="Your height in cm (120-220).")],
    fixed_desk_cm: Annotated[
        float | None,
        typer.Option("--fixed-desk-cm", help="Your desk's height in cm, if it cannot change."),
    ] = None,
    bifocals: Annotated[
        bool, typer.Option("--bifocals", help="You wear bifocals or progressives.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
) -> None:
    """Chair, desk and screen heights and screen distance from your height, with sources."""
    try:
        numbers = core.calculate(
            height_cm=height_cm,
            bifocals=bifocals,
            fixed_desk_mm=None if fixed_desk_cm is None else fixed_desk_cm * 10,
        )
    except core.DeskInputProblem as problem:
        raise _as_option(problem, fixed_desk_cm) from None
    if as_json:
        print(json.dumps(numbers.to_json(), ensure_ascii=False, indent=2))
        return

    table = Table(
        title=f"Desk numbers for a height of {height_cm:g} cm (heights from the floor)",
        title_justify="left",
        show_lines=True,
    )
    table.add_column("What", style="bold", no_wrap=True)
    table.add_column("Set to", no_wrap=True)
    table.add_column("mm", no_wrap=True)
    table.add_column("How it should feel / where from")
    for figure in numbers.figures:
        detail = f"{figure.note}\n[dim]{figure.source}[/]" if figure.note else figure.source
        table.add_row(figure.label, _value(figure), _range_mm(figure), detail)
    console.print(table)
    if numbers.fixed_desk is not None:
        console.print(f"\n[bold]Fixed desk:[/] {numbers.fixed_desk.advice}")
    console.print()
    for caveat in numbers.caveats:
        console.print(f"[dim]- {caveat}[/]")


@desk.command("neck")
@bad_input_is_exit_2
def neck_command(
    angle: Annotated[
        float, typer.Option("--angle", help="How far your head bends forward, 0-60 degrees.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """The modelled load on the neck when the head bends forward (a model, not a measurement)."""
    try:
        result = core.text_neck(angle)
    except core.DeskInputProblem as problem:
        raise _as_option(problem) from None
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    lb = _pair(result.low_lb, result.high_lb, "lb")
    kg = _pair(result.low_kg, result.high_kg, "kg")
    console.print(
        f"At {angle:g}° forward, a computer model puts the load on the neck at about {kg} ({lb})."
    )
    console.print(f"[dim]{result.caveat}[/]")
    console.print(f"[dim]Source: {result.source}[/]")
    console.print()
    console.print(result.message)


def _pair(low: float, high: float, unit: str) -> str:
    if round(low) == round(high):
        return f"{low:.0f} {unit}"
    return f"{low:.0f}-{high:.0f} {unit}"


# ---------------------------------------------------------------------------------------------
# upback desk check
# ---------------------------------------------------------------------------------------------

# What a person may type for each answer, on the command line or at the prompt.
ANSWER_ALIASES = {
    "yes": "yes",
    "y": "yes",
    "no": "no",
    "n": "no",
    "not_sure": "not_sure",
    "not-sure": "not_sure",
    "unsure": "not_sure",
    "?": "not_sure",
    "not_applicable": "not_applicable",
    "n/a": "not_applicable",
    "na": "not_applicable",
}
ANSWER_WORDS = {"no": "You answered no.", "not_sure": "You were not sure."}
SCORE_STYLE = {"Good set-up": "green", "A few changes will help": "cyan"}


def _can_ask() -> bool:
    """Questions are asked only when a person is at the keyboard (not in a script or a pipe)."""
    return sys.stdin.isatty()


def parse_answers(text: str) -> dict[str, str]:
    """`KEY=VALUE,...` -> the core's answers; a problem names --answers and the pair."""
    answers: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        key, sep, value = part.partition("=")
        key = key.strip().replace("-", "_")
        if not sep:
            raise InputProblem(f"--answers: write each answer as KEY=VALUE (got {part!r})")
        if key not in checking.CHECK_KEYS:
            raise InputProblem(
                f"--answers: unknown question {key!r}; the questions are "
                f"{', '.join(checking.CHECK_KEYS)}"
            )
        answer = ANSWER_ALIASES.get(value.strip().lower())
        if answer is None:
            raise InputProblem(f"--answers: {key}={value.strip()!r}: answer yes, no or not_sure")
        answers[key] = answer
    return answers


def _ask(item: checking.CheckItem, number: int) -> str:
    console.print()
    console.print(f"[bold]{number}.[/] {escape(item.question)}")
    choices = {"y": "yes", "n": "no", "?": "not_sure"}
    prompt = "   \\[y] yes  \\[n] no  \\[?] not sure"
    if item.not_applicable:
        choices["x"] = "not_applicable"
        prompt += f"  \\[x] {item.not_applicable}"
    answer = Prompt.ask(prompt, choices=list(choices), show_choices=False, console=console)
    return choices[answer]


def check_view(result: checking.DeskCheck) -> Panel:
    label, sentence = checking.score_words(result.score)
    style = SCORE_STYLE.get(label, "yellow")
    body = Table.grid()
    body.add_row(f"[bold {style}]{result.score} out of 100[/]  {sentence}")
    if result.fixes:
        fixes = Table.grid(padding=(0, 1))
        fixes.add_column(width=3, justify="right", style="bold")
        fixes.add_column(ratio=1)
        for number, fix in enumerate(result.fixes, start=1):
            if number > 1:
                fixes.add_row("", "")
            fixes.add_row(
                f"{number}.", f"[bold]{escape(fix.question)}[/] [dim]{ANSWER_WORDS[fix.answer]}[/]"
            )
            fixes.add_row("", f"[dim]Why:[/] {escape(fix.why)}")
            fixes.add_row("", f"[dim]Do:[/]  {escape(fix.how)}")
        body.add_row("")
        body.add_row("[bold]What to change, most useful first[/]")
        body.add_row(fixes)
    return Panel(
        body, title=f"[bold]{label}[/]", title_align="left", border_style=style, padding=(1, 2)
    )


@desk.command("check")
@bad_input_is_exit_2
def check_command(
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="KEY=VALUE,...",
            help="Your answers instead of the questions, e.g. breaks=no,screen_height=yes "
            "(yes, no or not_sure; laptop_raised may be n/a). Questions left out count as "
            "not sure.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Ten questions about your workstation: a score out of 100 and the fixes, most useful first."""
    given = parse_answers(answers) if answers is not None else {}
    missing = [item for item in checking.CHECK_ITEMS if item.key not in given]
    if missing and not as_json and _can_ask():
        if not given:
            console.print(
                "Ten quick questions about how you usually sit and work. "
                "Not sure is fine: it counts as half."
            )
        for item in missing:
            given[item.key] = _ask(item, checking.CHECK_KEYS.index(item.key) + 1)
        missing = []
    elif answers is None:
        raise InputProblem(
            "--answers: give your answers as KEY=VALUE,... (upback can only ask the questions "
            "in a terminal)"
        )
    try:
        result = checking.check(given)
    except core.DeskInputProblem as problem:
        raise InputProblem(f"--answers: {problem.detail}") from None
    unanswered = [item.key for item in missing]
    if as_json:
        print(
            json.dumps({**result.to_json(), "unanswered": unanswered}, ensure_ascii=False, indent=2)
        )
        return
    console.print()
    console.print(check_view(result))
    if unanswered:
        console.print(f"[dim]Not answered, so counted as not sure: {', '.join(unanswered)}.[/]")
    console.print(
        "For the chair, desk and screen heights that suit you: "
        "[bold]upback desk calc --height-cm N[/]"
    )
