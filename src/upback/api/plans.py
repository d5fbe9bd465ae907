"""`/plan`: your current plan and its earlier versions, shown as the safety screen allows.

While the screen says to get checked first, these answer 409 with a plain explanation and no
exercise. While it asks for gentle movement, a plan made before that is shown in its gentle
view (flare-safe items only, no strength), as on the web.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from upback.api.auth import owner_of
from upback.api.common import HELD, Page, exercise_care, not_found
from upback.coach.models import Plan
from upback.coach.selectors.plans import plan_current, plan_list
from upback.core import plan_swap
from upback.core.care import CareState
from upback.core.library import default_library

router = Router(tags=["plan"])


class PlanVersion(Schema):
    version: int
    created_at: dt.datetime
    reason: str
    gentle_only: bool


class PlanOut(PlanVersion):
    shown_gentle: bool
    """True when the plan is shown in its gentle view because of the safety screen."""
    data: dict[str, Any]


def plan_out(stored: Plan, care: CareState) -> PlanOut:
    data: dict[str, Any] = stored.data
    gentle = care.gentle_only and not stored.gentle_only
    if gentle:
        data = plan_swap.gentle_view(data, default_library())
    return PlanOut(
        version=stored.version,
        created_at=stored.created_at,
        reason=stored.reason,
        gentle_only=stored.gentle_only,
        shown_gentle=gentle,
        data=data,
    )


@router.get("/plan", response={200: PlanOut, **HELD}, summary="Your current plan")
def plan_read(request: HttpRequest) -> PlanOut:
    """This week's plan: days, dosed items with a reason for each, habits and advice."""
    owner = owner_of(request)
    care = exercise_care(owner)
    stored = plan_current(owner=owner)
    if stored is None:
        raise not_found("plan")
    return plan_out(stored, care)


@router.get(
    "/plan/versions",
    response={200: list[PlanVersion], **HELD},
    summary="Every version of your plan",
)
@paginate(Page)
def plan_versions(request: HttpRequest) -> list[Plan]:
    """Each version, newest first, with why it changed (a swap, a new profile, adapting)."""
    owner = owner_of(request)
    exercise_care(owner)
    return plan_list(owner=owner)


@router.get(
    "/plan/versions/{version}",
    response={200: PlanOut, **HELD},
    summary="One version of your plan",
)
def plan_version(request: HttpRequest, version: int) -> PlanOut:
    """One earlier (or the current) version of your plan, whole."""
    owner = owner_of(request)
    care = exercise_care(owner)
    stored = next((plan for plan in plan_list(owner=owner) if plan.version == version), None)
    if stored is None:
        raise not_found("plan version")
    return plan_out(stored, care)
