"""What every router shares: the error body, the error statuses to declare, the care state, and
the safety hold in front of anything that shows exercise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Literal, TypeVar

from django.contrib.auth.models import User
from django.db.models import Model, QuerySet
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination
from pydantic import model_validator

from upback.coach.selectors.screenings import care_state_get
from upback.core.care import CareState

Row = TypeVar("Row", bound=Model)
Out = TypeVar("Out")


class Body(Schema):
    """A request body: a JSON object, nothing else (ninja's schemas would read a list's
    attributes and quietly fill in the defaults)."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        # ninja hands its schemas the raw value wrapped in a DjangoGetter (`_obj`).
        if not isinstance(getattr(data, "_obj", data), dict):
            raise ValueError("the body must be a JSON object")
        return data


class Detail(Schema):
    """An error: one line naming the field and the problem, like `pain: choose 0 to 10`."""

    detail: str


# Declared on every endpoint so the schema says what a caller may meet (and schemathesis checks it).
ERRORS: dict[int, Any] = {400: Detail, 401: Detail, 403: Detail, 404: Detail, 422: Detail}
HELD: dict[int, Any] = {**ERRORS, 409: Detail}


class Care(Schema):
    """What the latest safety screen allows: `stopped` hides every exercise, `gentle_only` keeps
    to flare-safe ones, `needs_screen` means the screen comes first."""

    state: Literal["needs_screen", "stopped", "gentle_only", "ok"]
    disposition: str | None
    message: str


def care_out(care: CareState) -> Care:
    if care.needs_screen:
        return Care(
            state="needs_screen",
            disposition=None,
            message="Take the safety screen first; upback needs it before suggesting exercise.",
        )
    disposition = care.disposition.value if care.disposition else None
    if care.stopped:
        return Care(state="stopped", disposition=disposition, message=HOLD_MESSAGE)
    if care.gentle_only:
        return Care(
            state="gentle_only",
            disposition=disposition,
            message=(
                "Until a clinician has seen you, upback keeps to gentle, flare-friendly "
                "movement and leaves out strength work."
            ),
        )
    return Care(state="ok", disposition=disposition, message="Your plan is open to you.")


HOLD_MESSAGE = (
    "Your latest safety screen says to get checked first, so upback is holding exercises for "
    "now. Once you have been seen, take the screen again and your plan comes back."
)


def exercise_care(owner: User) -> CareState:
    """The care state, or a 409 with a kind explanation while no exercise may be shown."""
    care = care_state_get(owner=owner)
    if care.needs_screen:
        raise HttpError(
            409, "Take the safety screen first (POST /screen); upback needs it before exercise."
        )
    if care.stopped:
        raise HttpError(409, HOLD_MESSAGE)
    return care


def not_found(what: str) -> HttpError:
    return HttpError(404, f"{what} not found")


class PageIn(LimitOffsetPagination.Input):
    limit: int = Field(20, ge=1, le=100, description="How many per page (1-100)")
    offset: int = Field(0, ge=0, le=1_000_000, description="How many to skip")


class Page(LimitOffsetPagination):
    """`?limit=` (1-100, 20 by default) and `?offset=`; bounded so no value can break the query."""

    Input = PageIn


class Mapped(Generic[Row, Out]):
    """A queryset turned into schemas one page at a time: the paginator cuts it first, so only
    that page is read and converted."""

    def __init__(self, rows: QuerySet[Row], convert: Callable[[Row], Out]) -> None:
        self.rows = rows
        self.convert = convert

    def __getitem__(self, part: slice) -> list[Out]:
        return [self.convert(row) for row in self.rows[part]]

    def __len__(self) -> int:
        return self.rows.count()
