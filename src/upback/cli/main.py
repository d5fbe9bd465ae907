"""The `upback` command. Each sub-command lives in its own module and registers itself on `app`
when imported; `command_index` lists them, and the app imports one only when it is used."""

from __future__ import annotations

from typing import Annotated

import typer

from upback import __version__
from upback.cli.app import app


@app.command("migrate")
def migrate_command(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show each migration.")] = False,
) -> None:
    """Create or update the database (safe to run any time)."""
    from upback.cli import db
    from upback.cli.consoles import console

    db.migrate(verbosity=1 if verbose else 0)
    console.print(f"Ready: {db.database_description()}.")


@app.command("version")
def version_command() -> None:
    """Print upback's version."""
    from upback.cli.consoles import console

    console.print(f"upback {__version__}")


def run() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    run()
