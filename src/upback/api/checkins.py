"""`/checkins`: the daily check-in (pain, stiffness, sleep, stress, a note), one per day.

Recording a day that already has one updates it, as on the web. Warning signs ticked in the
re-check are recorded as a new safety screening, which holds exercise until you are checked.
"""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from upback.api.auth import owner_of
from upback.api.common import ERRORS, Body, Care, Mapped, Page, care_out, not_found
from upback.coach.models import CheckIn
from upback.coach.selectors.checkins import checkin_for_date
from upback.coach.selectors.data import data_checkins
from upback.coach.selectors.screenings import care_state_get
from upback.coach.services.checkins import (
    CheckinProblem,
    Scores,
    checkin_delete,
    checkin_record,
    checkin_update,
)

router = Router(tags=["check-ins"])


class ScoresIn(Body):
    pain: int = Field(description="0 (none) to 10 (worst imaginable)")
    stiffness: int
    sleep_quality: int = Field(description="0 (very poor) to 10 (very good)")
    stress: int
    note: str = ""


class CheckinIn(ScoresIn):
    date: dt.date | None = Field(None, description="Your own date; today when left out")
    warning_signs: list[str] = Field(default_factory=list)


class CheckinOut(Schema):
    date: dt.date
    pain: int
    stiffness: int
    sleep_quality: int
    stress: int
    note: str
    updated_at: dt.datetime


class CheckinRecordedOut(Schema):
    checkin: CheckinOut
    created: bool
    care: Care


def checkin_out(checkin: CheckIn) -> CheckinOut:
    return CheckinOut(
        date=checkin.local_date,
        pain=checkin.pain,
        stiffness=checkin.stiffness,
        sleep_quality=checkin.sleep_quality,
        stress=checkin.stress,
        note=checkin.note,
        updated_at=checkin.updated_at,
    )


def _scores(payload: ScoresIn) -> Scores:
    return Scores(
        pain=payload.pain,
        stiffness=payload.stiffness,
        sleep_quality=payload.sleep_quality,
        stress=payload.stress,
    )


def _problem(problem: CheckinProblem) -> HttpError:
    """The service speaks of the form's `local_date`; here that field is called `date`."""
    field = "date" if problem.field == "local_date" else problem.field
    return HttpError(400, f"{field}: {problem.message}")


@router.get("/checkins", response={200: list[CheckinOut], **ERRORS}, summary="Your check-ins")
@paginate(Page)
def checkin_list(request: HttpRequest) -> list[CheckinOut]:
    """Newest first."""
    rows = data_checkins(owner=owner_of(request)).order_by("-local_date", "-id")
    return Mapped(rows, checkin_out)  # type: ignore[return-value]


@router.post(
    "/checkins",
    response={200: CheckinRecordedOut, 201: CheckinRecordedOut, **ERRORS},
    summary="Record today's check-in",
)
def checkin_post(request: HttpRequest, payload: CheckinIn) -> Status[CheckinRecordedOut]:
    """Scores from 0 to 10 for the day (today unless `date` says otherwise); 201 for a new day,
    200 when that day's entry was updated."""
    owner = owner_of(request)
    try:
        recorded = checkin_record(
            owner=owner,
            scores=_scores(payload),
            note=payload.note,
            local_date=payload.date,
            warning_signs=payload.warning_signs,
        )
    except CheckinProblem as problem:
        raise _problem(problem) from None
    out = CheckinRecordedOut(
        checkin=checkin_out(recorded.checkin),
        created=recorded.created,
        care=care_out(care_state_get(owner=owner)),
    )
    return Status(201 if recorded.created else 200, out)


def _own(request: HttpRequest, date: dt.date) -> CheckIn:
    found = checkin_for_date(owner=owner_of(request), local_date=date)
    if found is None:
        raise not_found("check-in")
    return found


@router.get("/checkins/{date}", response={200: CheckinOut, **ERRORS}, summary="One day's check-in")
def checkin_read(request: HttpRequest, date: dt.date) -> CheckinOut:
    """The check-in of one of your days (YYYY-MM-DD)."""
    return checkin_out(_own(request, date))


class CheckinChange(ScoresIn):
    date: dt.date | None = Field(None, description="Move the entry to another day (optional)")


@router.put("/checkins/{date}", response={200: CheckinOut, **ERRORS}, summary="Correct a check-in")
def checkin_put(request: HttpRequest, date: dt.date, payload: CheckinChange) -> CheckinOut:
    """Correct the scores or note of a day's entry (or move it to a day that has none)."""
    checkin = _own(request, date)
    try:
        changed = checkin_update(
            owner=owner_of(request),
            checkin=checkin,
            scores=_scores(payload),
            note=payload.note,
            local_date=payload.date or date,
        )
    except CheckinProblem as problem:
        raise _problem(problem) from None
    return checkin_out(changed)


@router.delete("/checkins/{date}", response={204: None, **ERRORS}, summary="Delete a check-in")
def checkin_remove(request: HttpRequest, date: dt.date) -> Status[None]:
    """Delete one day's entry."""
    checkin_delete(owner=owner_of(request), checkin=_own(request, date))
    return Status(204, None)
