"""The screen's contracts: JSON in and out, one-line errors, the questions, the re-check keys."""

from __future__ import annotations

import json
import re
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from upback.core import safety
from upback.core.errors import InputProblem
from upback.core.safety import (
    RECHECK_KEYS,
    SYMPTOM_KEYS,
    Answer,
    Screening,
    parse_screening,
    question,
    screen,
)
from upback.core.vocab import Disposition

VOCABULARY = Path(__file__).resolve().parents[3] / "shared" / "clinical" / "symptom-vocabulary.md"


def test_the_documented_example_screens_to_an_emergency() -> None:
    data = {
        "age": 58,
        "sex": "male",
        "answers": {
            "chest_pain_or_pressure": "yes",
            "fever": "no",
            "history_of_cancer": "not_sure",
        },
    }
    out = screen(parse_screening(data)).to_json()
    assert out["disposition"] == "emergency"
    assert out["rules"] == ["E1"]
    assert out["unanswered"] == []


@pytest.mark.parametrize(
    "answers",
    [{}, {"chest_pain_or_pressure": "yes"}, {"fever": "yes"}, {"fever": "not_sure"}],
)
def test_the_json_output_has_exactly_the_documented_shape(answers: dict[str, Answer]) -> None:
    out = screen(Screening(age=40, answers=answers)).to_json()
    assert list(out) == ["disposition", "rules", "reasons", "next_steps", "unanswered"]
    assert out["disposition"] in {d.value for d in Disposition}
    for field in ("rules", "reasons", "next_steps", "unanswered"):
        assert isinstance(out[field], list)
        assert all(isinstance(item, str) for item in out[field])
    assert json.loads(json.dumps(out)) == out


def test_results_and_screenings_are_frozen() -> None:
    s = Screening(age=40, answers={})
    result = screen(s)
    with pytest.raises(FrozenInstanceError):
        result.disposition = Disposition.SELF_CARE  # type: ignore[misc]
    with pytest.raises(ValidationError):
        s.age = 41  # type: ignore[misc]


def test_age_sex_and_answers_may_be_left_out() -> None:
    s = parse_screening({})
    assert (s.age, s.sex, s.answers) == (None, None, {})


@pytest.mark.parametrize("sex", ["female", "male", "other", None])
def test_the_accepted_values_for_sex(sex: str | None) -> None:
    assert parse_screening({"sex": sex}).sex == sex


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "input: must be a JSON object, got list"),
        (
            {"answers": {"fevr": "yes"}},
            "answers.fevr: is not a known symptom key (did you mean 'fever'?)",
        ),
        ({"answers": {"zzz": "yes"}}, "answers.zzz: is not a known symptom key"),
        (
            {"answers": {"fever": "maybe"}},
            "answers.fever: must be 'yes', 'no' or 'not_sure' (got 'maybe')",
        ),
        (
            {"answers": {"fever": True}},
            "answers.fever: must be 'yes', 'no' or 'not_sure' (got True)",
        ),
        (
            {"answers": ["fever"]},
            "answers: must be an object of symptom keys and answers",
        ),
        ({"age": 130}, "age: must be at most 120 (got 130)"),
        ({"age": -1}, "age: must be at least 0 (got -1)"),
        ({"age": "58"}, "age: input should be a valid integer"),
        ({"age": True}, "age: input should be a valid integer"),
        ({"sex": "x"}, "sex: must be one of 'female', 'male' or 'other' (got 'x')"),
        ({"agee": 40}, "agee: is not a known field"),
    ],
)
def test_bad_input_gets_one_clear_line_naming_the_field(data: Any, message: str) -> None:
    with pytest.raises(InputProblem) as caught:
        parse_screening(data)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answers": {"fevr": "yes"}}, "[2].answers.fevr: is not a known symptom key"),
        ({"age": 300}, "[2].age: must be at most 120 (got 300)"),
        ("text", "[2]: must be a JSON object, got str"),
    ],
)
def test_in_a_list_the_message_names_the_item(data: Any, message: str) -> None:
    with pytest.raises(InputProblem) as caught:
        parse_screening(data, where="[2].answers")
    assert str(caught.value).startswith(message)


def test_building_a_screening_directly_still_refuses_unknown_keys() -> None:
    with pytest.raises(ValidationError, match="fevr is not a known symptom key"):
        Screening(answers={"fevr": "yes"})  # type: ignore[dict-item]


# --- questions -----------------------------------------------------------------------------------


def test_every_symptom_key_has_a_plain_yes_no_question() -> None:
    assert len(SYMPTOM_KEYS) == 91
    for k in SYMPTOM_KEYS:
        q = question(k)
        assert q.key == k
        assert q.text.endswith("?") and q.text[0].isupper()
        assert "_" not in q.text and q.text.rstrip("?").lower() != k  # never the key as is
        assert len(q.text) <= 130
        if q.help is not None:
            assert "\n" not in q.help and "_" not in q.help and len(q.help) <= 130


def test_the_questions_avoid_medical_jargon() -> None:
    jargon = re.compile(
        r"\b(thoracic|pleuritic|unilateral|bilateral|abdom|epigastr|radiat|paraesthes|"
        r"rigors|dyspn|syncope|haemoptysis|myelopathy|biliary|flank)",
        re.IGNORECASE,
    )
    for k in SYMPTOM_KEYS:
        assert not jargon.search(question(k).text), question(k).text


def test_age_has_a_question_too_because_it_can_be_unanswered() -> None:
    assert question("age").text == "How old are you?"
    assert "age" in screen(Screening(answers={"minor_trauma": "yes"})).unanswered


def test_asking_for_an_unknown_question_names_the_key() -> None:
    with pytest.raises(KeyError, match="fevr"):
        question("fevr")


@pytest.mark.skipif(not VOCABULARY.exists(), reason="the shared clinical vocabulary is not beside")
def test_the_symptom_keys_are_exactly_the_documented_vocabulary() -> None:
    documented = set(re.findall(r"^\| `([a-z0-9_]+)` \|", VOCABULARY.read_text(), re.MULTILINE))
    assert documented == SYMPTOM_KEYS


# --- re-check keys and purity --------------------------------------------------------------------


def test_recheck_keys_are_known_unique_and_each_needs_care_today_at_least() -> None:
    assert len(set(RECHECK_KEYS)) == len(RECHECK_KEYS)
    assert set(RECHECK_KEYS) <= SYMPTOM_KEYS
    cleared: dict[str, Answer] = {k: "no" for k in SYMPTOM_KEYS}
    cleared["mechanical_trigger_identified"] = "yes"
    for k in RECHECK_KEYS:
        result = screen(Screening(age=30, answers={**cleared, k: "yes"}))
        assert result.disposition.severity >= Disposition.URGENT.severity, k


def test_recheck_covers_the_signs_that_change_over_time() -> None:
    assert {
        "chest_pain_or_pressure",
        "shortness_of_breath",
        "leg_weakness",
        "saddle_numbness",
        "urinary_retention_or_difficulty",
        "bowel_incontinence",
        "fever",
        "arm_weakness",
        "night_pain_unrelieved_by_position_change",
        "unexplained_weight_loss",
    } <= set(RECHECK_KEYS)


def test_the_safety_module_stays_free_of_django() -> None:
    source = Path(safety.__file__).read_text()
    assert not re.search(r"^\s*(from|import) django", source, re.MULTILINE)
