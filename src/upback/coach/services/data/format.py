"""The export file format (version 1): the pydantic row models that upback.json is made of.

Rows carry natural keys instead of database ids (a session names its plan by version number).
`TABLES` ties each database model to its row model, and a test checks that every concrete field of
every coach model is either in the file or deliberately left out (ids and owner links), so a new
field cannot be dropped silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import models
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from upback.coach.models import (
    AccessToken,
    Account,
    BreakRecord,
    CalendarFeed,
    CheckIn,
    GuidedItem,
    GuidedSession,
    HabitCheck,
    HabitMonth,
    Plan,
    Profile,
    Review,
    Screening,
    ScreeningClearance,
)
from upback.coach.services.checkins import NOTE_MAX
from upback.core.errors import describe_validation
from upback.core.profile import Profile as CoreProfile
from upback.core.vocab import (
    Day,
    Disposition,
    Equipment,
    PainCharacter,
    SleepPosition,
    Trigger,
    Who,
)

FORMAT_NAME = "upback-export"
FORMAT_VERSION = 1
JSON_NAME = "upback.json"

Score = Annotated[int, Field(ge=0, le=10)]


def _core_profile(data: dict[str, Any]) -> None:
    """Check a profile as the rest of upback will read it; raise ValueError with the problem."""
    try:
        CoreProfile.model_validate(data)
    except ValidationError as error:
        raise ValueError(describe_validation(error).removeprefix("input: ")) from None


class _Row(BaseModel):
    """A stored row as it appears in upback.json: strict types, unknown keys refused."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, use_enum_values=True, allow_inf_nan=False
    )


class AccountRow(_Row):
    time_zone: str = Field(max_length=64)
    created_at: AwareDatetime
    # Added with the desk toolkit; defaults let files from before it import.
    routine_time: dt.time | None = None
    break_settings: dict[str, Any] = Field(default_factory=dict)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not a known time zone") from None
        return value


class ProfileRow(_Row):
    who: Who
    age: int = Field(ge=18, le=110)
    triggers: list[Trigger]
    pain_character: PainCharacter
    duration_weeks: float = Field(ge=0)
    minutes_per_day: int = Field(ge=5, le=30)
    strength_days_per_week: int = Field(ge=0, le=3)
    equipment: list[Equipment]
    floor_ok: bool
    sleep_position: SleepPosition
    updated_at: AwareDatetime

    @model_validator(mode="after")
    def _fits_the_core(self) -> ProfileRow:
        _core_profile(self.model_dump(exclude={"updated_at"}))
        return self


class ClearanceRow(_Row):
    confirmed_at: AwareDatetime


class ScreeningRow(_Row):
    created_at: AwareDatetime
    age: Annotated[int, Field(ge=0, le=120)] | None
    sex: str
    answers: dict[str, Literal["yes", "no", "not_sure"]]
    disposition: Disposition
    rules: list[str]
    result: dict[str, Any]
    source: str
    clearance: ClearanceRow | None


class _PlanItemShape(BaseModel):
    model_config = ConfigDict(extra="allow")
    slug: str
    name: str


class _PlanDayShape(BaseModel):
    model_config = ConfigDict(extra="allow")
    day: Day
    items: list[_PlanItemShape]


class _PlanShape(BaseModel):
    """Just enough of a plan's shape for every screen that shows one to be able to."""

    model_config = ConfigDict(extra="allow")
    days: list[_PlanDayShape]


class PlanRow(_Row):
    version: int = Field(ge=1)
    created_at: AwareDatetime
    profile_snapshot: dict[str, Any]
    data: dict[str, Any]
    gentle_only: bool
    reason: str
    rules: list[str]
    changes: list[dict[str, Any]]

    @field_validator("profile_snapshot")
    @classmethod
    def _snapshot_fits(cls, value: dict[str, Any]) -> dict[str, Any]:
        _core_profile(value)
        return value

    @field_validator("data")
    @classmethod
    def _plan_shape(cls, value: dict[str, Any]) -> dict[str, Any]:
        try:
            _PlanShape.model_validate(value)
        except ValidationError as error:
            problem = describe_validation(error)
            raise ValueError(f"is not a plan upback can show ({problem})") from None
        return value


class SessionItemRow(_Row):
    order: int = Field(ge=0)
    slug: str
    name: str
    dose: dict[str, Any]
    status: str
    completed_at: AwareDatetime | None
    feeling: str
    pain_during: Score | None


class SessionRow(_Row):
    plan_version: int = Field(ge=1)
    day: Day
    local_date: dt.date
    started_at: AwareDatetime
    finished_at: AwareDatetime | None
    pain_before: Score
    pain_after: Score | None
    source: str
    stopped_for_symptoms: bool
    next_morning_pain: Score | None
    items: list[SessionItemRow]


class CheckInRow(_Row):
    local_date: dt.date
    pain: Score
    stiffness: Score
    sleep_quality: Score
    stress: Score
    note: str = Field(max_length=NOTE_MAX)
    created_at: AwareDatetime
    updated_at: AwareDatetime


class ReviewRow(_Row):
    created_at: AwareDatetime
    local_date: dt.date
    baseline: float | None
    current: float | None
    verdict: str
    adherence: float | None
    psfs: list[dict[str, Any]]
    pgic: int = Field(ge=1, le=7)
    proposal: dict[str, Any]
    plan_version: Annotated[int, Field(ge=1)] | None


class BreakRow(_Row):
    at: AwareDatetime
    local_date: dt.date
    outcome: Literal["taken", "snoozed", "skipped"]
    kind: Literal["micro", "active"]
    trigger: Literal["prompt", "idle"]
    channel: Literal["web", "cli"]
    routine: str = Field(max_length=60)
    client_id: UUID | None


class HabitRow(_Row):
    slug: str = Field(min_length=1, max_length=60)
    name: str = Field(min_length=1, max_length=120)
    own: bool


class HabitCheckRow(_Row):
    habit: str = Field(min_length=1, max_length=60)
    local_date: dt.date
    created_at: AwareDatetime


class HabitMonthRow(_Row):
    started_on: dt.date
    ends_on: dt.date
    habits: list[HabitRow]
    reminder_time: dt.time | None
    created_at: AwareDatetime
    checks: list[HabitCheckRow]

    @model_validator(mode="after")
    def _month_makes_sense(self) -> HabitMonthRow:
        if self.ends_on <= self.started_on:
            raise ValueError("ends_on must be after started_on")
        slugs = {habit.slug for habit in self.habits}
        for check in self.checks:
            if check.habit not in slugs:
                raise ValueError(f"a check names the habit {check.habit!r}, which is not listed")
        return self


class OwnerInfo(_Row):
    """Who the data was exported from; shown for reference, never imported."""

    username: str
    email: str
    date_joined: AwareDatetime


class ExportDocument(_Row):
    format: Literal["upback-export"]
    format_version: Literal[1]
    exported_at: AwareDatetime
    app_version: str
    owner: OwnerInfo
    account: AccountRow | None
    profile: ProfileRow | None
    screenings: list[ScreeningRow]
    plans: list[PlanRow]
    sessions: list[SessionRow]
    checkins: list[CheckInRow]
    reviews: list[ReviewRow]
    # Added with the desk toolkit; older files simply have none.
    breaks: list[BreakRow] = Field(default_factory=list)
    habit_months: list[HabitMonthRow] = Field(default_factory=list)


@dataclass(frozen=True)
class Table:
    """A database model and its row in the file.

    Every concrete field of `model` is in the row under its own name, or named in `hidden` (not
    written: database ids and the link to the owner or parent row), or in `links` (a link to a
    plan, written as the plan's version number under the JSON key).
    """

    model: type[models.Model]
    row: type[_Row]
    hidden: frozenset[str] = frozenset({"id", "owner"})
    links: Mapping[str, str] = field(default_factory=dict)
    nested: frozenset[str] = frozenset()

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields copied one to one between the database and the file."""
        skip = set(self.links) | self.nested
        return tuple(name for name in self.row.model_fields if name not in skip)

    @property
    def stamps(self) -> tuple[str, ...]:
        """Fields the database fills in on save (auto_now, auto_now_add); restored after import."""
        return tuple(
            f.name
            for f in self.model._meta.concrete_fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        )


TABLES: tuple[Table, ...] = (
    Table(Account, AccountRow),
    Table(Profile, ProfileRow),
    Table(Screening, ScreeningRow, nested=frozenset({"clearance"})),
    Table(ScreeningClearance, ClearanceRow, hidden=frozenset({"id", "screening"})),
    Table(Plan, PlanRow),
    Table(GuidedSession, SessionRow, links={"plan_version": "plan"}, nested=frozenset({"items"})),
    Table(GuidedItem, SessionItemRow, hidden=frozenset({"id", "session"})),
    Table(CheckIn, CheckInRow),
    Table(Review, ReviewRow, links={"plan_version": "plan"}),
    Table(BreakRecord, BreakRow),
    Table(HabitMonth, HabitMonthRow, nested=frozenset({"checks"})),
    Table(HabitCheck, HabitCheckRow, hidden=frozenset({"id", "month"})),
)
NOT_EXPORTED: Mapping[type[models.Model], str] = {
    CalendarFeed: "a secret link to the calendar; after an import the person makes a new one",
    AccessToken: "secret keys for the API; after an import the person makes new ones",
}
"""Models deliberately left out of the file, and why."""
_TABLE: dict[type[models.Model], Table] = {table.model: table for table in TABLES}
