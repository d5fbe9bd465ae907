"""A day's items become the ordered, timed steps the guided player walks through."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upback.core.library import Dose, default_library
from upback.core.session_steps import (
    READY_SECONDS,
    SWITCH_SECONDS,
    PainTrend,
    StepKind,
    dose_from_json,
    item_steps,
    pain_change,
    seconds_words,
    session_steps,
)


def kinds(dose: Dose) -> list[str]:
    return [step.kind.value for step in item_steps(dose)]


def test_a_hold_per_side_says_left_then_switch_then_right_with_rests_between_sets() -> None:
    dose = Dose(sets=2, hold_seconds=30, per_side=True, rest_seconds=15)
    steps = item_steps(dose, name="Doorway chest stretch")
    assert kinds(dose) == ["ready", "hold", "switch", "hold", "rest", "hold", "switch", "hold"]
    assert [s.label for s in steps] == [
        "Get ready",
        "Left side",
        "Switch",
        "Right side",
        "Rest",
        "Left side",
        "Switch",
        "Right side",
    ]
    assert steps[0].seconds == READY_SECONDS
    assert "Doorway chest stretch" in steps[0].cue
    assert steps[1].seconds == 30 and steps[1].detail == "Set 1 of 2"
    assert steps[1].cue == "Left side. Hold for 30 seconds."
    assert steps[2].seconds == SWITCH_SECONDS and steps[2].cue == "Switch sides."
    assert steps[4].seconds == 15 and steps[4].detail == "Set 2 of 2 next"


def test_reps_are_tapped_with_no_get_ready_countdown() -> None:
    steps = item_steps(Dose(sets=3, reps=10, rest_seconds=60))
    assert [s.kind for s in steps] == [
        StepKind.REPS,
        StepKind.REST,
        StepKind.REPS,
        StepKind.REST,
        StepKind.REPS,
    ]
    first = steps[0]
    assert first.count == 10 and first.unit == "reps" and first.seconds is None
    assert first.label == "Go gently" and first.detail == "Set 1 of 3"
    assert first.cue == "Set 1 of 3. 10 reps. Tap after each one."
    assert first.hint == "Tap once for each rep."


def test_reps_with_a_hold_say_how_long_to_hold_each_one() -> None:
    step = item_steps(Dose(reps=8, hold_seconds=3, seconds_per_rep=4))[0]
    assert step.kind is StepKind.REPS
    assert step.hint == "Hold each one for 3 seconds, then tap."
    assert step.estimate == 8 * 7


def test_reps_per_side_switch_sides_between_them() -> None:
    dose = Dose(reps=10, per_side=True, seconds_per_rep=4)
    assert kinds(dose) == ["reps", "switch", "reps"]
    assert [s.side for s in item_steps(dose)] == ["left", "right", "right"]


def test_rounds_are_counted_by_tapping() -> None:
    step = item_steps(Dose(reps=10, seconds_per_rep=6, rep_word="rounds"))[0]
    assert step.kind is StepKind.REPS and step.unit == "rounds"
    assert step.hint == "Tap once for each round."


def test_slow_breaths_are_paced_by_the_clock() -> None:
    steps = item_steps(Dose(reps=8, seconds_per_rep=8, rep_word="breaths"))
    assert [s.kind for s in steps] == [StepKind.READY, StepKind.PACED]
    paced = steps[1]
    assert paced.count == 8 and paced.seconds_per_count == 8 and paced.seconds == 64
    assert paced.label == "Breathe"


def test_a_timed_item_counts_down_its_whole_duration() -> None:
    steps = item_steps(Dose(duration_seconds=120))
    assert [s.kind for s in steps] == [StepKind.READY, StepKind.TIMED]
    assert steps[1].seconds == 120 and steps[1].label == "Keep going"
    assert steps[1].cue == "Keep going for 2 minutes."


def test_no_rest_step_when_the_dose_has_no_rest() -> None:
    assert kinds(Dose(sets=2, reps=10)) == ["reps", "reps"]


def test_a_session_numbers_each_step_with_its_item() -> None:
    steps = session_steps(
        [("Warm-up", Dose(duration_seconds=60)), ("Rows", Dose(sets=2, reps=10, rest_seconds=30))]
    )
    assert [s.item for s in steps] == [0, 0, 1, 1, 1]
    assert steps[0].to_json()["kind"] == "ready"
    assert steps[-1].to_json()["count"] == 10


def test_a_stored_dose_with_its_display_text_reads_back() -> None:
    dose = dose_from_json({"sets": 2, "hold_seconds": 30, "text": "2 × 30 s", "note": None})
    assert dose == Dose(sets=2, hold_seconds=30)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "1 second"), (30, "30 seconds"), (60, "1 minute"), (90, "1 minute 30 seconds")],
)
def test_seconds_read_as_words(seconds: int, words: str) -> None:
    assert seconds_words(seconds) == words


def test_every_technique_in_the_library_makes_steps_whose_estimate_matches_its_dose() -> None:
    for technique in default_library():
        steps = item_steps(technique.dose, name=technique.name)
        assert steps, technique.slug
        assert steps[0].kind is StepKind.READY or steps[0].kind is StepKind.REPS
        work = sum(s.estimate for s in steps if s.kind.is_work or s.kind is StepKind.REST)
        assert work == pytest.approx(technique.dose.seconds), technique.slug


@given(
    sets=st.integers(1, 5),
    reps=st.integers(1, 30),
    per_side=st.booleans(),
    rest=st.integers(0, 180),
)
def test_work_steps_cover_every_set_and_side(
    sets: int, reps: int, per_side: bool, rest: int
) -> None:
    steps = item_steps(Dose(sets=sets, reps=reps, per_side=per_side, rest_seconds=rest))
    work = [s for s in steps if s.kind.is_work]
    assert len(work) == sets * (2 if per_side else 1)
    assert sum(s.kind is StepKind.REST for s in steps) == (sets - 1 if rest else 0)
    assert all(s.count == reps for s in work)


def test_pain_going_down_is_called_better() -> None:
    change = pain_change(5, 3)
    assert change.trend is PainTrend.BETTER and "5 to 3" in change.message


def test_pain_unchanged_is_reassuring() -> None:
    assert pain_change(4, 4).trend is PainTrend.SAME


def test_a_one_point_rise_is_a_little_worse_and_two_points_send_back_to_the_safety_check() -> None:
    assert pain_change(3, 4).trend is PainTrend.A_LITTLE_WORSE
    worse = pain_change(3, 5)
    assert worse.trend is PainTrend.WORSE and "safety check again" in worse.message


def test_pain_outside_0_to_10_is_refused() -> None:
    with pytest.raises(ValueError, match="0 to 10"):
        pain_change(3, 11)
