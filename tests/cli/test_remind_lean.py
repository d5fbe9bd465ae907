"""The hand-over to a lean loop process: after start-up `upback remind` becomes a process that
never imports Django or Typer, carrying everything the loop needs across the exec."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, time
from typing import Any

import pytest
from django.contrib.auth.models import User

import upback.cli.remind_cmd  # noqa: F401  (registers the command)
from tests.cli.conftest import Upback, one_clear_line
from tests.cli.test_remind_live import FakeClock, FakeKeys, FakeNotifier, FakeScreen, NoIdle
from tests.coach.views.test_player import screened
from upback.cli import remind_lean
from upback.cli.remind_lean import RUN_VARIABLE, LiveRun
from upback.cli.remind_parts import Ports
from upback.coach.services.accounts import local_user_get_or_create
from upback.core.breaks import BreakSettings

MONDAY_0855 = datetime(2026, 3, 2, 8, 55, tzinfo=UTC)


@pytest.fixture
def tester(upback: Upback) -> User:
    user = local_user_get_or_create(username="tester")
    screened(user, "self_care")
    return user


@pytest.fixture
def exec_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str], str]]:
    """os.execv, caught: what it would have run and the run it carried; then the command ends."""
    calls: list[tuple[str, list[str], str]] = []

    def execv(path: str, args: list[str]) -> None:
        calls.append((path, args, os.environ.pop(RUN_VARIABLE)))
        raise SystemExit(0)

    monkeypatch.setattr("upback.cli.remind_cmd.LEAN_PROCESS", True)
    monkeypatch.setattr("upback.cli.remind_lean.os.execv", execv)
    return calls


def test_a_live_run_survives_the_trip_through_the_environment() -> None:
    run = LiveRun(
        settings=BreakSettings(
            days=frozenset({"mon", "wed"}), start=time(8), timezone="Asia/Tokyo"
        ),
        username="ana",
        care="gentle",
        no_desktop=True,
        until="14:00",
        speed=60.0,
        clock_start=MONDAY_0855,
    )
    assert LiveRun.from_json(run.to_json()) == run


@pytest.mark.django_db
def test_after_start_up_the_command_becomes_the_lean_loop_with_its_flags(
    upback: Upback, tester: User, exec_calls: list[tuple[str, list[str], str]]
) -> None:
    result = upback("remind", "--no-desktop", "--interval", "45", "--tz", "UTC", "--pause", "1h")
    assert result.exit_code == 0, result.output
    [(path, args, carried)] = exec_calls
    assert path == sys.executable and args[1:] == ["-m", "upback.cli.remind_lean"]
    run = LiveRun.from_json(carried)
    assert (run.username, run.care, run.no_desktop, run.pause) == ("tester", "ok", True, "1h")
    assert run.settings.interval_minutes == 45 and run.settings.timezone == "UTC"


@pytest.mark.django_db
def test_an_until_already_past_is_refused_before_the_hand_over(
    upback: Upback, tester: User, exec_calls: list[tuple[str, list[str], str]]
) -> None:
    start = "2026-03-02T10:00+00:00"
    result = upback("remind", "--tz", "UTC", "--clock-start", start, "--until", "09:00")
    assert result.exit_code == 2
    assert "--until" in one_clear_line(result)
    assert exec_calls == []


@pytest.mark.django_db
def test_a_bad_clock_start_is_one_line_naming_the_flag(upback: Upback) -> None:
    result = upback("remind", "--clock-start", "soon")
    assert result.exit_code == 2
    assert "--clock-start" in one_clear_line(result)


def test_the_lean_process_runs_the_loop_through_child_processes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[str] = []

    def child(request: str) -> str:
        op = json.loads(request)["op"]
        asked.append(op)
        return json.dumps(
            {"line": "Reminders stopped (from the child)."} if op == "goodbye" else {}
        )

    @contextlib.contextmanager
    def fake_ports(**given: Any) -> Iterator[Ports]:
        clock = FakeClock(given["clock_start"], given["clock_start"].replace(hour=9, minute=45))
        keys = FakeKeys(clock, ["skip"], [])
        clock.has_input = lambda: bool(keys.pending)
        yield Ports(
            clock=clock,
            notifier=FakeNotifier(),
            idle=NoIdle(),
            keys=keys,
            screen=FakeScreen(keys),
            play=lambda prompt: None,
            record=given["record"],
            care=given["care"],
            names=given["names"],
        )

    run = LiveRun(settings=BreakSettings(), username="ana", care="ok", clock_start=MONDAY_0855)
    monkeypatch.setenv(RUN_VARIABLE, run.to_json())
    monkeypatch.setattr("upback.cli.remind_terminal.terminal_ports", fake_ports)
    monkeypatch.setattr("upback.cli.remind_store.run_child", child)
    remind_lean.main()
    assert asked == ["care", "record", "goodbye"]  # the 09:30 break: safety, then the skip
    assert RUN_VARIABLE not in os.environ  # the database children do not inherit it
    out = capsys.readouterr().out
    assert "Break reminders on" in out and "(from the child)" in out


def test_the_lean_loop_imports_neither_django_nor_typer() -> None:
    code = (
        "import sys\n"
        "import upback.cli.remind_lean, upback.cli.remind_terminal, upback.cli.remind_live\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'typer', 'asyncio'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
