"""Adapting the whole plan: each item judged on its recent tries, one step up or back."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from upback.core.adapt.decisions import Adaptation, Decision, count_words
from upback.core.adapt.doses import (
    budget_of,
    days_with,
    doable,
    dose_key,
    dose_of,
    fitted,
    item_in,
    lighter,
    longer_hold,
    more_reps,
    more_sets,
    new_item,
    replace_item,
    room_for,
    tenths,
    tidy,
    with_dose,
)
from upback.core.adapt.readings import (
    ItemTry,
    Light,
    Reading,
    SessionRecord,
    flare_due_from_reds,
    frozen,
    read_item,
)
from upback.core.adapt.rules import (
    ABOUT_RIGHT,
    FLARE,
    FLARE_PHASE,
    FREEZE,
    GREENS_TO_STEP_UP,
    PROGRESS_HOLD,
    PROGRESS_REPS,
    PROGRESS_SETS,
    PROGRESS_VARIANT,
    PROGRESSING_KINDS,
    REBUILD_PHASE,
    REPEAT,
    STEP_BACK_DOSE,
    STEP_BACK_VARIANT,
    STEP_UP_EVERY_DAYS,
    STEPPING_BACK_KINDS,
    TOO_EASY,
    AdaptRule,
)
from upback.core.library import Dose, Library, Technique
from upback.core.planner import reason_for
from upback.core.profile import Profile

# ---------------------------------------------------------------------------------------------
# One step up, one step back
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    rule: AdaptRule
    before: Dose
    after: Dose
    new: Technique | None = None


_UPS = ((PROGRESS_REPS, more_reps), (PROGRESS_SETS, more_sets), (PROGRESS_HOLD, longer_hold))


def _dose_step(
    data: dict[str, Any],
    slug: str,
    ref_day: dict[str, Any],
    rule: AdaptRule,
    change: Callable[[Dose], Dose | None],
) -> _Step | None:
    """Change the dose the same way on every day the item is in (where it fits)."""
    budget = budget_of(data)
    before = dose_of(item_in(ref_day, slug)["dose"])
    if before is None:
        return None
    after = change(before)
    if after is None:
        return None
    growing = tenths(after) > tenths(before)
    if growing and tenths(after) > room_for(ref_day, slug, budget):
        return None
    for day in days_with(data, slug):
        item = item_in(day, slug)
        current = dose_of(item["dose"])
        new = change(current) if current is not None else None
        if current is None or new is None:
            continue
        if tenths(new) > tenths(current) and tenths(new) > room_for(day, slug, budget):
            continue
        replace_item(day, slug, with_dose(item, new))
    return _Step(rule, before, after)


def _variant_step(
    data: dict[str, Any],
    slug: str,
    ref_day: dict[str, Any],
    rule: AdaptRule,
    choices: Sequence[str],
    *,
    library: Library,
    profile: Profile,
    gentle: bool,
) -> _Step | None:
    """Put the first variant the person can do, and that fits every day, in the item's place.
    A harder version comes in at its full starting dose or not at all; an easier one may drop
    sets to fit."""
    before = dose_of(item_in(ref_day, slug)["dose"])
    if before is None:
        return None
    days = days_with(data, slug)
    budget = budget_of(data)
    for choice in choices:
        technique = library.techniques.get(choice)
        if technique is None or not doable(technique, profile, gentle=gentle):
            continue
        fits: list[tuple[dict[str, Any], tuple[Dose, str | None]]] = []
        for day in days:
            fit = fitted(
                technique, room_for(day, slug, budget), fewer_sets=rule is not PROGRESS_VARIANT
            )
            if fit is None or any(i.get("slug") == choice for i in day["items"]):
                break
            fits.append((day, fit))
        else:
            reason = reason_for(technique, profile, gentle_only=gentle)
            for day, (dose, note) in fits:
                replace_item(day, slug, new_item(technique, dose, reason=reason, note=note))
            after = next(dose for day, (dose, _) in fits if day is ref_day)
            return _Step(rule, before, after, technique)
    return None


# ---------------------------------------------------------------------------------------------
# Reasons, in plain words
# ---------------------------------------------------------------------------------------------


def _felt(tries: Sequence[ItemTry]) -> str:
    feelings = {t.feeling for t in tries}
    if feelings == {TOO_EASY}:
        return "felt easy"
    if feelings == {ABOUT_RIGHT}:
        return "felt about right"
    return "felt comfortable"


def _up_words(step: _Step) -> str:
    before, after = step.before, step.after
    if step.new is not None:
        return f"time for the harder version, {step.new.name}"
    if step.rule is PROGRESS_REPS and before.reps and after.reps:
        return f"{count_words(after.reps - before.reps, 'more ' + before.rep_word)}"
    if step.rule is PROGRESS_SETS:
        return "one more set"
    held = (after.hold_seconds or 0) - (before.hold_seconds or 0)
    return f"hold each one {held} seconds longer"


def _down_words(step: _Step) -> str:
    before, after = step.before, step.after
    if step.new is not None:
        return f"the easier version, {step.new.name}, for now"
    if after.sets < before.sets:
        return "one set fewer for now"
    if before.reps and after.reps:
        return f"{count_words(before.reps - after.reps, 'fewer ' + before.rep_word)} for now"
    if after.hold_seconds is not None:
        return "shorter holds for now"
    return "a shorter go for now"


def _pain_words(reading: Reading, name: str) -> str:
    if reading.cause == "next_morning":
        usual = round(reading.usual or 0)
        return (
            f"Your back was sorer than usual the morning after ({reading.pain} out of 10, "
            f"against about {usual} usually)"
        )
    if reading.cause == "too_hard":
        return f"{name} felt too hard, with pain of {reading.pain} out of 10"
    return f"{name} hurt during it ({reading.pain} out of 10)"


def _repeat_words(reading: Reading, name: str) -> str:
    if reading.cause == "next_morning":
        return (
            "Your back was a little sorer than usual the morning after: "
            f"{name} stays the same until that settles."
        )
    if reading.cause == "too_hard":
        return f"{name} felt too hard last time: the same again, and it should get easier."
    return (
        f"{name} brought some pain last time ({reading.pain} out of 10): the same again "
        "until that settles."
    )


def _day_words(day: date) -> str:
    return f"{day.day} {day:%B}"


# ---------------------------------------------------------------------------------------------
# Adapting the whole plan
# ---------------------------------------------------------------------------------------------


def _tries(
    sessions: Sequence[SessionRecord], slug: str, today: date
) -> list[tuple[SessionRecord, ItemTry]]:
    """Every try of the item, newest first."""
    ordered = sorted(
        (s for s in sessions if s.local_date <= today),
        key=lambda s: (s.local_date, s.id),
        reverse=True,
    )
    return [(s, item) for s in ordered for item in s.items if item.slug == slug]


def _day_of(data: Mapping[str, Any], name: str, slug: str) -> dict[str, Any] | None:
    """The plan day called `name` if it holds the item, else the first day that does."""
    days = days_with(data, slug)
    return next((d for d in days if d.get("day") == name), days[0] if days else None)


def _at_current_dose(
    data: Mapping[str, Any], slug: str, tries: Sequence[tuple[SessionRecord, ItemTry]]
) -> list[tuple[SessionRecord, ItemTry]]:
    """The newest tries in a row that were at the dose the plan has now for that day."""
    kept = []
    for session, item in tries:
        day = _day_of(data, session.day, slug)
        if day is None or dose_key(item.dose) != dose_key(item_in(day, slug)["dose"]):
            break
        kept.append((session, item))
    return kept


@dataclass(frozen=True)
class _Context:
    library: Library
    profile: Profile
    today: date
    baseline: float | None
    last_step_up: Mapping[str, date]
    frozen: bool
    worsening: bool
    in_flare: bool
    gentle: bool


def _step_back(
    data: dict[str, Any], slug: str, name: str, day: dict[str, Any], red: Reading, ctx: _Context
) -> Decision:
    before = item_in(day, slug)["dose"].get("text", "")
    cause = _pain_words(red, name)
    step = _dose_step(data, slug, day, STEP_BACK_DOSE, lighter)
    technique = ctx.library.techniques.get(slug)
    if step is None and technique is not None:
        step = _variant_step(
            data,
            slug,
            day,
            STEP_BACK_VARIANT,
            technique.easier,
            library=ctx.library,
            profile=ctx.profile,
            gentle=ctx.gentle,
        )
    if step is None:
        return Decision(
            slug,
            name,
            STEP_BACK_DOSE.id,
            f"{cause}. It is already at its lightest, and no easier version suits you and fits "
            "your minutes: if it keeps hurting, swap it for something else or leave it out.",
            before,
        )
    return Decision(
        slug,
        name,
        step.rule.id,
        f"{cause}: {_down_words(step)}.",
        step.before.describe(),
        step.after.describe(),
        step.new.slug if step.new else None,
        step.new.name if step.new else None,
        changed=True,
    )


def _step_up(
    data: dict[str, Any],
    slug: str,
    name: str,
    day: dict[str, Any],
    tries: Sequence[ItemTry],
    ctx: _Context,
) -> Decision | None:
    before = item_in(day, slug)["dose"].get("text", "")
    technique = ctx.library.techniques.get(slug)
    if technique is None or technique.kind not in PROGRESSING_KINDS:
        return None
    held = None
    if ctx.in_flare:
        held = (FLARE, f"You are on your flare-up plan, so {name} does not step up for now.")
    elif ctx.frozen:
        held = (
            FREEZE,
            "Two sessions in the last week were hard on your back, so "
            f"{name} does not step up until a week passes without one.",
        )
    elif ctx.worsening:
        held = (
            FREEZE,
            f"Your pain has been higher than usual these last few days, so {name} stays "
            "where it is for now.",
        )
    else:
        last = ctx.last_step_up.get(slug)
        if last is not None and (ctx.today - last).days < STEP_UP_EVERY_DAYS:
            held = (
                REPEAT,
                f"{name} went up a step on {_day_words(last)}: one step a week at most, so "
                "it stays the same for now.",
            )
    if held is not None:
        return Decision(slug, name, held[0].id, held[1], before)
    step: _Step | None = None
    for rule, change in _UPS:
        step = _dose_step(data, slug, day, rule, change)
        if step is not None:
            break
    if step is None and not ctx.gentle:
        step = _variant_step(
            data,
            slug,
            day,
            PROGRESS_VARIANT,
            technique.harder,
            library=ctx.library,
            profile=ctx.profile,
            gentle=False,
        )
    if step is None:
        return Decision(
            slug,
            name,
            REPEAT.id,
            f"{name} is at the top of its range, with no harder version that suits you and "
            "fits your minutes: it stays as it is.",
            before,
        )
    return Decision(
        slug,
        name,
        step.rule.id,
        f"{name} {_felt(tries)} and pain stayed low for two sessions in a row: {_up_words(step)}.",
        step.before.describe(),
        step.after.describe(),
        step.new.slug if step.new else None,
        step.new.name if step.new else None,
        changed=True,
    )


def _plan_slugs(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for day in data.get("days", []):
        for item in day.get("items", []):
            seen.setdefault(str(item.get("slug")), str(item.get("name") or item.get("slug")))
    return list(seen.items())


def adapt(
    plan: Mapping[str, Any],
    sessions: Sequence[SessionRecord],
    *,
    library: Library,
    profile: Profile,
    today: date,
    baseline: float | None,
    last_step_up: Mapping[str, date] | None = None,
    worsening: bool = False,
    gentle_only: bool = False,
) -> Adaptation:
    """Each plan item judged on its recent tries (see the module's docstring).

    `last_step_up` gives, per slug, the date of its latest step up (variants under their new
    slug); `worsening` is the progress verdict; `gentle_only` is the care state's. The input plan
    is never changed: the adapted plan is a new JSON object.
    """
    data: dict[str, Any] = copy.deepcopy(dict(plan))
    meta = data.get("flare") or {}
    in_flare = meta.get("phase") in (FLARE_PHASE, REBUILD_PHASE)
    ctx = _Context(
        library=library,
        profile=profile,
        today=today,
        baseline=baseline,
        last_step_up=last_step_up or {},
        frozen=frozen(sessions, baseline, today),
        worsening=worsening,
        in_flare=in_flare,
        gentle=gentle_only
        or bool(data.get("gentle_only"))
        or profile.in_flare
        or meta.get("phase") == FLARE_PHASE,
    )
    decisions: list[Decision] = []
    for slug, name in _plan_slugs(data):
        technique = library.techniques.get(slug)
        current = _at_current_dose(data, slug, _tries(sessions, slug, today))
        if technique is None or not current:
            continue
        readings = [read_item(item, session, baseline) for session, item in current[:2]]
        day = _day_of(data, current[0][0].day, slug)
        assert day is not None  # the item has tries at a dose on some day of the plan
        red = next((r for r in readings if r.light is Light.RED), None)
        decision: Decision | None = None
        if red is not None:
            if technique.kind in STEPPING_BACK_KINDS:
                decision = _step_back(data, slug, name, day, red, ctx)
        elif len(readings) >= GREENS_TO_STEP_UP and all(r.light is Light.GREEN for r in readings):
            tries = [item for _, item in current[:GREENS_TO_STEP_UP]]
            decision = _step_up(data, slug, name, day, tries, ctx)
        elif readings[0].light is Light.AMBER:
            before = item_in(day, slug)["dose"].get("text", "")
            decision = Decision(slug, name, REPEAT.id, _repeat_words(readings[0], name), before)
        if decision is not None:
            decisions.append(decision)
    if any(d.changed for d in decisions):
        tidy(data)
    else:
        data = copy.deepcopy(dict(plan))
    return Adaptation(
        plan=data,
        decisions=tuple(decisions),
        frozen=ctx.frozen,
        flare_due=flare_due_from_reds(sessions, baseline, today, meta),
    )
