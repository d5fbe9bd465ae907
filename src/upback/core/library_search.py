"""Filtering and searching the technique library, and the plain words used to show it.

Pure: a `LibraryQuery` and some techniques in, the matching techniques out, in the library's
reading order (kind in the vocabulary's order, then name). The web page, and anything else that
lets a person browse the library, asks this module so every interface finds the same things.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from upback.core.library import Technique
from upback.core.vocab import FLOOR_POSITIONS, Equipment, Kind, Position

KIND_LABELS: dict[Kind, str] = {
    Kind.QUICK_RELIEF: "Quick relief",
    Kind.WARM_UP: "Warm-up",
    Kind.MOBILITY: "Mobility",
    Kind.STRETCH: "Stretches",
    Kind.STRENGTH: "Strength",
    Kind.RELEASE: "Self-massage and release",
    Kind.BREATHING: "Breathing and relaxing",
    Kind.YOGA: "Yoga",
    Kind.HEAT_COLD: "Heat, cold and comfort",
    Kind.POSTURE: "Posture cues",
}

POSITION_LABELS: dict[Position, str] = {
    Position.STANDING: "Standing",
    Position.SEATED: "Sitting on a chair",
    Position.WALL: "Against a wall",
    Position.QUADRUPED: "On hands and knees",
    Position.KNEELING: "Kneeling",
    Position.PRONE: "Lying face down",
    Position.SUPINE: "Lying on your back",
    Position.SIDE_LYING: "Lying on your side",
}

EQUIPMENT_LABELS: dict[Equipment, str] = {
    Equipment.RESISTANCE_BAND: "Resistance band",
    Equipment.FOAM_ROLLER: "Foam roller",
    Equipment.MASSAGE_BALL: "Massage ball",
    Equipment.DUMBBELLS: "Light dumbbells",
    Equipment.STABILITY_BALL: "Stability ball",
    Equipment.MASSAGE_GUN: "Massage gun",
    Equipment.HEAT_PACK: "Heat pack",
    Equipment.COLD_PACK: "Cold pack",
}

LEVEL_LABELS: dict[int, str] = {1: "Gentle", 2: "Moderate", 3: "Demanding"}

# The time limits a person can pick, in whole minutes.
MINUTE_LIMITS: tuple[int, ...] = (2, 5, 10)

# Longest search text worth looking at; longer input is a mistake or a forgery.
MAX_SEARCH_LENGTH = 100

_KIND_ORDER: dict[Kind, int] = {kind: index for index, kind in enumerate(Kind)}
_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class LibraryQuery:
    """What a person asked to see. Every field left at its default means 'any'."""

    kind: Kind | None = None
    equipment: Equipment | None = None
    no_equipment: bool = False
    position: Position | None = None
    no_floor: bool = False
    max_minutes: int | None = None
    flare_only: bool = False
    desk_only: bool = False
    text: str = ""


def whole_minutes(technique: Technique) -> int:
    """The technique's time rounded to whole minutes (at least 1), as a person reads it."""
    return max(1, math.floor(technique.minutes + 0.5))


def minutes_words(technique: Technique) -> str:
    """'about 2 min', or '1 min' for anything that takes a minute or less."""
    exact = technique.minutes
    rounded = whole_minutes(technique)
    if exact <= 1:
        return "1 min or less"
    if exact == rounded:
        return f"{rounded} min"
    return f"about {rounded} min"


def _words(text: str) -> list[str]:
    return [word for word in _NOT_WORD.split(text.casefold()) if word]


def _haystack(technique: Technique) -> str:
    return " " + " ".join(_words(" ".join([technique.name, *technique.targets]))) + " "


def _word_found(word: str, haystack: str) -> bool:
    if word in haystack:
        return True
    # "shoulders" should still find "shoulder blades"; "childs" finds "child's".
    return len(word) > 3 and word.endswith("s") and word[:-1] in haystack


def text_matches(technique: Technique, text: str) -> bool:
    """Every word of `text` appears in the technique's name or targets (any case, any order)."""
    haystack = _haystack(technique)
    return all(_word_found(word, haystack) for word in _words(text[:MAX_SEARCH_LENGTH]))


def matches(technique: Technique, query: LibraryQuery) -> bool:
    if query.kind is not None and technique.kind != query.kind:
        return False
    if query.equipment is not None and query.equipment not in technique.equipment:
        return False
    if query.no_equipment and technique.equipment:
        return False
    if query.position is not None and technique.position != query.position:
        return False
    if query.no_floor and technique.position in FLOOR_POSITIONS:
        return False
    if query.max_minutes is not None and whole_minutes(technique) > query.max_minutes:
        return False
    if query.flare_only and not technique.suitability.flare_ok:
        return False
    if query.desk_only and not technique.suitability.desk_ok:
        return False
    return text_matches(technique, query.text)


def reading_order(technique: Technique) -> tuple[int, str]:
    return (_KIND_ORDER[technique.kind], technique.name.casefold())


def search(techniques: Iterable[Technique], query: LibraryQuery) -> list[Technique]:
    """The techniques that match, by kind in the vocabulary's order and then by name."""
    return sorted((t for t in techniques if matches(t, query)), key=reading_order)


def group_by_kind(techniques: Iterable[Technique]) -> list[tuple[Kind, list[Technique]]]:
    """Techniques in groups of one kind each, groups in vocabulary order, names sorted."""
    groups: dict[Kind, list[Technique]] = {}
    for technique in sorted(techniques, key=reading_order):
        groups.setdefault(technique.kind, []).append(technique)
    return list(groups.items())
