"""Hand-made plans and sessions for the adaptation tests."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from tests.examples import GUIDE_PROFILE
from upback.core import adapt
from upback.core.library import Dose, default_library
from upback.core.plan_models import PHASE_OF_KIND, Plan, PlanDay, PlanItem
from upback.core.planner import build_plan
from upback.core.profile import Profile, parse_profile
from upback.core.vocab import WEEK, Day, Kind

LIBRARY = default_library()
TODAY = date(2026, 3, 12)  # a Thursday


def profile(**changes: Any) -> Profile:
    return parse_profile({**GUIDE_PROFILE, **changes})


def item(slug: str, dose: Dose | None = None) -> PlanItem:
    t = LIBRARY.get(slug)
    chosen = dose or t.dose
    return PlanItem(
        slug=t.slug,
        name=t.name,
        kind=t.kind,
        position=t.position,
        equipment=tuple(t.equipment),
        phase=PHASE_OF_KIND[t.kind],
        dose=chosen,
        minutes=round(chosen.minutes * 10) / 10,
        reason="Because it helps.",
    )


def plan(
    slugs: list[str] | dict[Day, list[str]],
    *,
    minutes: int = 30,
    doses: dict[str, dict[str, Any]] | None = None,
    **profile_changes: Any,
) -> dict[str, Any]:
    """A plan with the listed items every day (or on the listed days), doses changed as asked."""
    days = slugs if isinstance(slugs, dict) else dict.fromkeys(WEEK, slugs)
    changed = doses or {}

    def dose_for(slug: str) -> Dose:
        base = LIBRARY.get(slug).dose
        return Dose.model_validate({**base.model_dump(), **changed.get(slug, {})})

    base = build_plan(profile(minutes_per_day=min(minutes, 30), **profile_changes))
    week = tuple(
        PlanDay(
            day=day,
            items=tuple(item(s, dose_for(s)) for s in days.get(day, [])),
            strength_day=any(LIBRARY.get(s).kind is Kind.STRENGTH for s in days.get(day, [])),
        )
        for day in WEEK
    )
    return Plan(
        minutes_per_day=minutes,
        days=week,
        habits=base.habits,
        advice=base.advice,
        strength_days=tuple(d.day for d in week if d.strength_day),
    ).to_json()


def day_name(day: date) -> str:
    return WEEK[day.weekday()].value


def dose_in(data: dict[str, Any], slug: str, day: str | None = None) -> dict[str, Any]:
    for entry in data["days"]:
        if day is not None and entry["day"] != day:
            continue
        for found in entry["items"]:
            if found["slug"] == slug:
                return dict(found["dose"])
    raise KeyError(slug)


def slugs_in(data: dict[str, Any]) -> set[str]:
    return {i["slug"] for d in data["days"] for i in d["items"]}


def session(
    data: dict[str, Any],
    days_ago: int,
    *,
    feeling: str | None = "about_right",
    pain: int | None = 1,
    morning: int | None = 2,
    pain_before: int = 3,
    only: list[str] | None = None,
    sid: int | None = None,
    stopped: bool = False,
    per_item: dict[str, tuple[str | None, int | None]] | None = None,
) -> adapt.SessionRecord:
    """A finished session `days_ago` before TODAY, doing that day's items at the plan's doses."""
    when = TODAY - timedelta(days=days_ago)
    name = day_name(when)
    entry = next(d for d in data["days"] if d["day"] == name)
    chosen = per_item or {}
    tries = tuple(
        adapt.ItemTry(
            slug=i["slug"],
            dose=copy.deepcopy(i["dose"]),
            feeling=chosen.get(i["slug"], (feeling, pain))[0],
            pain_during=chosen.get(i["slug"], (feeling, pain))[1],
        )
        for i in entry["items"]
        if only is None or i["slug"] in only
    )
    return adapt.SessionRecord(
        id=sid if sid is not None else 1000 - days_ago,
        local_date=when,
        day=name,
        pain_before=pain_before,
        items=tries,
        next_morning_pain=morning,
        stopped=stopped,
    )


def run(
    data: dict[str, Any], sessions: list[adapt.SessionRecord], **kwargs: Any
) -> adapt.Adaptation:
    values: dict[str, Any] = {
        "library": LIBRARY,
        "profile": profile(),
        "today": TODAY,
        "baseline": 3.0,
        **kwargs,
    }
    return adapt.adapt(data, sessions, **values)


def decision(result: adapt.Adaptation, slug: str) -> adapt.Decision:
    return next(d for d in result.decisions if d.slug == slug)
