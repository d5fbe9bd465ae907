"""The screen's questions: the symptom keys, their plain wording from screen.toml, and the keys
re-asked at the daily check-in."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from upback.core.errors import InputProblem, describe_validation

AGE = "age"  # listed in `unanswered` when a rule needed the age and none was given


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    help: str | None


class _QuestionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str = Field(min_length=10)
    help: str | None = Field(default=None, min_length=10)


@cache
def _questions() -> dict[str, Question]:
    raw = tomllib.loads(files("upback").joinpath("content", "screen.toml").read_text("utf-8"))
    found: dict[str, Question] = {}
    for key, entry in raw.get("questions", {}).items():
        try:
            parsed = _QuestionEntry.model_validate(entry)
        except ValidationError as error:
            raise InputProblem(
                describe_validation(error, f"screen.toml: questions.{key}")
            ) from error
        found[key] = Question(key=key, text=parsed.text, help=parsed.help)
    return found


# The symptom keys are the question file's keys; a test pins them to the clinical vocabulary.
SYMPTOM_KEYS: frozenset[str] = frozenset(_questions())
AGE_QUESTION = Question(AGE, "How old are you?", None)


def question(key: str) -> Question:
    """The plain-language question for a symptom key, or for `age` (it can be in `unanswered`)."""
    if key == AGE:
        return AGE_QUESTION
    try:
        return _questions()[key]
    except KeyError:
        raise KeyError(f"{key!r} is not a known symptom key") from None


# Emergency and urgent keys that can change from day to day: re-asked at the daily check-in.
RECHECK_KEYS: tuple[str, ...] = (
    "chest_pain_or_pressure",
    "shortness_of_breath",
    "coughing_blood",
    "sweating_clammy",
    "lightheaded_or_fainting",
    "stroke_like_symptoms",
    "bilateral_leg_numbness_or_tingling",
    "leg_weakness",
    "unsteady_gait_or_balance_loss",
    "saddle_numbness",
    "urinary_retention_or_difficulty",
    "bowel_incontinence",
    "arm_weakness",
    "bilateral_arm_symptoms_or_hand_clumsiness",
    "fever",
    "night_pain_unrelieved_by_position_change",
    "constant_progressive_pain",
    "unexplained_weight_loss",
    "unilateral_rash_or_blisters",
    "unilateral_leg_swelling_or_calf_pain",
)
