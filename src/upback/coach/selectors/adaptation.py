"""Reads for adapting the plan: recent sessions as the core sees them, the person's usual pain,
recent steps up, the plan's history, and the session whose next morning is still to be asked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.utils import timezone

from upback.coach.models import CheckIn, GuidedItem, GuidedSession, Plan
from upback.coach.selectors.accounts import time_zone_get
from upback.core import adapt
from upback.core import progress as core_progress

HISTORY_DAYS = 42  # sessions older than six weeks no longer steer the plan
STEP_UP_LOOKBACK_DAYS = 8  # steps up are at most weekly: older ones never hold one back
NEXT_MORNING_DAYS = 2  # the next morning is asked about a session yesterday or the day before
HISTORY_PER_PAGE = 20


def adapt_sessions(*, owner: User, since: dt.date) -> list[adapt.SessionRecord]:
    """The owner's finished sessions since `since`, with the items done, as the core reads them."""
    done = GuidedItem.objects.filter(status=GuidedItem.Status.DONE).order_by("order")
    sessions = (
        GuidedSession.objects.filter(owner=owner, finished_at__isnull=False, local_date__gte=since)
        .prefetch_related(Prefetch("items", queryset=done, to_attr="done_items"))
        .order_by("local_date", "id")
    )
    return [
        adapt.SessionRecord(
            id=session.pk,
            local_date=session.local_date,
            day=session.day,
            pain_before=session.pain_before,
            next_morning_pain=session.next_morning_pain,
            stopped=session.stopped_for_symptoms,
            items=tuple(
                adapt.ItemTry(
                    slug=item.slug,
                    dose=dict(item.dose or {}),
                    feeling=item.feeling or None,
                    pain_during=item.pain_during,
                )
                for item in session.done_items
            ),
        )
        for session in sessions
    ]


@dataclass(frozen=True)
class PainPicture:
    """What adapting needs from the journal: the usual pain (baseline), whether pain is rising
    (a `worsening` progress verdict), and check-in pain by date for the last weeks."""

    baseline: float | None
    worsening: bool
    pains: dict[dt.date, int]


def pain_picture(*, owner: User, today: dt.date) -> PainPicture:
    """The baseline and verdict come from the progress engine (`core.progress.assess`), from the
    owner's check-ins; sessions do not change either."""
    checkins = list(
        CheckIn.objects.filter(owner=owner, local_date__lte=today)
        .order_by("local_date")
        .values_list("local_date", "pain")
    )
    found = core_progress.assess(
        pain=[core_progress.PainEntry(day=day, pain=pain) for day, pain in checkins],
        sessions=[],
        today=today,
        planned_per_week=7,
    )
    since = today - dt.timedelta(days=HISTORY_DAYS)
    return PainPicture(
        baseline=found.baseline,
        worsening=found.verdict == "worsening",
        pains={day: pain for day, pain in checkins if day >= since},
    )


def _local_date(owner: User, moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment, time_zone_get(owner=owner)).date()


def last_step_ups(*, owner: User, now: dt.datetime | None = None) -> dict[str, dt.date]:
    """Per slug, the person's date of its latest step up in the last week or so; a harder
    version counts under its own slug."""
    now = now or timezone.now()
    recent = Plan.objects.filter(
        owner=owner, created_at__gte=now - dt.timedelta(days=STEP_UP_LOOKBACK_DAYS)
    ).order_by("created_at", "id")
    found: dict[str, dt.date] = {}
    for plan in recent:
        for change in plan.changes or []:
            if str(change.get("rule", "")).startswith("adapt.progress_"):
                slug = change.get("new_slug") or change.get("slug")
                found[str(slug)] = _local_date(owner, plan.created_at)
    return found


def plan_version_get(*, owner: User, version: int) -> Plan | None:
    return Plan.objects.filter(owner=owner, version=version).first()


def checkin_pain_recent(*, owner: User, today: dt.date) -> int | None:
    """Pain on today's check-in, else yesterday's; None without either."""
    entry = (
        CheckIn.objects.filter(owner=owner, local_date__lte=today)
        .filter(local_date__gte=today - dt.timedelta(days=1))
        .order_by("-local_date")
        .first()
    )
    return entry.pain if entry else None


def session_awaiting_next_morning(*, owner: User, today: dt.date) -> GuidedSession | None:
    """The latest finished session of yesterday or the day before, if its next morning is still
    to be asked."""
    latest = (
        GuidedSession.objects.filter(
            owner=owner,
            finished_at__isnull=False,
            local_date__lt=today,
            local_date__gte=today - dt.timedelta(days=NEXT_MORNING_DAYS),
        )
        .order_by("-local_date", "-finished_at", "-id")
        .first()
    )
    if latest is None or latest.next_morning_pain is not None:
        return None
    return latest


# ---- the history page -----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    name: str
    new_name: str | None
    before: str
    after: str | None
    reason: str
    rule: str
    rule_title: str


@dataclass(frozen=True)
class Version:
    version: int
    made: dt.datetime  # on the person's clock, without a zone (templates would shift it)
    reason: str
    changes: list[Change]
    rules: list[str]
    current: bool
    flare: str | None  # "flare" or "rebuilding" while the flare-up plan is on


@dataclass(frozen=True)
class History:
    versions: list[Version]
    page: Page[Plan]


def _change(raw: Any) -> Change | None:
    if not isinstance(raw, dict):
        return None
    rule = str(raw.get("rule", ""))
    known = adapt.RULES.get(rule)
    return Change(
        name=str(raw.get("name") or raw.get("slug") or ""),
        new_name=raw.get("new_name") or None,
        before=str(raw.get("before") or ""),
        after=raw.get("after") or None,
        reason=str(raw.get("reason") or ""),
        rule=rule,
        rule_title=known.title if known else "",
    )


def plan_history(*, owner: User, page: Any = 1) -> History:
    """Every version of the owner's plan, newest first, 20 a page, with each change and its rule."""
    latest = Plan.objects.filter(owner=owner).order_by("-version").values_list("version", flat=True)
    newest = latest.first()
    plans = Plan.objects.filter(owner=owner).order_by("-version").defer("profile_snapshot")
    found = Paginator(plans, HISTORY_PER_PAGE).get_page(page)
    zone = time_zone_get(owner=owner)
    versions = []
    for plan in found.object_list:
        changes = [c for c in (_change(raw) for raw in plan.changes or []) if c is not None]
        flare = (plan.data or {}).get("flare") or {}
        versions.append(
            Version(
                version=plan.version,
                made=timezone.localtime(plan.created_at, zone).replace(tzinfo=None),
                reason=plan.reason,
                changes=changes,
                rules=[str(r) for r in plan.rules or []],
                current=plan.version == newest,
                flare=flare.get("phase") if isinstance(flare, dict) else None,
            )
        )
    return History(versions=versions, page=found)
