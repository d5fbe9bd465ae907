"""The desk toolkit: §6.4's numbers, the §7 text-neck model, the standing plan, the desk check."""

from __future__ import annotations

from itertools import pairwise

import pytest

from upback.core import desk
from upback.core.errors import InputProblem

# §6.4 worked examples: stature (mm) -> seat, desk, eye, monitor centre (20°, 15° below eye).
WORKED_EXAMPLES = [
    (1500, 401, 616, 1086, 850, 912),
    (1600, 426, 655, 1157, 920, 983),
    (1700, 451, 695, 1228, 991, 1054),
    (1800, 476, 734, 1298, 1062, 1124),
    (1900, 501, 774, 1369, 1133, 1195),
]


@pytest.mark.parametrize(("stature", "seat", "desk_mm", "eye", "low", "high"), WORKED_EXAMPLES)
def test_the_calculator_reproduces_the_worked_examples_within_a_millimetre(
    stature: int, seat: int, desk_mm: int, eye: int, low: int, high: int
) -> None:
    numbers = desk.calculate(height_cm=stature / 10)
    assert numbers.seat.mm == pytest.approx(seat, abs=1)
    assert numbers.desk.mm == pytest.approx(desk_mm, abs=1)
    assert numbers.eye.mm == pytest.approx(eye, abs=1)
    assert numbers.monitor_centre.low_mm == pytest.approx(low, abs=1)
    assert numbers.monitor_centre.high_mm == pytest.approx(high, abs=1)


def test_every_figure_carries_a_source_and_is_given_in_mm_and_cm() -> None:
    numbers = desk.calculate(height_cm=172)
    for figure in numbers.figures:
        assert figure.source
        out = figure.to_json()
        assert out["cm"] == pytest.approx(out["mm"] / 10, abs=0.1)
    assert "HFES" in numbers.seat.source
    assert "OSHA" in numbers.monitor_top.source


def test_the_screen_top_is_at_or_up_to_5_cm_below_eye_level() -> None:
    numbers = desk.calculate(height_cm=172)
    assert numbers.monitor_top.high_mm == pytest.approx(numbers.eye.mm)
    assert numbers.monitor_top.low_mm == pytest.approx(numbers.eye.mm - 50)


def test_the_screen_distance_is_at_least_50_cm() -> None:
    numbers = desk.calculate(height_cm=172)
    assert (numbers.screen_distance.low_mm, numbers.screen_distance.high_mm) == (500, 750)


def test_bifocal_wearers_get_the_low_end_of_the_screen_ranges() -> None:
    plain = desk.calculate(height_cm=172)
    bifocal = desk.calculate(height_cm=172, bifocals=True)
    assert bifocal.monitor_centre.high_mm == pytest.approx(plain.monitor_centre.low_mm)
    assert bifocal.monitor_top.high_mm == pytest.approx(plain.monitor_top.low_mm)
    assert "bifocals" in bifocal.monitor_centre.note


@pytest.mark.parametrize(("height", "seat"), [(120, 380), (220, 560)])
def test_the_seat_stays_inside_the_standard_range_and_says_so(height: float, seat: float) -> None:
    numbers = desk.calculate(height_cm=height)
    assert numbers.seat.mm == seat
    assert "range" in numbers.seat.note


@pytest.mark.parametrize("height", [119.9, 220.1, float("nan")])
def test_a_height_outside_120_to_220_cm_is_refused_by_name(height: float) -> None:
    with pytest.raises(ValueError, match="height_cm"):
        desk.calculate(height_cm=height)


def test_a_fixed_desk_that_is_too_high_means_a_higher_chair_and_a_footrest() -> None:
    numbers = desk.calculate(height_cm=172, fixed_desk_mm=760)
    fixed = numbers.fixed_desk
    assert fixed is not None
    assert fixed.seat_mm == pytest.approx(numbers.seat.mm + (760 - numbers.desk.mm))
    assert fixed.footrest_mm == pytest.approx(760 - numbers.desk.mm)
    assert "footrest of 57 mm" in fixed.advice


def test_a_fixed_desk_at_the_right_height_needs_no_footrest() -> None:
    fixed = desk.calculate(height_cm=172, fixed_desk_mm=700).fixed_desk
    assert fixed is not None and fixed.footrest_mm == 0


@pytest.mark.parametrize(
    ("angle", "low", "high"), [(0, 10, 12), (15, 27, 27), (30, 40, 40), (45, 49, 49), (60, 60, 60)]
)
def test_the_text_neck_model_gives_the_published_points(
    angle: float, low: float, high: float
) -> None:
    result = desk.text_neck(angle)
    assert (result.low_lb, result.high_lb) == (low, high)


def test_the_text_neck_model_is_interpolated_between_points_and_given_in_kg() -> None:
    result = desk.text_neck(22.5)
    assert result.low_lb == pytest.approx(33.5)
    assert result.low_kg == pytest.approx(33.5 * 0.45359237)


def test_the_text_neck_result_says_it_is_a_model_and_suggests_variety_calmly() -> None:
    result = desk.text_neck(45)
    assert "model" in result.caveat and "not measured" in result.caveat
    assert "breaks" in result.message
    words = (result.caveat + result.message).lower()
    for scary in ("damage", "danger", "harm", "destroy", "injur"):
        assert scary not in words


@pytest.mark.parametrize("angle", [-1, 61, 90])
def test_angles_outside_the_model_are_refused(angle: float) -> None:
    with pytest.raises(InputProblem, match=r"angle_degrees.*not reliable"):
        desk.text_neck(angle)


def test_the_standing_plan_starts_with_15_to_20_minute_blocks_and_grows_gently() -> None:
    plan = desk.standing_plan()
    assert len(plan) == 4
    assert plan[0].block_minutes == (15, 20)
    for before, after in pairwise(plan):
        assert after.block_minutes[0] - before.block_minutes[0] in (0, 5)
        assert after.blocks_per_day >= before.blocks_per_day
    assert all("CSA" in week.source for week in plan)


def test_the_standing_plan_never_grows_past_40_minute_blocks() -> None:
    assert max(week.block_minutes[1] for week in desk.standing_plan(12)) == 40


def test_a_standing_plan_needs_1_to_12_weeks() -> None:
    with pytest.raises(ValueError, match="weeks"):
        desk.standing_plan(0)
