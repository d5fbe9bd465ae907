"""How a technique's picture is written in the library: a view, props and 2-4 keyframes.

This is the TOML side of the figure, validated like the rest of the content. A keyframe lists
only what changes from the one before (the first builds on standing at ease), so a cat-cow is
"hands and knees" and then "round the upper back", not two full sets of 40 angles. A limb joint
named without a side (`hip_flexion`) sets both sides; `left_hip_flexion` sets one.

Timing: `move` is how long it takes to reach a keyframe from the one before, and `back` how long
to return from the last to the first. For a dose of reps these are proportions, scaled so one
rep takes the dose's `seconds_per_rep`; otherwise they are seconds. `hold = "dose"` holds a
keyframe for the dose's `hold_seconds` (the stretch itself), a number holds it that long.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from upback.core.figure.kinematics import View, pose_bones
from upback.core.figure.planting import (
    FREE_JOINTS,
    PLACE_FIELDS,
    PLANTABLE,
    grounded_height,
    plant,
    point_names,
    points,
)
from upback.core.figure.props import (
    Band,
    Chair,
    Doorway,
    Dumbbells,
    FoamRoller,
    MassageBall,
    MassageGun,
    Mat,
    Prop,
    StabilityBall,
    Wall,
)
from upback.core.figure.skeleton import JOINTS, LIMB_JOINTS, SIDES, Pose, Side

Caption = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=90)]
Cm = Annotated[float, Field(ge=-400, le=400)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MatSpec(_Frozen):
    kind: Literal["mat"]
    x: Cm = 0.0
    y: Cm = 0.0

    def build(self) -> Prop:
        return Mat(self.x, self.y)


class WallSpec(_Frozen):
    kind: Literal["wall"]
    x: Cm
    behind: Literal[-1, 1] = -1

    def build(self) -> Prop:
        return Wall(self.x, self.behind)


class DoorwaySpec(_Frozen):
    kind: Literal["doorway"]
    x: Cm
    y: Cm = 0.0

    def build(self) -> Prop:
        return Doorway(self.x, self.y)


class ChairSpec(_Frozen):
    kind: Literal["chair"]
    x: Cm = 0.0
    y: Cm = 0.0

    def build(self) -> Prop:
        return Chair(self.x, self.y)


class BandSpec(_Frozen):
    kind: Literal["band"]
    x: Cm
    y: Cm = 0.0
    height: Annotated[float, Field(ge=0, le=220)] = 120.0
    hands: tuple[Side, ...] = SIDES

    def build(self) -> Prop:
        return Band(self.x, self.y, self.height, self.hands)


class FoamRollerSpec(_Frozen):
    kind: Literal["foam_roller"]
    x: Cm
    y: Cm = 0.0
    axis: Literal["x", "y", "z"] = "y"

    def build(self) -> Prop:
        return FoamRoller(self.x, self.y, self.axis)


class MassageBallSpec(_Frozen):
    kind: Literal["massage_ball"]
    x: Cm
    y: Cm = 0.0
    z: Annotated[float, Field(ge=0, le=220)] = 3.5

    def build(self) -> Prop:
        return MassageBall((self.x, self.y, self.z))


class StabilityBallSpec(_Frozen):
    kind: Literal["stability_ball"]
    x: Cm
    y: Cm = 0.0

    def build(self) -> Prop:
        return StabilityBall(self.x, self.y)


class MassageGunSpec(_Frozen):
    kind: Literal["massage_gun"]
    hand: Side = "right"

    def build(self) -> Prop:
        return MassageGun(self.hand)


class DumbbellsSpec(_Frozen):
    kind: Literal["dumbbells"]
    hands: tuple[Side, ...] = SIDES

    def build(self) -> Prop:
        return Dumbbells(self.hands)


PropSpec = Annotated[
    MatSpec
    | WallSpec
    | DoorwaySpec
    | ChairSpec
    | BandSpec
    | FoamRollerSpec
    | MassageBallSpec
    | StabilityBallSpec
    | DumbbellsSpec
    | MassageGunSpec,
    Field(discriminator="kind"),
]


def _expand(angles: Mapping[str, float]) -> dict[str, float]:
    """Joint names as written (a limb joint without a side means both) to full joint names."""
    out: dict[str, float] = {}
    for name, value in angles.items():
        if name in LIMB_JOINTS:
            out.update({f"{side}_{name}": value for side in SIDES})
        else:
            out[name] = value
    return out


class KeyframeSpec(_Frozen):
    caption: Caption = Field(description="What the person does to reach this shape, in a line.")
    angles: dict[str, float] = Field(default_factory=dict)
    x: Cm | None = None
    y: Cm | None = None
    height: Annotated[float, Field(ge=0, le=200)] | None = None
    heading: Annotated[float, Field(ge=-180, le=180)] | None = None
    pitch: Annotated[float, Field(ge=-180, le=180)] | None = None
    roll: Annotated[float, Field(ge=-180, le=180)] | None = None
    planted: list[str] | None = Field(
        None, description="What stays put getting here, if not the figure's `planted`."
    )
    move: float = Field(1.0, gt=0, le=10, description="Time to get here from the keyframe before.")
    hold: float | Literal["dose"] = Field(0.0, description="Seconds to stay, or the dose's hold.")

    @model_validator(mode="after")
    def _known_joints(self) -> Self:
        unknown = sorted(n for n in self.angles if n not in JOINTS and n not in LIMB_JOINTS)
        if unknown:
            raise ValueError(f"unknown joint: {', '.join(unknown)}")
        unplantable = sorted(set(self.planted or ()) - set(PLANTABLE))
        if unplantable:
            raise ValueError(f"cannot plant: {', '.join(unplantable)}")
        if isinstance(self.hold, float | int) and not 0 <= self.hold <= 10:
            raise ValueError("hold must be 'dose' or between 0 and 10 seconds")
        return self

    def applied_to(self, before: Pose) -> Pose:
        """The pose this keyframe makes from the one before it."""
        place = {
            key: getattr(self, key)
            for key in ("x", "y", "height", "heading", "pitch", "roll")
            if getattr(self, key) is not None
        }
        return Pose(
            angles={**before.angles, **_expand(self.angles)},
            x=place.get("x", before.x),
            y=place.get("y", before.y),
            height=place.get("height", before.height),
            heading=place.get("heading", before.heading),
            pitch=place.get("pitch", before.pitch),
            roll=place.get("roll", before.roll),
        )


class FigureSpec(_Frozen):
    view: View = "side"
    props: list[PropSpec] = Field(default_factory=list)
    keyframes: list[KeyframeSpec] = Field(min_length=2, max_length=4)
    back: float = Field(1.0, gt=0, le=10, description="Time to return to the first keyframe.")
    planted: list[str] = Field(
        default_factory=list, description="Body points that stay put from keyframe to keyframe."
    )
    free: list[str] = Field(
        default_factory=list, description="What may change to keep them put: place or joints."
    )
    describe: Caption | None = Field(
        None, description="Where the person is, for the text alternative, if captions don't say."
    )

    @model_validator(mode="after")
    def _known_names(self) -> Self:
        unplantable = sorted(set(self.planted) - set(PLANTABLE))
        if unplantable:
            raise ValueError(f"cannot plant: {', '.join(unplantable)}")
        unknown = sorted(set(self.free) - set(PLACE_FIELDS) - set(FREE_JOINTS))
        if unknown:
            raise ValueError(f"free names no place or joint: {', '.join(unknown)}")
        return self

    def planted_at(self, index: int) -> list[str]:
        """The body points that stay put on the way to keyframe `index` (0 for the first)."""
        chosen = self.keyframes[index].planted
        return point_names(self.planted if chosen is None else chosen)

    @cached_property
    def _solved(self) -> tuple[Pose, ...]:
        out: list[Pose] = []
        for index, keyframe in enumerate(self.keyframes):
            if not out:
                # The first keyframe sets the scene: what is planted rests on the floor.
                first = keyframe.applied_to(Pose())
                if first.height is None and (self.planted or self.free):
                    first = replace(first, height=grounded_height(first))
                out.append(plant(first, {}, self.free, grounded=self.planted_at(0)))
                continue
            before = out[-1]
            targets = points(pose_bones(before), self.planted_at(index))
            out.append(plant(keyframe.applied_to(before), targets, self.free))
        return tuple(out)

    def poses(self) -> list[Pose]:
        """Each keyframe's whole pose, in order, with planted points kept where they were."""
        return list(self._solved)

    def built_props(self) -> list[Prop]:
        return [spec.build() for spec in self.props]
