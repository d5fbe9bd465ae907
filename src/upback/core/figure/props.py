"""Props drawn to scale in the figure's world: floor, mat, wall, doorway, chair, band, foam
roller, massage ball, dumbbells and stability ball.

Each prop is a few simple 3-D shapes (boxes, balls, cylinders lying along an axis, rods and
cords), so the contact checks and every view use the same geometry. Sizes are the common ones
a person has at home: a 45 cm chair seat, an 85 × 203 cm doorway, a 15 × 90 cm foam roller,
a 65 cm stability ball. The band and the dumbbells follow the hands, so props are asked for
their shapes given the posed body.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, Protocol

from upback.core.figure.geometry import Vec3, add, length, lerp, scale, sub
from upback.core.figure.kinematics import Body
from upback.core.figure.skeleton import SIDES, Side

Axis = Literal["x", "y", "z"]
_AXIS_INDEX = {"x": 0, "y": 1, "z": 2}

SEAT_HEIGHT = 45.0  # a dining or office chair
DOOR_WIDTH = 85.0  # the clear opening of an interior door
DOOR_HEIGHT = 203.0
BAND_ANCHOR_HEIGHT = 120.0  # chest height for an adult of average build
ROLLER_RADIUS = 7.5  # a 15 cm foam roller
ROLLER_LENGTH = 90.0
MASSAGE_BALL_RADIUS = 3.5
STABILITY_BALL_RADIUS = 32.5  # the 65 cm ball for people 165-180 cm tall
MASSAGE_GUN_REACH = 14.0  # cm from the fist to the base of the head
MASSAGE_GUN_HEAD = 2.5  # cm, the radius of its round foam head
WALL_THICKNESS = 12.0
WALL_HEIGHT = 215.0  # a little above a door: the picture shows the room, not the ceiling


@dataclass(frozen=True)
class Ground:
    """The floor, the plane z = 0."""


@dataclass(frozen=True)
class Box:
    lo: Vec3
    hi: Vec3


@dataclass(frozen=True)
class Ball:
    centre: Vec3
    radius: float


@dataclass(frozen=True)
class Cylinder:
    centre: Vec3
    axis: Axis
    radius: float
    length: float


@dataclass(frozen=True)
class Rod:
    """A thin bar drawn as a round-capped stroke (chair legs, a dumbbell's handle and plates)."""

    start: Vec3
    end: Vec3
    thickness: float


@dataclass(frozen=True)
class Cord:
    """A band: a thin line through its points."""

    points: tuple[Vec3, ...]


Shape = Ground | Box | Ball | Cylinder | Rod | Cord
Solid = Box | Ball | Cylinder


class Prop(Protocol):
    """Anything placed in the picture. `solid` props must not be passed through by a limb."""

    @property
    def name(self) -> str: ...

    @property
    def solid(self) -> bool: ...

    def shapes(self, body: Body) -> tuple[Shape, ...]: ...


@dataclass(frozen=True)
class Floor:
    name: str = "floor"
    solid: bool = False  # the floor is always checked, prop or not (see `check_pose`)

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        return (Ground(),)


@dataclass(frozen=True)
class Mat:
    """An exercise mat (173 × 61 cm, 6 mm), centred on (x, y), lengthwise along x."""

    x: float = 0.0
    y: float = 0.0
    name: str = "mat"
    solid: bool = False  # soft and thin: the body lies on it

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        return (Box((self.x - 86.5, self.y - 30.5, 0.0), (self.x + 86.5, self.y + 30.5, 0.6)),)


@dataclass(frozen=True)
class Wall:
    """A wall whose face is the plane x = `x`; the wall itself lies on the `behind` side."""

    x: float
    behind: Literal[-1, 1] = -1
    name: str = "wall"
    solid: bool = True

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        far = self.x + self.behind * WALL_THICKNESS
        lo, hi = min(self.x, far), max(self.x, far)
        return (Box((lo, -120.0, 0.0), (hi, 120.0, WALL_HEIGHT)),)


@dataclass(frozen=True)
class Doorway:
    """An open doorway in a wall across the x axis: the wall from x to x + 12 cm, the opening
    `width` wide centred on y and `height` tall, so a person can step through along x."""

    x: float
    y: float = 0.0
    width: float = DOOR_WIDTH
    height: float = DOOR_HEIGHT
    name: str = "doorway"
    solid: bool = True

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        x0, x1, half = self.x, self.x + WALL_THICKNESS, self.width / 2
        return (
            Box((x0, self.y + half, 0.0), (x1, self.y + half + 60.0, WALL_HEIGHT)),
            Box((x0, self.y - half - 60.0, 0.0), (x1, self.y - half, WALL_HEIGHT)),
            Box((x0, self.y - half, self.height), (x1, self.y + half, WALL_HEIGHT)),
        )


@dataclass(frozen=True)
class Chair:
    """A plain chair facing +x, its seat centred on (x, y): seat, backrest and four legs."""

    x: float = 0.0
    y: float = 0.0
    seat_height: float = SEAT_HEIGHT
    name: str = "chair"
    solid: bool = True

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        depth, width, board = 42.0, 44.0, 3.0
        front, back = self.x + depth / 2, self.x - depth / 2
        left, right = self.y + width / 2, self.y - width / 2
        top = self.seat_height
        legs = tuple(
            Rod((lx, ly, 0.0), (lx, ly, top - board), 3.0)
            for lx in (front - 2, back + 2)
            for ly in (left - 2, right + 2)
        )
        return (
            Box((back, right, top - board), (front, left, top)),
            Box((back - board, right, top), (back, left, top + 40.0)),
            *legs,
        )


def _grip(body: Body, side: Side) -> Vec3:
    hand = body[f"{side}_hand"]
    return lerp(hand.start, hand.end, 0.5)


@dataclass(frozen=True)
class Band:
    """A resistance band anchored at `anchor` (chest height unless told), its ends in the hands.

    The anchor is drawn as a small knot; put a `Wall` or `Doorway` behind it to show what it is
    tied to."""

    x: float
    y: float = 0.0
    height: float = BAND_ANCHOR_HEIGHT
    hands: tuple[Side, ...] = SIDES
    name: str = "resistance band"
    solid: bool = False

    @property
    def anchor(self) -> Vec3:
        return (self.x, self.y, self.height)

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        ends = [_grip(body, side) for side in self.hands]
        points = (ends[0], self.anchor, *ends[1:]) if ends else (self.anchor,)
        return (Cord(points), Ball(self.anchor, 2.0))


@dataclass(frozen=True)
class FoamRoller:
    """A foam roller lying on the floor along `axis` (crosswise under a supine body: "y")."""

    x: float
    y: float = 0.0
    axis: Axis = "y"
    name: str = "foam roller"
    solid: bool = True

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        return (Cylinder((self.x, self.y, ROLLER_RADIUS), self.axis, ROLLER_RADIUS, ROLLER_LENGTH),)


@dataclass(frozen=True)
class MassageBall:
    """A massage ball at `centre` (on the floor, or pinned between the back and a wall)."""

    centre: Vec3
    name: str = "massage ball"
    solid: bool = True

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        return (Ball(self.centre, MASSAGE_BALL_RADIUS),)


@dataclass(frozen=True)
class StabilityBall:
    """A 65 cm stability ball resting on the floor at (x, y)."""

    x: float
    y: float = 0.0
    name: str = "stability ball"
    solid: bool = True

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        return (Ball((self.x, self.y, STABILITY_BALL_RADIUS), STABILITY_BALL_RADIUS),)


@dataclass(frozen=True)
class Dumbbells:
    """Light dumbbells, one in each named hand, the handle across the palm. Held, so not solid."""

    hands: tuple[Side, ...] = SIDES
    name: str = "dumbbells"
    solid: bool = False

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        shapes: list[Shape] = []
        for side in self.hands:
            grip, across = _grip(body, side), body[f"{side}_hand"].across
            unit = scale(across, 1 / (length(across) or 1.0))
            shapes.append(Rod(add(grip, scale(unit, -8)), add(grip, scale(unit, 8)), 2.5))
            for sign in (-1, 1):
                shapes.append(
                    Rod(add(grip, scale(unit, sign * 8)), add(grip, scale(unit, sign * 11)), 10.0)
                )
        return tuple(shapes)


@dataclass(frozen=True)
class MassageGun:
    """A massage gun in one hand: the handle in the fist, the body running on past the
    fingers, and the round head at its end, where it touches the muscle. Held, so not solid."""

    hand: Side = "right"
    name: str = "massage gun"
    solid: bool = False

    def shapes(self, body: Body) -> tuple[Shape, ...]:
        bone = body[f"{self.hand}_hand"]
        grip = _grip(body, self.hand)
        along = sub(bone.end, bone.start)
        unit = scale(along, 1 / (length(along) or 1.0))
        across = scale(bone.across, 1 / (length(bone.across) or 1.0))
        tip = add(grip, scale(unit, MASSAGE_GUN_REACH))
        return (
            Rod(add(grip, scale(across, -5)), add(grip, scale(across, 5)), 3.5),
            Rod(add(grip, scale(unit, -4)), tip, 6.0),
            Ball(add(tip, scale(unit, MASSAGE_GUN_HEAD)), MASSAGE_GUN_HEAD),
        )


def signed_distance(shape: Solid, p: Vec3) -> float:
    """How far `p` is outside the solid (negative inside), in centimetres."""
    if isinstance(shape, Ball):
        return length(sub(p, shape.centre)) - shape.radius
    if isinstance(shape, Box):
        outside = [
            max(lo - c, 0.0, c - hi) for lo, c, hi in zip(shape.lo, p, shape.hi, strict=True)
        ]
        inside = min(min(c - lo, hi - c) for lo, c, hi in zip(shape.lo, p, shape.hi, strict=True))
        return math.hypot(*outside) if any(outside) else -inside
    i = _AXIS_INDEX[shape.axis]
    rel = sub(p, shape.centre)
    radial = math.hypot(*(rel[k] for k in range(3) if k != i)) - shape.radius
    axial = abs(rel[i]) - shape.length / 2
    if radial > 0 or axial > 0:
        return math.hypot(max(radial, 0.0), max(axial, 0.0))
    return max(radial, axial)
