"""`upback screen`: the safety screen, interactive or from a JSON file (the machine contract)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from upback.cli import db, flows, render
from upback.cli.app import app, bad_input_is_exit_2
from upback.cli.consoles import console
from upback.cli.jsonfile import dumps, read_objects
from upback.core import safety


@app.command("screen")
@bad_input_is_exit_2
def screen_command(
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="A JSON file with one screening object or a list of them."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Take the safety screen: the warning signs that mean get help before exercising."""
    if answers is None:
        if as_json:
            typer.echo("error: --json needs --answers FILE", err=True)
            raise typer.Exit(2)
        db.migrate()
        owner = db.local_user()
        screening, result = flows.ask_screen()
        from upback.coach import services

        services.screening_record(owner=owner, screening=screening, source="cli")
        console.print()
        console.print(render.screen_result(result))
        return

    objects, was_list = read_objects(answers, what="screening")
    results = []
    for index, raw in enumerate(objects):
        where = f"[{index}].answers" if was_list else "answers"
        screening = safety.parse_screening(raw, where=where)
        results.append(safety.screen(screening))
    if as_json:
        payload = [r.to_json() for r in results]
        print(dumps(payload if was_list else payload[0]))
        return
    for result in results:
        console.print(render.screen_result(result))
