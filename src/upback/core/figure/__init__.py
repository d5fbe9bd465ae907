"""A human figure posed by joint angles, with props to scale, checked and drawn as line art.

The foundation for the library's exercise pictures: `Pose` (joint angles and where the body
is), `pose_bones` (3-D forward kinematics), `project_body` (side, front or top view), the props,
`check_pose` (ranges, lengths, no limb through the floor or a prop) and `figure_svg` (one frame
as a static SVG). See the modules for the details of each.
"""

from upback.core.figure.checks import CONTACT_TOLERANCE, check_pose
from upback.core.figure.kinematics import VIEWS, Body, Bone, Segment, View, pose_bones, project_body
from upback.core.figure.props import (
    BAND_ANCHOR_HEIGHT,
    DOOR_HEIGHT,
    DOOR_WIDTH,
    SEAT_HEIGHT,
    Band,
    Chair,
    Doorway,
    Dumbbells,
    Floor,
    FoamRoller,
    MassageBall,
    MassageGun,
    Mat,
    Prop,
    StabilityBall,
    Wall,
)
from upback.core.figure.render import figure_svg
from upback.core.figure.skeleton import JOINTS, SEGMENTS, STANDING, JointRange, Pose, both

__all__ = [
    "BAND_ANCHOR_HEIGHT",
    "CONTACT_TOLERANCE",
    "DOOR_HEIGHT",
    "DOOR_WIDTH",
    "JOINTS",
    "SEAT_HEIGHT",
    "SEGMENTS",
    "STANDING",
    "VIEWS",
    "Band",
    "Body",
    "Bone",
    "Chair",
    "Doorway",
    "Dumbbells",
    "Floor",
    "FoamRoller",
    "JointRange",
    "MassageBall",
    "MassageGun",
    "Mat",
    "Pose",
    "Prop",
    "Segment",
    "StabilityBall",
    "View",
    "Wall",
    "both",
    "check_pose",
    "figure_svg",
    "pose_bones",
    "project_body",
]
