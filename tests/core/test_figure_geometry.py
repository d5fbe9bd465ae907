"""The figure model: a body of fixed proportions, posed by joint angles, checked among props."""

from __future__ import annotations

import math

import pytest

from upback.core.figure import (
    BAND_ANCHOR_HEIGHT,
    CONTACT_TOLERANCE,
    SEGMENTS,
    Band,
    Chair,
    Doorway,
    Dumbbells,
    Floor,
    FoamRoller,
    Mat,
    Pose,
    Prop,
    StabilityBall,
    View,
    Wall,
    both,
    check_pose,
    pose_bones,
    project_body,
)
from upback.core.figure.props import Ball, Box, Cord, Cylinder, Rod

STANDING = Pose(angles=both(elbow_flexion=8, shoulder_abduction=4))
SEATED = Pose(
    height=53,
    angles=both(hip_flexion=90, knee_flexion=90, ankle_dorsiflexion=-10, shoulder_flexion=25)
    | both(elbow_flexion=50),
)
ALL_FOURS = Pose(
    pitch=77,
    angles=both(hip_flexion=77, knee_flexion=90, shoulder_flexion=77, wrist_bend=90)
    | both(ankle_dorsiflexion=-65)
    | {"neck_flexion": 10},
)
ON_A_ROLLER = Pose(
    pitch=-55,
    angles=both(hip_flexion=100, knee_flexion=110, shoulder_flexion=150, shoulder_abduction=40)
    | both(elbow_flexion=130)
    | {"thoracic_flexion": -20, "neck_flexion": 20},
)
DOORWAY_STRETCH = Pose(
    angles={
        "left_shoulder_abduction": 90,
        "left_shoulder_horizontal_abduction": 20,
        "left_shoulder_rotation": 90,
        "left_elbow_flexion": 90,
        "left_hip_flexion": 15,
        "right_hip_flexion": -10,
        "right_knee_flexion": 5,
    }
)
BAND_ROW = Pose(
    angles=both(shoulder_flexion=10, elbow_flexion=100, scapula_retraction=15, hip_flexion=5)
    | both(knee_flexion=10)
)

SCENES: dict[str, tuple[Pose, list[Prop]]] = {
    "standing": (STANDING, [Floor()]),
    "seated on a chair": (SEATED, [Floor(), Chair(x=9)]),
    "kneeling on all fours": (ALL_FOURS, [Floor(), Mat()]),
    "lying back on a foam roller": (ON_A_ROLLER, [Floor(), Mat(x=-30), FoamRoller(x=-32)]),
    "in a doorway stretch": (DOORWAY_STRETCH, [Floor(), Doorway(x=-6.5)]),
    "rowing a band": (BAND_ROW, [Floor(), Wall(x=130, behind=1), Band(x=130)]),
}


def _lowest_of(pose: Pose, *names: str) -> float:
    bones = pose_bones(pose)
    return min(bones[n].lowest for n in names)


@pytest.mark.parametrize("scene", SCENES)
def test_every_segment_keeps_its_length_whatever_the_pose(scene: str) -> None:
    pose, _ = SCENES[scene]
    for name, bone in pose_bones(pose).items():
        assert math.dist(bone.start, bone.end) == pytest.approx(SEGMENTS[name].length), name


@pytest.mark.parametrize("scene", SCENES)
def test_each_kind_of_pose_passes_every_check_among_its_props(scene: str) -> None:
    pose, props = SCENES[scene]
    assert check_pose(pose, props) == []


def test_a_figure_without_a_height_stands_on_the_floor_at_about_170_cm() -> None:
    bones = pose_bones(STANDING)
    assert min(b.lowest for b in bones.values()) == pytest.approx(0.0)
    head = bones["head"]
    assert 165 < head.end[2] + head.radius < 178


def test_on_all_fours_both_hands_and_both_knees_rest_on_the_floor() -> None:
    hands = _lowest_of(ALL_FOURS, "left_hand", "right_hand")
    knees = _lowest_of(ALL_FOURS, "left_thigh", "right_thigh")  # the knee ends the thigh
    assert hands < CONTACT_TOLERANCE and knees < CONTACT_TOLERANCE


def test_feet_pushed_through_the_floor_are_reported_by_name() -> None:
    problems = check_pose(Pose(height=80))
    assert any(p.startswith("left_foot goes") and p.endswith("below the floor") for p in problems)
    assert any(p.startswith("right_shin goes") for p in problems)


def test_leaning_into_a_wall_is_caught_but_standing_against_it_is_fine() -> None:
    against = Wall(x=-11)  # the back of the chest just touches it
    assert check_pose(STANDING, [against]) == []
    problems = check_pose(STANDING, [Wall(x=-3)])
    assert any(p.startswith("thoracic goes") and p.endswith("into the wall") for p in problems)


def test_lying_with_the_roller_under_the_hips_is_caught() -> None:
    assert check_pose(ON_A_ROLLER, [FoamRoller(x=-32)]) == []
    problems = check_pose(ON_A_ROLLER, [FoamRoller(x=0)])
    assert any("into the foam roller" in p and p.startswith("pelvis") for p in problems)


def test_sitting_lower_than_the_seat_puts_the_hips_through_the_chair() -> None:
    problems = check_pose(SEATED.moved(), [Chair(x=9, seat_height=52)])
    assert any(p.startswith("pelvis goes") and p.endswith("into the chair") for p in problems)


def test_an_angle_outside_its_human_range_is_reported_by_name() -> None:
    pose = Pose(angles={"left_elbow_flexion": 170, "right_elbow_flexion": 140})
    assert check_pose(pose) == [
        "left_elbow_flexion is 170°, outside its human range 0° to 145°",
    ]


def test_a_misspelt_joint_is_rejected_at_once() -> None:
    with pytest.raises(ValueError, match="thorasic_rotation"):
        Pose(angles={"thorasic_rotation": 20})


def test_a_keyframe_changes_only_the_joints_it_names() -> None:
    later = BAND_ROW.moved(left_elbow_flexion=10)
    assert later.angle("left_elbow_flexion") == 10
    assert later.angle("right_elbow_flexion") == 100
    assert later.angle("neck_rotation") == 0


def _ends(pose: Pose, view: View, name: str) -> tuple[float, float, float, float]:
    """Where a segment starts and ends on the picture: (u0, v0, u1, v1)."""
    seg = next(s for s in project_body(pose_bones(pose), view) if s.name == name)
    return (*seg.start, *seg.end)


def test_turning_the_upper_back_swings_the_shoulders_seen_from_above_but_not_the_pelvis() -> None:
    turned = STANDING.moved(thoracic_rotation=30)
    for name in ("pelvis", "left_thigh"):
        assert _ends(turned, "top", name) == pytest.approx(_ends(STANDING, "top", name))
    before = _ends(STANDING, "top", "left_shoulder_girdle")
    after = _ends(turned, "top", "left_shoulder_girdle")
    assert after[2] < before[2] - 5  # a turn to the left takes the left shoulder back


def test_the_same_turn_narrows_the_shoulders_seen_from_the_front() -> None:
    def width(pose: Pose) -> float:
        left, right = (_ends(pose, "front", f"{side}_upper_arm")[0] for side in ("left", "right"))
        return left - right

    assert width(STANDING.moved(thoracic_rotation=30)) == pytest.approx(
        width(STANDING) * math.cos(math.radians(30))
    )


def test_rounding_the_upper_back_shows_from_the_side_and_not_in_the_shoulder_width() -> None:
    rounded = STANDING.moved(thoracic_flexion=30)
    assert _ends(rounded, "side", "neck")[0] > _ends(STANDING, "side", "neck")[0] + 10
    assert _ends(rounded, "front", "left_upper_arm")[0] == pytest.approx(
        _ends(STANDING, "front", "left_upper_arm")[0]
    )


def test_the_three_views_agree_like_an_engineering_drawing() -> None:
    side = {s.name: s for s in project_body(pose_bones(DOORWAY_STRETCH), "side")}
    front = {s.name: s for s in project_body(pose_bones(DOORWAY_STRETCH), "front")}
    top = {s.name: s for s in project_body(pose_bones(DOORWAY_STRETCH), "top")}
    for name in side:
        assert side[name].end[0] == pytest.approx(top[name].end[0])  # forwards, across the page
        assert side[name].end[1] == pytest.approx(front[name].end[1])  # heights agree


def _solids(prop: Prop, pose: Pose = STANDING) -> list[Box | Ball | Cylinder]:
    return [s for s in prop.shapes(pose_bones(pose)) if isinstance(s, Box | Ball | Cylinder)]


def test_the_chair_seat_is_45_cm_up_and_the_seated_thighs_rest_on_it() -> None:
    seat = _solids(Chair())[0]
    assert isinstance(seat, Box) and seat.hi[2] == 45
    thigh = pose_bones(SEATED)["left_thigh"]
    assert abs(thigh.lowest - 45) < CONTACT_TOLERANCE


def test_the_doorway_is_85_cm_wide_and_203_cm_tall_taller_than_the_person() -> None:
    left, right, lintel = _solids(Doorway(x=0))
    assert isinstance(left, Box) and isinstance(right, Box) and isinstance(lintel, Box)
    assert left.lo[1] - right.hi[1] == 85
    assert lintel.lo[2] == 203
    head = pose_bones(STANDING)["head"]
    assert head.end[2] + head.radius < lintel.lo[2] - 20


def test_the_band_is_anchored_at_chest_height_and_its_ends_follow_the_hands() -> None:
    chest = pose_bones(STANDING)["thoracic"]
    assert chest.start[2] < BAND_ANCHOR_HEIGHT < chest.end[2]
    for pose in (STANDING, BAND_ROW):
        cord = next(s for s in Band(x=130).shapes(pose_bones(pose)) if isinstance(s, Cord))
        hand = pose_bones(pose)["left_hand"]
        assert math.dist(cord.points[0], hand.start) < SEGMENTS["left_hand"].length
        assert cord.points[1] == (130, 0, BAND_ANCHOR_HEIGHT)


def test_the_roller_and_the_balls_are_their_real_sizes_beside_the_body() -> None:
    (roller,) = _solids(FoamRoller(x=0))
    assert isinstance(roller, Cylinder) and roller.radius * 2 == 15 and roller.length == 90
    (ball,) = _solids(StabilityBall(x=0))
    assert isinstance(ball, Ball) and ball.radius * 2 == 65
    knee = pose_bones(STANDING)["left_thigh"].end[2]
    assert ball.centre[2] + ball.radius > knee  # a 65 cm ball comes above the knee


def test_dumbbells_stay_in_the_hands_as_the_arms_rise() -> None:
    raised = STANDING.moved(left_shoulder_flexion=160, right_shoulder_flexion=160)
    for pose in (STANDING, raised):
        bones = pose_bones(pose)
        handles = [s for s in Dumbbells().shapes(bones) if isinstance(s, Rod)][::3]
        for handle, side in zip(handles, ("left", "right"), strict=True):
            middle = [(a + b) / 2 for a, b in zip(handle.start, handle.end, strict=True)]
            hand = bones[f"{side}_hand"]
            assert math.dist(middle, hand.start) < SEGMENTS["left_hand"].length
    assert pose_bones(raised)["left_hand"].end[2] > 200
