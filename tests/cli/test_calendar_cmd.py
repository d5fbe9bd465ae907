"""`upback calendar`: the calendar file for the terminal's person, with one-line errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.cli.conftest import Upback, one_clear_line

pytestmark = pytest.mark.django_db


def _person_with_plan() -> None:
    from tests.coach.views.test_plans import screened, with_plan
    from upback.coach.services import local_user_get_or_create

    user = local_user_get_or_create(username="tester")
    screened(user)
    with_plan(user)


def _summaries(path: Path) -> list[str]:
    return [str(e["SUMMARY"]) for e in Calendar.from_ical(path.read_bytes()).events]


def test_it_writes_the_routine_at_the_time_given_and_says_how_to_import_it(
    upback: Upback, tmp_path: Path
) -> None:
    from upback.coach.models import Account

    _person_with_plan()
    target = tmp_path / "mine.ics"
    result = upback("calendar", "-o", str(target), "--routine-time", "07:15")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Your routine time is now 07:15." in text
    assert f"Wrote your calendar to {target}" in text
    assert "Mondays, Wednesdays and Fridays at 07:15" in text
    assert "Google Calendar" in text and "Apple Calendar" in text and "Outlook" in text
    assert Account.objects.get(owner__username="tester").routine_time == dt.time(7, 15)
    names = _summaries(target)
    assert "Strength day – upback routine" in names
    strength = next(
        e for e in Calendar.from_ical(target.read_bytes()).events if "Strength" in e["SUMMARY"]
    )
    assert strength.start.time() == dt.time(7, 15)


def test_without_a_routine_time_it_leaves_the_routine_out_and_says_how_to_add_it(
    upback: Upback, tmp_path: Path
) -> None:
    _person_with_plan()
    target = tmp_path / "upback.ics"
    result = upback("calendar", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "No routine time is set" in result.stdout
    assert "--routine-time 07:30" in result.stdout
    assert not [name for name in _summaries(target) if "routine" in name]


def test_the_routine_time_can_be_turned_off(upback: Upback, tmp_path: Path) -> None:
    from upback.coach.models import Account

    _person_with_plan()
    upback("calendar", "-o", str(tmp_path / "a.ics"), "--routine-time", "07:15")
    result = upback("calendar", "-o", str(tmp_path / "b.ics"), "--routine-time", "off")
    assert result.exit_code == 0, result.output
    assert "Your routine time is off." in result.stdout
    assert Account.objects.get(owner__username="tester").routine_time is None


def test_events_link_back_to_the_site_when_given(upback: Upback, tmp_path: Path) -> None:
    _person_with_plan()
    target = tmp_path / "upback.ics"
    result = upback(
        "calendar", "-o", str(target), "--routine-time", "07:15", "--site", "http://127.0.0.1:8000/"
    )
    assert result.exit_code == 0, result.output
    unfolded = target.read_text().replace("\r\n ", "")
    assert "URL:http://127.0.0.1:8000/today/" in unfolded


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("--routine-time", "7.5pm"), "--routine-time"),
        (("--routine-time", "25:00"), "--routine-time"),
        (("--site", "127.0.0.1:8000"), "--site"),
        (("-o", "/no/such/folder/upback.ics"), "-o"),
    ],
)
def test_bad_input_is_one_line_naming_the_option_and_changes_nothing(
    upback: Upback, tmp_path: Path, args: tuple[str, ...], flag: str
) -> None:
    from upback.coach.models import Account

    _person_with_plan()
    upback("calendar", "-o", str(tmp_path / "first.ics"), "--routine-time", "06:00")
    result = upback(
        "calendar", *(("-o", str(tmp_path / "x.ics")) if "-o" not in args else ()), *args
    )
    assert result.exit_code == 2
    assert one_clear_line(result).startswith(f"error: {flag}:")
    assert not (tmp_path / "x.ics").exists()
    assert Account.objects.get(owner__username="tester").routine_time == dt.time(6, 0)


def test_a_folder_as_the_output_is_refused(upback: Upback, tmp_path: Path) -> None:
    result = upback("calendar", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder" in one_clear_line(result)


def test_while_stopped_the_file_holds_only_the_hold_note(upback: Upback, tmp_path: Path) -> None:
    from tests.coach.views.test_plans import screened
    from upback.coach.services import local_user_get_or_create

    _person_with_plan()
    screened(local_user_get_or_create(username="tester"), "urgent")
    target = tmp_path / "upback.ics"
    result = upback("calendar", "-o", str(target), "--routine-time", "07:15")
    assert result.exit_code == 0, result.output
    assert "on hold until you have been checked" in " ".join(result.stdout.split())
    assert _summaries(target) == ["upback: exercises on hold until you have been checked"]
