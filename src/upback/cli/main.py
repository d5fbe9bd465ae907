"""The `upback` command. Each sub-command lives in its own module and registers itself on `app`."""

from __future__ import annotations

from typing import Annotated

import typer

from upback import __version__
from upback.cli import (  # noqa: F401  (each module registers its command)
    backup_cmd,
    calendar_cmd,
    check_cmd,
    data_cmd,
    desk_cmd,
    habit_cmd,
    heat_cmd,
    library_cmd,
    log_cmd,
    plan_cmd,
    progress_cmd,
    remind_cmd,
    report_cmd,
    screen_cmd,
    serve_cmd,
    session_cmd,
    sleep_cmd,
    start_cmd,
)
from upback.cli.app import app, console


@app.command("migrate")
def migrate_command(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show each migration.")] = False,
) -> None:
    """Create or update the database (safe to run any time)."""
    from upback.cli import db

    db.migrate(verbosity=1 if verbose else 0)
    console.print(f"Ready: {db.database_description()}.")


@app.command("version")
def version_command() -> None:
    """Print upback's version."""
    console.print(f"upback {__version__}")


def run() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    run()
