"""What happened in sessions, and how each try reads: green, amber, red or not known yet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from upback.core.adapt.rules import (
    ABOUT_RIGHT,
    AMBER_PAIN_MAX,
    EPS,
    FLARE_PHASE,
    FLARE_RECENT_DAYS,
    FREEZE_DAYS,
    GREEN_PAIN_MAX,
    RED_MORNING_RISE,
    TOO_EASY,
    TOO_HARD,
    TOO_HARD_RED_PAIN,
)

# ---------------------------------------------------------------------------------------------
# What happened in sessions, and how it reads
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemTry:
    """One plan item done in a session, with how it felt and the pain during it (0-10)."""

    slug: str
    dose: Mapping[str, Any]
    feeling: str | None = None
    pain_during: int | None = None


@dataclass(frozen=True)
class SessionRecord:
    """One finished session: its items done, pain before, the next morning's pain if told."""

    id: int
    local_date: date
    day: str
    pain_before: int
    items: tuple[ItemTry, ...] = ()
    next_morning_pain: int | None = None
    stopped: bool = False  # the person stopped early because of pain or a symptom


class Light(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Reading:
    """How one try reads, and why: `cause` is pain_during, next_morning, too_hard, no_feedback,
    awaiting (the next morning is not known yet) or settled (green)."""

    light: Light
    cause: str
    pain: int | None = None
    usual: float | None = None


def _usual(session: SessionRecord, baseline: float | None) -> float:
    return baseline if baseline is not None else float(session.pain_before)


def read_item(item: ItemTry, session: SessionRecord, baseline: float | None) -> Reading:
    """The traffic light for one item in one session (see the module's docstring)."""
    usual = _usual(session, baseline)
    morning = session.next_morning_pain
    rise = None if morning is None else morning - usual
    pain = item.pain_during
    if pain is not None and pain > AMBER_PAIN_MAX:
        return Reading(Light.RED, "pain_during", pain)
    if rise is not None and rise >= RED_MORNING_RISE - EPS:
        return Reading(Light.RED, "next_morning", morning, usual)
    if item.feeling == TOO_HARD and pain is not None and pain >= TOO_HARD_RED_PAIN:
        return Reading(Light.RED, "too_hard", pain)
    if pain is not None and pain > GREEN_PAIN_MAX:
        return Reading(Light.AMBER, "pain_during", pain)
    if rise is not None and rise > EPS:
        return Reading(Light.AMBER, "next_morning", morning, usual)
    if item.feeling == TOO_HARD:
        return Reading(Light.AMBER, "too_hard", pain)
    if pain is None or item.feeling not in (TOO_EASY, ABOUT_RIGHT):
        return Reading(Light.UNKNOWN, "no_feedback")
    if morning is None:
        return Reading(Light.UNKNOWN, "awaiting", pain)
    return Reading(Light.GREEN, "settled", pain, usual)


def red_session(session: SessionRecord, baseline: float | None) -> bool:
    """A session is red when it was stopped early, any item in it was red, or the next morning
    was 2 or more above usual."""
    if session.stopped:
        return True
    morning = session.next_morning_pain
    if morning is not None and morning - _usual(session, baseline) >= RED_MORNING_RISE - EPS:
        return True
    return any(read_item(i, session, baseline).light is Light.RED for i in session.items)


def red_dates(
    sessions: Sequence[SessionRecord], baseline: float | None, today: date
) -> list[tuple[date, int]]:
    return sorted(
        (s.local_date, s.id) for s in sessions if s.local_date <= today and red_session(s, baseline)
    )


def red_pairs(reds: Sequence[tuple[date, int]]) -> list[tuple[date, date]]:
    """Pairs of red sessions within 7 days of each other, as (earlier, later) dates."""
    return [
        (earlier[0], later[0])
        for n, later in enumerate(reds)
        for earlier in reds[:n]
        if (later[0] - earlier[0]).days < FREEZE_DAYS
    ]


def frozen(sessions: Sequence[SessionRecord], baseline: float | None, today: date) -> bool:
    """Two red sessions within 7 days, the later of them less than 7 days ago: no step up."""
    pairs = red_pairs(red_dates(sessions, baseline, today))
    return any((today - later).days < FREEZE_DAYS for _, later in pairs)


def since_of(meta: Mapping[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(meta["since"]))
    except (KeyError, ValueError):
        return None


def flare_due_from_reds(
    sessions: Sequence[SessionRecord],
    baseline: float | None,
    today: date,
    meta: Mapping[str, Any],
) -> bool:
    """Two red sessions within 7 days, the later one recent and after any flare plan began."""
    if meta.get("phase") == FLARE_PHASE:
        return False
    since = since_of(meta) if meta else None
    for _, later in red_pairs(red_dates(sessions, baseline, today)):
        if (today - later).days <= FLARE_RECENT_DAYS and (since is None or later > since):
            return True
    return False
