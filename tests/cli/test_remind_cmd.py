"""`upback remind`: the live reminder with fake ports (a simulated Monday in London), the
preview, the statistics, saved settings, meetings; bad input is one line and exit 2."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User

import upback.cli.remind_cmd  # noqa: F401  (registers the command)
from tests.cli.conftest import Upback, one_clear_line
from tests.cli.test_remind_live import (
    MONDAY,
    FakeClock,
    FakeKeys,
    FakeNotifier,
    FakeScreen,
    NoIdle,
    at,
    hm,
)
from tests.coach.views.test_player import screened
from upback.cli.remind_parts import Answer, Ports, Prompt
from upback.coach.models import BreakRecord
from upback.coach.selectors.accounts import time_zone_get
from upback.coach.selectors.breaks import break_settings_get
from upback.coach.services.accounts import local_user_get_or_create
from upback.coach.services.breaks import break_record

pytestmark = pytest.mark.django_db


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


def test_before_any_safety_check_the_live_reminder_says_to_run_upback_start(
    upback: Upback,
) -> None:
    result = upback("remind", "--no-desktop")
    assert result.exit_code == 1
    assert "upback start" in result.stdout


# --- the live reminder, with fake ports ----------------------------------------------------------


class Live:
    """What the fake ports saw, and the script the person follows."""

    def __init__(self) -> None:
        self.replies: list[Answer | None] = []
        self.start = at(MONDAY, 9)
        self.stop = at(MONDAY, 10, 20)
        self.screen: FakeScreen | None = None
        self.asked: dict[str, Any] = {}
        self.on_play: Any = None

    @property
    def times(self) -> list[str]:
        assert self.screen is not None
        return [hm(p.at) for p in self.screen.prompts]


@pytest.fixture
def tester(upback: Upback) -> User:
    user = local_user_get_or_create(username="tester")
    screened(user, "self_care")
    return user


@pytest.fixture
def live(monkeypatch: pytest.MonkeyPatch, tester: User) -> Live:
    """The command's real ports (wall clock, terminal, desktop) swapped for fakes."""
    seen = Live()

    @contextlib.contextmanager
    def fake_ports(**given: Any) -> Iterator[Ports]:
        seen.asked = given
        clock = FakeClock(seen.start, seen.stop)
        keys = FakeKeys(clock, seen.replies, [])
        clock.has_input = lambda: bool(keys.pending)
        seen.screen = FakeScreen(keys)

        def play(prompt: Prompt) -> None:
            clock.t += timedelta(seconds=prompt.seconds)
            if seen.on_play is not None:
                seen.on_play()

        yield Ports(
            clock=clock,
            notifier=FakeNotifier(),
            idle=NoIdle(),
            keys=keys,
            screen=seen.screen,
            play=play,
            record=given["record"],
            care=given["care"],
            names=given["names"],
            gentle_ok=given["gentle_ok"],
        )

    monkeypatch.setattr("upback.cli.remind_cmd.terminal_ports", fake_ports)
    monkeypatch.setattr("upback.cli.remind_cmd.machine_zone", lambda: "Europe/London")
    # The fakes live in this process, so the loop must too (no hand-over to a lean process).
    monkeypatch.setattr("upback.cli.remind_cmd.LEAN_PROCESS", False)
    return seen


def words(text: str) -> str:
    return " ".join(text.split())


def test_it_runs_until_ctrl_c_and_says_goodbye_calmly(upback: Upback, live: Live) -> None:
    result = upback("remind")
    assert result.exit_code == 0, result.output
    out = words(result.stdout)
    assert "Break reminders on: Mon-Fri 09:00-17:30 (Europe/London), every 30 min" in out
    assert "next break at 09:30" in out
    assert "idle time is not reported here" in out
    assert "Reminders stopped. Today: 0 taken" in out and "Last 7 days:" in out
    assert live.times == ["09:30", "10:00"]


def test_every_answer_lands_in_the_database_with_channel_cli(
    upback: Upback, live: Live, tester: User
) -> None:
    live.replies = ["start", "snooze5", "skip"]
    result = upback("remind")
    assert result.exit_code == 0, result.output
    rows = BreakRecord.objects.filter(owner=tester).order_by("at")
    assert [(r.outcome, r.channel, r.trigger) for r in rows] == [
        ("taken", "cli", "prompt"),
        ("snoozed", "cli", "prompt"),
        ("skipped", "cli", "prompt"),
    ]
    assert [hm(r.at) for r in rows] == ["09:30", "10:00", "10:05"]
    assert rows[0].routine == "shoulder_rolls" and rows[1].kind == "active"


def test_the_flags_shape_this_run_without_changing_what_is_saved(
    upback: Upback, live: Live, tester: User
) -> None:
    result = upback("remind", "--interval", "20", "--start", "08:50")
    assert result.exit_code == 0, result.output
    assert live.times == ["09:20", "09:40", "10:00"]
    assert break_settings_get(owner=tester).interval_minutes == 30


def test_save_keeps_the_flags_for_next_time_and_for_the_browser(
    upback: Upback, live: Live, tester: User
) -> None:
    result = upback("remind", "--save", "--interval", "25", "--days", "mon,tue,wed")
    assert result.exit_code == 0, result.output
    assert "Saved: Mon-Wed 09:00-17:30 (Europe/London), a break every 25 minutes" in words(
        result.stdout
    )
    saved = break_settings_get(owner=tester)
    assert saved.interval_minutes == 25 and saved.days == {"mon", "tue", "wed"}
    assert time_zone_get(owner=tester).key == "Europe/London"
    again = upback("remind")
    assert "every 25 min" in words(again.stdout)


def test_a_refused_value_with_save_keeps_what_was_saved_before(
    upback: Upback, live: Live, tester: User
) -> None:
    assert upback("remind", "--save", "--interval", "25", "--preview").exit_code == 0
    result = upback("remind", "--save", "--interval", "90")
    assert result.exit_code == 2
    assert "--interval" in one_clear_line(result)
    assert break_settings_get(owner=tester).interval_minutes == 25


def test_the_preview_follows_the_saved_settings(upback: Upback, live: Live) -> None:
    assert upback("remind", "--save", "--start", "08:00", "--interval", "40").exit_code == 0
    result = upback("remind", "--preview", "--json", "--date", "2025-03-31")
    times = [datetime.fromisoformat(p["at"]).strftime("%H:%M") for p in json.loads(result.stdout)]
    assert times[:3] == ["08:40", "09:20", "10:00"]


def test_pause_starts_it_paused_for_a_meeting(upback: Upback, live: Live) -> None:
    result = upback("remind", "--pause", "1h15m")
    assert result.exit_code == 0, result.output
    assert "paused until 10:15, then the next break at 10:15" in words(result.stdout)
    assert live.times == ["10:15"]


def test_until_starts_it_paused_until_that_time_today(upback: Upback, live: Live) -> None:
    result = upback("remind", "--until", "10:10")
    assert result.exit_code == 0, result.output
    assert live.times == ["10:10"]


def test_until_a_time_already_past_is_refused_with_exit_2(upback: Upback, live: Live) -> None:
    result = upback("remind", "--until", "08:30")
    assert result.exit_code == 2
    line = one_clear_line(result)
    assert "--until" in line and "already passed" in line and "09:00" in line
    assert live.screen is not None and live.screen.prompts == []


@pytest.mark.parametrize("value", ["45", "45x", "1h30", "0m", "13h", "m", "-5m", "1.5h"])
def test_a_bad_pause_is_one_line_naming_the_flag(upback: Upback, live: Live, value: str) -> None:
    result = upback("remind", "--pause", value)
    assert result.exit_code == 2
    assert "--pause" in one_clear_line(result)


@pytest.mark.parametrize(
    ("value", "minutes"), [("45m", 45), ("1h", 60), ("90m", 90), ("1h30m", 90), ("12h", 720)]
)
def test_pauses_in_minutes_hours_or_both_are_understood(value: str, minutes: int) -> None:
    from upback.cli.remind_cmd import pause_length

    assert pause_length(value) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    "args", [["--until", "25:00"], ["--until", "2pm"], ["--pause", "45m", "--until", "14:00"]]
)
def test_a_bad_until_is_one_line_naming_the_flag(
    upback: Upback, live: Live, args: list[str]
) -> None:
    result = upback("remind", *args)
    assert result.exit_code == 2
    assert "--until" in one_clear_line(result)


def test_while_a_warning_sign_is_active_it_holds_reminders_and_says_why(
    upback: Upback, tester: User, live: Live
) -> None:
    screened(tester, "emergency")
    result = upback("remind")
    assert result.exit_code == 1
    assert "not showing any exercises" in words(result.stdout)
    assert live.screen is None and not BreakRecord.objects.exists()


def test_a_warning_sign_recorded_while_it_runs_holds_the_next_breaks(
    upback: Upback, tester: User, live: Live
) -> None:
    live.on_play = lambda: screened(tester, "emergency")  # say, a check-in on the phone
    result = upback("remind")
    assert result.exit_code == 0, result.output
    assert live.times == ["09:30"]
    assert live.screen is not None and live.screen.said("holding movement breaks")
    assert BreakRecord.objects.filter(owner=tester).count() == 1


def test_a_terminal_account_in_utc_uses_the_computers_time_zone(
    upback: Upback, live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("upback.cli.remind_cmd.machine_zone", lambda: "America/New_York")
    result = upback("remind", "--no-desktop")
    assert "(America/New_York)" in words(result.stdout)
    assert live.asked["no_desktop"] is True


# --- statistics --------------------------------------------------------------------------------


def test_stats_show_today_and_the_last_seven_days(upback: Upback, tester: User) -> None:
    from upback.coach.selectors.accounts import local_today

    now = datetime.now(UTC)
    for outcome in ("taken", "taken", "snoozed", "skipped"):
        break_record(owner=tester, at=now, outcome=outcome, channel="cli")
    break_record(owner=tester, at=now - timedelta(days=3), outcome="taken", channel="web")
    break_record(owner=tester, at=now - timedelta(days=9), outcome="taken", channel="web")
    result = upback("remind", "--stats", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    today = local_today(owner=tester)
    assert data["today"]["date"] == today.isoformat()
    assert (data["today"]["taken"], data["today"]["snoozed"], data["today"]["skipped"]) == (2, 1, 1)
    assert data["week"]["taken"] == 3 and len(data["week"]["days"]) == 7
    assert data["week"]["from"] == (today - timedelta(days=6)).isoformat()
    text = upback("remind", "--stats")
    assert text.exit_code == 0
    assert "Movement breaks, the last 7 days" in text.stdout
    assert "Today: 2 taken" in words(text.stdout) and "(today)" in text.stdout


def test_stats_work_before_anything_is_recorded(upback: Upback) -> None:
    result = upback("remind", "--stats", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["week"]["taken"] == 0
    assert isinstance(date.fromisoformat(json.loads(result.stdout)["today"]["date"]), date)
