"""The small top-level commands: help, version and migrate."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Upback, one_clear_line
from upback import __version__


def test_help_lists_every_command(upback: Upback) -> None:
    result = upback("--help")
    assert result.exit_code == 0
    for command in ("start", "screen", "plan", "library", "migrate"):
        assert command in result.stdout


def test_version_prints_the_version(upback: Upback) -> None:
    assert __version__ in upback("version").stdout


def test_an_unknown_command_is_one_line_with_exit_2(upback: Upback) -> None:
    result = upback("stretchify")
    assert result.exit_code == 2
    assert "stretchify" in one_clear_line(result)


@pytest.mark.django_db
def test_migrate_says_where_the_data_lives(upback: Upback) -> None:
    result = upback("migrate")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert said.startswith("Ready: an SQLite database at ") or "PostgreSQL database" in said
    assert "The an" not in said


def test_a_bad_setting_in_the_environment_is_one_line_with_exit_2(tmp_path: Path) -> None:
    # A fresh process: the settings are read once, when Django starts.
    env = {**os.environ, "UPBACK_DATA_DIR": str(tmp_path), "UPBACK_HTTPS": "maybe"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "upback.cli.main", "log", "--pain", "3"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "UPBACK_HTTPS" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
