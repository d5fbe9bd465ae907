"""Writes for the two-habit month: the pick, the daily ticks, and the reminder time.

The rules (exactly two, own words, month bounds, which days can be ticked) are core.habits'; this
module stores what they allow. The web and the terminal both call here, so a tick from either
shows in both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from upback.coach.models import HabitCheck, HabitMonth
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.habits import habit_month_current, month_of
from upback.coach.selectors.screenings import care_state_get
from upback.core import habits as core
from upback.core.library import default_library


def _stored_month(*, owner: User) -> HabitMonth:
    month = habit_month_current(owner=owner)
    if month is None:
        raise core.HabitProblem("habit", "there is no habit month yet: pick your two habits first")
    return month


def _clock(value: dt.time | None) -> dt.time | None:
    """A reminder is a wall-clock time on the person's own clock: minutes, no seconds, no zone."""
    return None if value is None else value.replace(second=0, microsecond=0, tzinfo=None)


@transaction.atomic
def habit_month_start(
    *,
    owner: User,
    habits: Sequence[str],
    reminder_time: dt.time | None = None,
    today: dt.date | None = None,
    start_over: bool = False,
) -> HabitMonth:
    """Start a 30-day month of two habits (slugs from the guides' list, or the person's words).

    Refused (core.MonthRunning) while a month is still running, unless `start_over`: then that
    month ends yesterday, and today's ticks of a habit kept in the new pick carry over to it.
    Raises core.HabitProblem naming the field for a bad pick.
    """
    today = today or local_today(owner=owner)
    library = default_library()
    catalogue = library.advice.habits
    chosen = core.choose([core.read_pick(text, catalogue) for text in habits])
    care = care_state_get(owner=owner)
    by_slug = {h.slug: h for h in catalogue}
    for pick in chosen:
        source = by_slug.get(pick.slug) if not pick.own else None
        technique = library.techniques.get(source.technique or "") if source else None
        if core.held(technique, care):
            raise core.HabitProblem(
                "habits",
                f"“{pick.name}” is built on an exercise, and {core.held_reason(care)}; "
                "please pick another",
            )

    carried: set[str] = set()
    current = habit_month_current(owner=owner)
    if current is not None and not month_of(current).ended(today):
        if not start_over:
            raise core.MonthRunning(
                "habits",
                f"you are keeping two habits until {core.day_words(current.ends_on)}; "
                "to choose again now, start over",
            )
        kept = {pick.slug for pick in chosen}
        carried = set(
            current.checks.filter(local_date=today, habit__in=kept).values_list("habit", flat=True)
        )
        if current.started_on >= today:
            current.delete()  # begun today: nothing of it is worth keeping apart from the new one
        else:
            current.checks.filter(local_date__gte=today).delete()
            current.ends_on = today
            current.save(update_fields=["ends_on"])

    month = core.new_month(chosen, today)
    stored = HabitMonth.objects.create(
        owner=owner,
        started_on=month.started_on,
        ends_on=month.ends_on,
        habits=[habit.to_json() for habit in month.habits],
        reminder_time=_clock(reminder_time),
    )
    HabitCheck.objects.bulk_create(
        HabitCheck(month=stored, habit=slug, local_date=today) for slug in sorted(carried)
    )
    return stored


def _habit_and_day(
    *, owner: User, slug: str, local_date: dt.date, today: dt.date | None
) -> tuple[HabitMonth, core.Chosen]:
    stored = _stored_month(owner=owner)
    month = month_of(stored)
    chosen = month.find(slug)
    if chosen is None:
        names = " or ".join(h.slug for h in month.habits)
        raise core.HabitProblem("habit", f"'{slug}' is not one of your two habits ({names})")
    core.check_day(month, local_date, today or local_today(owner=owner))
    return stored, chosen


def habit_check(
    *, owner: User, slug: str, local_date: dt.date, today: dt.date | None = None
) -> HabitCheck:
    """Tick one of the month's habits for a day (again is fine: still one tick).

    `slug` may also be the habit's name. While a red flag is active, a habit built on an
    exercise is not ticked: upback is holding exercises until the person has been checked.
    """
    stored, chosen = _habit_and_day(owner=owner, slug=slug, local_date=local_date, today=today)
    if not chosen.own:
        library = default_library()
        source = next((h for h in library.advice.habits if h.slug == chosen.slug), None)
        technique = library.techniques.get(source.technique or "") if source else None
        care = care_state_get(owner=owner)
        if core.held(technique, care):
            raise core.HabitProblem(
                "habit",
                f"“{chosen.name}” is built on an exercise, and {core.held_reason(care)}",
            )
    existing = stored.checks.filter(habit=chosen.slug, local_date=local_date).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return HabitCheck.objects.create(month=stored, habit=chosen.slug, local_date=local_date)
    except IntegrityError:  # the same tick arrived twice at once (a double tap)
        return stored.checks.get(habit=chosen.slug, local_date=local_date)


def habit_uncheck(
    *, owner: User, slug: str, local_date: dt.date, today: dt.date | None = None
) -> bool:
    """Take a tick back (fine when there was none). True when one was removed."""
    stored, chosen = _habit_and_day(owner=owner, slug=slug, local_date=local_date, today=today)
    deleted, _ = stored.checks.filter(habit=chosen.slug, local_date=local_date).delete()
    return deleted > 0


def habit_reminder_set(
    *, owner: User, reminder_time: dt.time | None, today: dt.date | None = None
) -> HabitMonth:
    """Set (or, with None, clear) the daily reminder time of the running month."""
    stored = habit_month_current(owner=owner)
    if stored is None or month_of(stored).ended(today or local_today(owner=owner)):
        raise core.HabitProblem(
            "reminder_time", "there is no habit month running: pick your two habits first"
        )
    stored.reminder_time = _clock(reminder_time)
    stored.save(update_fields=["reminder_time"])
    return stored
