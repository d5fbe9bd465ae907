"""`/habits`: the month's two habits with today's ticks and streaks, and ticking a day."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from upback.api.auth import owner_of
from upback.api.common import ERRORS, Body, not_found
from upback.coach.selectors.habits import HabitLine, habit_status
from upback.coach.services.habits import habit_check, habit_uncheck
from upback.core.habits import HabitProblem

router = Router(tags=["habits"])


class HabitOut(Schema):
    slug: str
    name: str
    own: bool
    text: str
    done_today: bool
    streak: int
    best_streak: int
    days_kept: int
    days_so_far: int
    held: bool
    held_reason: str


class HabitMonthOut(Schema):
    started_on: dt.date
    last_day: dt.date
    today: dt.date
    day_number: int
    days_left: int
    ended: bool
    habits: list[HabitOut]


class TickIn(Body):
    slug: str
    date: dt.date


class TickOut(Schema):
    slug: str
    date: dt.date


def _problem(problem: HabitProblem) -> HttpError:
    """The service names the habit 'habit'; here the field is called `slug`."""
    field = "slug" if problem.field == "habit" else problem.field
    return HttpError(400, f"{field}: {problem.detail}")


def _habit(line: HabitLine) -> HabitOut:
    item = line.progress
    return HabitOut(
        slug=item.habit.slug,
        name=item.habit.name,
        own=item.habit.own,
        text=line.text,
        done_today=item.done_today,
        streak=item.streak,
        best_streak=item.best_streak,
        days_kept=item.kept_count,
        days_so_far=item.so_far,
        held=line.held,
        held_reason=line.held_reason,
    )


@router.get("/habits", response={200: HabitMonthOut, **ERRORS}, summary="Your habit month")
def habits_read(request: HttpRequest) -> HabitMonthOut:
    """Your two habits this month: today's ticks, streaks and days kept (404 before you pick
    them on the web or with `upback habit`)."""
    status = habit_status(owner=owner_of(request))
    if status is None:
        raise not_found("habit month")
    return HabitMonthOut(
        started_on=status.month.started_on,
        last_day=status.month.last_day,
        today=status.today,
        day_number=status.day_number,
        days_left=status.days_left,
        ended=status.ended,
        habits=[_habit(line) for line in status.lines],
    )


@router.post("/habits/ticks", response={201: TickOut, **ERRORS}, summary="Tick a habit")
def habit_tick(request: HttpRequest, payload: TickIn) -> Status[TickOut]:
    """Mark one of your habits as done on a day of the month (again is fine: still one tick)."""
    owner = owner_of(request)
    if habit_status(owner=owner) is None:
        raise not_found("habit month")
    try:
        kept = habit_check(owner=owner, slug=payload.slug, local_date=payload.date)
    except HabitProblem as problem:
        raise _problem(problem) from None
    return Status(201, TickOut(slug=kept.habit, date=kept.local_date))


@router.delete(
    "/habits/ticks/{slug}/{date}", response={204: None, **ERRORS}, summary="Take a tick back"
)
def habit_untick(request: HttpRequest, slug: str, date: dt.date) -> Status[None]:
    """Remove a tick (fine when there was none)."""
    owner = owner_of(request)
    if habit_status(owner=owner) is None:
        raise not_found("habit month")
    try:
        habit_uncheck(owner=owner, slug=slug, local_date=date)
    except HabitProblem as problem:
        raise _problem(problem) from None
    return Status(204, None)
