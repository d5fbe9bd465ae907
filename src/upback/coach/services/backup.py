"""Backups of the whole install, and restoring one into an empty install.

A backup file is the database's own format, so it can also be opened with the database's own
tools, and its first bytes say which kind it is:

- SQLite: a complete SQLite database file (it starts with "SQLite format 3"), made with SQLite's
  online backup API, which copies a consistent snapshot even while the server keeps writing.
- PostgreSQL: a `pg_dump --format=custom` archive (it starts with "PGDMP"), a consistent snapshot
  taken in one transaction.

A restore goes only into an empty install (no accounts), so it can never overwrite anyone's data;
afterwards the migrations run, so a backup made by an older upback comes up to date.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any, Literal

from django.db import connection

from upback.core.errors import InputProblem

Kind = Literal["sqlite", "postgresql"]
KIND_WORDS: dict[Kind, str] = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
# Tables every upback database has had since its first migration.
UPBACK_TABLES = ("django_migrations", "auth_user", "coach_checkin")


class BackupProblem(InputProblem):
    """Bad input for a backup or restore: a missing or foreign file, a non-empty install."""


class BackupFailed(RuntimeError):
    """The backup or restore could not run (a missing tool, a database that refused)."""


def database_kind() -> Kind:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def backup_kind(path: Path) -> Kind:
    """Which kind of upback backup the file is; BackupProblem when it is none."""
    if not path.is_file():
        raise BackupProblem(f"file: {path} does not exist (or is not a file)")
    try:
        with path.open("rb") as handle:
            start = handle.read(len(SQLITE_MAGIC))
    except OSError as problem:
        raise BackupProblem(f"file: {path} cannot be read ({problem.strerror})") from None
    if start.startswith(SQLITE_MAGIC):
        _check_sqlite_backup(path)
        return "sqlite"
    if start.startswith(PG_MAGIC):
        _check_pg_backup(path)
        return "postgresql"
    raise BackupProblem(f"file: {path} is not an upback backup")


def _check_sqlite_backup(path: Path) -> None:
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            health = db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as problem:
        raise BackupProblem(f"file: {path} is a damaged SQLite file ({problem})") from None
    if not set(UPBACK_TABLES) <= tables:
        raise BackupProblem(f"file: {path} is an SQLite database, but not an upback backup")
    if health != "ok":
        raise BackupProblem(f"file: {path} is a damaged upback backup ({health})")


def _check_pg_backup(path: Path) -> None:
    tool = _tool("pg_restore")
    try:
        listing = _run([tool, "--list", str(path)], env=None)
    except BackupFailed:
        raise BackupProblem(f"file: {path} is a damaged PostgreSQL archive") from None
    if not all(f" {table} " in listing for table in UPBACK_TABLES):
        raise BackupProblem(f"file: {path} is a PostgreSQL archive, but not an upback backup")


def database_backup(*, target: Path, overwrite: bool = False) -> Kind:
    """Write a consistent copy of the whole database to `target`, safe while the server runs.

    The copy is written beside `target` first and moved into place only when complete, so an
    interrupted backup never leaves a half-written file under the name asked for.
    """
    if target.is_dir():
        raise BackupProblem(f"file: {target} is a folder; give a file name for the backup")
    if target.exists() and not overwrite:
        raise BackupProblem(f"file: {target} already exists; choose a new name or --overwrite")
    if not target.parent.is_dir():
        raise BackupProblem(f"file: the folder {target.parent} does not exist")
    kind = database_kind()
    handle, partial_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    partial = Path(partial_name)
    try:
        if kind == "sqlite":
            _sqlite_backup(partial)
        else:
            _run(
                [
                    _tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--file",
                    str(partial),
                    *_pg_args(),
                ],
                env=_pg_env(),
            )
        partial.chmod(0o600)  # health data: readable by its owner only, like the database
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return kind


def _sqlite_backup(partial: Path) -> None:
    if connection.in_atomic_block:
        # SQLite's backup would wait forever for this connection's own open transaction.
        raise BackupFailed("a backup cannot run inside an open transaction")
    connection.ensure_connection()
    source = connection.connection
    with closing(sqlite3.connect(partial)) as copy:
        # One step (all pages at once): the copy is one snapshot, not pages from different moments.
        source.backup(copy)
        # A single self-contained file: no -wal file needed beside it.
        copy.execute("PRAGMA journal_mode=DELETE")


def install_is_empty() -> bool:
    """True when this install has no accounts (or no tables yet)."""
    if "auth_user" not in connection.introspection.table_names():
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM auth_user")
        (count,) = cursor.fetchone()
    return int(count) == 0


def database_restore(*, source: Path) -> Kind:
    """Restore a backup into this install, which must be empty, then run the migrations.

    SQLite: the backup is copied into place with SQLite's backup API (stop the server first).
    PostgreSQL: `pg_restore` into the configured, empty database.
    """
    kind = backup_kind(source)
    here = database_kind()
    if kind != here:
        raise BackupProblem(
            f"file: {source} is a {KIND_WORDS[kind]} backup, but this install uses "
            f"{KIND_WORDS[here]}; restore it into a {KIND_WORDS[kind]} install"
        )
    if not install_is_empty():
        raise BackupProblem(
            "this install already has accounts; restore only goes into an empty install "
            "(a new UPBACK_DATA_DIR or an empty database), so nothing here is overwritten"
        )
    if kind == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as copy:
            copy.backup(connection.connection)
    else:
        connection.close()  # pg_restore needs the tables free of this connection's locks
        _run(
            [
                _tool("pg_restore"),
                "--no-owner",
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                *_pg_args(),
                str(source),
            ],
            env=_pg_env(),
        )
    connection.close()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return kind


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupFailed(
            f"{name} is not on PATH; install PostgreSQL's client tools "
            "(on Debian: apt install postgresql-client) of the server's version or newer"
        )
    return found


def _pg_args() -> list[str]:
    db: dict[str, Any] = connection.settings_dict
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return [*args, "--no-password", "--dbname", str(db["NAME"])]


def _pg_env() -> dict[str, str]:
    # The password goes through the environment, never the command line (visible in `ps`).
    password = connection.settings_dict.get("PASSWORD")
    return {**os.environ, **({"PGPASSWORD": str(password)} if password else {})}


def _run(command: list[str], *, env: dict[str, str] | None) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = [line for line in done.stderr.splitlines() if line.strip()]
        raise BackupFailed(
            f"{Path(command[0]).name} failed: {said[0] if said else done.returncode}"
        )
    return done.stdout
