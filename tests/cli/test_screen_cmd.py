"""`upback screen`: the JSON contract, bad input, and the interactive flow."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Upback, one_clear_line

KEYS = {"disposition", "rules", "reasons", "next_steps", "unanswered"}


def test_one_object_in_gives_one_result_out(upback: Upback) -> None:
    path = upback.file("a.json", {"age": 58, "answers": {"chest_pain_or_pressure": "yes"}})
    result = upback("screen", "--answers", path, "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == KEYS
    assert out["disposition"] == "emergency"
    assert "E1" in out["rules"]


def test_a_list_in_gives_a_list_out_in_the_same_order(upback: Upback) -> None:
    path = upback.file(
        "a.json",
        [
            {"age": 30, "answers": {"fever": "yes"}},
            {"age": 30, "answers": {"major_trauma": "yes"}},
        ],
    )
    out = json.loads(upback("screen", "--answers", path, "--json").stdout)
    assert [o["disposition"] for o in out] == ["urgent", "emergency"]


def test_unanswered_warning_signs_never_clear_a_person(upback: Upback) -> None:
    path = upback.file("a.json", {"age": 30, "answers": {"mechanical_trigger_identified": "yes"}})
    out = json.loads(upback("screen", "--answers", path, "--json").stdout)
    assert out["disposition"] != "self_care"
    assert out["unanswered"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('{"age": 30, "answers": {"fevr": "yes"}}', "fevr"),
        ('{"age": 30, "answers": {"fever": "maybe"}}', "fever"),
        ('{"age": 300, "answers": {}}', "age"),
        ('{"age": 30, "answers": {}, "mood": "ok"}', "mood"),
        ("[]", "empty"),
        ('"just a string"', "object"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    upback: Upback, content: str, expected: str
) -> None:
    result = upback("screen", "--answers", upback.file("bad.json", content), "--json")
    assert result.exit_code == 2
    assert expected in one_clear_line(result)
    assert result.stdout == ""


def test_a_missing_file_is_exit_2(upback: Upback) -> None:
    result = upback("screen", "--answers", "/nonexistent/answers.json", "--json")
    assert result.exit_code == 2
    assert "no such file" in one_clear_line(result)


@pytest.mark.django_db
def test_the_interactive_screen_stops_at_the_first_emergency_answer(upback: Upback) -> None:
    from upback.coach.models import Screening

    result = upback("screen", input="58\ny\n")
    assert result.exit_code == 0, result.output
    assert "emergency" in result.stdout.lower()
    assert "2." not in result.stdout  # no second question was asked
    stored = Screening.objects.get(owner__username="tester")
    assert stored.disposition == "emergency"
