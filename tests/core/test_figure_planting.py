"""Planting: the free values give, as little as needed, so planted points stay where they were."""

from __future__ import annotations

import math

from upback.core.figure import Pose, pose_bones
from upback.core.figure.planting import drift, plant, point_names, points


def test_a_pair_name_plants_both_sides_and_a_side_name_one() -> None:
    assert point_names(["hands", "right_knee", "seat"]) == [
        "left_hand",
        "right_hand",
        "right_knee",
        "seat",
    ]


def test_bending_the_knees_with_the_feet_planted_lowers_the_hips_not_the_feet() -> None:
    standing = Pose(height=95.0)
    feet = points(pose_bones(standing), ["left_foot", "right_foot"])
    squat = standing.moved(left_knee_flexion=40, right_knee_flexion=40)
    loose = drift(squat, feet)
    planted = plant(squat, feet, ["x", "height", "hip_flexion"])
    assert max(drift(planted, feet).values()) < 0.1 < max(loose.values())
    assert planted.height is not None and planted.height < 95  # the hips sank instead
    assert planted.angle("left_knee_flexion") == 40  # what the author asked for is kept


def test_the_grounded_points_are_set_down_on_the_floor() -> None:
    kneeling = Pose(height=80.0, angles={"left_knee_flexion": 90, "right_knee_flexion": 90})
    grounded = plant(kneeling, {}, ["height"], grounded=["left_knee", "right_knee"])
    body = pose_bones(grounded)
    assert math.isclose(body["left_thigh"].lowest, 0.0, abs_tol=0.1)
    assert math.isclose(body["right_thigh"].lowest, 0.0, abs_tol=0.1)


def test_with_nothing_free_the_pose_is_left_as_written() -> None:
    pose = Pose(angles={"thoracic_flexion": 20})
    assert plant(pose, {"seat": (0.0, 0.0, 50.0)}, []) is pose
