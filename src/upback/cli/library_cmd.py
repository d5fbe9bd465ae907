"""`upback library`: browse the techniques, show one, dump them as JSON, or check the content.

Showing one technique also saves its moving picture in the data directory and prints a link to
it (not while a safety check says stop); --figure and --strip save the pictures elsewhere.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from upback.cli import db, render
from upback.cli.app import app, bad_input_is_exit_2, fail
from upback.cli.consoles import console
from upback.cli.figure_files import (
    no_figure_reason,
    picture_line,
    picture_svg,
    saved_figure,
    write_if_changed,
)
from upback.cli.jsonfile import dumps
from upback.cli.options import file_to_write
from upback.core.errors import InputProblem
from upback.core.exercise_figure import has_figure
from upback.core.library import LibraryError, Technique, check_content, default_library
from upback.core.vocab import Equipment, Kind, Position


def _stopped() -> bool:
    """True while the local person's latest safety check says stop: then no exercise picture."""
    db.migrate()
    from upback.coach.selectors.screenings import care_state_get

    return care_state_get(owner=db.local_user()).stopped


def _show_picture(technique: Technique) -> None:
    """Save the moving picture in the data directory and print a link to it."""
    if not has_figure(technique) or _stopped():
        return
    path = saved_figure(technique)
    if path is not None:
        console.print(picture_line(path, indent="  "), soft_wrap=True)


def _save_pictures(technique: Technique, saving: dict[str, Path]) -> None:
    """--figure / --strip: write the pictures where the person asked."""
    if not has_figure(technique):
        raise InputProblem(f"{next(iter(saving))}: {no_figure_reason(technique)}")
    targets: list[tuple[str, Path]] = []
    for flag, given in saving.items():
        if given.suffix.lower() != ".svg":
            raise InputProblem(f"{flag}: {given} must end in .svg")
        targets.append((flag, file_to_write(given, flag, f"{technique.slug}.svg")))
    if _stopped():
        fail(
            "your latest safety check found a warning sign, so upback shows no exercises "
            "until a clinician has checked you; run 'upback start' when you have been",
            1,
        )
    for flag, path in targets:
        try:
            write_if_changed(path, picture_svg(technique, strip=flag == "--strip"))
        except OSError as problem:
            raise InputProblem(
                f"{flag}: {path} cannot be written ({problem.strerror or problem})"
            ) from None
        what = "The numbered steps" if flag == "--strip" else "The moving picture"
        console.print(f"{what} of {escape(technique.name)}:")
        console.print(picture_line(path, indent="  "), soft_wrap=True)


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
    figure: Annotated[
        Path | None,
        typer.Option(
            "--figure",
            metavar="FILE.svg",
            help="Save the technique's moving picture to FILE.svg (opens in a browser).",
        ),
    ] = None,
    strip: Annotated[
        Path | None,
        typer.Option(
            "--strip",
            metavar="FILE.svg",
            help="Save its numbered steps as one still picture to FILE.svg (for printing).",
        ),
    ] = None,
) -> None:
    """List the techniques, show one (upback library SLUG), or check the content."""
    asked = (("--figure", figure), ("--strip", strip))
    saving = {flag: path for flag, path in asked if path is not None}
    if saving and (target is None or target == "check"):
        flag = next(iter(saving))
        raise InputProblem(f"{flag}: name a technique, as in: upback library SLUG {flag} FILE.svg")
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
        if saving:
            _save_pictures(technique, saving)
        elif as_json:
            print(dumps(technique.to_json()))
        else:
            console.print(render.technique_detail(technique, library))
            _show_picture(technique)
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
