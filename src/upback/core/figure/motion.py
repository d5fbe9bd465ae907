"""From keyframes to a loop: which pose is on screen when, at the dose's tempo.

A loop is a list of beats (move from one pose to the next, or stay), built from the keyframes
and the dose: a rep runs through every keyframe and back in the dose's `seconds_per_rep`, a
stretch moves in, stays for the dose's hold and comes back, and a per-side dose does it all
again mirrored. The beats are then sampled into frames, a dozen a second while moving, eased so
the figure starts and stops softly the way a person moves (and the way the steps ask for).

Mirroring swaps the left and right limbs and turns side bends and rotations the other way, so
"the other side" needs no keyframes of its own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Literal

from upback.core.figure.geometry import Vec3
from upback.core.figure.kinematics import pose_bones
from upback.core.figure.planting import plant, points
from upback.core.figure.props import Band, Dumbbells, MassageBall, MassageGun, Prop
from upback.core.figure.skeleton import JOINTS, Pose, Side
from upback.core.figure.spec import FigureSpec

FRAMES_PER_SECOND = 12
MOST_FRAMES_PER_MOVE = 18  # a slow three-second move is eased, so it needs fewer than 36
REPS_SHOWN_PER_SIDE = 2  # enough to see that it repeats before the sides switch
ROUNDS_SHOWN_PER_SIDE = 3  # for timed work done on each side (self-massage)
_TURNING = ("side_bend", "rotation")
KEPT_WITHIN = 1.0  # cm: a planted point that moves less than this between keyframes stays put
PLANTING_STEPS = 4  # per frame, starting from the eased in-between, which is already close


@dataclass(frozen=True)
class Tempo:
    """What the loop needs to know of a dose, so this module does not depend on the library."""

    mode: Literal["reps", "hold", "timed"]
    seconds_per_rep: float = 3.0
    hold_seconds: float = 0.0
    per_side: bool = False


@dataclass(frozen=True)
class Beat:
    start: Pose
    end: Pose
    seconds: float
    mirrored: bool = False
    # Points that stay put all the way (where they are at both ends), and what may give.
    planted: Mapping[str, Vec3] = field(default_factory=dict)
    free: tuple[str, ...] = ()


def mirrored(pose: Pose) -> Pose:
    """The same pose done on the other side."""
    angles: dict[str, float] = {}
    for name, value in pose.angles.items():
        side, _, rest = name.partition("_")
        if side in ("left", "right"):
            angles[f"{'right' if side == 'left' else 'left'}_{rest}"] = value
        elif name.endswith(_TURNING):
            angles[name] = -value
        else:
            angles[name] = value
    return replace(pose, angles=angles, y=-pose.y, heading=-pose.heading, roll=-pose.roll)


def mirrored_prop(prop: Prop) -> Prop:
    """A prop placed for the other side: across the body, and held in the other hand."""
    if isinstance(prop, Band | Dumbbells):
        swapped: tuple[Side, ...] = tuple(
            "right" if hand == "left" else "left" for hand in prop.hands
        )
        prop = replace(prop, hands=swapped)
    if isinstance(prop, MassageGun):
        return replace(prop, hand="right" if prop.hand == "left" else "left")
    if isinstance(prop, MassageBall):
        x, y, z = prop.centre
        return replace(prop, centre=(x, -y, z))
    if any(f.name == "y" for f in fields(prop)):  # type: ignore[arg-type]
        return replace(prop, y=-prop.y)  # type: ignore[type-var, attr-defined]
    return prop


def _holds(spec: FigureSpec, tempo: Tempo) -> list[float]:
    return [tempo.hold_seconds if k.hold == "dose" else float(k.hold) for k in spec.keyframes]


def one_round(spec: FigureSpec, tempo: Tempo, *, mirror: bool = False) -> list[Beat]:
    """Through every keyframe and back to the first, holding where the keyframes say."""
    poses = spec.poses()
    if mirror:
        poses = [mirrored(p) for p in poses]
    moves = [k.move for k in spec.keyframes[1:]] + [spec.back]
    if tempo.mode == "reps":
        stretch = tempo.seconds_per_rep / sum(moves)
        moves = [m * stretch for m in moves]
    holds = _holds(spec, tempo)
    beats: list[Beat] = []
    for i, pose in enumerate(poses):
        if holds[i] > 0:
            beats.append(Beat(pose, pose, holds[i], mirror))
        j = (i + 1) % len(poses)
        after = poses[j]
        beats.append(
            Beat(pose, after, moves[i], mirror, _kept(spec, pose, after, j), tuple(spec.free))
        )
    return beats


def _kept(spec: FigureSpec, before: Pose, after: Pose, index: int) -> dict[str, Vec3]:
    """The planted points that are in the same place at both ends of a move."""
    if not spec.free:
        return {}
    names = spec.planted_at(index)
    here, there = points(pose_bones(before), names), points(pose_bones(after), names)
    return {n: here[n] for n in names if math.dist(here[n], there[n]) < KEPT_WITHIN}


def loop(spec: FigureSpec, tempo: Tempo) -> list[Beat]:
    """The whole loop the animation repeats: a round or a few, then the other side if any."""
    if tempo.mode == "reps":
        rounds = REPS_SHOWN_PER_SIDE if tempo.per_side else 1
    elif tempo.mode == "timed":
        rounds = ROUNDS_SHOWN_PER_SIDE if tempo.per_side else 1
    else:
        rounds = 1
    beats = one_round(spec, tempo) * rounds
    if tempo.per_side:
        beats += one_round(spec, tempo, mirror=True) * rounds
    return beats


def _ease(t: float) -> float:
    """Slow in, slow out (a cosine ease), as a controlled movement is."""
    return (1 - math.cos(math.pi * t)) / 2


def between(a: Pose, b: Pose, t: float) -> Pose:
    """The pose a share `t` of the way from `a` to `b` (no easing here)."""
    names = set(a.angles) | set(b.angles)
    angles = {n: a.angle(n) + (b.angle(n) - a.angle(n)) * t for n in names}

    def mix(p: float, q: float) -> float:
        return p + (q - p) * t

    height = None if a.height is None or b.height is None else mix(a.height, b.height)
    return Pose(
        angles=angles,
        x=mix(a.x, b.x),
        y=mix(a.y, b.y),
        height=height,
        heading=mix(a.heading, b.heading),
        pitch=mix(a.pitch, b.pitch),
        roll=mix(a.roll, b.roll),
    )


@dataclass(frozen=True)
class Frame:
    pose: Pose
    seconds: float
    mirrored: bool = False  # on the other side, so the props are placed for it too

    @property
    def key(self) -> tuple[object, ...]:
        return (*pose_key(self.pose), self.mirrored)


def frames(beats: list[Beat]) -> list[Frame]:
    """The loop as frames on screen, consecutive repeats of one picture merged."""
    out: list[Frame] = []

    def show(pose: Pose, seconds: float, mirror: bool) -> None:
        frame = Frame(pose, seconds, mirror)
        if out and out[-1].key == frame.key:
            out[-1] = replace(out[-1], seconds=out[-1].seconds + seconds)
        else:
            out.append(frame)

    for beat in beats:
        if pose_key(beat.start) == pose_key(beat.end):
            show(beat.end, beat.seconds, beat.mirrored)
            continue
        if not out or out[-1].key != Frame(beat.start, 0, beat.mirrored).key:
            show(beat.start, 0.0, beat.mirrored)  # a cut (switching sides) shows at once
        n = max(2, min(MOST_FRAMES_PER_MOVE, round(beat.seconds * FRAMES_PER_SECOND)))
        for i in range(1, n + 1):
            pose = between(beat.start, beat.end, _ease(i / n))
            if beat.planted and i < n:
                pose = plant(pose, beat.planted, beat.free, iterations=PLANTING_STEPS)
            show(pose, beat.seconds / n, beat.mirrored)
    return [frame for frame in out if frame.seconds > 0]


def pose_key(pose: Pose) -> tuple[float | None, ...]:
    """Poses this close look the same on screen, so they share one drawn frame."""
    angles = tuple(round(pose.angle(name), 1) for name in JOINTS)
    place = (pose.x, pose.y, pose.height, pose.heading, pose.pitch, pose.roll)
    return angles + tuple(None if v is None else round(v, 1) for v in place)
