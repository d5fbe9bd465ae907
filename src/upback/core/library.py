"""The program library: techniques and advice, loaded from `upback/content/` and validated.

The content is data reviewed like code. Each technique lives in its own TOML file
(`content/techniques/<slug>.toml`); the advice lives in `content/advice.toml`. This module turns
those files into typed, frozen objects and, through `check_content`, lists every problem it finds
so a reviewer sees all of them at once rather than one per run.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    computed_field,
    model_validator,
)

from upback.core.figure.spec import FigureSpec
from upback.core.vocab import FLOOR_POSITIONS, Equipment, Kind, Position, Trigger

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]

# Kinds whose techniques are a choice of comfort measure rather than a movement to progress,
# so "easier" and "harder" variants do not apply to them.
KINDS_WITHOUT_VARIANTS: frozenset[Kind] = frozenset({Kind.HEAT_COLD, Kind.POSTURE})


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Dose(_Frozen):
    """How much of a technique to do.

    Exactly one mode: `reps` (optionally holding each rep for `hold_seconds`), a static
    `hold_seconds` per set, or a continuous `duration_seconds`. `per_side` doubles the work.
    """

    sets: int = Field(1, ge=1, le=5)
    reps: int | None = Field(None, ge=1, le=30)
    hold_seconds: int | None = Field(None, ge=1, le=120)
    duration_seconds: int | None = Field(None, ge=10, le=1800)
    per_side: bool = False
    rest_seconds: int = Field(0, ge=0, le=180)
    seconds_per_rep: float = Field(3.0, ge=1.0, le=10.0)
    rep_word: Literal["reps", "breaths", "rounds"] = "reps"

    @model_validator(mode="after")
    def _one_mode(self) -> Self:
        if self.duration_seconds is not None and (
            self.reps is not None or self.hold_seconds is not None
        ):
            raise ValueError("a timed dose (duration_seconds) cannot also have reps or a hold")
        if self.duration_seconds is None and self.reps is None and self.hold_seconds is None:
            raise ValueError("a dose needs reps, hold_seconds or duration_seconds")
        return self

    @property
    def mode(self) -> str:
        if self.duration_seconds is not None:
            return "timed"
        return "reps" if self.reps is not None else "hold"

    @property
    def seconds(self) -> float:
        """Total time including rests between sets."""
        sides = 2 if self.per_side else 1
        if self.duration_seconds is not None:
            work: float = self.duration_seconds
        elif self.reps is not None:
            work = self.reps * (self.seconds_per_rep + (self.hold_seconds or 0))
        else:
            work = float(self.hold_seconds or 0)
        return self.sets * work * sides + self.rest_seconds * (self.sets - 1)

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)

    def describe(self) -> str:
        """The dose in words a person reads at a glance: '3 × 10', '2 × 30 s each side'."""
        side = " each side" if self.per_side else ""
        if self.duration_seconds is not None:
            body = _duration_words(self.duration_seconds)
            return f"{self.sets} × {body}{side}" if self.sets > 1 else f"{body}{side}"
        if self.reps is not None:
            hold = f", hold {self.hold_seconds} s" if self.hold_seconds else ""
            sets = f"{self.sets} × " if self.sets > 1 else ""
            return f"{sets}{self.reps} {self.rep_word}{side}{hold}"
        sets = f"{self.sets} × " if self.sets > 1 else ""
        return f"{sets}{self.hold_seconds} s hold{side}"


def _duration_words(seconds: int) -> str:
    if seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} min"
    if seconds > 60:
        return f"{seconds / 60:.1f} min".replace(".0 ", " ")
    return f"{seconds} s"


class Suitability(_Frozen):
    flare_ok: bool = Field(description="Gentle enough for a sharp, new or swollen flare.")
    desk_ok: bool = Field(description="Can be done at a desk in work clothes, in a minute or two.")


class Technique(_Frozen):
    slug: Slug
    name: Text
    kind: Kind
    targets: list[Text] = Field(min_length=1)
    position: Position
    equipment: list[Equipment] = Field(default_factory=list)
    dose: Dose
    steps: list[Text] = Field(min_length=2, max_length=10)
    why: Text
    cautions: list[Text] = Field(min_length=1)
    suitability: Suitability
    easier: list[Slug] = Field(default_factory=list)
    harder: list[Slug] = Field(default_factory=list)
    level: int = Field(1, ge=1, le=3, description="1 gentle, 2 moderate, 3 demanding.")
    in_routine: bool = Field(
        True, description="False for comfort measures and cues that are advice, not routine items."
    )
    priority: int = Field(
        0, ge=0, le=100, description="Planner preference among techniques of the same kind."
    )
    reasons: dict[Trigger, Text] = Field(
        default_factory=dict,
        description="A one-line reason tied to a trigger, shown when the person has that trigger.",
    )
    figure: FigureSpec | None = Field(
        None, description="How to draw it: a view, props and 2-4 keyframes (core/figure/spec.py)."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def minutes(self) -> float:
        return self.dose.minutes

    @property
    def on_floor(self) -> bool:
        return self.position in FLOOR_POSITIONS

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"figure"})


class DeskFix(_Frozen):
    slug: Slug
    title: Text
    text: Text
    triggers: list[Trigger] = Field(default_factory=list)
    priority: int = Field(0, ge=0, le=100)


class Habit(_Frozen):
    slug: Slug
    name: Text
    text: Text
    triggers: list[Trigger] = Field(default_factory=list)
    priority: int = Field(0, ge=0, le=100)
    technique: Slug | None = None


class SleepAdvice(_Frozen):
    side: Text
    back: Text
    stomach: Text
    mixed: Text
    mattress: Text


class ThermalAdvice(_Frozen):
    when: Text
    minutes: Text
    how: list[Text] = Field(min_length=2)


class HeatColdAdvice(_Frozen):
    rule: Text
    heat: ThermalAdvice
    cold: ThermalAdvice
    who_must_not: list[Text] = Field(min_length=3)
    never: list[Text] = Field(min_length=1)


class Titled(_Frozen):
    title: Text
    text: Text


class Timeline(_Frozen):
    acute: Text
    chronic: Text
    review: Text


class Advice(_Frozen):
    desk: list[DeskFix] = Field(min_length=4)
    habits: list[Habit] = Field(min_length=4)
    sleep: SleepAdvice
    heat_cold: HeatColdAdvice
    mistakes: list[Titled] = Field(min_length=3)
    supportive: list[Titled] = Field(min_length=3)
    timeline: Timeline
    when_to_get_help: list[Text] = Field(min_length=3)
    safety_net: list[Text] = Field(min_length=2)
    disclaimer: Text


@dataclass(frozen=True)
class Library:
    techniques: Mapping[str, Technique]
    advice: Advice

    def get(self, slug: str) -> Technique:
        return self.techniques[slug]

    def __iter__(self) -> Iterator[Technique]:
        return iter(self.techniques.values())

    def filter(
        self,
        *,
        kind: Kind | None = None,
        equipment: Equipment | None = None,
        position: Position | None = None,
    ) -> list[Technique]:
        return [
            t
            for t in self.techniques.values()
            if (kind is None or t.kind == kind)
            and (equipment is None or equipment in t.equipment)
            and (position is None or t.position == position)
        ]


class LibraryError(Exception):
    """The content does not pass its checks; `problems` lists every one of them."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def content_dir() -> Path:
    return Path(str(files("upback") / "content"))


def _read_toml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        problems.append(f"{path.name}: not valid TOML ({error})")
        return None


def _describe(error: ValidationError) -> list[str]:
    out = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(top level)"
        out.append(f"{where}: {item['msg']}")
    return out


def _parse(root: Path) -> tuple[dict[str, Technique], Advice | None, list[str]]:
    problems: list[str] = []
    techniques: dict[str, Technique] = {}
    for path in sorted((root / "techniques").glob("*.toml")):
        raw = _read_toml(path, problems)
        if raw is None:
            continue
        try:
            technique = Technique.model_validate(raw)
        except ValidationError as error:
            problems.extend(f"{path.name}: {line}" for line in _describe(error))
            continue
        if technique.slug != path.stem:
            problems.append(f"{path.name}: slug '{technique.slug}' does not match the file name")
        if technique.slug in techniques:
            problems.append(f"{path.name}: duplicate slug '{technique.slug}'")
            continue
        techniques[technique.slug] = technique
    if not techniques:
        problems.append("techniques/: no technique files found")

    advice: Advice | None = None
    advice_path = root / "advice.toml"
    if not advice_path.exists():
        problems.append("advice.toml: missing")
    else:
        raw = _read_toml(advice_path, problems)
        if raw is not None:
            try:
                advice = Advice.model_validate(raw)
            except ValidationError as error:
                problems.extend(f"advice.toml: {line}" for line in _describe(error))
    return techniques, advice, problems


def _cross_check(techniques: Mapping[str, Technique], advice: Advice | None) -> list[str]:
    problems: list[str] = []
    for t in techniques.values():
        for direction in ("easier", "harder"):
            for variant in getattr(t, direction):
                if variant == t.slug:
                    problems.append(f"{t.slug}: lists itself as {direction}")
                elif variant not in techniques:
                    problems.append(f"{t.slug}: {direction} variant '{variant}' does not exist")
        both = set(t.easier) & set(t.harder)
        if both:
            problems.append(f"{t.slug}: {sorted(both)} listed as both easier and harder")
        if t.kind not in KINDS_WITHOUT_VARIANTS and not (t.easier or t.harder):
            problems.append(f"{t.slug}: needs at least one easier or harder variant")
        if t.slug == "check":
            problems.append("check: 'check' is reserved for `upback library check`")
    if advice is not None:
        for habit in advice.habits:
            if habit.technique is not None and habit.technique not in techniques:
                problems.append(f"advice habit {habit.slug}: technique '{habit.technique}' missing")
        for section, items in (("desk", advice.desk), ("habits", advice.habits)):
            slugs = [item.slug for item in items]
            dupes = sorted({s for s in slugs if slugs.count(s) > 1})
            if dupes:
                problems.append(f"advice {section}: duplicate slugs {dupes}")
    return problems


def check_content(root: Path | None = None) -> list[str]:
    """Every problem in the content under `root` (default: the packaged content)."""
    # Imported here: the figure checks need the library's types, and they are too slow (every
    # frame of every animation) to run each time a process loads the library.
    from upback.core.exercise_figure import figure_problems

    techniques, advice, problems = _parse(root or content_dir())
    drawn = [line for t in techniques.values() for line in figure_problems(t)]
    return problems + _cross_check(techniques, advice) + drawn


def load_library(root: Path | None = None) -> Library:
    """Load and validate the content; raise `LibraryError` listing every problem."""
    techniques, advice, problems = _parse(root or content_dir())
    problems += _cross_check(techniques, advice)
    if problems or advice is None:
        raise LibraryError(problems or ["advice.toml: could not be read"])
    return Library(techniques=dict(sorted(techniques.items())), advice=advice)


@cache
def default_library() -> Library:
    """The packaged library, loaded once per process."""
    return load_library()
