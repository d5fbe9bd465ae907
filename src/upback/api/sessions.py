"""`/sessions`: your guided sessions (pain before and after, each item and how it felt).

Held like the plan while the safety screen says to get checked first; while it asks for
gentle movement, only flare-safe items are listed (`items_hidden` counts the others).
"""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from upback.api.auth import owner_of
from upback.api.common import HELD, Mapped, Page, exercise_care, not_found
from upback.coach.models import GuidedSession
from upback.coach.selectors.data import data_sessions
from upback.coach.selectors.sessions import session_get, session_items
from upback.core.care import CareState
from upback.core.library import default_library

router = Router(tags=["sessions"])


class ItemOut(Schema):
    order: int
    slug: str
    name: str
    dose: dict[str, Any]
    status: str
    feeling: str
    pain_during: int | None


class SessionOut(Schema):
    id: int
    day: str
    local_date: dt.date
    started_at: dt.datetime
    finished_at: dt.datetime | None
    pain_before: int
    pain_after: int | None
    next_morning_pain: int | None
    stopped_for_symptoms: bool
    plan_version: int
    items: list[ItemOut]
    items_hidden: int


class Span(Schema):
    from_: dt.date | None = Field(None, alias="from")
    to: dt.date | None = None


def session_out(session: GuidedSession, care: CareState) -> SessionOut:
    items = session_items(session=session)
    shown = items
    if care.gentle_only:
        library = default_library().techniques
        shown = [i for i in items if i.slug in library and library[i.slug].suitability.flare_ok]
    return SessionOut(
        id=session.pk,
        day=session.day,
        local_date=session.local_date,
        started_at=session.started_at,
        finished_at=session.finished_at,
        pain_before=session.pain_before,
        pain_after=session.pain_after,
        next_morning_pain=session.next_morning_pain,
        stopped_for_symptoms=session.stopped_for_symptoms,
        plan_version=session.plan.version,
        items=[
            ItemOut(
                order=i.order,
                slug=i.slug,
                name=i.name,
                dose=dict(i.dose),
                status=i.status,
                feeling=i.feeling,
                pain_during=i.pain_during,
            )
            for i in shown
        ],
        items_hidden=len(items) - len(shown),
    )


@router.get("/sessions", response={200: list[SessionOut], **HELD}, summary="Your guided sessions")
@paginate(Page)
def session_list(request: HttpRequest, span: Query[Span]) -> list[SessionOut]:
    """Newest first; `from` and `to` (dates, both included) narrow it to a period."""
    owner = owner_of(request)
    care = exercise_care(owner)
    sessions: QuerySet[GuidedSession] = data_sessions(owner=owner)
    if span.from_ is not None:
        sessions = sessions.filter(local_date__gte=span.from_)
    if span.to is not None:
        sessions = sessions.filter(local_date__lte=span.to)
    ordered = sessions.order_by("-local_date", "-started_at", "-id")
    return Mapped(ordered, lambda s: session_out(s, care))  # type: ignore[return-value]


@router.get(
    "/sessions/{session_id}", response={200: SessionOut, **HELD}, summary="One guided session"
)
def session_read(request: HttpRequest, session_id: int) -> SessionOut:
    """One of your sessions with each item, how it felt, and pain before and after."""
    owner = owner_of(request)
    care = exercise_care(owner)
    session = session_get(owner=owner, pk=session_id)
    if session is None:
        raise not_found("session")
    return session_out(session, care)
