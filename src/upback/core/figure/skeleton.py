"""The figure's body: fixed segment lengths, the joints with their human ranges, and a `Pose`.

Lengths are for an adult of average build (about 170 cm tall), from the usual anthropometric
proportions of stature (Drillis and Contini, as tabled in Winter's *Biomechanics and Motor
Control of Human Movement*): thigh and shin about 0.245 H each, upper arm 0.186 H, forearm
0.146 H. The spine is split into a lumbar and a thoracic segment so the upper back can round,
extend and turn on its own, which is what most of the library's techniques are about.

Thicknesses are drawing widths (a pictogram is a little slimmer than a body) and the radius of
each segment's capsule in the contact checks.

Joint ranges are deliberately conservative: comfortably inside what an average adult reaches
actively (AAOS and Norkin & White norms), widened only where a resting position of the library
needs more (the knee sitting back on the heels in child's pose, the ankle and wrist flat on the
floor, which the line-drawn foot and hand reach only by bending further than the joint alone).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal

Side = Literal["left", "right"]
SIDES: tuple[Side, Side] = ("left", "right")


@dataclass(frozen=True)
class SegmentSpec:
    length: float  # cm, joint to joint (the head: skull base to the centre of the head)
    thickness: float  # cm, drawing width and capsule diameter (the head: its diameter)


# Central segments first, then one of each limb segment per side (`left_thigh`, `right_thigh`).
CENTRAL_SEGMENTS: dict[str, SegmentSpec] = {
    "pelvis": SegmentSpec(18.0, 17.0),  # hip joint to hip joint
    "lumbar": SegmentSpec(22.0, 17.0),  # pelvis centre to the thoracolumbar junction
    "thoracic": SegmentSpec(30.0, 22.0),  # to the base of the neck (C7)
    "neck": SegmentSpec(10.0, 9.0),
    "head": SegmentSpec(7.5, 21.0),
}
LIMB_SEGMENTS: dict[str, SegmentSpec] = {
    "shoulder_girdle": SegmentSpec(17.0, 9.0),  # the spine to the shoulder joint
    "upper_arm": SegmentSpec(31.0, 8.5),
    "forearm": SegmentSpec(25.0, 7.0),
    "hand": SegmentSpec(16.0, 5.5),
    "thigh": SegmentSpec(42.0, 14.0),
    "shin": SegmentSpec(42.0, 10.0),
    "foot": SegmentSpec(18.0, 5.5),  # ankle to the ball of the toes
}
SEGMENTS: dict[str, SegmentSpec] = {
    **CENTRAL_SEGMENTS,
    **{f"{side}_{name}": spec for side in SIDES for name, spec in LIMB_SEGMENTS.items()},
}


@dataclass(frozen=True)
class JointRange:
    low: float  # degrees
    high: float
    meaning: str  # what a positive angle does, for authors and for messages
    neutral: float = 0.0  # standing at ease

    def contains(self, degrees: float) -> bool:
        return self.low <= degrees <= self.high


# Signs: flexion bends forwards, side bends and rotations are positive towards the person's
# left; on the limbs every angle is mirrored, so positive abduction takes either arm outwards.
CENTRAL_JOINTS: dict[str, JointRange] = {
    "lumbar_flexion": JointRange(-25, 50, "bends the lower back forwards (− arches it)"),
    "lumbar_side_bend": JointRange(-25, 25, "bends the lower back to the left"),
    "lumbar_rotation": JointRange(-10, 10, "turns the lower back to the left"),
    "thoracic_flexion": JointRange(-25, 40, "rounds the upper back (− extends it)"),
    "thoracic_side_bend": JointRange(-25, 25, "bends the upper back to the left"),
    "thoracic_rotation": JointRange(-40, 40, "turns the upper back to the left"),
    "neck_flexion": JointRange(-45, 45, "tips the chin towards the chest (− looks up)"),
    "neck_side_bend": JointRange(-35, 35, "tips the ear towards the left shoulder"),
    "neck_rotation": JointRange(-70, 70, "turns the head to the left"),
}
LIMB_JOINTS: dict[str, JointRange] = {
    "scapula_elevation": JointRange(-10, 30, "shrugs the shoulder up"),
    "scapula_retraction": JointRange(-20, 20, "draws the shoulder blade back (− forwards)"),
    "shoulder_flexion": JointRange(-50, 180, "raises the arm forwards and up (− behind)"),
    "shoulder_abduction": JointRange(-30, 180, "raises the arm out to the side"),
    "shoulder_horizontal_abduction": JointRange(
        -90, 40, "swings the raised arm backwards (− forwards, across the chest)"
    ),
    "shoulder_rotation": JointRange(-70, 90, "turns the arm outwards (− inwards)"),
    "elbow_flexion": JointRange(0, 145, "bends the elbow"),
    "wrist_bend": JointRange(-90, 90, "bends the hand towards the palm's side (− back)"),
    "hip_flexion": JointRange(-20, 130, "raises the thigh forwards (− behind)"),
    "hip_abduction": JointRange(-20, 45, "takes the leg out to the side"),
    "knee_flexion": JointRange(0, 155, "bends the knee"),
    "ankle_dorsiflexion": JointRange(-65, 25, "lifts the toes (− points them)"),
}
JOINTS: dict[str, JointRange] = {
    **CENTRAL_JOINTS,
    **{f"{side}_{name}": spec for side in SIDES for name, spec in LIMB_JOINTS.items()},
}


def both(**angles: float) -> dict[str, float]:
    """The same limb angles on both sides: `both(elbow_flexion=90)` names the left and right."""
    unknown = sorted(set(angles) - set(LIMB_JOINTS))
    if unknown:
        raise ValueError(f"not a limb joint: {', '.join(unknown)}")
    return {f"{side}_{name}": value for side in SIDES for name, value in angles.items()}


@dataclass(frozen=True)
class Pose:
    """Joint angles in degrees (only what differs from standing at ease) and where the body is.

    The body's place is its pelvis centre (`x`, `y`, `height`, cm) and orientation: `heading`
    turns it about the vertical (+ to the left), `pitch` tips it forwards (+90 lies face down
    with the head towards +x, as on all fours; −90 lies face up with the head towards −x) and
    `roll` tips it onto its right side (+) or left side (−). With `height` left out the figure
    is set down so that its lowest point rests on the floor.

    Unknown joint names are rejected at once (a typo would otherwise silently do nothing);
    angles outside a joint's range are allowed here and reported by `check_pose`, so a library
    check can list every problem at once.
    """

    angles: Mapping[str, float] = field(default_factory=dict)
    x: float = 0.0
    y: float = 0.0
    height: float | None = None
    heading: float = 0.0
    pitch: float = 0.0
    roll: float = 0.0

    def __post_init__(self) -> None:
        unknown = sorted(set(self.angles) - set(JOINTS))
        if unknown:
            raise ValueError(f"unknown joint: {', '.join(unknown)}")
        # A read-only copy, so a pose stays what it was when a keyframe was written.
        object.__setattr__(self, "angles", MappingProxyType(dict(self.angles)))

    def __hash__(self) -> int:
        place = (self.x, self.y, self.height, self.heading, self.pitch, self.roll)
        return hash((frozenset(self.angles.items()), place))

    def angle(self, name: str) -> float:
        return self.angles.get(name, JOINTS[name].neutral)

    def moved(self, **angles: float) -> Pose:
        """This pose with some joints changed, the way a keyframe builds on the one before."""
        return replace(self, angles={**self.angles, **angles})


STANDING = Pose()
