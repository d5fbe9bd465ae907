"""Guided sessions: starting one from today's plan, recording each item as it happens, finishing.

Each item's completion is saved the moment it happens, so closing the tab midway keeps what was
done. Bad values raise `SessionError` (a ValueError) naming the field; the database constraints
back the pain range as well.

Finishing a session adapts the plan to it (`services.adaptation.plan_adapt`), unless the person
ticked a symptom that means stop: that is recorded as a safety screening instead. The pain the
next morning, asked at the next check-in, is saved with `session_next_morning_record`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from upback.coach.models import GuidedItem, GuidedSession, Plan
from upback.coach.selectors.sessions import plan_day_items
from upback.coach.services.adaptation import (
    SymptomProblem,
    plan_adapt,
    session_symptoms_record,
    symptoms_checked,
)
from upback.core.vocab import Day

FEELINGS = frozenset(GuidedItem.Feeling.values)
RECORDABLE = frozenset({GuidedItem.Status.DONE.value, GuidedItem.Status.SKIPPED.value})


class SessionError(ValueError):
    """A value the guided session cannot take; `field` names it for the form."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class SessionFinished(Exception):
    """The session is already finished: it cannot be changed or restarted."""


@dataclass(frozen=True)
class Feedback:
    feeling: str
    pain_during: int


def _pain(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise SessionError(field, "Choose a number from 0 (no pain) to 10 (worst pain).")
    return value


@transaction.atomic
def session_start(
    *,
    owner: User,
    plan: Plan,
    local_date: dt.date,
    day: Day | str,
    pain_before: int,
    gentle_only: bool = False,
    source: str = "web",
) -> GuidedSession:
    """A new session of `day`'s routine from `plan`, with one pending item per plan item.

    While the person should keep to gentle movement, only flare-suitable items are included.
    """
    if plan.owner_id != owner.pk:
        raise SessionError("plan", "That plan belongs to someone else.")
    pain = _pain(pain_before, "pain_before")
    try:
        day = Day(day)
    except ValueError:
        raise SessionError("day", f"'{day}' is not a day of the week.") from None
    items = plan_day_items(plan=plan, day=day, gentle_only=gentle_only)
    if not items:
        raise SessionError("day", "There is nothing in your plan for today.")
    session = GuidedSession.objects.create(
        owner=owner,
        plan=plan,
        day=day.value,
        local_date=local_date,
        pain_before=pain,
        source=source,
    )
    GuidedItem.objects.bulk_create(
        GuidedItem(
            session=session,
            order=order,
            slug=str(item["slug"]),
            name=str(item.get("name") or item["slug"]),
            dose=dict(item.get("dose") or {}),
        )
        for order, item in enumerate(items)
    )
    return session


def _check(owner: User, session: GuidedSession) -> None:
    if session.owner_id != owner.pk:
        raise SessionError("session", "That session belongs to someone else.")
    if session.finished_at is not None:
        raise SessionFinished("This session is already finished.")


@transaction.atomic
def session_item_record(
    *, owner: User, session: GuidedSession, order: int, status: str
) -> GuidedItem:
    """Mark one item done or skipped the moment it happens; recording it again updates it."""
    _check(owner, session)
    if status not in RECORDABLE:
        raise SessionError("status", "An item can only be marked done or skipped.")
    item = GuidedItem.objects.select_for_update().filter(session=session, order=order).first()
    if item is None:
        raise SessionError("order", "That item is not part of this session.")
    item.status = status
    item.completed_at = timezone.now()
    item.save(update_fields=["status", "completed_at"])
    return item


def session_finish(
    *,
    owner: User,
    session: GuidedSession,
    pain_after: int,
    feedback: Mapping[int, Feedback],
    stopped_for_symptoms: bool = False,
    symptoms: Iterable[str] = (),
) -> GuidedSession:
    """Close the session with pain now and how each item felt; items never reached count as
    skipped. `feedback` is keyed by item order.

    `symptoms` (keys of `core.adapt.SESSION_SYMPTOMS`) stop the session: they are recorded as a
    safety screening and the plan is left as it is. Otherwise the plan adapts to the session.
    """
    chosen = list(symptoms)
    try:
        symptoms_checked(chosen)
    except SymptomProblem as problem:
        raise SessionError("symptoms", str(problem)) from None
    _close(
        owner=owner,
        session=session,
        pain_after=pain_after,
        feedback=feedback,
        stopped_for_symptoms=stopped_for_symptoms or bool(chosen),
        symptoms=chosen,
    )
    if not chosen:
        plan_adapt(owner=owner)
    return session


@transaction.atomic
def _close(
    *,
    owner: User,
    session: GuidedSession,
    pain_after: int,
    feedback: Mapping[int, Feedback],
    stopped_for_symptoms: bool,
    symptoms: list[str],
) -> None:
    _check(owner, session)
    pain = _pain(pain_after, "pain_after")
    items = {item.order: item for item in session.items.select_for_update()}
    for order, given in feedback.items():
        if order not in items:
            raise SessionError(f"item_{order}", "That item is not part of this session.")
        if given.feeling not in FEELINGS:
            raise SessionError(f"feeling_{order}", "Choose too easy, about right or too hard.")
        _pain(given.pain_during, f"pain_{order}")
    now = timezone.now()
    for order, item in items.items():
        fields = []
        if item.status == GuidedItem.Status.PENDING:
            item.status = GuidedItem.Status.SKIPPED
            item.completed_at = now
            fields += ["status", "completed_at"]
        said = feedback.get(order)
        if said is not None:
            item.feeling = said.feeling
            item.pain_during = said.pain_during
            fields += ["feeling", "pain_during"]
        if fields:
            item.save(update_fields=fields)
    session.pain_after = pain
    session.stopped_for_symptoms = stopped_for_symptoms
    session.finished_at = now
    session.save(update_fields=["pain_after", "stopped_for_symptoms", "finished_at"])
    session_symptoms_record(owner=owner, session=session, symptoms=symptoms)


@transaction.atomic
def session_next_morning_record(*, owner: User, session: GuidedSession, pain: int) -> int:
    """The pain the morning after a session (0-10), saved with that session and with any other
    session finished the same day that does not have one yet; returns how many were updated."""
    if session.owner_id != owner.pk:
        raise SessionError("session", "That session belongs to someone else.")
    if session.finished_at is None:
        raise SessionError("session", "That session is not finished yet.")
    value = _pain(pain, "next_morning_pain")
    same_day = GuidedSession.objects.filter(
        owner=owner,
        local_date=session.local_date,
        finished_at__isnull=False,
        next_morning_pain__isnull=True,
    ).exclude(pk=session.pk)
    count = same_day.update(next_morning_pain=value)
    GuidedSession.objects.filter(pk=session.pk).update(next_morning_pain=value)
    session.next_morning_pain = value
    return count + 1
