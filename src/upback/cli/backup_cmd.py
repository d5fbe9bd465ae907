"""`upback backup FILE` and `upback restore FILE`: the whole install, saved and brought back.

The backup is consistent and safe while the server runs. A restore goes only into an empty
install and runs the migrations afterwards. See `upback.coach.services.backup` for the format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from upback.cli import db
from upback.cli.app import app, bad_input_is_exit_2, fail
from upback.cli.consoles import console


@app.command("backup")
@bad_input_is_exit_2
def backup_command(
    file: Annotated[Path, typer.Argument(help="Where to write the backup.", show_default=False)],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace FILE if it already exists.")
    ] = False,
) -> None:
    """Save a consistent copy of all upback data to FILE (safe while the server runs)."""
    db.setup()
    from upback.coach.services.backup import KIND_WORDS, BackupFailed, database_backup

    try:
        kind = database_backup(target=file, overwrite=overwrite)
    except BackupFailed as problem:
        fail(str(problem), 1)
    size = file.stat().st_size
    console.print(
        f"Backed up {db.database_description()}\nto {file} ({KIND_WORDS[kind]}, "
        f"{size / 1024:,.0f} KiB).\nKeep it somewhere safe: it holds health data.",
        soft_wrap=True,
    )


@app.command("restore")
@bad_input_is_exit_2
def restore_command(
    file: Annotated[Path, typer.Argument(help="A backup made by `upback backup`.")],
) -> None:
    """Restore a backup into this install, which must be empty (stop the server first)."""
    db.setup()
    from upback.coach.services.backup import BackupFailed, backup_kind, database_restore

    try:
        backup_kind(file)  # a missing or foreign file is refused before the database is touched
        database_restore(source=file)
    except BackupFailed as problem:
        fail(str(problem), 1)
    console.print(
        f"Restored {file} into {db.database_description()} and brought it up to date.\n"
        "Start the server with `upback serve`.",
        soft_wrap=True,
    )
