"""`upback library`: browse the techniques, show one, dump them as JSON, or check the content."""

from __future__ import annotations

import difflib
from typing import Annotated

import typer
from rich.markup import escape

from upback.cli import render
from upback.cli.app import app, bad_input_is_exit_2, fail
from upback.cli.consoles import console
from upback.cli.jsonfile import dumps
from upback.core.errors import InputProblem
from upback.core.library import LibraryError, check_content, default_library
from upback.core.vocab import Equipment, Kind, Position


def _choice(
    value: str | None, enum: type[Kind] | type[Equipment] | type[Position], flag: str
) -> str | None:
    if value is None:
        return None
    allowed = [member.value for member in enum]
    if value not in allowed:
        raise InputProblem(f"{flag}: '{value}' is not one of {', '.join(allowed)}")
    return value


@app.command("library")
@bad_input_is_exit_2
def library_command(
    target: Annotated[
        str | None,
        typer.Argument(help="A technique's slug to show it, or 'check' to check the content."),
    ] = None,
    kind: Annotated[str | None, typer.Option(help="Only this kind, e.g. stretch.")] = None,
    equipment: Annotated[
        str | None, typer.Option(help="Only techniques that use this, e.g. foam_roller.")
    ] = None,
    position: Annotated[str | None, typer.Option(help="Only this position, e.g. seated.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the techniques, show one (upback library SLUG), or check the content."""
    if target == "check":
        problems = check_content()
        if problems:
            for line in problems:
                console.print(f"[red]✗[/] {escape(line)}")
            console.print(f"[bold red]{len(problems)} problem(s) in the library.[/]")
            raise typer.Exit(1)
        library = default_library()
        console.print(
            f"[green]✓[/] The library is healthy: {len(library.techniques)} techniques, "
            f"{len(library.advice.desk)} desk fixes, {len(library.advice.habits)} habits."
        )
        return

    try:
        library = default_library()
    except LibraryError as error:
        fail(
            f"the library has problems; run 'upback library check' ({len(error.problems)} found)", 1
        )

    if target is not None:
        if target not in library.techniques:
            close = difflib.get_close_matches(target, library.techniques.keys(), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; see 'upback library'"
            raise InputProblem(f"technique '{target}' is not in the library{hint}")
        technique = library.get(target)
        if as_json:
            print(dumps(technique.to_json()))
        else:
            console.print(render.technique_detail(technique, library))
        return

    chosen = library.filter(
        kind=Kind(k) if (k := _choice(kind, Kind, "--kind")) else None,
        equipment=Equipment(e) if (e := _choice(equipment, Equipment, "--equipment")) else None,
        position=Position(p) if (p := _choice(position, Position, "--position")) else None,
    )
    if as_json:
        print(dumps([t.to_json() for t in chosen]))
        return
    if not chosen:
        console.print("No technique matches those filters.")
        return
    kind_order = list(Kind)
    chosen.sort(key=lambda t: (kind_order.index(t.kind), t.name))
    console.print(render.technique_table(chosen))
    console.print(
        f"[dim]{len(chosen)} technique(s). Show one with: upback library SLUG[/]", soft_wrap=True
    )
