"""`upback heat-cold`: flags for every answer, questions in a terminal, JSON, one-line errors."""

from __future__ import annotations

import json

import pytest

import upback.cli.heat_cmd as heat_cmd
from tests.cli.conftest import Upback, one_clear_line
from upback.core import heat_cold as core

pytestmark = pytest.mark.django_db

ALL_NO = [part for key in core.SAFETY_KEYS for part in (heat_cmd.SAFETY_FLAGS[key], "no")]


def flags(**changes: str) -> list[str]:
    out = list(ALL_NO)
    for key, value in changes.items():
        out[out.index(heat_cmd.SAFETY_FLAGS[key]) + 1] = value
    return out


def test_stiff_muscles_get_heat_with_a_timer_a_barrier_and_skin_checks(upback: Upback) -> None:
    result = upback("heat-cold", "--feels", "stiff", *flags())
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Heat is the one to try" in out
    assert "Timer: 15 minutes, looking at your skin at 5 and 10 minutes" in out
    assert "at least one layer of cloth" in out
    assert "Never put a pack straight onto bare skin." in out


def test_new_and_swollen_pain_gets_cold_an_hour_apart(upback: Upback) -> None:
    result = upback("heat-cold", "--feels", "new,swollen", "--since-days", "1", *flags())
    out = " ".join(result.stdout.split())
    assert "Cold is the one to try" in out and "at least an hour" in out


def test_json_holds_the_choice_the_use_and_the_answers(upback: Upback) -> None:
    result = upback("heat-cold", "--feels", "achy", "--feels", "tight", *flags(), "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["choice"] == "heat"
    assert out["use"]["minutes"] == [15, 20]
    assert "cloth" in out["use"]["barrier"]
    assert out["answers"]["feels"] == ["achy", "tight"]
    assert out["unanswered"] == []
    assert out["never"]


def test_unsure_never_clears(upback: Upback) -> None:
    out = json.loads(
        upback("heat-cold", "--feels", "stiff", *flags(diabetes="unsure"), "--json").stdout
    )
    assert out["choice"] == "neither" and out["unsure"] == ["diabetes"]


def test_questions_left_out_in_a_script_count_as_unsure_and_it_says_so(upback: Upback) -> None:
    result = upback("heat-cold", "--feels", "stiff", "--chest-pain", "no")
    assert result.exit_code == 0, result.output
    assert "Not answered, so taken as unsure:" in result.stdout
    assert "--diabetes" in result.stdout
    assert "Neither heat nor cold for now" in result.stdout


def test_chest_pain_is_sent_for_help(upback: Upback) -> None:
    out = json.loads(
        upback("heat-cold", "--feels", "sharp", *flags(chest_pain="yes"), "--json").stdout
    )
    assert out["choice"] == "get_help" and out["use"] is None


def test_a_warning_sign_from_the_safety_check_holds_heat_and_cold(upback: Upback) -> None:
    from tests.coach.views.test_plans import screened
    from upback.coach.services import local_user_get_or_create

    screened(local_user_get_or_create(username="tester"), "urgent")
    out = json.loads(upback("heat-cold", "--feels", "stiff", *flags(), "--json").stdout)
    assert out["choice"] == "neither"
    assert "warning sign" in out["reasons"][0]
    assert out["after"] is None


def test_in_a_terminal_it_asks_the_questions_one_by_one(
    upback: Upback, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(heat_cmd, "_can_ask", lambda: True)
    # feels: swollen (5); started 1 day ago; then the seven safety questions, all no.
    typed = "5\n1\n" + "n\n" * len(core.SAFETY_KEYS)
    result = upback("heat-cold", input=typed)
    assert result.exit_code == 0, result.output
    assert core.SAFETY_QUESTIONS[1].text in " ".join(result.stdout.split())
    assert "Cold is the one to try" in result.stdout


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--feels", "burning"], "--feels"),
        ([], "--feels"),
        (["--feels", "stiff", "--diabetes", "maybe"], "--diabetes"),
        (["--feels", "stiff", "--since-days", "-1"], "--since-days"),
        (["--feels", "stiff", "--since-days", "soon"], "--since-days"),
    ],
)
def test_bad_input_is_one_line_naming_the_flag_and_exit_2(
    upback: Upback, args: list[str], flag: str
) -> None:
    result = upback("heat-cold", *args)
    assert result.exit_code == 2
    assert flag in one_clear_line(result)
