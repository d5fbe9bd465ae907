"""The desk toolkit: numbers for a chair, desk and screen, the text-neck model and a standing plan
(the workstation check is in `desk_check`).

Everything here is pure: numbers in, numbers and words out. Sources are the clinical reference
§6 (office ergonomics) and §7 (text neck).

Ratios. §6.4 writes the ratios to stature H rounded (0.25, 0.143, 0.457). Its worked-examples
table is computed with the mean of the men's and women's ratios (popliteal 0.2505 = mean of
0.253 and 0.248; sitting elbow 0.1435 = mean of 0.141 and 0.146; sitting eye 0.457), and only
those reproduce the table to the millimetre, so those are the ratios used here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from upback.core.errors import InputProblem

POPLITEAL_RATIO = 0.2505
ELBOW_RATIO = 0.1435
EYE_RATIO = 0.457
SEAT_MIN_MM = 380.0
SEAT_MAX_MM = 560.0
HEIGHT_MIN_CM = 120.0
HEIGHT_MAX_CM = 220.0
DISTANCE_MIN_MM = 500.0
DISTANCE_TYPICAL_MAX_MM = 750.0
DISTANCE_MAX_MM = 1000.0
MONITOR_TOP_DROP_MM = 50.0
CENTRE_ANGLES_DEG = (15.0, 20.0)

SOURCE_RATIO = "Pheasant, British adult body proportions (average of men and women)"
SOURCE_HFES_SEAT = "ANSI/HFES 100-2007 seat range 38-56 cm"
SOURCE_OSHA_ELBOW = "OSHA eTool: elbows bent 90-120°, surface at or slightly below elbow"
SOURCE_OSHA_TOP = "OSHA eTool: top line at or slightly below eye level"
SOURCE_OSHA_CENTRE = "OSHA eTool: screen centre 15-20° below eye level"
SOURCE_OSHA_DISTANCE = "OSHA eTool: at least 50 cm away, directly in front"
SOURCE_FIXED_DESK = "Usual ergonomics advice: raise the chair to a fixed desk and support the feet"


class DeskInputProblem(InputProblem):
    """Bad input for the desk tools; `field` names the parameter so a CLI can name its option."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.detail = message


def _number(field: str, value: float, low: float, high: float, unit: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise DeskInputProblem(field, f"must be a number (got {value!r})")
    if not low <= value <= high:
        raise DeskInputProblem(
            field, f"must be between {low:g} and {high:g} {unit} (got {value:g})"
        )
    return float(value)


# ---------------------------------------------------------------------------------------------
# Calculator
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One height or distance: a range in mm (low == high for a single value) and its source."""

    key: str
    label: str
    low_mm: float
    high_mm: float
    source: str
    note: str = ""

    @property
    def mm(self) -> float:
        """The middle of the range, in mm."""
        return (self.low_mm + self.high_mm) / 2

    @property
    def is_range(self) -> bool:
        return round(self.low_mm) != round(self.high_mm)

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "mm": round(self.mm),
            "cm": round(self.mm / 10, 1),
            "low_mm": round(self.low_mm),
            "high_mm": round(self.high_mm),
            "low_cm": round(self.low_mm / 10, 1),
            "high_cm": round(self.high_mm / 10, 1),
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True)
class FixedDesk:
    """What to do when the desk height cannot change."""

    desk_mm: float
    seat_mm: float
    footrest_mm: float
    advice: str
    source: str = SOURCE_FIXED_DESK

    def to_json(self) -> dict[str, Any]:
        return {
            "desk_mm": round(self.desk_mm),
            "seat_mm": round(self.seat_mm),
            "seat_cm": round(self.seat_mm / 10, 1),
            "footrest_mm": round(self.footrest_mm),
            "footrest_cm": round(self.footrest_mm / 10, 1),
            "advice": self.advice,
            "source": self.source,
        }


@dataclass(frozen=True)
class DeskNumbers:
    height_cm: float
    shoe_mm: float
    viewing_distance_mm: float
    bifocals: bool
    seat: Figure
    desk: Figure
    eye: Figure
    monitor_top: Figure
    monitor_centre: Figure
    screen_distance: Figure
    fixed_desk: FixedDesk | None
    caveats: tuple[str, ...]

    @property
    def figures(self) -> tuple[Figure, ...]:
        return (
            self.seat,
            self.desk,
            self.eye,
            self.monitor_top,
            self.monitor_centre,
            self.screen_distance,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "height_cm": self.height_cm,
            "shoe_mm": self.shoe_mm,
            "viewing_distance_mm": self.viewing_distance_mm,
            "bifocals": self.bifocals,
            "figures": {f.key: f.to_json() for f in self.figures},
            "fixed_desk": self.fixed_desk.to_json() if self.fixed_desk else None,
            "caveats": list(self.caveats),
        }


CALC_CAVEATS = (
    "These are starting points from average body proportions; bodies vary, so fine-tune by feel.",
    "Good signs: feet flat, thighs level, shoulders relaxed, and you read the top line "
    "without tipping your head back.",
    "The ratios are less reliable under 20, in later life, and with a BMI over 30.",
)


def calculate(
    *,
    height_cm: float,
    shoe_mm: float = 25,
    viewing_distance_mm: float = 650,
    bifocals: bool = False,
    fixed_desk_mm: float | None = None,
) -> DeskNumbers:
    """Chair, desk and screen numbers from a person's height (§6.4), each with its source."""
    height_cm = _number("height_cm", height_cm, HEIGHT_MIN_CM, HEIGHT_MAX_CM, "cm")
    shoe_mm = _number("shoe_mm", shoe_mm, 0, 60, "mm")
    distance = _number(
        "viewing_distance_mm", viewing_distance_mm, DISTANCE_MIN_MM, DISTANCE_MAX_MM, "mm"
    )
    stature = height_cm * 10

    ideal_seat = POPLITEAL_RATIO * stature + shoe_mm
    seat_mm = min(max(ideal_seat, SEAT_MIN_MM), SEAT_MAX_MM)
    seat_note = "knees at about hip height, thighs level, feet flat"
    if seat_mm != ideal_seat:
        seat_note = (
            f"your proportions give {round(ideal_seat)} mm; kept inside the standard's range "
            "— a footrest or a smaller chair may help"
        )
    desk_mm = seat_mm + ELBOW_RATIO * stature
    eye_mm = seat_mm + EYE_RATIO * stature

    low_angle, high_angle = CENTRE_ANGLES_DEG
    centre_high = eye_mm - distance * math.tan(math.radians(low_angle))
    centre_low = eye_mm - distance * math.tan(math.radians(high_angle))
    top_high = eye_mm
    top_low = eye_mm - MONITOR_TOP_DROP_MM
    centre_note = "about 15-20° below your eye line"
    top_note = "at or slightly below eye level"
    if bifocals:
        # OSHA says to lower the screen for bifocals but gives no number. We take the low end of
        # each range (20° below, 50 mm below eye level), so the eyes can look through the lower
        # reading part of the lens without tipping the head back.
        centre_high = centre_low
        top_high = top_low
        centre_note = (
            "bifocals or progressives: the low end (20° below), so you read through the lower "
            "part of the lens without tipping your head back; lower further if you still do"
        )
        top_note = "bifocals or progressives: about 50 mm below eye level"

    fixed: FixedDesk | None = None
    if fixed_desk_mm is not None:
        fixed_desk = _number("fixed_desk_mm", fixed_desk_mm, 500, 1300, "mm")
        fixed = _fixed_desk(fixed_desk, desk_mm, seat_mm, stature)

    return DeskNumbers(
        height_cm=height_cm,
        shoe_mm=shoe_mm,
        viewing_distance_mm=distance,
        bifocals=bifocals,
        seat=Figure(
            "seat",
            "Chair seat height",
            seat_mm,
            seat_mm,
            f"{SOURCE_RATIO}; {SOURCE_HFES_SEAT}",
            seat_note,
        ),
        desk=Figure(
            "desk",
            "Desk / keyboard height",
            desk_mm,
            desk_mm,
            f"{SOURCE_RATIO}; {SOURCE_OSHA_ELBOW}",
            "at or slightly below your elbows",
        ),
        eye=Figure(
            "eye",
            "Eye height (seated)",
            eye_mm,
            eye_mm,
            SOURCE_RATIO,
            "sitting tall; up to 40 mm lower if you slump",
        ),
        monitor_top=Figure(
            "monitor_top", "Top line of the screen", top_low, top_high, SOURCE_OSHA_TOP, top_note
        ),
        monitor_centre=Figure(
            "monitor_centre",
            "Centre of the screen",
            centre_low,
            centre_high,
            SOURCE_OSHA_CENTRE,
            centre_note,
        ),
        screen_distance=Figure(
            "screen_distance",
            "Screen distance",
            DISTANCE_MIN_MM,
            DISTANCE_TYPICAL_MAX_MM,
            SOURCE_OSHA_DISTANCE,
            f"about arm's length; the centre figures use {distance:g} mm",
        ),
        fixed_desk=fixed,
        caveats=CALC_CAVEATS,
    )


def _fixed_desk(desk_mm: float, ideal_desk: float, seat_mm: float, stature: float) -> FixedDesk:
    if desk_mm <= ideal_desk + 5:
        if desk_mm >= ideal_desk - 20:
            advice = "Your desk is about the right height: keep the chair at the height above."
        else:
            advice = (
                f"Your desk is {round(ideal_desk - desk_mm)} mm lower than ideal: desk risers or "
                "a monitor and keyboard on a stand help; keep the chair at the height above."
            )
        return FixedDesk(desk_mm, seat_mm, 0.0, advice)
    new_seat = desk_mm - ELBOW_RATIO * stature
    footrest = new_seat - seat_mm
    advice = (
        f"Your desk is fixed and higher than {round(ideal_desk)} mm: raise the chair to "
        f"{round(new_seat)} mm to reach it and add a footrest of {round(footrest)} mm."
    )
    if new_seat > SEAT_MAX_MM:
        advice += " That is above most chairs' range: a keyboard tray under the desk may be easier."
    return FixedDesk(desk_mm, new_seat, footrest, advice)


# ---------------------------------------------------------------------------------------------
# Text neck (Hansraj 2014, a model)
# ---------------------------------------------------------------------------------------------

LB_TO_KG = 0.45359237
# angle (degrees) -> modelled load in lb as (low, high); 0° is given as a range of 10-12 lb.
TEXT_NECK_POINTS: tuple[tuple[float, float, float], ...] = (
    (0.0, 10.0, 12.0),
    (15.0, 27.0, 27.0),
    (30.0, 40.0, 40.0),
    (45.0, 49.0, 49.0),
    (60.0, 60.0, 60.0),
)
TEXT_NECK_SOURCE = "Hansraj 2014, Surgical Technology International 25:277-9 (a computer model)"
TEXT_NECK_CAVEAT = (
    "These are loads from a computer model, not measured in people. The model leaves out how "
    "neck muscles share the work, and studies of phone use and neck pain do not agree."
)
TEXT_NECK_MESSAGE = (
    "Looking down is something necks do every day. If your neck or upper back feels tired or "
    "stiff, variety helps: bring the screen up toward eye level now and then, change position, "
    "and take short breaks."
)


@dataclass(frozen=True)
class TextNeck:
    angle_degrees: float
    low_lb: float
    high_lb: float
    source: str = TEXT_NECK_SOURCE
    caveat: str = TEXT_NECK_CAVEAT
    message: str = TEXT_NECK_MESSAGE

    @property
    def low_kg(self) -> float:
        return self.low_lb * LB_TO_KG

    @property
    def high_kg(self) -> float:
        return self.high_lb * LB_TO_KG

    def to_json(self) -> dict[str, Any]:
        return {
            "angle_degrees": self.angle_degrees,
            "modelled_load_lb": [round(self.low_lb, 1), round(self.high_lb, 1)],
            "modelled_load_kg": [round(self.low_kg, 1), round(self.high_kg, 1)],
            "source": self.source,
            "caveat": self.caveat,
            "message": self.message,
        }


def text_neck(angle_degrees: float) -> TextNeck:
    """The modelled neck load at a forward bend of 0-60°, interpolated linearly (§7)."""
    try:
        angle = _number("angle_degrees", angle_degrees, 0, 60, "degrees")
    except DeskInputProblem as problem:
        raise DeskInputProblem(
            problem.field, f"{problem.detail}; the model is not reliable beyond 60°"
        ) from None
    for (a0, lo0, hi0), (a1, lo1, hi1) in pairwise(TEXT_NECK_POINTS):
        if a0 <= angle <= a1:
            t = (angle - a0) / (a1 - a0)
            return TextNeck(angle, lo0 + t * (lo1 - lo0), hi0 + t * (hi1 - hi0))
    raise AssertionError("unreachable: angle was checked to be 0-60")  # pragma: no cover


# ---------------------------------------------------------------------------------------------
# Standing plan
# ---------------------------------------------------------------------------------------------

STANDING_START_MINUTES = (15, 20)
STANDING_STEP_MINUTES = 5
STANDING_CAP_MINUTES = (30, 40)
STANDING_BLOCKS = (2, 3, 4)
STANDING_SOURCE = "CSA Z412-17: alternate sitting and standing; no single posture all day"


@dataclass(frozen=True)
class StandingWeek:
    week: int
    block_minutes: tuple[int, int]
    blocks_per_day: int
    how: str
    source: str = STANDING_SOURCE

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "block_minutes": list(self.block_minutes),
            "blocks_per_day": self.blocks_per_day,
            "how": self.how,
            "source": self.source,
        }


def standing_plan(weeks: int = 4) -> list[StandingWeek]:
    """A gentle build-up of standing, alternating with sitting.

    Design: week 1 is 15-20 minute blocks twice a day. Each week the blocks grow by 5 minutes and
    the day gains one block, up to 30-40 minute blocks four times a day. We stop there on purpose:
    the aim is to alternate, not to stand all day, and standing still for long is no better than
    sitting still for long.
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 12:
        raise DeskInputProblem("weeks", f"must be a whole number from 1 to 12 (got {weeks!r})")
    plan: list[StandingWeek] = []
    for index in range(weeks):
        low = min(
            STANDING_START_MINUTES[0] + index * STANDING_STEP_MINUTES, STANDING_CAP_MINUTES[0]
        )
        high = min(
            STANDING_START_MINUTES[1] + index * STANDING_STEP_MINUTES, STANDING_CAP_MINUTES[1]
        )
        blocks = STANDING_BLOCKS[min(index, len(STANDING_BLOCKS) - 1)]
        how = (
            f"Stand for {low}-{high} minutes, {blocks} times a day, then sit again. "
            "Shift your weight and move your feet while you stand; sit sooner if your back "
            "or legs ache."
        )
        plan.append(StandingWeek(index + 1, (low, high), blocks, how))
    return plan
