"""`upback remind --preview`: the day's planned breaks as a table or JSON; bad input is one line."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

import upback.cli.remind_cmd  # noqa: F401  (registers the command)
from tests.cli.conftest import Upback, one_clear_line


def test_the_preview_shows_the_days_breaks_as_a_table(upback: Upback) -> None:
    result = upback("remind", "--preview", "--date", "2025-03-31", "--tz", "Europe/London")
    assert result.exit_code == 0, result.output
    assert "09:30" in result.output and "17:00" in result.output
    assert "Shoulder rolls" in result.output and "active" in result.output
    assert "16 breaks, one every 30 min" in result.output


def test_the_json_preview_lists_time_kind_routine_and_seconds(upback: Upback) -> None:
    result = upback(
        "remind", "--preview", "--json", "--date", "2025-03-31", "--tz", "Europe/London"
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert len(plan) == 16
    first = plan[0]
    assert first["at"] == "2025-03-31T09:30:00+01:00"
    assert first["kind"] == "micro"
    assert first["routine"]["slug"] == "shoulder_rolls"
    assert first["routine"]["name"] == "Shoulder rolls"
    assert first["routine"]["dose"]
    assert 30 <= first["seconds"] <= 90
    assert plan[1]["kind"] == "active" and plan[1]["seconds"] == 300


def test_the_options_shape_the_plan(upback: Upback) -> None:
    result = upback(
        "remind",
        "--preview",
        "--json",
        "--date",
        "2025-03-29",
        "--days",
        "sat,sun",
        "--start",
        "10:00",
        "--end",
        "12:00",
        "--interval",
        "20",
    )
    assert result.exit_code == 0, result.output
    times = [datetime.fromisoformat(p["at"]).strftime("%H:%M") for p in json.loads(result.stdout)]
    assert times == ["10:20", "10:40", "11:00", "11:20", "11:40"]


def test_a_day_off_says_so_plainly(upback: Upback) -> None:
    result = upback("remind", "--preview", "--date", "2025-03-29")
    assert result.exit_code == 0
    assert "not a working day" in result.output


def test_without_a_date_the_preview_is_for_today(upback: Upback) -> None:
    result = upback("remind", "--preview", "--json", "--days", "mon,tue,wed,thu,fri,sat,sun")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--interval", "10"], "--interval"),
        (["--date", "2025-13-01"], "--date"),
        (["--days", "mon,funday"], "--days"),
        (["--tz", "Mars/Base"], "--tz"),
        (["--start", "9am"], "--start"),
        (["--start", "17:00", "--end", "09:00"], "--end"),
    ],
)
def test_bad_input_is_one_line_naming_the_option_and_exit_2(
    upback: Upback, args: list[str], option: str
) -> None:
    result = upback("remind", "--preview", *args)
    assert result.exit_code == 2
    assert option in one_clear_line(result)


def test_without_preview_it_says_the_live_reminder_is_not_built_yet(upback: Upback) -> None:
    result = upback("remind")
    assert result.exit_code == 1
    assert "not built yet" in one_clear_line(result)
