"""The person's profile: who they are, what sets their pain off, and what they have to hand."""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from upback.core.errors import InputProblem, describe_validation
from upback.core.vocab import Equipment, PainCharacter, SleepPosition, Trigger, Who


class Profile(BaseModel):
    """The DESIGN's profile contract; extra keys are refused so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    who: Who
    age: int = Field(ge=18, le=110)
    triggers: list[Trigger] = Field(default_factory=list)
    pain_character: PainCharacter
    duration_weeks: float = Field(ge=0, le=1040)
    minutes_per_day: int = Field(ge=5, le=30)
    strength_days_per_week: int = Field(ge=0, le=3)
    equipment: list[Equipment] = Field(default_factory=list)
    floor_ok: bool
    sleep_position: SleepPosition

    @model_validator(mode="after")
    def _no_repeats(self) -> Self:
        for name in ("triggers", "equipment"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"{name} lists the same value twice")
        return self

    @property
    def in_flare(self) -> bool:
        return self.pain_character is PainCharacter.SHARP_NEW_OR_SWOLLEN


def parse_profile(data: Any, *, where: str = "profile") -> Profile:
    """Validate raw data into a Profile or raise InputProblem with one clear line."""
    if not isinstance(data, dict):
        raise InputProblem(f"{where}: must be a JSON object, got {type(data).__name__}")
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise InputProblem(describe_validation(error, where)) from error
