"""The two-habit month's writes and reads: the pick, ticks and their undo, the reminder, and
the month's status and summary as the selectors give them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from tests.coach.views.test_plans import person, with_plan
from upback.coach.models import HabitCheck, HabitMonth
from upback.coach.selectors.habits import (
    habit_catalogue,
    habit_month_current,
    habit_status,
    habits_suggested,
)
from upback.coach.services.habits import (
    habit_check,
    habit_month_start,
    habit_reminder_set,
    habit_uncheck,
)
from upback.core import habits as core

pytestmark = pytest.mark.django_db

START = dt.date(2025, 11, 21)


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n - 1)


@pytest.fixture
def ana() -> User:
    return person("ana")


def started(user: User, *picks: str, **kwargs: object) -> HabitMonth:
    chosen = picks or ("movement_breaks", "Walk the dog before work")
    return habit_month_start(owner=user, habits=chosen, today=day(1), **kwargs)  # type: ignore[arg-type]


def test_a_pick_starts_a_30_day_month_with_both_habits(ana: User) -> None:
    month = started(ana, reminder_time=dt.time(20, 15, 42))
    assert (month.started_on, month.ends_on) == (START, dt.date(2025, 12, 21))
    assert month.habits == [
        {"slug": "movement_breaks", "name": "A movement break every 30-45 minutes", "own": False},
        {"slug": "walk_the_dog_before_work", "name": "Walk the dog before work", "own": True},
    ]
    assert month.reminder_time == dt.time(20, 15)


@pytest.mark.parametrize(
    ("picks", "words"),
    [
        (("movement_breaks",), "please pick two habits (you picked 1)"),
        (("walk_and_talk", "walk_and_talk"), "the two habits are the same"),
        (("walk_and_talk", "no"), "at least 3 characters"),
        (("walk_and_tallk", "Tea"), "'walk_and_tallk' is not a habit in the list"),
    ],
)
def test_a_bad_pick_is_refused_naming_habits_and_saves_nothing(
    ana: User, picks: tuple[str, ...], words: str
) -> None:
    with pytest.raises(core.HabitProblem) as problem:
        habit_month_start(owner=ana, habits=picks, today=day(1))
    assert str(problem.value).startswith("habits: ") and words in str(problem.value)
    assert not HabitMonth.objects.exists()


def test_a_new_pick_is_refused_while_the_month_runs(ana: User) -> None:
    started(ana)
    with pytest.raises(core.MonthRunning, match="until 21 December; to choose again now, start"):
        habit_month_start(owner=ana, habits=["walk_and_talk", "Tea"], today=day(12))
    assert HabitMonth.objects.count() == 1


def test_after_the_month_a_new_pick_starts_a_new_month_and_keeps_the_old(ana: User) -> None:
    old = started(ana)
    habit_check(owner=ana, slug="movement_breaks", local_date=day(30), today=day(30))
    new = habit_month_start(owner=ana, habits=["movement_breaks", "Tea"], today=day(31))
    assert new.started_on == day(31) and habit_month_current(owner=ana) == new
    old.refresh_from_db()
    assert old.ends_on == day(31) and old.checks.count() == 1


def test_starting_over_ends_the_month_today_and_carries_todays_ticks_that_stay(ana: User) -> None:
    old = started(ana)
    for n in (1, 2, 3):
        habit_check(owner=ana, slug="movement_breaks", local_date=day(n), today=day(3))
    habit_check(owner=ana, slug="walk_the_dog_before_work", local_date=day(3), today=day(3))
    new = habit_month_start(
        owner=ana, habits=["movement_breaks", "walk_and_talk"], today=day(3), start_over=True
    )
    old.refresh_from_db()
    assert old.ends_on == day(3)
    assert sorted(old.checks.values_list("local_date", flat=True)) == [day(1), day(2)]
    assert list(new.checks.values_list("habit", "local_date")) == [("movement_breaks", day(3))]


def test_starting_over_on_the_first_day_replaces_that_month(ana: User) -> None:
    started(ana)
    habit_month_start(owner=ana, habits=["walk_and_talk", "Tea"], today=day(1), start_over=True)
    assert HabitMonth.objects.count() == 1
    assert [h["slug"] for h in HabitMonth.objects.get().habits] == ["walk_and_talk", "tea"]


def test_a_tick_is_stored_once_and_undo_is_idempotent(ana: User) -> None:
    started(ana)
    first = habit_check(owner=ana, slug="movement_breaks", local_date=day(2), today=day(2))
    again = habit_check(owner=ana, slug="movement_breaks", local_date=day(2), today=day(2))
    assert first.pk == again.pk and HabitCheck.objects.count() == 1
    assert habit_uncheck(owner=ana, slug="movement_breaks", local_date=day(2), today=day(2))
    assert not habit_uncheck(owner=ana, slug="movement_breaks", local_date=day(2), today=day(2))
    assert not HabitCheck.objects.exists()


def test_a_habit_can_be_named_by_its_slug_or_its_words(ana: User) -> None:
    started(ana)
    habit_check(owner=ana, slug="walk the dog BEFORE work", local_date=day(1), today=day(1))
    assert HabitCheck.objects.get().habit == "walk_the_dog_before_work"


@pytest.mark.parametrize(
    ("slug", "on", "field", "words"),
    [
        ("tea", day(2), "habit", "'tea' is not one of your two habits"),
        ("movement_breaks", day(3), "date", "still to come"),
        ("movement_breaks", day(0), "date", "outside your habit month"),
    ],
)
def test_a_bad_tick_names_the_field(
    ana: User, slug: str, on: dt.date, field: str, words: str
) -> None:
    started(ana)
    with pytest.raises(core.HabitProblem) as problem:
        habit_check(owner=ana, slug=slug, local_date=on, today=day(2))
    assert problem.value.field == field and words in problem.value.detail
    assert not HabitCheck.objects.exists()


def test_ticking_before_any_pick_says_to_pick_first(ana: User) -> None:
    with pytest.raises(core.HabitProblem, match="pick your two habits first"):
        habit_check(owner=ana, slug="tea", local_date=day(1), today=day(1))


def test_the_reminder_time_is_set_and_cleared_on_the_running_month(ana: User) -> None:
    started(ana)
    assert habit_reminder_set(owner=ana, reminder_time=dt.time(8, 30), today=day(4)).reminder_time
    assert HabitMonth.objects.get().reminder_time == dt.time(8, 30)
    habit_reminder_set(owner=ana, reminder_time=None, today=day(4))
    assert HabitMonth.objects.get().reminder_time is None
    with pytest.raises(core.HabitProblem, match="reminder_time: there is no habit month running"):
        habit_reminder_set(owner=ana, reminder_time=dt.time(9, 0), today=day(31))


def test_while_a_red_flag_is_active_exercise_habits_are_not_picked_or_ticked() -> None:
    stopped = person("sam", result="urgent")
    with pytest.raises(core.HabitProblem, match="is built on an exercise, and upback is holding"):
        habit_month_start(owner=stopped, habits=["hourly_squeezes", "Tea"], today=day(1))
    month = HabitMonth.objects.create(
        owner=stopped,
        started_on=START,
        ends_on=day(31),
        habits=[
            {"slug": "hourly_squeezes", "name": "Shoulder blade squeezes every hour"},
            {"slug": "tea", "name": "Tea", "own": True},
        ],
    )
    with pytest.raises(core.HabitProblem, match="holding exercises until you have been checked"):
        habit_check(owner=stopped, slug="hourly_squeezes", local_date=day(1), today=day(1))
    habit_check(owner=stopped, slug="tea", local_date=day(1), today=day(1))
    assert list(month.checks.values_list("habit", flat=True)) == ["tea"]
    status = habit_status(owner=stopped, today=day(1))
    assert status is not None
    squeezes, tea = status.lines
    assert squeezes.held and squeezes.technique is None and not tea.held


def test_the_catalogue_puts_the_plans_habits_first(ana: User) -> None:
    plan = with_plan(ana)
    suggested = habits_suggested(owner=ana)
    assert suggested == plan.data["habits"] and len(suggested) == 2
    offers = habit_catalogue(owner=ana).offers
    assert [o.slug for o in offers[:2]] == suggested and all(o.suggested for o in offers[:2])


def test_without_a_plan_nothing_is_suggested(ana: User) -> None:
    assert habits_suggested(owner=ana) == []
    assert not any(o.suggested for o in habit_catalogue(owner=ana).offers)


def test_the_status_counts_runs_and_links_the_exercise(ana: User) -> None:
    started(ana)
    for n in (1, 2, 4, 5):
        habit_check(owner=ana, slug="movement_breaks", local_date=day(n), today=day(6))
    status = habit_status(owner=ana, today=day(6))
    assert status is not None and not status.ended
    assert (status.day_number, status.days_left, status.yesterday) == (6, 25, day(5))
    breaks, dog = status.lines
    assert (breaks.progress.streak, breaks.progress.best_streak, breaks.progress.kept_count) == (
        2,
        2,
        4,
    )
    assert breaks.technique is not None and breaks.technique.slug == "movement_break"
    assert dog.technique is None and dog.text == ""


def test_after_day_30_the_status_has_the_summary(ana: User) -> None:
    started(ana)
    for n in range(1, 23):
        habit_check(owner=ana, slug="movement_breaks", local_date=day(n), today=day(30))
    status = habit_status(owner=ana, today=day(31))
    assert status is not None and status.ended and status.yesterday == day(30)
    breaks, dog = status.summary.results
    assert (breaks.kept, breaks.best_streak, breaks.verdict) == (22, 22, core.Verdict.HABIT)
    assert dog.verdict is core.Verdict.SMALLER


def test_another_persons_month_is_not_seen_or_ticked(ana: User) -> None:
    started(ana)
    ben = person("ben")
    assert habit_status(owner=ben) is None
    with pytest.raises(core.HabitProblem):
        habit_check(owner=ben, slug="movement_breaks", local_date=day(1), today=day(1))
    assert not HabitCheck.objects.exists()


def test_the_running_month_and_the_summary_selectors_follow_the_persons_day(ana: User) -> None:
    from upback.coach.selectors.habits import habit_month_running, habit_summary

    assert habit_month_running(owner=ana, today=day(1)) is None
    assert habit_summary(owner=ana, today=day(1)) is None
    month = started(ana, reminder_time=dt.time(7, 30))
    assert habit_month_running(owner=ana, today=day(30)) == month
    assert habit_month_running(owner=ana, today=day(31)) is None
    summary = habit_summary(owner=ana, today=day(31))
    assert summary is not None and summary.complete and len(summary.results) == 2
