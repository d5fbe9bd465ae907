"""`upback handout`: your current plan as a printable PDF, the same sheet as the plan page's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from upback.cli import db
from upback.cli.app import app, bad_input_is_exit_2, fail
from upback.cli.consoles import console
from upback.cli.options import file_to_write


@app.command("handout")
@bad_input_is_exit_2
def handout_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.pdf",
            help="Where to save the PDF (default: upback-home-program-DATE.pdf).",
        ),
    ] = None,
) -> None:
    """Your plan as a printable exercise sheet (PDF): one card per exercise, with tick boxes.

    Each card has the picture where there is one, the dose, the days, the steps, what to take
    care with, and a box to tick for each day of the next two weeks, starting today.
    """
    path = file_to_write(output, "-o", "handout.pdf") if output is not None else None
    db.migrate()
    from upback.coach.handout.build import handout_build
    from upback.coach.handout.pdf import handout_pdf
    from upback.coach.services.plans import NoPlan, SafetyStop

    owner = db.local_user()
    try:
        handout = handout_build(owner=owner)
    # Not bad input but where the person stands, so exit 1, as `upback session` does.
    except SafetyStop as stop:
        fail(f"{stop} Run 'upback screen' to take the safety check again.", code=1)
    except NoPlan:
        fail("There is no plan yet: run 'upback start' to make one.", code=1)
    target = path or Path(handout.filename)
    try:
        target.write_bytes(handout_pdf(handout))
    except OSError as problem:
        fail(f"-o: cannot write {target}: {problem.strerror or problem}.")
    count = len(handout.cards)
    console.print(
        f"Saved your home exercise sheet ({count} exercise{'s' if count != 1 else ''}, "
        f"{handout.period}) to [bold]{escape(str(target))}[/]. Print it and tick a box each "
        "day; make a new one when your plan changes."
    )
