"""The flare-up plan: a few gentle days, then building back up over about a week."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from upback.core.adapt.decisions import Decision
from upback.core.adapt.doses import (
    budget_of,
    doable,
    dose_key,
    dose_of,
    halved,
    item_tenths,
    new_item,
    tenths,
    tidy,
    with_changes,
    with_dose,
)
from upback.core.adapt.readings import since_of
from upback.core.adapt.rules import (
    EPS,
    FLARE,
    FLARE_NO_BASELINE_DAYS,
    FLARE_PHASE,
    FLARE_RISE,
    FLARE_SETTLED_DAYS,
    FLARE_SUBSTITUTE_DEPTH,
    REBUILD_DAYS,
    REBUILD_PHASE,
)
from upback.core.library import Dose, Library, Technique
from upback.core.plan_models import Phase
from upback.core.planner import reason_for
from upback.core.profile import Profile
from upback.core.vocab import Kind

# ---------------------------------------------------------------------------------------------
# The flare-up plan
# ---------------------------------------------------------------------------------------------


def flare_trigger(
    plan: Mapping[str, Any],
    *,
    checkin_pain: int | None,
    usual: float | None,
    two_reds: bool,
) -> str | None:
    """Why the flare-up plan should start now, in plain words; None when it should not (or it is
    already on). `checkin_pain` is today's (or yesterday's) check-in pain."""
    meta = plan.get("flare") or {}
    if meta.get("phase") == FLARE_PHASE:
        return None
    if checkin_pain is not None and usual is not None and checkin_pain - usual >= FLARE_RISE - EPS:
        return (
            f"Your pain ({checkin_pain} out of 10) is 2 or more above your usual "
            f"(about {round(usual)})"
        )
    if two_reds:
        return "Two sessions within a week were hard on your back"
    return None


def _gentle_substitute(
    technique: Technique, library: Library, profile: Profile | None, taken: set[str]
) -> Technique | None:
    """The nearest easier version (following `easier` up to 3 steps) that is flare-suitable,
    suits the person and is not already in the day."""
    frontier = list(technique.easier)
    seen = {technique.slug}
    for _ in range(FLARE_SUBSTITUTE_DEPTH):
        following: list[str] = []
        for slug in frontier:
            if slug in seen or slug not in library.techniques:
                continue
            seen.add(slug)
            candidate = library.get(slug)
            if slug not in taken and doable(candidate, profile, gentle=True):
                return candidate
            following.extend(candidate.easier)
        frontier = following
    return None


def _breathing(library: Library, profile: Profile | None, room: int) -> Technique | None:
    options = [
        t
        for t in library
        if t.kind is Kind.BREATHING and doable(t, profile, gentle=True) and tenths(t.dose) <= room
    ]
    return min(options, key=lambda t: (-t.priority, t.slug), default=None)


def _gentle_dose(technique: Technique, room: int) -> Dose | None:
    """A stand-in's dose during a flare, in `room` tenths of a minute: strength at half, with
    fewer sets if needed; None when it does not fit."""
    if technique.kind is not Kind.STRENGTH:
        return technique.dose if tenths(technique.dose) <= room else None
    half = halved(technique.dose)
    for sets in range(half.sets, 0, -1):
        fewer = with_changes(half, sets=sets)
        if fewer is not None and tenths(fewer) <= room:
            return fewer
    return None


def _phase_rank(item: Mapping[str, Any]) -> int:
    try:
        return Phase[str(item.get("phase", "")).upper()].value
    except KeyError:
        return len(Phase)


_FLARE_NOTE = (
    "If the flare lasts more than a week or two, or feels different from your usual pain, "
    "see a GP or physiotherapist."
)


def flare_plan_with_changes(
    plan: Mapping[str, Any],
    library: Library,
    *,
    profile: Profile | None = None,
    today: date | None = None,
) -> tuple[dict[str, Any], tuple[Decision, ...]]:
    """The flare-up plan (see `flare_plan`) and one decision per item it changes."""
    data: dict[str, Any] = copy.deepcopy(dict(plan))
    budget = budget_of(data)
    decisions: dict[tuple[str, str | None], Decision] = {}

    def note(decision: Decision) -> None:
        decisions.setdefault((decision.slug, decision.new_slug), decision)

    for day in data.get("days", []):
        kept: list[dict[str, Any]] = []
        taken = {str(i.get("slug")) for i in day["items"]}
        for place, item in enumerate(day["items"]):
            slug, name = str(item.get("slug")), str(item.get("name") or item.get("slug"))
            text = str(item.get("dose", {}).get("text", ""))
            technique = library.techniques.get(slug)
            if technique is not None and technique.suitability.flare_ok:
                dose = dose_of(item.get("dose", {}))
                if technique.kind is Kind.STRENGTH and dose is not None:
                    half = halved(dose)
                    kept.append(with_dose(item, half))
                    note(
                        Decision(
                            slug,
                            name,
                            FLARE.id,
                            f"Strength work at half the usual amount while the flare settles: "
                            f"{half.describe()}.",
                            text,
                            half.describe(),
                            changed=True,
                        )
                    )
                else:
                    kept.append(item)
                continue
            sub = (
                _gentle_substitute(technique, library, profile, taken)
                if technique is not None
                else None
            )
            # Room left once what is kept so far and the items still to come are counted.
            room = budget - sum(item_tenths(i) for i in kept + day["items"][place + 1 :])
            dose = _gentle_dose(sub, room) if sub is not None else None
            if sub is None or dose is None:
                note(
                    Decision(
                        slug,
                        name,
                        FLARE.id,
                        f"{name} is set aside for a few days while the flare settles.",
                        text,
                        "left out for now",
                        changed=True,
                    )
                )
                continue
            reason = (
                reason_for(sub, profile, gentle_only=True)
                if profile is not None
                else str(item.get("reason", ""))
            )
            kept.append(new_item(sub, dose, reason=reason))
            taken.add(sub.slug)
            at_half = " (at half the usual amount)" if sub.kind is Kind.STRENGTH else ""
            note(
                Decision(
                    slug,
                    name,
                    FLARE.id,
                    f"{name} gives way to a gentler movement, {sub.name}{at_half}, while the flare "
                    "settles.",
                    text,
                    dose.describe(),
                    sub.slug,
                    sub.name,
                    changed=True,
                )
            )
        if kept and not any(i.get("kind") == Kind.BREATHING.value for i in kept):
            used = sum(item_tenths(i) for i in kept)
            found = _breathing(library, profile, budget - used)
            if found is not None:
                reason = (
                    reason_for(found, profile, gentle_only=True)
                    if profile is not None
                    else "Slow breathing calms the muscle guarding that comes with pain."
                )
                kept.append(new_item(found, found.dose, reason=reason))
                note(
                    Decision(
                        found.slug,
                        found.name,
                        FLARE.id,
                        f"{found.name} added: slow breathing helps calm the muscle guarding that "
                        "comes with a flare.",
                        "not in your plan",
                        found.dose.describe(),
                        changed=True,
                    )
                )
        day["items"] = sorted(kept, key=_phase_rank)
    tidy(data)
    data["flare"] = {
        "phase": FLARE_PHASE,
        "since": (today.isoformat() if today else None),
        "heat": (data.get("advice", {}).get("heat_cold", {}).get("use") or "heat"),
        "note": _FLARE_NOTE,
    }
    return data, tuple(decisions.values())


def flare_plan(
    plan: Mapping[str, Any],
    library: Library,
    *,
    profile: Profile | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """The flare-up plan for a few days (reference.md §3.2), as a new plan JSON.

    Flare-suitable items stay (strength at half its volume); others give way to the nearest
    easier version that is flare-suitable and suits the person (without `profile`: needs no
    equipment and no floor), or are set aside; every day that still has items ends with slow
    breathing when it fits. `flare` marks the plan: its phase, the day it began, heat (or cold,
    when the plan already used cold for a new, sharp pain) and when to get checked.
    """
    return flare_plan_with_changes(plan, library, profile=profile, today=today)[0]


def _first_items(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for day in data.get("days", []):
        for item in day.get("items", []):
            found.setdefault(str(item.get("slug")), item)
    return found


def _diff(
    before: Mapping[str, Any], after: Mapping[str, Any], *, back: str, gone: str, dose: str
) -> tuple[Decision, ...]:
    """One decision per item that comes back, goes, or changes dose between two plans."""
    old, new = _first_items(before), _first_items(after)
    decisions = []
    for slug, item in new.items():
        name = str(item.get("name") or slug)
        text = str(item.get("dose", {}).get("text", ""))
        if slug not in old:
            decisions.append(
                Decision(slug, name, FLARE.id, back.format(name=name), "", text, changed=True)
            )
        elif dose_key(old[slug].get("dose", {})) != dose_key(item.get("dose", {})):
            was = str(old[slug].get("dose", {}).get("text", ""))
            decisions.append(
                Decision(slug, name, FLARE.id, dose.format(name=name), was, text, changed=True)
            )
    for slug, item in old.items():
        if slug not in new:
            name = str(item.get("name") or slug)
            was = str(item.get("dose", {}).get("text", ""))
            decisions.append(
                Decision(
                    slug, name, FLARE.id, gone.format(name=name), was, "left out", changed=True
                )
            )
    return tuple(decisions)


def flare_rebuild_plan(
    before_flare: Mapping[str, Any],
    flare: Mapping[str, Any],
    *,
    today: date,
) -> tuple[dict[str, Any], tuple[Decision, ...]]:
    """Building back up after a flare: the plan from before it, with strength at half."""
    data: dict[str, Any] = copy.deepcopy(dict(before_flare))
    data.pop("flare", None)
    for day in data.get("days", []):
        new_items = []
        for item in day["items"]:
            dose = dose_of(item.get("dose", {}))
            if item.get("kind") == Kind.STRENGTH.value and dose is not None:
                new_items.append(with_dose(item, halved(dose)))
            else:
                new_items.append(item)
        day["items"] = new_items
    tidy(data)
    data["flare"] = {"phase": REBUILD_PHASE, "since": today.isoformat()}
    return data, _diff(
        flare,
        data,
        back="Your pain has been back to usual for two days: {name} is back in your plan.",
        gone="{name} was a gentler stand-in during the flare and is no longer needed.",
        dose="{name} builds back up: half the usual amount this week, the full amount after.",
    )


def flare_restore_plan(
    before_flare: Mapping[str, Any], rebuilding: Mapping[str, Any]
) -> tuple[dict[str, Any], tuple[Decision, ...]]:
    """After about a week of building back up: the full plan from before the flare."""
    data: dict[str, Any] = copy.deepcopy(dict(before_flare))
    data.pop("flare", None)
    return data, _diff(
        rebuilding,
        data,
        back="{name} is back in your plan.",
        gone="{name} is no longer in your plan.",
        dose="A week of building back up went well: {name} is back to its full amount.",
    )


def flare_next(
    plan: Mapping[str, Any],
    *,
    today: date,
    pains: Mapping[date, int],
    usual: float | None,
) -> str | None:
    """`rebuild` when a flare-up plan can start building back up (pain back to usual on two days
    running, today and yesterday; without a usual pain to compare, after 3 days), `restore` after
    about a week of building up, else None. `pains` is check-in pain by date."""
    meta = plan.get("flare") or {}
    since = since_of(meta)
    if since is None:
        return None
    days = (today - since).days
    if meta.get("phase") == FLARE_PHASE:
        if usual is None:
            return "rebuild" if days >= FLARE_NO_BASELINE_DAYS else None
        recent = [today - timedelta(days=n) for n in range(FLARE_SETTLED_DAYS)]
        settled = days >= 1 and all(
            d in pains and d >= since and pains[d] <= usual + EPS for d in recent
        )
        return "rebuild" if settled else None
    if meta.get("phase") == REBUILD_PHASE and days >= REBUILD_DAYS:
        return "restore"
    return None
