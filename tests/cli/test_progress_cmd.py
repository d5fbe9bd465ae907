"""`upback progress`: sparklines, figures, the verdict in words and every advice line; --json."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tests.cli.conftest import Upback, one_clear_line
from tests.examples import GUIDE_PROFILE, cleared_answers

pytestmark = pytest.mark.django_db


def owner_and_today() -> tuple[User, dt.date]:
    from upback.coach.selectors import local_today
    from upback.coach.services import local_user_get_or_create

    owner = local_user_get_or_create(username="tester")
    return owner, local_today(owner=owner)


def seed(pain: list[int], *, sessions: bool = True) -> User:
    """Check-ins (and a finished session each day) ending today, with a plan of 7 days."""
    from upback.coach.models import CheckIn, GuidedSession
    from upback.coach.services.plans import plan_create
    from upback.coach.services.screenings import screening_record
    from upback.core.profile import parse_profile
    from upback.core.safety import parse_screening

    owner, today = owner_and_today()
    answers: dict[str, Any] = cleared_answers()
    screening_record(owner=owner, screening=parse_screening({"age": 40, "answers": answers}))
    plan = plan_create(owner=owner, profile=parse_profile(GUIDE_PROFILE))
    start = today - dt.timedelta(days=len(pain) - 1)
    for offset, value in enumerate(pain):
        day = start + dt.timedelta(days=offset)
        CheckIn.objects.create(
            owner=owner, local_date=day, pain=value, stiffness=value, sleep_quality=5, stress=5
        )
        if sessions:
            GuidedSession.objects.create(
                owner=owner,
                plan=plan,
                day="mon",
                local_date=day,
                finished_at=timezone.now(),
                pain_before=value,
                pain_after=max(0, value - 2),
            )
    return owner


def words(result: Any) -> str:
    return " ".join(result.stdout.split())


def test_with_nothing_logged_it_says_how_to_start(upback: Upback) -> None:
    result = upback("progress")
    assert result.exit_code == 0, result.output
    assert "Nothing logged yet" in result.stdout
    assert "upback log --pain N" in words(result)


def test_it_shows_sparklines_figures_and_the_verdict(upback: Upback) -> None:
    seed([6] * 7 + [3] * 14)
    result = upback("progress")
    assert result.exit_code == 0, result.output
    text = words(result)
    assert "Your progress, the last 6 weeks" in text
    assert "Daily pain ▅▅▅" in text and "7-day average" in text
    assert "Steady improvement" in text
    assert "6.0 out of 10 (your first week)" in text
    assert "3.0 out of 10 (average of the last 7 days)" in text
    assert "down 3.0 points (50 % lower)" in text
    assert "2.0 points less pain after a session (average of 21 sessions)" in text
    assert "100 % of planned sessions done" in text
    assert "21 days in a row" in text


def test_no_change_at_four_weeks_advises_a_physiotherapist_or_doctor(upback: Upback) -> None:
    seed([6] * 30)
    text = words(upback("progress"))
    assert "No real change yet" in text
    assert "Time to see a professional" in text
    assert "physiotherapist" in text and "doctor" in text


def test_no_change_at_two_weeks_prompts_a_review(upback: Upback) -> None:
    seed([6] * 16)
    text = words(upback("progress"))
    assert "Worth a look" in text and "right exercises for you" in text


def test_worsening_shows_the_safety_advice_and_the_screen_command(upback: Upback) -> None:
    seed([4] * 10 + [8, 8, 8])
    text = words(upback("progress"))
    assert "Pain has gone up" in text
    assert "Pause and check" in text and "take the safety check again" in text
    assert "upback screen" in text


def test_while_stopped_it_shows_the_stop_notice_and_no_exercise_advice(upback: Upback) -> None:
    from upback.coach.services.checkins import checkin_recheck_record

    owner = seed([4] * 10 + [8, 8, 8])
    checkin_recheck_record(owner=owner, warning_signs=["shortness_of_breath"])
    text = words(upback("progress"))
    assert "not suggesting any exercise" in text
    assert "Keep your routine" not in text and "Keep going" not in text


def test_the_two_week_range_shows_two_weeks(upback: Upback) -> None:
    seed([5] * 30)
    _, today = owner_and_today()
    first = today - dt.timedelta(days=13)
    text = words(upback("progress", "--range", "2w"))
    assert "the last 2 weeks" in text and f"({first.day} {first:%b}" in text


def test_a_long_journal_is_squeezed_to_the_terminal(upback: Upback) -> None:
    seed([5] * 400, sessions=False)
    result = upback("progress", "--range", "all")
    assert result.exit_code == 0, result.output
    assert "Each mark is" in words(result)
    assert max(len(line) for line in result.stdout.splitlines()) <= 120


def test_json_has_the_contract_keys(upback: Upback) -> None:
    seed([6] * 7 + [3] * 14)
    result = upback("progress", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["verdict"] == "steady_improvement"
    assert data["baseline"] == 6.0 and data["current_7day"] == 3.0
    assert data["change_points"] == -3.0 and data["change_percent"] == -50.0
    assert data["adherence"] == 1.0
    assert data["relief"]["sessions"] == 21 and data["relief"]["average"] == 2.0
    assert isinstance(data["advice"], list)
    assert len(data["daily"]) == 21


def test_json_advice_has_code_level_and_text(upback: Upback) -> None:
    seed([6] * 30)
    advice = json.loads(upback("progress", "--json").stdout)["advice"]
    assert {"code", "level", "text"} == set(advice[0])
    assert "see_professional" in [item["code"] for item in advice]


def test_json_with_a_range_cuts_the_series(upback: Upback) -> None:
    seed([5] * 30)
    data = json.loads(upback("progress", "--json", "--range", "2w").stdout)
    assert len(data["daily"]) == 14


def test_json_with_nothing_logged(upback: Upback) -> None:
    data = json.loads(upback("progress", "--json").stdout)
    assert data["verdict"] == "not_enough_data" and data["baseline"] is None


def test_an_unknown_range_is_one_line_naming_range(upback: Upback) -> None:
    result = upback("progress", "--range", "3w")
    assert result.exit_code == 2
    assert "--range: choose 2w, 6w or all" in one_clear_line(result)


def test_it_reads_what_the_log_command_wrote(upback: Upback) -> None:
    _, today = owner_and_today()
    for days_ago in range(3):
        upback("log", "--pain", "5", "--date", str(today - dt.timedelta(days=days_ago)))
    data = json.loads(upback("progress", "--json").stdout)
    assert data["baseline"] == 5.0 and data["relief"]["sessions"] == 0
