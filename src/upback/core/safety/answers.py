"""One person's answers to the screen, and turning raw input into them with clear errors."""

from __future__ import annotations

import difflib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from upback.core.errors import InputProblem, describe_validation
from upback.core.safety.questions import SYMPTOM_KEYS

Answer = Literal["yes", "no", "not_sure"]


class Screening(BaseModel):
    """One person's answers. Absent keys were not answered; `age` None means not given."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    age: Annotated[int, Field(strict=True, ge=0, le=120)] | None = None
    sex: Literal["female", "male", "other"] | None = None
    answers: dict[str, Answer] = Field(default_factory=dict)

    @field_validator("answers")
    @classmethod
    def _known_keys(cls, value: dict[str, Answer]) -> dict[str, Answer]:
        for key in value:
            if key not in SYMPTOM_KEYS:
                raise ValueError(f"{key} is not a known symptom key")
        return value


def parse_screening(data: Any, *, where: str = "answers") -> Screening:
    """Validate raw data into a Screening or raise InputProblem with one clear line.

    `where` is where the answers sit in the input: `answers` for one object, `[2].answers` for the
    third of a list. Problems name the true path: `answers.fevr: ...`, `[2].age: ...`.
    """
    prefix = where.removesuffix("answers").rstrip(".")
    if not isinstance(data, dict):
        raise InputProblem(f"{prefix or 'input'}: must be a JSON object, got {type(data).__name__}")
    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        raise InputProblem(f"{where}: must be an object of symptom keys and answers")
    for key, value in answers.items():
        if key not in SYMPTOM_KEYS:
            close = difflib.get_close_matches(str(key), sorted(SYMPTOM_KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InputProblem(f"{where}.{key}: is not a known symptom key{hint}")
        if not isinstance(value, str) or value not in ("yes", "no", "not_sure"):
            raise InputProblem(f"{where}.{key}: must be 'yes', 'no' or 'not_sure' (got {value!r})")
    try:
        return Screening.model_validate(data)
    except ValidationError as error:
        raise InputProblem(describe_validation(error, prefix)) from error
