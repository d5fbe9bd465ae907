"""Checks a posed figure among its props, in words a library check can print.

Three kinds of problem: a joint bent beyond its human range, a segment whose length changed
(impossible by construction, verified so a future change to the kinematics cannot slip one in),
and a limb passing into the floor or through a solid prop. Contact is allowed: soft tissue
gives, so a hand may press up to `CONTACT_TOLERANCE` into the floor or a back onto a roller.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from upback.core.figure.geometry import length, lerp, sub
from upback.core.figure.kinematics import Body, Bone, pose_bones
from upback.core.figure.props import Ball, Box, Cylinder, Prop, signed_distance
from upback.core.figure.skeleton import JOINTS, SEGMENTS, Pose

CONTACT_TOLERANCE = 2.0  # cm a body part may press into the floor or a prop
LENGTH_TOLERANCE = 1e-6  # cm
SAMPLE_SPACING = 2.0  # cm between the points tested along a segment


def angle_problems(pose: Pose) -> list[str]:
    problems = []
    for name, degrees in pose.angles.items():
        joint = JOINTS[name]
        if not joint.contains(degrees):
            problems.append(
                f"{name} is {degrees:g}°, outside its human range {joint.low:g}° to {joint.high:g}°"
            )
    return problems


def length_problems(body: Body) -> list[str]:
    problems = []
    for bone in body.values():
        want = SEGMENTS[bone.name].length
        got = length(sub(bone.end, bone.start))
        if abs(got - want) > LENGTH_TOLERANCE:
            problems.append(f"{bone.name} is {got:.2f} cm long instead of {want:g} cm")
    return problems


def _samples(bone: Bone) -> Iterable[tuple[float, float, float]]:
    """Centres of the spheres that make up the bone's solid, close enough to find contact."""
    if bone.shape == "ball":
        yield bone.end
        return
    steps = max(1, math.ceil(length(sub(bone.end, bone.start)) / SAMPLE_SPACING))
    for i in range(steps + 1):
        yield lerp(bone.start, bone.end, i / steps)


def floor_problems(body: Body) -> list[str]:
    return [
        f"{bone.name} goes {-bone.lowest:.1f} cm below the floor"
        for bone in body.values()
        if bone.lowest < -CONTACT_TOLERANCE
    ]


def prop_problems(body: Body, props: Iterable[Prop]) -> list[str]:
    problems = []
    for prop in props:
        if not prop.solid:
            continue
        solids = [s for s in prop.shapes(body) if isinstance(s, Box | Ball | Cylinder)]
        for bone in body.values():
            depth = max(
                bone.radius - signed_distance(solid, p) for solid in solids for p in _samples(bone)
            )
            if depth > CONTACT_TOLERANCE:
                problems.append(f"{bone.name} goes {depth:.1f} cm into the {prop.name}")
    return problems


def check_pose(pose: Pose, props: Iterable[Prop] = ()) -> list[str]:
    """Every problem with the pose among its props, as plain messages; empty when it is fine."""
    body = pose_bones(pose)
    props = list(props)
    return (
        angle_problems(pose)
        + length_problems(body)
        + floor_problems(body)
        + prop_problems(body, props)
    )
