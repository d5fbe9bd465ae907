"""`/progress`: is it working? The same figures, verdict and advice as `upback progress --json`."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from upback.api.auth import owner_of
from upback.api.common import ERRORS, care_out
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.progress import progress_get
from upback.coach.selectors.screenings import care_state_get
from upback.core.progress import RangeCode, range_start, within

router = Router(tags=["progress"])


class RangeIn(Schema):
    range: RangeCode = Field(
        "all", description="How far back the series go: 2w, 6w or all. The verdict judges all."
    )


@router.get("/progress", response={200: dict[str, Any], **ERRORS}, summary="Your progress")
def progress_read(request: HttpRequest, choice: Query[RangeIn]) -> dict[str, Any]:
    """Pain trend against your baseline, relief per session, sessions done against planned,
    the verdict and what to do next: `upback progress --json`, with `care` added (and no
    advice while the safety screen holds exercise)."""
    owner = owner_of(request)
    progress = progress_get(owner=owner)
    shown = within(progress, since=range_start(local_today(owner=owner), choice.range))
    data = shown.to_json()
    care = care_state_get(owner=owner)
    if care.stopped:
        # Advice about the routine (keep this level, review the dose) would suggest exercise.
        data["advice"] = []
    data["care"] = care_out(care).model_dump()
    return data
