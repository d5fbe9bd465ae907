"""The loop: keyframes at the dose's tempo, eased, mirrored for the other side, hands kept put."""

from __future__ import annotations

import itertools
import math

import pytest

from upback.core.figure import Pose, pose_bones
from upback.core.figure.checks import length_problems
from upback.core.figure.motion import Tempo, frames, loop, mirrored, mirrored_prop
from upback.core.figure.planting import point_names, points
from upback.core.figure.props import Band, Doorway, Dumbbells, MassageBall, MassageGun
from upback.core.figure.spec import FigureSpec

ALL_FOURS = {
    "view": "side",
    "props": [{"kind": "mat"}],
    "planted": ["hands", "knees", "feet"],
    "free": ["x", "height", "pitch", "shoulder_flexion", "hip_flexion", "knee_flexion"],
    "keyframes": [
        {
            "caption": "Hands and knees, back flat",
            "pitch": 72,
            "angles": {
                "hip_flexion": 72,
                "knee_flexion": 90,
                "shoulder_flexion": 72,
                "wrist_bend": -80,
                "ankle_dorsiflexion": -60,
            },
        },
        {
            "caption": "Round your upper back",
            "move": 2,
            "angles": {"thoracic_flexion": 38, "lumbar_flexion": 20, "neck_flexion": 40},
        },
    ],
}
REACH = {
    "view": "front",
    "keyframes": [
        {"caption": "Stand tall", "angles": {}},
        {"caption": "Reach your left arm up", "angles": {"left_shoulder_abduction": 160}},
        {"caption": "Lean to the right", "hold": "dose", "angles": {"thoracic_side_bend": -15}},
    ],
}


def _seconds(shown: list) -> float:
    return sum(frame.seconds for frame in shown)


def test_one_rep_takes_the_doses_seconds_per_rep() -> None:
    spec = FigureSpec.model_validate(ALL_FOURS)
    shown = frames(loop(spec, Tempo("reps", seconds_per_rep=6)))
    assert _seconds(shown) == pytest.approx(6.0)


def test_a_held_stretch_stays_in_its_held_keyframe_for_the_doses_hold() -> None:
    spec = FigureSpec.model_validate(REACH)
    shown = frames(loop(spec, Tempo("hold", hold_seconds=30)))
    longest = max(shown, key=lambda frame: frame.seconds)
    assert 30.0 <= longest.seconds < 30.5  # the hold, plus the moment of arriving
    assert longest.pose.angle("thoracic_side_bend") == -15


def test_a_per_side_dose_plays_the_loop_again_on_the_other_side() -> None:
    spec = FigureSpec.model_validate(REACH)
    one = frames(loop(spec, Tempo("hold", hold_seconds=20)))
    both = frames(loop(spec, Tempo("hold", hold_seconds=20, per_side=True)))
    assert _seconds(both) == pytest.approx(2 * _seconds(one))
    other = [f for f in both if f.mirrored]
    assert max(f.pose.angle("right_shoulder_abduction") for f in other) == 160
    assert min(f.pose.angle("thoracic_side_bend") for f in other) == 0
    assert max(f.pose.angle("thoracic_side_bend") for f in other) == 15


def test_movement_is_eased_so_it_starts_and_stops_softly() -> None:
    spec = FigureSpec.model_validate(REACH)
    raising = [
        f.pose.angle("left_shoulder_abduction")
        for f in frames(loop(spec, Tempo("timed")))
        if f.pose.angle("thoracic_side_bend") == 0
    ]
    steps = [b - a for a, b in itertools.pairwise(raising) if b > a]
    assert steps[0] < steps[len(steps) // 2] > steps[-1]


def test_every_frame_keeps_every_segment_its_length() -> None:
    spec = FigureSpec.model_validate(ALL_FOURS)
    for frame in frames(loop(spec, Tempo("reps", seconds_per_rep=6, per_side=True))):
        assert length_problems(pose_bones(frame.pose)) == []


def test_planted_hands_knees_and_feet_stay_put_while_the_back_rounds() -> None:
    spec = FigureSpec.model_validate(ALL_FOURS)
    names = point_names(spec.planted)
    start = points(pose_bones(spec.poses()[0]), names)
    for frame in frames(loop(spec, Tempo("reps", seconds_per_rep=6))):
        moved = points(pose_bones(frame.pose), names)
        assert max(math.dist(moved[n], start[n]) for n in names) < 0.5


def test_without_planting_the_body_would_swing_and_lift_the_hands() -> None:
    loose = FigureSpec.model_validate({**ALL_FOURS, "planted": [], "free": []})
    names = point_names(["hands"])
    first, rounded = (points(pose_bones(p), names) for p in loose.poses())
    assert math.dist(first["left_hand"], rounded["left_hand"]) > 5


def test_the_first_keyframe_sets_the_planted_points_down_on_the_floor() -> None:
    body = pose_bones(FigureSpec.model_validate(ALL_FOURS).poses()[0])
    for part in ("left_hand", "right_hand", "left_foot", "right_thigh"):
        assert abs(body[part].lowest) < 0.5


def test_mirroring_swaps_the_limbs_and_turns_the_other_way() -> None:
    pose = Pose(
        angles={"left_shoulder_flexion": 90, "thoracic_rotation": 30, "neck_side_bend": 10},
        y=5,
        heading=20,
    )
    other = mirrored(pose)
    assert other.angle("right_shoulder_flexion") == 90 and other.angle("left_shoulder_flexion") == 0
    assert other.angle("thoracic_rotation") == -30 and other.angle("neck_side_bend") == -10
    assert (other.y, other.heading) == (-5, -20)
    assert mirrored(other) == pose


def test_props_move_across_and_into_the_other_hand_for_the_other_side() -> None:
    assert mirrored_prop(Band(x=60, y=10, hands=("left",))) == Band(x=60, y=-10, hands=("right",))
    assert mirrored_prop(Dumbbells(hands=("right",))) == Dumbbells(hands=("left",))
    assert mirrored_prop(MassageBall((0, 4, 120))) == MassageBall((0, -4, 120))
    assert mirrored_prop(MassageGun(hand="right")) == MassageGun(hand="left")
    assert mirrored_prop(Doorway(x=8)) == Doorway(x=8)
