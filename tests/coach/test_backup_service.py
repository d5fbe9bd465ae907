"""Backups: taken while someone keeps writing, a backup is one consistent snapshot; restored into a
fresh install it gives every person's data back exactly; it never goes into an install that
already has accounts; and a file that is not an upback backup is refused with a clear reason.

The round trips run on real, separate installs (child processes, see tests.durability.installs):
SQLite always, PostgreSQL when DATABASE_URL names a server and pg_dump is installed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from tests.durability.install import FIRST_DAY
from tests.durability.installs import KINDS, ROOT, child, installs_of, ok
from upback.coach.services import backup as backup_service
from upback.coach.services.backup import UPBACK_TABLES, BackupFailed, BackupProblem, backup_kind


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    return str(request.param)


def test_a_backup_taken_during_writes_restores_into_a_fresh_install_unchanged(
    kind: str, tmp_path: Path
) -> None:
    backup = tmp_path / "upback.backup"
    with installs_of(kind, tmp_path) as installs:
        original, restored = installs.new("original"), installs.new("restored")
        ok(original, "fill", "ana")
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.durability.install", "write", "ben"],
            env=original,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdin is not None and writer.stdout is not None
        try:
            writer.stdout.readline()  # ben is busy writing check-ins from here on
            assert ok(original, "backup", str(backup)).strip() == kind
        finally:
            writer.stdin.close()
            written = [line.strip() for line in writer.stdout]
            writer.wait(timeout=60)
        assert ok(restored, "restore", str(backup)).strip() == kind

        assert ok(restored, "export", "ana") == ok(original, "export", "ana")
        # Ben's check-ins in the backup are exactly his first ones, with no gap: one moment's data.
        dump = json.loads(ok(restored, "dump"))["checkins"]
        days = sorted((row["local_date"] for row in dump if row["username"] == "ben"), reverse=True)
        assert 1 <= len(days) <= len(written) + 1
        assert days == [(FIRST_DAY - timedelta(days=n)).isoformat() for n in range(len(days))]
    if kind == "sqlite":
        with closing(sqlite3.connect(backup)) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert backup.stat().st_mode & 0o077 == 0, "only its owner may read a backup"


def test_a_restore_into_an_install_with_accounts_is_refused_and_changes_nothing(
    kind: str, tmp_path: Path
) -> None:
    backup = tmp_path / "upback.backup"
    with installs_of(kind, tmp_path) as installs:
        source, target = installs.new("source"), installs.new("target")
        ok(source, "fill", "ana")
        ok(source, "backup", str(backup))
        ok(target, "fill", "cleo")
        before = ok(target, "dump"), ok(target, "export", "cleo")

        refused = child(target, "restore", str(backup))

        assert refused.returncode == 2
        assert "already has accounts" in refused.stderr
        assert "Traceback" not in refused.stderr
        assert (ok(target, "dump"), ok(target, "export", "cleo")) == before
        assert child(target, "export", "ana").returncode != 0, "ana did not arrive"


def test_a_missing_file_is_named() -> None:
    with pytest.raises(BackupProblem, match=r"file: /no/such/backup does not exist"):
        backup_kind(Path("/no/such/backup"))


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my back is better today")
    with pytest.raises(BackupProblem, match="is not an upback backup"):
        backup_kind(notes)


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE songs (title TEXT)")
        db.commit()
    with pytest.raises(BackupProblem, match="an SQLite database, but not an upback backup"):
        backup_kind(other)


def test_a_damaged_backup_is_refused(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(BackupProblem, match="damaged"):
        backup_kind(damaged)


def _looks_like_upback(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as db:
        for table in UPBACK_TABLES:
            db.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
        db.commit()
    return path


def test_a_backup_of_the_other_kind_of_database_is_refused_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_service, "database_kind", lambda: "postgresql")
    with pytest.raises(BackupProblem, match="SQLite backup, but this install uses PostgreSQL"):
        backup_service.database_restore(source=_looks_like_upback(tmp_path / "b.upback"))


def test_without_pg_dump_the_backup_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_service.shutil, "which", lambda name: None)
    with pytest.raises(BackupFailed, match="pg_dump is not on PATH; install PostgreSQL's client"):
        backup_service._tool("pg_dump")
