"""`upback backup FILE` and `upback restore FILE`: a person or an operator saves the whole install
and brings it back into a fresh one; every mistake gets one clear line and exit code 2."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from tests.cli.conftest import Upback, one_clear_line
from tests.durability.installs import child, installs_of, ok


def _upback(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    done = child(env, *args, module="upback.cli.main")
    return done.returncode, done.stdout, done.stderr


def test_a_backup_restored_into_a_fresh_install_brings_everyones_data_back(
    tmp_path: Path,
) -> None:
    backup = tmp_path / "monday.upback"
    with installs_of("sqlite", tmp_path) as installs:
        original, fresh = installs.new("original"), installs.new("fresh")
        ok(original, "fill", "ana")

        code, said, _ = _upback(original, "backup", str(backup))
        assert code == 0
        assert f"to {backup} (SQLite" in said
        assert "Keep it somewhere safe" in said

        code, said, _ = _upback(fresh, "restore", str(backup))
        assert code == 0
        assert f"Restored {backup}" in said
        assert "upback serve" in said
        assert ok(fresh, "export", "ana") == ok(original, "export", "ana")


def test_a_restore_goes_into_an_install_that_was_set_up_but_has_no_one_yet(
    tmp_path: Path,
) -> None:
    backup = tmp_path / "b.upback"
    with installs_of("sqlite", tmp_path) as installs:
        original, fresh = installs.new("original"), installs.new("fresh")
        ok(original, "fill", "ana")
        assert _upback(original, "backup", str(backup))[0] == 0
        assert _upback(fresh, "migrate")[0] == 0
        assert _upback(fresh, "restore", str(backup))[0] == 0
        assert ok(fresh, "export", "ana") == ok(original, "export", "ana")


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_an_install_with_people_is_refused_and_changes_nothing(
    upback: Upback, tmp_path: Path
) -> None:
    User.objects.create_user("cleo", password="pw 2026")
    backup = tmp_path / "b.upback"
    assert upback("backup", str(backup)).exit_code == 0

    result = upback("restore", str(backup))

    assert result.exit_code == 2
    assert "already has accounts" in one_clear_line(result)
    assert list(User.objects.values_list("username", flat=True)) == ["cleo"]


@pytest.mark.django_db(transaction=True)
def test_a_backup_does_not_overwrite_a_file_unless_asked(upback: Upback, tmp_path: Path) -> None:
    backup = tmp_path / "b.upback"
    backup.write_text("last week's backup")

    result = upback("backup", str(backup))

    assert result.exit_code == 2
    assert "already exists" in one_clear_line(result)
    assert backup.read_text() == "last week's backup"
    assert upback("backup", str(backup), "--overwrite").exit_code == 0
    if backup.read_bytes().startswith(b"SQLite"):
        with closing(sqlite3.connect(backup)) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (None, "does not exist"),
        ("my back is better today", "is not an upback backup"),
        ("", "is not an upback backup"),
    ],
)
def test_restoring_something_that_is_not_a_backup_is_one_clear_line(
    upback: Upback, tmp_path: Path, make: str | None, expected: str
) -> None:
    path = tmp_path / "not-a-backup"
    if make is not None:
        path.write_text(make)

    result = upback("restore", str(path))

    assert result.exit_code == 2
    line = one_clear_line(result)
    assert "file:" in line
    assert expected in line


def test_a_backup_into_a_folder_that_does_not_exist_is_one_clear_line(upback: Upback) -> None:
    result = upback("backup", "/no/such/folder/b.upback")

    assert result.exit_code == 2
    assert "folder /no/such/folder does not exist" in one_clear_line(result)
