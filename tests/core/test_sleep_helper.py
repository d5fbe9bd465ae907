"""The sleep helper: pillow, towel roll or knee pillow, mattress, and the stomach sleeper's plan."""

from __future__ import annotations

import pytest

from upback.core.library import default_library
from upback.core.sleep_helper import POSITIONS, SleepProblem, sleep_plan


def tip(plan_position: str, key: str, **answers: object) -> str:
    plan = sleep_plan(position=plan_position, **answers)  # type: ignore[arg-type]
    return next(t.text for t in plan.tips if t.key == key)


@pytest.mark.parametrize("position", POSITIONS)
def test_every_position_gets_its_own_advice_a_pillow_and_the_mattress(position: str) -> None:
    plan = sleep_plan(position=position)
    assert plan.summary == getattr(default_library().advice.sleep, position)
    keys = [t.key for t in plan.tips]
    assert keys[0] == "pillow" and "mattress" in keys


def test_side_sleepers_get_a_firmer_thicker_pillow_and_a_pillow_between_the_knees() -> None:
    plan = sleep_plan(position="side")
    assert "firmer, thicker" in plan.tips[0].text
    assert "between your knees" in tip("side", "knee_pillow")
    assert "towel_roll" not in [t.key for t in plan.tips]


def test_back_sleepers_get_a_medium_thin_pillow_and_a_small_towel_roll_under_the_neck() -> None:
    assert "medium-thin" in tip("back", "pillow")
    assert "under the curve of your neck" in tip("back", "towel_roll")


def test_two_pillows_on_your_back_push_the_chin_forward() -> None:
    assert tip("back", "pillow", pillows=2).startswith("Two or more pillows")


def test_no_pillow_on_your_side_lets_the_head_tip_down() -> None:
    assert tip("side", "pillow", pillows=0).startswith("Without a pillow")


def test_stomach_sleepers_keep_a_very_thin_pillow_and_get_a_four_week_change_of_habit() -> None:
    plan = sleep_plan(position="stomach", pillows=1)
    assert "very thin" in plan.tips[0].text
    assert [week.week for week in plan.habit_change] == [1, 2, 3, 4]
    assert "body pillow" in plan.habit_change[1].what
    assert sleep_plan(position="side").habit_change == ()


def test_the_mattress_advice_is_medium_firm_and_try_before_buying() -> None:
    text = tip("back", "mattress", mattress="too_firm")
    assert "medium-firm" in text and "try it at home" in text
    assert tip("side", "mattress", mattress="too_soft").startswith(
        "You said your mattress feels too soft"
    )


def test_waking_stiff_adds_a_note_with_when_to_mention_it_to_a_doctor() -> None:
    assert sleep_plan(position="side").waking_note == ""
    note = sleep_plan(position="side", waking_stiff=True).waking_note
    assert "30 minutes" in note and "doctor" in note


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"position": "upside_down"}, "position"),
        ({"position": "side", "pillows": 9}, "pillows"),
        ({"position": "side", "mattress": "bouncy"}, "mattress"),
    ],
)
def test_bad_answers_name_their_field(answers: dict[str, object], field: str) -> None:
    with pytest.raises(SleepProblem) as caught:
        sleep_plan(**answers)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_the_json_has_the_tips_and_the_weeks() -> None:
    out = sleep_plan(position="stomach").to_json()
    assert out["position"] == "stomach"
    assert {"key", "title", "text"} == set(out["tips"][0])
    assert out["habit_change"][0]["week"] == 1
    assert out["waking_note"] is None
