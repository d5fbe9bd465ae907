"""Helpers for driving the `upback` command through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.examples import GUIDE_PROFILE as PROFILE
from upback.cli.main import app

__all__ = ["PROFILE", "Upback", "one_clear_line"]


class Upback:
    def __init__(self, tmp_path: Path) -> None:
        self.runner = CliRunner()
        self.tmp_path = tmp_path

    def __call__(self, *args: str, input: str | None = None) -> Any:
        return self.runner.invoke(app, list(args), input=input)

    def file(self, name: str, content: Any) -> str:
        path = self.tmp_path / name
        path.write_text(content if isinstance(content, str) else json.dumps(content))
        return str(path)


@pytest.fixture(autouse=True)
def no_exec(monkeypatch: pytest.MonkeyPatch) -> None:
    """`upback remind` replaces its process with a lean one; never the test runner's."""

    def refuse(*args: object) -> None:
        raise AssertionError(f"a test tried to replace the test process: {args}")

    monkeypatch.setattr("os.execv", refuse)


@pytest.fixture
def upback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Upback:
    monkeypatch.setenv("UPBACK_USER", "tester")
    monkeypatch.setenv("COLUMNS", "120")
    return Upback(tmp_path)


def one_clear_line(result: Any) -> str:
    """The error output, asserted to be a single line with no traceback."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    return lines[0]
