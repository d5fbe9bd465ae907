"""Stable vocabularies shared by the data files, JSON contracts and the database.

The string values are a contract (see DESIGN.md): never rename one without a migration plan.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    QUICK_RELIEF = "quick_relief"
    WARM_UP = "warm_up"
    MOBILITY = "mobility"
    STRETCH = "stretch"
    STRENGTH = "strength"
    RELEASE = "release"
    BREATHING = "breathing"
    YOGA = "yoga"
    HEAT_COLD = "heat_cold"
    POSTURE = "posture"


class Position(StrEnum):
    STANDING = "standing"
    SEATED = "seated"
    WALL = "wall"
    QUADRUPED = "quadruped"
    KNEELING = "kneeling"
    PRONE = "prone"
    SUPINE = "supine"
    SIDE_LYING = "side_lying"


# Positions that need the person to get down to the floor and back up again.
FLOOR_POSITIONS: frozenset[Position] = frozenset(
    {Position.QUADRUPED, Position.KNEELING, Position.PRONE, Position.SUPINE, Position.SIDE_LYING}
)


class Equipment(StrEnum):
    RESISTANCE_BAND = "resistance_band"
    FOAM_ROLLER = "foam_roller"
    MASSAGE_BALL = "massage_ball"
    DUMBBELLS = "dumbbells"
    STABILITY_BALL = "stability_ball"
    MASSAGE_GUN = "massage_gun"
    HEAT_PACK = "heat_pack"
    COLD_PACK = "cold_pack"


class Who(StrEnum):
    DESK_WORKER = "desk_worker"
    LIFTER = "lifter"
    OLDER_ADULT = "older_adult"
    OTHER = "other"


class Trigger(StrEnum):
    SITTING_SCREENS = "sitting_screens"
    PHONE_USE = "phone_use"
    LIFTING_OVERUSE = "lifting_overuse"
    STRESS_BREATHING = "stress_breathing"
    SLEEP_POSITION = "sleep_position"
    HEAVY_BAGS = "heavy_bags"
    WEAK_UNDERUSED = "weak_underused"


class PainCharacter(StrEnum):
    SHARP_NEW_OR_SWOLLEN = "sharp_new_or_swollen"
    TIGHT_ACHY_STIFF = "tight_achy_stiff"


class SleepPosition(StrEnum):
    SIDE = "side"
    BACK = "back"
    STOMACH = "stomach"
    MIXED = "mixed"


class Disposition(StrEnum):
    """Most severe first; see clinical/symptom-vocabulary.md."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    SELF_CARE = "self_care"

    @property
    def severity(self) -> int:
        """Higher is more severe, so `max(..., key=severity)` picks the one that wins."""
        return _SEVERITY[self]


_SEVERITY: dict[Disposition, int] = {
    Disposition.SELF_CARE: 0,
    Disposition.SOON: 1,
    Disposition.URGENT: 2,
    Disposition.EMERGENCY: 3,
}


class Day(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


WEEK: tuple[Day, ...] = tuple(Day)
