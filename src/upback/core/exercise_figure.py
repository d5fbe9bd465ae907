"""A technique's pictures: the looping animation, the numbered strip and their words.

The one place the web, the terminal and the handout ask for pictures, so they all show the same
movement at the same tempo. Comfort measures (heat, cold, creams) and posture cues have no
movement to show; every other kind must have keyframes, and `figure_problems` (part of
`upback library check`) says so, along with any pose that leaves a joint's range or puts a limb
through the floor or a prop, checked on every frame the animation draws, on both sides.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from upback.core.figure.animate import animation_svg as _animation_svg
from upback.core.figure.animate import strip_svg as _strip_svg
from upback.core.figure.checks import check_pose
from upback.core.figure.motion import Tempo, frames, loop, mirrored_prop
from upback.core.figure.spec import FigureSpec
from upback.core.library import Technique
from upback.core.vocab import Kind

KINDS_WITHOUT_FIGURES: frozenset[Kind] = frozenset({Kind.HEAT_COLD, Kind.POSTURE})
VIEW_WORDS = {
    "side": "seen from the side",
    "front": "seen from the front",
    "top": "seen from above",
}


def has_figure(technique: Technique) -> bool:
    return technique.figure is not None


def _spec(technique: Technique) -> FigureSpec:
    if technique.figure is None:
        raise ValueError(f"{technique.slug} has no figure")
    return technique.figure


def tempo(technique: Technique) -> Tempo:
    dose = technique.dose
    mode: Literal["reps", "hold", "timed"] = (
        "timed" if dose.mode == "timed" else "reps" if dose.mode == "reps" else "hold"
    )
    return Tempo(
        mode=mode,
        seconds_per_rep=dose.seconds_per_rep,
        hold_seconds=float(dose.hold_seconds or 0),
        per_side=dose.per_side,
    )


def captions(technique: Technique) -> list[str]:
    """One line per keyframe, in the strip's order."""
    return [keyframe.caption for keyframe in _spec(technique).keyframes]


def sides_note(technique: Technique) -> str | None:
    if not technique.dose.per_side:
        return None
    return "Then the same on the other side."


def figure_text(technique: Technique) -> str:
    """The whole movement in words, for people who cannot see the picture."""
    spec = _spec(technique)
    where = f" {spec.describe}." if spec.describe else ""
    steps = " ".join(
        f"{number}. {caption.rstrip('.')}." for number, caption in enumerate(captions(technique), 1)
    )
    side = f" {sides_note(technique)}" if sides_note(technique) else ""
    return (
        f"{technique.name}, {VIEW_WORDS[spec.view]}, {technique.dose.describe()}.{where} "
        f"{steps}{side}"
    )


def _as_json(technique: Technique) -> str:
    return technique.model_dump_json(exclude={"minutes"})


def animation_svg(technique: Technique, *, ident: str = "fig") -> str:
    """The movement looping at the dose's tempo (see `figure.animate`), drawn once per process."""
    return _drawn(_as_json(technique), "moving", ident)


def strip_svg(technique: Technique, *, ident: str = "strip") -> str:
    """The keyframes side by side, numbered (see `figure.animate`), drawn once per process."""
    return _drawn(_as_json(technique), "strip", ident)


@lru_cache(maxsize=256)
def _drawn(technique_json: str, which: str, ident: str) -> str:
    # Keyed by the technique's whole content, so an edited technique is drawn afresh; the web,
    # the terminal and the handout all show the same few dozen pictures again and again.
    technique = Technique.model_validate_json(technique_json)
    if which == "strip":
        return _strip_svg(
            _spec(technique),
            title=f"{technique.name}: the movement in {len(captions(technique))} steps",
            desc=figure_text(technique),
            ident=ident,
        )
    return _animation_svg(
        _spec(technique),
        tempo(technique),
        title=f"{technique.name}: the movement, looping",
        desc=figure_text(technique),
        ident=ident,
    )


def figure_problems(technique: Technique) -> list[str]:
    """What is wrong with a technique's picture, as lines for `upback library check`."""
    return list(_problems_of(_as_json(technique)))


@lru_cache(maxsize=512)
def _problems_of(technique_json: str) -> tuple[str, ...]:
    # Checking every frame takes a fifth of a second per technique; a test run checks the same
    # content many times over (each broken copy differs in one file only), so remember it.
    return tuple(_figure_problems(Technique.model_validate_json(technique_json)))


def _figure_problems(technique: Technique) -> list[str]:
    spec = technique.figure
    if spec is None:
        if technique.kind in KINDS_WITHOUT_FIGURES:
            return []
        return [f"{technique.slug}: a {technique.kind} technique needs a [figure] with keyframes"]
    problems: list[str] = []
    dose_holds = [i + 1 for i, k in enumerate(spec.keyframes) if k.hold == "dose"]
    if dose_holds and not technique.dose.hold_seconds:
        problems.append(
            f"{technique.slug}: keyframe {dose_holds[0]} holds for the dose, "
            "but the dose has no hold_seconds"
        )
    if technique.dose.mode == "hold" and not dose_holds:
        problems.append(f"{technique.slug}: a held stretch needs one keyframe with hold = 'dose'")
    props = spec.built_props()
    placed = {False: props, True: [mirrored_prop(p) for p in props]}
    seen: set[str] = set()
    for number, pose in enumerate(spec.poses(), start=1):
        for problem in check_pose(pose, props):
            seen.add(re.sub(r"-?[\d.]+", "#", problem))
            problems.append(f"{technique.slug}: keyframe {number}: {problem}")
    for frame in frames(loop(spec, tempo(technique))):
        for problem in check_pose(frame.pose, placed[frame.mirrored]):
            shape = re.sub(r"-?[\d.]+", "#", problem)  # one line per kind of problem
            if shape not in seen:
                seen.add(shape)
                where = "on the other side" if frame.mirrored else "between keyframes"
                problems.append(f"{technique.slug}: {where}: {problem}")
    return problems
