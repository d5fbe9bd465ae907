"""`/breaks`: movement breaks taken, snoozed and skipped, and recording one.

Recording takes the same fields as the web's break timer (`/breaks/record/`) and is checked by
the same form; a break sent again with the same `client_id` is stored once.
"""

import datetime as dt
import uuid
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from upback.api.auth import owner_of
from upback.api.common import ERRORS, Body
from upback.coach.selectors.accounts import local_today, time_zone_get
from upback.coach.selectors.breaks import break_summary, breaks_recorded_on
from upback.coach.services.breaks import break_record
from upback.coach.views.break_forms import RecordForm

router = Router(tags=["breaks"])


class DaysIn(Schema):
    days: int = Field(7, ge=1, le=90, description="How many days, ending today (1-90)")


class BreakDayOut(Schema):
    day: dt.date
    taken: int
    snoozed: int
    skipped: int
    planned: int


class BreakSummaryOut(Schema):
    days: list[BreakDayOut]
    taken: int
    snoozed: int
    skipped: int
    planned: int
    share_taken: float | None


class BreakIn(Body):
    outcome: Literal["taken", "snoozed", "skipped"]
    kind: Literal["micro", "active"] = "micro"
    routine: str = Field("", description="the break routine's slug, if one was followed")
    client_id: uuid.UUID | None = Field(
        None, description="your id for it, so a resend is kept once"
    )
    at: str = Field("", description="when, like 2026-05-04T10:30:00Z; now when left out")


class BreakRecorded(Schema):
    id: int
    taken_today: int


@router.get("/breaks", response={200: BreakSummaryOut, **ERRORS}, summary="Your breaks")
def breaks_read(request: HttpRequest, period: Query[DaysIn]) -> BreakSummaryOut:
    """Breaks per day over the last `days` days against those your working hours plan."""
    owner = owner_of(request)
    summary = break_summary(owner=owner, last_day=local_today(owner=owner), days=period.days)
    return BreakSummaryOut(
        days=[BreakDayOut(**vars(day)) for day in summary.days],
        taken=summary.taken,
        snoozed=summary.snoozed,
        skipped=summary.skipped,
        planned=summary.planned,
        share_taken=summary.share_taken,
    )


@router.post("/breaks", response={201: BreakRecorded, **ERRORS}, summary="Record a break")
def breaks_post(request: HttpRequest, payload: BreakIn) -> Status[BreakRecorded]:
    """What you did about a break: taken, snoozed or skipped (201, also for a resend)."""
    owner = owner_of(request)
    data = payload.model_dump()
    data["client_id"] = str(data["client_id"] or "")
    form = RecordForm(data, zone=time_zone_get(owner=owner))
    if not form.is_valid():
        raise HttpError(400, form.first_problem()[1])
    clean = form.cleaned_data
    stored = break_record(
        owner=owner,
        at=clean["at"] or timezone.now(),
        outcome=clean["outcome"],
        kind=clean["kind"] or "micro",
        channel="web",
        routine=clean["routine"],
        client_id=clean["client_id"],
    )
    taken = breaks_recorded_on(owner=owner, local_date=local_today(owner=owner))
    return Status(201, BreakRecorded(id=stored.pk, taken_today=taken))
