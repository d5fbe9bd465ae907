"""A guided session as an ordered list of timed steps, and what the pain change after it means.

The player (web, and any other interface) walks through these steps one at a time: a short
"get ready" before anything timed, holds and timed work per side ("left side… switch… right
side"), reps counted by tapping, slow breaths paced by the clock, and rests between sets.
Pure and deterministic: doses in, steps out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from upback.core.library import Dose

READY_SECONDS = 10
"""Time to get into position before a hold or a timed item starts by itself."""

SWITCH_SECONDS = 5
"""Time to change sides between the left and the right."""


class StepKind(StrEnum):
    READY = "ready"  # countdown to get into position; can be cut short
    HOLD = "hold"  # a static hold, counted down
    TIMED = "timed"  # continuous work for a time, counted down
    REPS = "reps"  # the person taps once per rep until the target
    PACED = "paced"  # slow breaths paced by the clock, one count every `seconds_per_count`
    SWITCH = "switch"  # change sides
    REST = "rest"  # rest between sets

    @property
    def counted_down(self) -> bool:
        return self is not StepKind.REPS

    @property
    def is_work(self) -> bool:
        return self in (StepKind.HOLD, StepKind.TIMED, StepKind.REPS, StepKind.PACED)


@dataclass(frozen=True)
class Step:
    item: int
    """Index of the item (technique) in the session this step belongs to."""
    kind: StepKind
    label: str
    """The big words on screen: 'Left side', 'Switch', 'Rest', 'Hold', 'Keep going'."""
    detail: str
    """A smaller line: 'Set 1 of 2', 'Change to your right side'."""
    cue: str
    """One calm sentence announced to screen readers and, if wanted, spoken aloud."""
    seconds: float | None = None
    """Countdown length; for paced steps, the whole step (count × seconds_per_count)."""
    count: int | None = None
    """Reps to tap, or breaths to pace."""
    unit: str = ""
    """What is counted: 'reps', 'rounds' or 'breaths'."""
    seconds_per_count: float | None = None
    side: str | None = None
    set_number: int = 1
    sets: int = 1
    hint: str = ""
    """Extra guidance for the step, e.g. 'Hold each one for 3 seconds, then tap.'"""
    estimate: float = 0.0
    """How long the step is expected to take, in seconds, for the progress bar."""

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "kind": self.kind.value,
            "label": self.label,
            "detail": self.detail,
            "cue": self.cue,
            "seconds": self.seconds,
            "count": self.count,
            "unit": self.unit,
            "seconds_per_count": self.seconds_per_count,
            "side": self.side,
            "set_number": self.set_number,
            "sets": self.sets,
            "hint": self.hint,
            "estimate": self.estimate,
        }


def dose_from_json(data: Mapping[str, Any]) -> Dose:
    """A stored dose (plan JSON, with its display 'text' and 'note') back as a typed Dose."""
    known = {key: value for key, value in data.items() if key in Dose.model_fields}
    return Dose.model_validate(known)


def seconds_words(seconds: float) -> str:
    """'30 seconds', '1 minute', '1 minute 30 seconds', '5 minutes'."""
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def _unit_singular(unit: str) -> str:
    return {"reps": "rep", "rounds": "round", "breaths": "breath"}.get(unit, unit)


def item_steps(dose: Dose, *, item: int = 0, name: str = "") -> list[Step]:
    """The steps of one item, from its dose, in the order the person does them."""
    sides: list[str | None] = ["left", "right"] if dose.per_side else [None]
    steps: list[Step] = []
    for set_number in range(1, dose.sets + 1):
        if set_number > 1 and dose.rest_seconds:
            steps.append(
                Step(
                    item=item,
                    kind=StepKind.REST,
                    label="Rest",
                    detail=f"Set {set_number} of {dose.sets} next",
                    cue=f"Rest for {seconds_words(dose.rest_seconds)}.",
                    seconds=float(dose.rest_seconds),
                    set_number=set_number,
                    sets=dose.sets,
                    estimate=float(dose.rest_seconds),
                )
            )
        for side in sides:
            if side == "right":
                steps.append(
                    Step(
                        item=item,
                        kind=StepKind.SWITCH,
                        label="Switch",
                        detail="Change to your right side",
                        cue="Switch sides.",
                        seconds=float(SWITCH_SECONDS),
                        side="right",
                        set_number=set_number,
                        sets=dose.sets,
                        estimate=float(SWITCH_SECONDS),
                    )
                )
            steps.append(_work_step(dose, item=item, side=side, set_number=set_number))
    first = steps[0]
    if first.kind.counted_down:
        what = f"Next: {name}. " if name else ""
        steps.insert(
            0,
            Step(
                item=item,
                kind=StepKind.READY,
                label="Get ready",
                detail="Get into position",
                cue=f"{what}Get into position; it starts in {READY_SECONDS} seconds.",
                seconds=float(READY_SECONDS),
                estimate=float(READY_SECONDS),
            ),
        )
    return steps


def _work_step(dose: Dose, *, item: int, side: str | None, set_number: int) -> Step:
    sets_text = f"Set {set_number} of {dose.sets}" if dose.sets > 1 else ""
    side_label = f"{side.capitalize()} side" if side else ""
    lead = f"{side_label}. " if side_label else (f"{sets_text}. " if sets_text else "")
    common: dict[str, Any] = {
        "item": item,
        "side": side,
        "set_number": set_number,
        "sets": dose.sets,
        "detail": sets_text,
    }
    if dose.duration_seconds is not None:
        seconds = float(dose.duration_seconds)
        return Step(
            kind=StepKind.TIMED,
            label=side_label or "Keep going",
            cue=f"{lead}Keep going for {seconds_words(seconds)}.",
            seconds=seconds,
            estimate=seconds,
            **common,
        )
    if dose.reps is None:
        seconds = float(dose.hold_seconds or 0)
        return Step(
            kind=StepKind.HOLD,
            label=side_label or "Hold",
            cue=f"{lead}Hold for {seconds_words(seconds)}.",
            seconds=seconds,
            estimate=seconds,
            **common,
        )
    per_count = dose.seconds_per_rep + (dose.hold_seconds or 0)
    estimate = dose.reps * per_count
    if dose.rep_word == "breaths" and not dose.hold_seconds:
        return Step(
            kind=StepKind.PACED,
            label=side_label or "Breathe",
            cue=f"{lead}{dose.reps} slow breaths. Follow the count.",
            seconds=estimate,
            count=dose.reps,
            unit=dose.rep_word,
            seconds_per_count=dose.seconds_per_rep,
            hint=f"About {seconds_words(dose.seconds_per_rep)} for each breath, in and out.",
            estimate=estimate,
            **common,
        )
    hint = (
        f"Hold each one for {seconds_words(dose.hold_seconds)}, then tap."
        if dose.hold_seconds
        else f"Tap once for each {_unit_singular(dose.rep_word)}."
    )
    return Step(
        kind=StepKind.REPS,
        label=side_label or "Go gently",
        cue=f"{lead}{dose.reps} {dose.rep_word}. Tap after each one.",
        count=dose.reps,
        unit=dose.rep_word,
        hint=hint,
        estimate=estimate,
        **common,
    )


def session_steps(items: Sequence[tuple[str, Dose]]) -> list[Step]:
    """Every step of a session, item after item; `items` are (name, dose) in session order."""
    steps: list[Step] = []
    for index, (name, dose) in enumerate(items):
        steps.extend(item_steps(dose, item=index, name=name))
    return steps


class PainTrend(StrEnum):
    BETTER = "better"
    SAME = "same"
    A_LITTLE_WORSE = "a_little_worse"
    WORSE = "worse"


@dataclass(frozen=True)
class PainChange:
    trend: PainTrend
    message: str


def pain_change(before: int, after: int) -> PainChange:
    """What the change from pain before a session to pain after it suggests, in calm words.

    Follows the pain-monitoring idea of the guides and the plan's safety net: a rise of one point
    that settles within a day is acceptable; a rise of two or more means easing off and, if it
    has not settled within a day, taking the safety check again.
    """
    if not (0 <= before <= 10 and 0 <= after <= 10):
        raise ValueError("pain scores run from 0 to 10")
    if after < before:
        return PainChange(
            PainTrend.BETTER,
            f"Your pain went from {before} to {after}. Moving gently is helping today.",
        )
    if after == before:
        return PainChange(
            PainTrend.SAME,
            f"Your pain is the same as before, {after} out of 10. That is common: the benefit "
            "of a routine usually builds over days and weeks rather than in one session.",
        )
    if after - before == 1:
        return PainChange(
            PainTrend.A_LITTLE_WORSE,
            f"Your pain went from {before} to {after}. A little soreness after moving is "
            "common and usually settles within a day. Next time, go gentler on anything that "
            "felt too hard.",
        )
    return PainChange(
        PainTrend.WORSE,
        f"Your pain went from {before} to {after}. Please rest and be kind to your back today, "
        "and go gentler next time on anything that felt too hard. If it has not settled "
        "within a day, take the safety check again.",
    )
