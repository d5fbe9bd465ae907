"""`upback desk`: chair, desk and screen numbers from your height, and the text-neck model."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from upback.cli.app import app, bad_input_is_exit_2, console
from upback.core import desk as core
from upback.core.errors import InputProblem

desk = typer.Typer(
    name="desk",
    help="Desk numbers from your height, and the text-neck model.",
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
