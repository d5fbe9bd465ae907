"""`/screen`: the latest safety screening, and recording a new one from answers."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import StrictInt

from upback.api.auth import owner_of
from upback.api.common import ERRORS, Body, Care, care_out, not_found
from upback.coach.models import Screening
from upback.coach.selectors.screenings import care_state_get, screening_latest
from upback.coach.services.screenings import screening_record
from upback.core.safety.answers import parse_screening

router = Router(tags=["screen"])


class ScreenIn(Body):
    # Strict, so `true` is not quietly read as an age of 1.
    age: StrictInt | None = None
    sex: str | None = None
    answers: dict[str, str] = {}


class ScreeningOut(Schema):
    id: int
    created_at: dt.datetime
    disposition: str
    rules: list[str]
    result: dict[str, Any]
    care: Care


def _out(stored: Screening, owner: Any) -> ScreeningOut:
    return ScreeningOut(
        id=stored.pk,
        created_at=stored.created_at,
        disposition=stored.disposition,
        rules=list(stored.rules),
        result=dict(stored.result),
        care=care_out(care_state_get(owner=owner)),
    )


@router.get("/screen", response={200: ScreeningOut, **ERRORS}, summary="Your latest safety screen")
def screen_get(request: HttpRequest) -> ScreeningOut:
    """The result of your latest safety screen and what it means for your plan (404 before the
    first)."""
    owner = owner_of(request)
    stored = screening_latest(owner=owner)
    if stored is None:
        raise not_found("screening")
    return _out(stored, owner)


@router.post("/screen", response={201: ScreeningOut, **ERRORS}, summary="Take the safety screen")
def screen_post(request: HttpRequest, payload: ScreenIn) -> Status[ScreeningOut]:
    """Record your answers (`yes`, `no` or `not_sure` for each symptom key) and get the result.
    A warning sign holds every exercise until you have been checked."""
    owner = owner_of(request)
    answers = parse_screening(payload.model_dump(exclude_none=True))
    stored = screening_record(owner=owner, screening=answers, source="api")
    return Status(201, _out(stored, owner))
