"""Keeping planted hands, knees and feet where they are while the back moves.

When a person on all fours rounds their upper back, their hands and knees stay put and the
shoulders, hips and pelvis give. Posed by joint angles alone, the figure would instead swing
about its pelvis and lift its hands off the floor. So a keyframe can name what is `planted` and
which values are `free` to change (the body's place and a few joints); `plant` then nudges the
free values, as little as it can, until the planted points are back where they were.

It is a small damped least-squares (Levenberg-Marquardt) solve with a numerical Jacobian: a
handful of unknowns, a few points, pure Python, a few milliseconds per keyframe.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

from upback.core.figure.geometry import Vec3, lerp
from upback.core.figure.kinematics import Body, pose_bones
from upback.core.figure.skeleton import JOINTS, LIMB_JOINTS, SIDES, Pose

PLACE_FIELDS = ("x", "y", "height", "heading", "pitch", "roll")
# Body points that can be planted, each as (bone, share of the way from its start to its end).
_POINTS: dict[str, tuple[str, float]] = {
    "seat": ("pelvis", 0.5),
    "head": ("head", 1.0),
}
for _side in SIDES:
    _POINTS |= {
        f"{_side}_hand": (f"{_side}_hand", 0.5),
        f"{_side}_knee": (f"{_side}_thigh", 1.0),
        f"{_side}_foot": (f"{_side}_foot", 0.5),
        f"{_side}_toes": (f"{_side}_foot", 1.0),
        f"{_side}_elbow": (f"{_side}_upper_arm", 1.0),
    }
# Both of a pair at once: "hands" plants the left and the right hand.
PAIRS = {"hands": "hand", "knees": "knee", "feet": "foot", "toes": "toes", "elbows": "elbow"}
PLANTABLE = tuple(_POINTS) + tuple(PAIRS)
FREE_JOINTS = tuple(JOINTS) + tuple(LIMB_JOINTS)
SETTLED = 0.05  # cm: close enough
# A faint pull towards the authored values, so when several answers would do, the one that
# changes the author's pose least wins; small enough not to leave the points off target.
PULL = 1e-4


def point_names(planted: Sequence[str]) -> list[str]:
    """`hands` means both hands; every other name is one point."""
    names: list[str] = []
    for name in planted:
        if name in PAIRS:
            names += [f"{side}_{PAIRS[name]}" for side in SIDES]
        else:
            names.append(name)
    return names


def points(body: Body, names: Sequence[str]) -> dict[str, Vec3]:
    out = {}
    for name in names:
        bone_name, share = _POINTS[name]
        bone = body[bone_name]
        out[name] = lerp(bone.start, bone.end, share)
    return out


def with_values(pose: Pose, free: Sequence[str], values: Sequence[float]) -> Pose:
    place: dict[str, float] = {}
    angles = dict(pose.angles)
    for name, value in zip(free, values, strict=True):
        if name in PLACE_FIELDS:
            place[name] = value
        elif name in LIMB_JOINTS:
            angles.update({f"{side}_{name}": value for side in SIDES})
        else:
            angles[name] = value
    return replace(pose, angles=angles, **place)


def values_of(pose: Pose, free: Sequence[str]) -> list[float]:
    out = []
    for name in free:
        if name in PLACE_FIELDS:
            value = getattr(pose, name)
            out.append(float(value) if value is not None else grounded_height(pose))
        elif name in LIMB_JOINTS:
            out.append(pose.angle(f"left_{name}"))
        else:
            out.append(pose.angle(name))
    return out


def grounded_height(pose: Pose) -> float:
    """Where the pelvis sits when the figure is set down on the floor."""
    return pose_bones(replace(pose, height=None))["lumbar"].start[2]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting, for the few unknowns here."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(m[r][r]) < 1e-12:
            continue
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def plant(
    pose: Pose,
    targets: Mapping[str, Vec3],
    free: Sequence[str],
    *,
    grounded: Sequence[str] = (),
    iterations: int = 30,
) -> Pose:
    """The pose with its `free` values changed so the named points sit on their targets, and
    the `grounded` points rest on the floor (wherever along it), changing as little as it can."""
    if not (targets or grounded) or not free:
        return pose
    names = list(targets)
    want = [c for name in names for c in targets[name]]
    want += [0.0 for _ in grounded]
    start = values_of(pose, free)
    values = start[:]
    count = len(names) + len(grounded)

    def residual(vals: Sequence[float]) -> list[float]:
        body = pose_bones(with_values(pose, free, vals))
        got = points(body, names)
        flat = [c for n in names for c in got[n]]
        flat += [body[_POINTS[name][0]].lowest for name in grounded]  # resting on the floor
        return [c - w for c, w in zip(flat, want, strict=True)]

    def cost(vals: Sequence[float], res: Sequence[float]) -> float:
        return sum(e * e for e in res) + PULL * sum(
            (v - s) ** 2 for v, s in zip(vals, start, strict=True)
        )

    r = residual(values)
    damping = 1e-3
    for _ in range(iterations):
        if math.sqrt(sum(e * e for e in r) / count) < SETTLED:
            break
        columns = []
        for i in range(len(values)):
            nudged = values[:]
            nudged[i] += 0.1
            columns.append([(p - q) / 0.1 for p, q in zip(residual(nudged), r, strict=True)])
        n = len(values)
        normal = [
            [sum(columns[i][k] * columns[j][k] for k in range(len(r))) for j in range(n)]
            for i in range(n)
        ]
        gradient = [
            sum(columns[i][k] * r[k] for k in range(len(r))) + PULL * (values[i] - start[i])
            for i in range(n)
        ]
        # Levenberg-Marquardt: a failed step makes the next one shorter and more careful.
        for _attempt in range(6):
            damped = [row[:] for row in normal]
            for i in range(n):
                damped[i][i] += PULL + damping * (normal[i][i] + 1.0)
            step = _solve(damped, [-g for g in gradient])
            trial = [v + s for v, s in zip(values, step, strict=True)]
            trial_r = residual(trial)
            if cost(trial, trial_r) < cost(values, r):
                values, r = trial, trial_r
                damping = max(damping / 3, 1e-7)
                break
            damping *= 10
        else:
            break  # no step helps: keep the best found, and let the checks say what is off
    planted = with_values(pose, free, values)
    if "height" not in free and planted.height is None:
        planted = replace(planted, height=grounded_height(planted))
    return planted


def drift(pose: Pose, targets: Mapping[str, Vec3]) -> dict[str, float]:
    """How far each planted point is from where it should be, in cm."""
    got = points(pose_bones(pose), list(targets))
    return {name: math.dist(got[name], targets[name]) for name in targets}
