"""`upback report`: the clinician report as a PDF, for the same period rules as the web."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from upback.cli import db
from upback.cli.app import app, bad_input_is_exit_2, fail
from upback.cli.consoles import console
from upback.cli.options import date_option, file_to_write

OPTIONS = {"from": "--from", "to": "--to"}


@app.command("report")
@bad_input_is_exit_2
def report_command(
    start: Annotated[
        str | None,
        typer.Option("--from", help="First day, YYYY-MM-DD (default: 6 weeks before --to)."),
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (default: today).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where to save the PDF (default: upback-report-DATE.pdf)."
        ),
    ] = None,
) -> None:
    """A PDF report for your physio: pain, relief, sessions, safety checks, plan and notes."""
    first = date_option(start, "--from")
    last = date_option(end, "--to")
    if output is not None:
        output = file_to_write(output, "-o", "report.pdf")
    db.migrate()
    from upback.coach.report.build import PeriodError, report_build, report_period
    from upback.coach.report.pdf import report_pdf
    from upback.coach.selectors.accounts import local_today

    owner = db.local_user()
    try:
        first, last = report_period(start=first, end=last, today=local_today(owner=owner))
    except PeriodError as problem:
        fail(f"{OPTIONS[problem.field]}: {problem}")
    report = report_build(owner=owner, start=first, end=last)
    target = output or Path(report.filename)
    try:
        target.write_bytes(report_pdf(report))
    except OSError as problem:
        fail(f"-o: cannot write {target}: {problem.strerror or problem}.")
    where = escape(str(target))
    console.print(
        f"Saved the report for [bold]{report.period}[/] to [bold]{where}[/]. It holds health "
        "details: share it only with people you choose."
    )
