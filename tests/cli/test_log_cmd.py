"""`upback log`: a check-in from the terminal, saved like the web's, with one-line errors."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli.conftest import Upback, one_clear_line

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    from upback.coach.selectors import local_today
    from upback.coach.services import local_user_get_or_create

    return local_today(owner=local_user_get_or_create(username="tester"))


def test_it_records_todays_pain(upback: Upback) -> None:
    from upback.coach.models import CheckIn

    result = upback("log", "--pain", "4", "--note", "  Long day at the desk ")
    assert result.exit_code == 0, result.output
    assert "Saved your check-in for today: pain 4 out of 10." in result.stdout
    entry = CheckIn.objects.get(owner__username="tester")
    assert (entry.local_date, entry.pain, entry.note) == (today(), 4, "Long day at the desk")


def test_left_out_scores_are_pain_for_stiffness_and_five_for_sleep_and_stress(
    upback: Upback,
) -> None:
    from upback.coach.models import CheckIn

    assert upback("log", "--pain", "6").exit_code == 0
    entry = CheckIn.objects.get(owner__username="tester")
    assert (entry.stiffness, entry.sleep_quality, entry.stress) == (6, 5, 5)
    assert upback("log", "--pain", "6", "--stiffness", "2", "--sleep", "8", "--stress", "1")
    entry.refresh_from_db()
    assert (entry.stiffness, entry.sleep_quality, entry.stress) == (2, 8, 1)


def test_the_help_says_what_the_defaults_are(upback: Upback) -> None:
    text = " ".join(upback("log", "--help").stdout.split())
    assert "stiffness is taken to be the same as your pain" in text
    assert "sleep and stress the middle of the scale (5)" in text


def test_a_past_date_is_allowed_and_the_same_day_again_updates_it(upback: Upback) -> None:
    from upback.coach.models import CheckIn

    past = today() - dt.timedelta(days=3)
    first = upback("log", "--pain", "5", "--date", past.isoformat())
    assert first.exit_code == 0, first.output
    assert f"{past:%A} {past.day} {past:%B %Y}" in first.stdout
    again = upback("log", "--pain", "3", "--date", past.isoformat())
    assert "Updated your check-in" in again.stdout
    assert CheckIn.objects.get(owner__username="tester", local_date=past).pain == 3


def test_yesterday_is_called_yesterday(upback: Upback) -> None:
    yesterday = today() - dt.timedelta(days=1)
    result = upback("log", "--pain", "5", "--date", yesterday.isoformat())
    assert "for yesterday" in result.stdout


def test_a_future_date_is_refused_naming_date(upback: Upback) -> None:
    from upback.coach.models import CheckIn

    tomorrow = today() + dt.timedelta(days=1)
    result = upback("log", "--pain", "5", "--date", tomorrow.isoformat())
    assert result.exit_code == 2
    line = one_clear_line(result)
    assert "--date" in line and "still to come" in line
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("bad", ["2025-13-01", "14/03/2025", "yesterday"])
def test_a_date_in_the_wrong_form_is_refused(upback: Upback, bad: str) -> None:
    result = upback("log", "--pain", "5", "--date", bad)
    assert result.exit_code == 2
    assert "--date: use the form YYYY-MM-DD" in one_clear_line(result)


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--pain", "11"], "--pain"),
        (["--pain", "-1"], "--pain"),
        (["--pain", "4", "--stiffness", "12"], "--stiffness"),
        (["--pain", "4", "--sleep", "11"], "--sleep"),
        (["--pain", "4", "--stress", "99"], "--stress"),
        (["--pain", "four"], "--pain"),
        ([], "--pain"),
    ],
)
def test_a_score_out_of_range_is_one_line_naming_the_flag(
    upback: Upback, args: list[str], flag: str
) -> None:
    from upback.coach.models import CheckIn

    result = upback("log", *args)
    assert result.exit_code == 2
    assert flag in one_clear_line(result)
    assert not CheckIn.objects.exists()


def test_a_note_that_is_too_long_is_refused_naming_note(upback: Upback) -> None:
    result = upback("log", "--pain", "4", "--note", "x" * 1001)
    assert result.exit_code == 2
    assert "--note" in one_clear_line(result)


def test_it_shows_the_last_two_weeks_as_a_sparkline(upback: Upback) -> None:
    for days_ago, pain in ((2, 8), (1, 5)):
        upback("log", "--pain", str(pain), "--date", str(today() - dt.timedelta(days=days_ago)))
    result = upback("log", "--pain", "2")
    assert "Last 3 days: ▇▅▂" in result.stdout


def test_logging_is_allowed_while_stopped_and_shows_the_stop_message(upback: Upback) -> None:
    from upback.coach.models import CheckIn
    from upback.coach.services import local_user_get_or_create
    from upback.coach.services.checkins import checkin_recheck_record

    owner = local_user_get_or_create(username="tester")
    checkin_recheck_record(owner=owner, warning_signs=["chest_pain_or_pressure"])
    result = upback("log", "--pain", "7")
    assert result.exit_code == 0, result.output
    assert CheckIn.objects.filter(owner=owner).count() == 1
    text = " ".join(result.stdout.split())
    assert "Your check-in is saved." in text
    assert "not suggesting any exercise" in text
