"""Example inputs shared by several test files."""

from __future__ import annotations

from typing import Any

# The guide's own case: a desk worker with 20 minutes, a band and a foam roller, floor OK.
GUIDE_PROFILE: dict[str, Any] = {
    "who": "desk_worker",
    "age": 35,
    "triggers": ["sitting_screens"],
    "pain_character": "tight_achy_stiff",
    "duration_weeks": 6,
    "minutes_per_day": 20,
    "strength_days_per_week": 3,
    "equipment": ["resistance_band", "foam_roller"],
    "floor_ok": True,
    "sleep_position": "side",
}

# A person with a clear physical trigger and mechanical pain: what "no to everything else" adds to.
MECHANICAL_TRIGGER = ("mechanical_trigger_identified", "pain_reproduced_by_movement_or_pressure")


def cleared_answers() -> dict[str, Any]:
    """Every safety question answered: no warning sign, and a clear physical trigger."""
    from upback.core.safety import SYMPTOM_KEYS

    answers: dict[str, Any] = dict.fromkeys(SYMPTOM_KEYS, "no")
    answers.update(dict.fromkeys(MECHANICAL_TRIGGER, "yes"))
    return answers
