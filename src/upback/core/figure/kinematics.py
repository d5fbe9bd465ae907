"""Forward kinematics: a `Pose` becomes 3-D bones, and the bones a flat picture in one view.

The skeleton is built in 3-D and projected, rather than drawn in 2-D per view, so that the
three views always agree: a turn of the upper back shows as the shoulders swinging round in the
top view and as the shoulders narrowing (foreshortening) in the front view, from one pose.

Every segment hangs off its parent's frame; the right limbs are the left limbs seen in a mirror,
so one set of rules (and one set of signs) serves both sides.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from upback.core.figure.geometry import (
    MIRROR,
    Mat3,
    Vec3,
    add,
    apply,
    chain,
    matmul,
    rot_x,
    rot_y,
    rot_z,
    scale,
)
from upback.core.figure.skeleton import SEGMENTS, SIDES, Pose, Side

View = Literal["side", "front", "top"]
VIEWS: tuple[View, View, View] = ("side", "front", "top")
Point = tuple[float, float]
BoneShape = Literal["capsule", "ball"]

# The foot, from ankle to toes, points a little down from level when the ankle is at rest.
FOOT_DROP_DEGREES = 15.0
# The shoulder joint sits this far up the thoracic segment, just below the base of the neck.
SHOULDER_LEVEL = 25.0


@dataclass(frozen=True)
class Bone:
    """One segment in 3-D. A "ball" (the head) is a sphere of `thickness` centred on `end`."""

    name: str
    start: Vec3
    end: Vec3
    thickness: float
    shape: BoneShape = "capsule"
    across: Vec3 = (0.0, 1.0, 0.0)  # the segment's own left-right axis, to lay a grip across

    @property
    def radius(self) -> float:
        return self.thickness / 2

    @property
    def lowest(self) -> float:
        """The height of the lowest point of its solid (capsule or ball)."""
        if self.shape == "ball":
            return self.end[2] - self.radius
        return min(self.start[2], self.end[2]) - self.radius


Body = Mapping[str, Bone]


def _spine(pose: Pose, part: str) -> Mat3:
    return chain(
        rot_y(pose.angle(f"{part}_flexion")),
        rot_x(-pose.angle(f"{part}_side_bend")),
        rot_z(pose.angle(f"{part}_rotation")),
    )


def _mirrored(side: Side, m: Mat3) -> Mat3:
    return m if side == "left" else chain(MIRROR, m, MIRROR)


def _lateral(side: Side, v: Vec3) -> Vec3:
    return v if side == "left" else apply(MIRROR, v)


def _bones(pose: Pose, origin: Vec3) -> dict[str, Bone]:
    bones: dict[str, Bone] = {}

    def bone(
        name: str, start: Vec3, frame: Mat3, local: Vec3, shape: BoneShape = "capsule"
    ) -> Vec3:
        """Add the bone that runs from `start` by `local` in `frame`; return where it ends."""
        end = add(start, apply(frame, local))
        across = apply(frame, (0.0, 1.0, 0.0))
        bones[name] = Bone(name, start, end, SEGMENTS[name].thickness, shape, across)
        return end

    def along(name: str) -> Vec3:
        return (0.0, 0.0, SEGMENTS[name].length)

    def down(name: str) -> Vec3:
        return (0.0, 0.0, -SEGMENTS[name].length)

    root = chain(rot_z(pose.heading), rot_y(pose.pitch), rot_x(pose.roll))
    half_pelvis = SEGMENTS["pelvis"].length / 2
    hips = {
        side: add(origin, apply(root, _lateral(side, (0.0, half_pelvis, 0.0)))) for side in SIDES
    }
    bone("pelvis", hips["right"], root, (0.0, SEGMENTS["pelvis"].length, 0.0))

    lumbar = matmul(root, _spine(pose, "lumbar"))
    waist = bone("lumbar", origin, lumbar, along("lumbar"))
    thoracic = matmul(lumbar, _spine(pose, "thoracic"))
    neck_base = bone("thoracic", waist, thoracic, along("thoracic"))
    neck = matmul(thoracic, _spine(pose, "neck"))
    skull = bone("neck", neck_base, neck, along("neck"))
    # The head's centre sits a little in front of the top of the neck.
    head_up = math.sqrt(SEGMENTS["head"].length ** 2 - 2.0**2)
    bone("head", skull, neck, (2.0, 0.0, head_up), "ball")

    collar = add(waist, apply(thoracic, (0.0, 0.0, SHOULDER_LEVEL)))
    drop = math.radians(FOOT_DROP_DEGREES)
    for side in SIDES:
        s = f"{side}_"

        def turn(*mats: Mat3, side: Side = side) -> Mat3:
            return _mirrored(side, chain(*mats))

        girdle = turn(
            rot_z(pose.angle(s + "scapula_retraction")), rot_x(pose.angle(s + "scapula_elevation"))
        )
        reach = _lateral(side, (0.0, SEGMENTS[s + "shoulder_girdle"].length, 0.0))
        shoulder = bone(s + "shoulder_girdle", collar, matmul(thoracic, girdle), reach)
        # The arm is placed relative to the chest, as a clinician measures shoulder angles:
        # out to the side first, then swung forwards and up, then turned about its own line;
        # a horizontal swing, last, takes a raised arm back or across (as in a doorway stretch),
        # which no mix of flexion and abduction can do once the arm points straight out.
        arm = matmul(
            thoracic,
            turn(
                rot_z(pose.angle(s + "shoulder_horizontal_abduction")),
                rot_y(-pose.angle(s + "shoulder_flexion")),
                rot_x(pose.angle(s + "shoulder_abduction")),
                rot_z(pose.angle(s + "shoulder_rotation")),
            ),
        )
        elbow = bone(s + "upper_arm", shoulder, arm, down(s + "upper_arm"))
        forearm = matmul(arm, rot_y(-pose.angle(s + "elbow_flexion")))
        wrist = bone(s + "forearm", elbow, forearm, down(s + "forearm"))
        hand = matmul(forearm, rot_y(-pose.angle(s + "wrist_bend")))
        bone(s + "hand", wrist, hand, down(s + "hand"))

        thigh = matmul(
            root,
            turn(rot_y(-pose.angle(s + "hip_flexion")), rot_x(pose.angle(s + "hip_abduction"))),
        )
        knee = bone(s + "thigh", hips[side], thigh, down(s + "thigh"))
        shin = matmul(thigh, rot_y(pose.angle(s + "knee_flexion")))
        ankle = bone(s + "shin", knee, shin, down(s + "shin"))
        foot = matmul(shin, rot_y(-pose.angle(s + "ankle_dorsiflexion")))
        toes = scale((math.cos(drop), 0.0, -math.sin(drop)), SEGMENTS[s + "foot"].length)
        bone(s + "foot", ankle, foot, toes)
    return bones


def pose_bones(pose: Pose) -> dict[str, Bone]:
    """The pose's bones in 3-D world centimetres, set down on the floor unless it has a height."""
    if pose.height is not None:
        return _bones(pose, (pose.x, pose.y, pose.height))
    trial = _bones(pose, (pose.x, pose.y, 0.0))
    lift = -min(b.lowest for b in trial.values())
    return _bones(pose, (pose.x, pose.y, lift))


def project(p: Vec3, view: View) -> Point:
    """A 3-D point on the picture plane (u to the right, v up), in centimetres.

    side: seen from the figure's right, facing +x to the right; front: seen from +x, so the
    figure's left is on the right; top: seen from above, +x to the right and +y up, lined up
    with the side view like an engineering drawing.
    """
    if view == "side":
        return (p[0], p[2])
    if view == "front":
        return (p[1], p[2])
    return (p[0], p[1])


def nearness(p: Vec3, view: View) -> float:
    """How close a point is to the viewer, for drawing the far things first."""
    if view == "side":
        return -p[1]
    if view == "front":
        return p[0]
    return p[2]


@dataclass(frozen=True)
class Segment:
    """A bone on the picture: a round-capped stroke of `thickness`, or the head as a circle
    of that diameter centred on `end`."""

    name: str
    start: Point
    end: Point
    thickness: float
    near: float
    shape: Literal["capsule", "ball"] = "capsule"


def project_body(body: Body, view: View) -> list[Segment]:
    """The bones as flat segments, farthest from the viewer first."""
    segments = [
        Segment(
            b.name,
            project(b.start, view),
            project(b.end, view),
            b.thickness,
            (nearness(b.start, view) + nearness(b.end, view)) / 2,
            b.shape,
        )
        for b in body.values()
    ]
    return sorted(segments, key=lambda s: s.near)
