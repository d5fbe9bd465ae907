"""Swapping one item of a plan for another of the same kind, and the gentle view of a plan.

Pure: plans come in as their JSON contract (or a `Plan`), and a new plan's JSON comes out; the
stored plan is never changed in place. A swap replaces the item on every day it appears, so the
alternatives offered are those that suit every one of those days:

- the same kind (a stretch for a stretch, a strength exercise for a strength exercise);
- something the person may do: equipment they own, no floor work when the floor is off, only
  flare-safe items in a flare or while the safety screen asks for gentle items, never above the
  planner's starting level, and only techniques meant for a routine;
- not already in any of those days;
- fits every one of those days within the person's minutes. A strength exercise may come down
  to fewer sets to fit (never below one), as the planner does, and its dose then says so.

Alternatives come best first, by the planner's own score for the person.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from upback.core.errors import InputProblem
from upback.core.library import Dose, Library, Technique
from upback.core.plan_models import PHASE_OF_KIND, Plan, PlanItem
from upback.core.planner import reason_for, routine_candidates, score
from upback.core.profile import Profile
from upback.core.vocab import Kind

__all__ = ["SwapProblem", "alternatives", "alternatives_for_every_item", "gentle_view", "swap"]

PlanLike = Plan | Mapping[str, Any]


class SwapProblem(InputProblem):
    """The swap asked for cannot be made; the message says why in plain words."""


def _plan_json(plan: PlanLike) -> dict[str, Any]:
    """A copy the caller may change: the plan passed in is never changed in place."""
    if isinstance(plan, Plan):
        return plan.to_json()
    return copy.deepcopy(dict(plan))


def _plan_read(plan: PlanLike) -> Mapping[str, Any]:
    """The plan for reading only: no copy (copying a week of items for every item offered
    alternatives made the plan page spend most of its time in deepcopy)."""
    return plan.to_json() if isinstance(plan, Plan) else plan


def _tenths(minutes: float) -> int:
    return round(minutes * 10)


def _dose_tenths(dose: Dose) -> int:
    return round(dose.minutes * 10)


def _day_minutes(items: list[dict[str, Any]]) -> float:
    return round(float(sum(float(item["minutes"]) for item in items)), 1)


@dataclass(frozen=True)
class _Fit:
    dose: Dose
    note: str | None


def _fit(technique: Technique, room: int, minutes_per_day: int) -> _Fit | None:
    """The technique's dose that fits in `room` tenths of a minute, if any.

    Its usual dose when it fits; a strength exercise may drop sets (never below one) to fit.
    """
    if _dose_tenths(technique.dose) <= room:
        return _Fit(technique.dose, None)
    if technique.kind is not Kind.STRENGTH:
        return None
    for sets in range(technique.dose.sets - 1, 0, -1):
        dose = Dose.model_validate({**technique.dose.model_dump(), "sets": sets})
        if _dose_tenths(dose) <= room:
            note = (
                f"{sets} of the usual {technique.dose.sets} sets, "
                f"to fit your {minutes_per_day} minutes"
            )
            return _Fit(dose, note)
    return None


def _days_with(data: Mapping[str, Any], slug: str) -> list[dict[str, Any]]:
    return [day for day in data.get("days", []) if any(i["slug"] == slug for i in day["items"])]


def _fits(data: Mapping[str, Any], slug: str, technique: Technique) -> dict[str, _Fit] | None:
    """The dose for `technique` on each day that holds `slug`, or None when a day has no room."""
    minutes_per_day = int(data["minutes_per_day"])
    budget = minutes_per_day * 10
    fits: dict[str, _Fit] = {}
    for day in _days_with(data, slug):
        if any(i["slug"] == technique.slug for i in day["items"]):
            return None
        others = sum(_tenths(float(i["minutes"])) for i in day["items"] if i["slug"] != slug)
        fit = _fit(technique, budget - others, minutes_per_day)
        if fit is None:
            return None
        fits[day["day"]] = fit
    return fits


def _kind_of(data: Mapping[str, Any], slug: str) -> Kind:
    for day in data.get("days", []):
        for item in day["items"]:
            if item["slug"] == slug:
                return Kind(item["kind"])
    raise SwapProblem(f"slug: '{slug}' is not in this plan")


def alternatives(
    plan: PlanLike,
    slug: str,
    profile: Profile,
    library: Library,
    gentle_only: bool = False,
) -> list[Technique]:
    """What the person could do instead of `slug`, on every day it appears; best first.

    Raises SwapProblem when `slug` is not in the plan. An empty list means nothing else of the
    same kind suits the person and fits those days.
    """
    data = _plan_read(plan)
    return _alternatives(data, slug, _ranked(data, profile, library, gentle_only))


def alternatives_for_every_item(
    plan: PlanLike, profile: Profile, library: Library, gentle_only: bool = False
) -> dict[str, list[Technique]]:
    """`alternatives` for each item of the plan, ranking the candidates once for all of them."""
    data = _plan_read(plan)
    ranked = _ranked(data, profile, library, gentle_only)
    slugs = dict.fromkeys(item["slug"] for day in data.get("days", []) for item in day["items"])
    return {slug: _alternatives(data, slug, ranked) for slug in slugs}


def _ranked(
    data: Mapping[str, Any], profile: Profile, library: Library, gentle_only: bool
) -> list[Technique]:
    """Everything the person may do in a routine, best first by the planner's score."""
    gentle = gentle_only or bool(data.get("gentle_only", False))
    return sorted(
        routine_candidates(profile, library, gentle_only=gentle),
        key=lambda t: (-score(t, profile), t.slug),
    )


def _alternatives(data: Mapping[str, Any], slug: str, ranked: list[Technique]) -> list[Technique]:
    kind = _kind_of(data, slug)
    return [
        technique
        for technique in ranked
        if technique.kind is kind
        and technique.slug != slug
        and _fits(data, slug, technique) is not None
    ]


def swap(
    plan: PlanLike,
    slug: str,
    replacement: str,
    profile: Profile,
    library: Library,
    gentle_only: bool = False,
) -> dict[str, Any]:
    """A new plan (JSON) with `slug` replaced by `replacement` on every day it appears.

    Raises SwapProblem, naming the field, when `slug` is not in the plan or `replacement` is not
    one of its alternatives.
    """
    data = _plan_json(plan)
    choices = {t.slug: t for t in alternatives(data, slug, profile, library, gentle_only)}
    technique = choices.get(replacement)
    if technique is None:
        raise SwapProblem(
            f"replacement: '{replacement}' cannot take the place of '{slug}' in this plan"
        )
    fits = _fits(data, slug, technique)
    assert fits is not None  # it is one of the alternatives
    gentle = gentle_only or bool(data.get("gentle_only", False))
    reason = reason_for(technique, profile, gentle_only=gentle)
    for day in data["days"]:
        fit = fits.get(day["day"])
        if fit is None:
            continue
        new_item = PlanItem(
            slug=technique.slug,
            name=technique.name,
            kind=technique.kind,
            position=technique.position,
            equipment=tuple(technique.equipment),
            phase=PHASE_OF_KIND[technique.kind],
            dose=fit.dose,
            minutes=_dose_tenths(fit.dose) / 10,
            reason=reason,
            dose_note=fit.note,
        ).to_json()
        day["items"] = [new_item if i["slug"] == slug else i for i in day["items"]]
        day["minutes"] = _day_minutes(day["items"])
    return data


def gentle_view(plan: PlanLike, library: Library) -> dict[str, Any]:
    """The plan with only flare-safe items and no strength, for a person who must keep gentle.

    Used when the safety screen asked for gentle items after the plan was made: nothing is
    stored, the plan is only shown this way. Items the library no longer knows are left out too.
    """
    data = _plan_json(plan)

    def gentle(item: Mapping[str, Any]) -> bool:
        technique = library.techniques.get(str(item["slug"]))
        return (
            technique is not None
            and technique.suitability.flare_ok
            and technique.kind is not Kind.STRENGTH
        )

    for day in data.get("days", []):
        day["items"] = [item for item in day["items"] if gentle(item)]
        day["minutes"] = _day_minutes(day["items"])
        day["strength_day"] = False
    data["strength_days"] = []
    data["gentle_only"] = True
    return data
