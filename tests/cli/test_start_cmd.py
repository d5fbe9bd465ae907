"""`upback start`: the whole first run in the terminal, from safety check to a saved plan."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Upback
from upback.core import safety

pytestmark = pytest.mark.django_db

# Profile answers, in the order they are asked: who (desk worker), triggers (screens), pain
# (tight), weeks, minutes, strength days, equipment (band, roller), floor, sleep (side).
PROFILE_INPUT = "1\n1\n1\n6\n20\n3\n1 2\ny\n1\n"


@pytest.fixture
def answers_by_question(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Answer each safety question as an ordinary desk worker would, looked up by its text."""
    chosen = {key: "no" for key in safety.SYMPTOM_KEYS}
    for key in (
        "upper_back_pain",
        "mechanical_trigger_identified",
        "prolonged_sitting_or_screen_use",
        "pain_reproduced_by_movement_or_pressure",
        "pain_eases_with_movement_or_position_change",
    ):
        chosen[key] = "yes"
    by_text = {safety.question(key).text: key for key in safety.SYMPTOM_KEYS}
    asked: list[str] = []

    def answer(text: str, help_text: str | None, *, number: int) -> str:
        key = by_text[text]
        asked.append(key)
        return chosen[key]

    monkeypatch.setattr("upback.cli.prompts.yes_no_not_sure", answer)
    return chosen


def test_a_desk_worker_goes_from_screen_to_a_saved_plan(
    upback: Upback, answers_by_question: dict[str, str]
) -> None:
    from upback.coach.models import Plan, Screening

    result = upback("start", input="35\n" + PROFILE_INPUT)
    assert result.exit_code == 0, result.output
    assert "Safe to start" in result.stdout
    assert "Your week" in result.stdout
    assert "Resistance band row" in result.stdout
    assert Screening.objects.get(owner__username="tester").disposition == "self_care"
    plan = Plan.objects.get(owner__username="tester")
    assert plan.version == 1
    assert plan.profile_snapshot["equipment"] == ["resistance_band", "foam_roller"]


def test_an_emergency_answer_stops_before_any_exercise(upback: Upback) -> None:
    from upback.coach.models import Plan

    result = upback("start", input="58\ny\n")
    assert result.exit_code == 0, result.output
    assert "emergency" in result.stdout.lower()
    assert "Your week" not in result.stdout
    assert not Plan.objects.exists()
