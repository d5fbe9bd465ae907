"""`upback export`, `upback import` and `upback delete-account`: your data, from the terminal.

They work on the terminal's own account (UPBACK_USER, or your login name), like every other
command, and share the web's export format: a zip exported on one side imports on the other.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.prompt import Prompt

from upback.cli import db
from upback.cli.app import app, bad_input_is_exit_2, fail
from upback.cli.consoles import console
from upback.core.errors import InputProblem

KEEP_SAFE = "It holds health information about you: keep it somewhere safe."


def _write_atomically(path: Path, content: bytes) -> None:
    """Write next to the target and rename, so a half-written file never takes its place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _target(output: Path | None, default_name: str, *, force: bool) -> Path:
    path = output if output is not None else Path(default_name)
    if path.suffix.lower() not in (".zip", ".json"):
        raise InputProblem(f"--output: {path} must end in .zip (everything) or .json")
    if path.is_dir():
        raise InputProblem(f"--output: {path} is a folder; give a file name ending in .zip")
    if not path.parent.is_dir():
        raise InputProblem(f"--output: the folder {path.parent} does not exist")
    if path.exists() and not force:
        raise InputProblem(
            f"--output: {path} already exists; choose another name, or add --force to replace it"
        )
    return path


@app.command("export")
@bad_input_is_exit_2
def export_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to save it: a .zip (everything, with spreadsheets) or a .json "
            "(upback.json only). Default: upback-<you>-<date>.zip in this folder.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file if it already exists.")
    ] = False,
) -> None:
    """Save everything you have recorded in one file, to keep or to import elsewhere."""
    db.migrate()
    from upback.coach.selectors.data import data_counts
    from upback.coach.services.data import (
        data_export,
        data_export_document,
        data_export_filename,
        data_export_json,
    )

    owner = db.local_user()
    now = dt.datetime.now(dt.UTC)
    path = _target(output, data_export_filename(owner=owner, now=now), force=force)
    if path.suffix.lower() == ".json":
        content = data_export_json(data_export_document(owner=owner, now=now)).encode()
    else:
        content = data_export(owner=owner, now=now).content
    try:
        _write_atomically(path, content)
    except OSError as error:
        raise InputProblem(f"--output: {path} cannot be written ({error.strerror})") from None
    counts = data_counts(owner=owner)
    console.print(
        f"Saved your data to [bold]{escape(str(path))}[/]: {counts.checkins} check-ins, "
        f"{counts.sessions} sessions, {counts.plans} plan versions, "
        f"{counts.screenings} safety checks and {counts.reviews} reviews."
    )
    console.print(f"[dim]{KEEP_SAFE}[/]")


@app.command("import")
@bad_input_is_exit_2
def import_command(
    file: Annotated[
        Path, typer.Argument(help="An upback export: the .zip, or the upback.json inside it.")
    ],
) -> None:
    """Bring back an export into this account (it must have no data yet)."""
    db.migrate()
    from upback.coach.services.data import MAX_FILE_BYTES, AccountNotEmpty, data_import

    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise InputProblem(f"{file}: too large to be an upback export")
        content = file.read_bytes()
    except FileNotFoundError:
        raise InputProblem(f"{file}: no such file") from None
    except IsADirectoryError:
        raise InputProblem(f"{file}: is a folder; give the .zip file") from None
    except OSError as error:
        raise InputProblem(f"{file}: cannot be read ({error.strerror})") from None
    owner = db.local_user()
    try:
        summary = data_import(owner=owner, content=content)
    except AccountNotEmpty as problem:
        fail(
            f"{str(problem).rstrip('.')}. To import into a new account instead, run: "
            f"UPBACK_USER=another-name upback import {file}"
        )
    except InputProblem as problem:
        fail(f"{file}: {str(problem).rstrip('.')}. Nothing was imported.")
    if summary.empty:
        console.print("Imported. The file held only account settings, no records yet.")
    else:
        console.print(f"Your data is back: {summary.describe()}.")


@app.command("delete-account")
@bad_input_is_exit_2
def delete_account_command(
    confirm: Annotated[
        str | None,
        typer.Option(
            "--confirm",
            metavar="USERNAME",
            help="Your username, to delete without being asked (for scripts).",
        ),
    ] = None,
) -> None:
    """Delete this account and everything recorded in it, for good."""
    db.migrate()
    from upback.coach.selectors.data import data_counts
    from upback.coach.services.data import account_delete

    owner = db.local_user()
    username = owner.username
    if confirm is None:
        counts = data_counts(owner=owner)
        console.print(
            f"This deletes the account [bold]{escape(username)}[/] and everything in it, for "
            f"good: {counts.checkins} check-ins, {counts.sessions} sessions, {counts.plans} plan "
            f"versions, {counts.screenings} safety checks and {counts.reviews} reviews."
        )
        console.print("[dim]To keep a copy first, run: upback export[/]")
        confirm = Prompt.ask(
            f"Type your username ({escape(username)}) to delete it, or press Enter to keep it",
            default="",
            show_default=False,
            console=console,
        )
        if not confirm.strip():
            console.print("Nothing was deleted.")
            raise typer.Exit(1)
    if confirm.strip() != username:
        fail(f"That is not this account's username ({username}); nothing was deleted.")
    account_delete(owner=owner)
    console.print(f"The account {escape(username)} and all its data are deleted. Take care.")
