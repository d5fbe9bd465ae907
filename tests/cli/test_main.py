"""The small top-level commands: help, version and migrate."""

from __future__ import annotations

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
    assert "is ready" in result.stdout
