"""The private calendar link (kept only as a hash, replaced, turned off, looked up) and what the
calendar is built from: the plan, the care state, the habit month and the routine time."""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

import pytest

from tests.coach.views.test_plans import person, screened, with_plan
from upback.coach.models import Account, CalendarFeed, CheckIn, HabitMonth, Review
from upback.coach.selectors.calendar import (
    calendar_feed_by_token,
    calendar_feed_owner,
    calendar_inputs,
)
from upback.coach.services.calendar import (
    account_routine_time_set,
    calendar_feed_create,
    calendar_feed_revoke,
    calendar_feed_used,
)
from upback.core.errors import InputProblem

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 4, 20, 0, tzinfo=dt.UTC)  # Tuesday 5 May already, in Auckland


def test_a_new_link_is_a_long_secret_of_which_only_the_hash_is_kept() -> None:
    ana = person("ana")
    token = calendar_feed_create(owner=ana)
    assert len(token) >= 43
    feed = CalendarFeed.objects.get(owner=ana)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = " ".join(str(v) for v in CalendarFeed.objects.values_list().get())
    assert token not in stored


def test_a_new_link_replaces_the_old_one_which_stops_working() -> None:
    ana = person("ana")
    old = calendar_feed_create(owner=ana)
    new = calendar_feed_create(owner=ana)
    assert old != new
    assert CalendarFeed.objects.filter(owner=ana).count() == 1
    assert calendar_feed_owner(token=old) is None
    assert calendar_feed_owner(token=new) == ana


def test_turning_the_link_off_means_it_finds_no_one() -> None:
    ana = person("ana")
    token = calendar_feed_create(owner=ana)
    assert calendar_feed_revoke(owner=ana) is True
    assert calendar_feed_owner(token=token) is None
    assert calendar_feed_revoke(owner=ana) is False


def test_a_token_finds_its_own_owner_and_nothing_else() -> None:
    ana, ben = person("ana"), person("ben")
    ana_token, ben_token = calendar_feed_create(owner=ana), calendar_feed_create(owner=ben)
    assert calendar_feed_owner(token=ana_token) == ana
    assert calendar_feed_owner(token=ben_token) == ben
    for guess in ("", "x", ana_token[:-1], ana_token + "x", "a" * 5000, ana_token.upper()):
        assert calendar_feed_owner(token=guess) is None


def test_a_fetch_is_noted_at_most_once_a_minute() -> None:
    ana = person("ana")
    token = calendar_feed_create(owner=ana)
    feed = calendar_feed_by_token(token=token)
    assert feed is not None and feed.last_used_at is None
    calendar_feed_used(feed=feed, now=NOW)
    calendar_feed_used(feed=feed, now=NOW + dt.timedelta(seconds=30))
    assert CalendarFeed.objects.get(owner=ana).last_used_at == NOW
    calendar_feed_used(feed=feed, now=NOW + dt.timedelta(minutes=2))
    assert CalendarFeed.objects.get(owner=ana).last_used_at == NOW + dt.timedelta(minutes=2)


def test_the_routine_time_is_saved_to_the_minute_and_can_be_cleared() -> None:
    ana = person("ana")
    account_routine_time_set(owner=ana, routine_time=dt.time(7, 30, 59))
    assert Account.objects.get(owner=ana).routine_time == dt.time(7, 30)
    account_routine_time_set(owner=ana, routine_time=None)
    assert Account.objects.get(owner=ana).routine_time is None


def test_a_routine_time_with_a_zone_is_refused_and_the_old_one_kept() -> None:
    ana = person("ana")
    account_routine_time_set(owner=ana, routine_time=dt.time(7, 30))
    with pytest.raises(InputProblem, match="routine_time"):
        account_routine_time_set(owner=ana, routine_time=dt.time(8, 0, tzinfo=dt.UTC))
    assert Account.objects.get(owner=ana).routine_time == dt.time(7, 30)


def test_the_calendar_is_built_from_the_plan_in_the_persons_own_zone() -> None:
    kiri = person("kiri", time_zone="Pacific/Auckland")
    plan = with_plan(kiri)
    account_routine_time_set(owner=kiri, routine_time=dt.time(6, 45))
    inputs = calendar_inputs(owner=kiri, now=NOW)
    assert inputs.time_zone == "Pacific/Auckland"
    assert inputs.today == dt.date(2026, 5, 5)
    assert inputs.routine_time == dt.time(6, 45)
    assert inputs.owner_key == str(kiri.pk)
    planned = {d["day"]: d for d in plan.data["days"] if d["items"]}
    assert {day.day for day in inputs.week} == set(planned)
    assert {day.day for day in inputs.week if day.strength_day} == set(plan.data["strength_days"])
    monday = next(day for day in inputs.week if day.day == "mon")
    assert monday.items == tuple(item["name"] for item in planned["mon"]["items"])
    assert inputs.plan_starts_on == plan.created_at.astimezone(ZoneInfo("Pacific/Auckland")).date()


def test_gentle_only_leaves_only_flare_safe_items_and_no_strength_day() -> None:
    ana = person("ana")
    with_plan(ana)
    screened(ana, "soon")
    inputs = calendar_inputs(owner=ana, now=NOW)
    assert inputs.care.gentle_only
    assert inputs.week
    assert not any(day.strength_day for day in inputs.week)
    assert all("Resistance band row" not in day.items for day in inputs.week)


def test_the_current_habit_month_with_a_reminder_time_gives_the_reminders() -> None:
    ana = person("ana")
    habits = [
        {"slug": "movement_breaks", "name": "A movement break every 30-45 minutes", "own": False},
        {"slug": "own-1", "name": "Walk to the station", "own": True},
    ]
    HabitMonth.objects.create(
        owner=ana,
        started_on=dt.date(2026, 4, 4),
        ends_on=dt.date(2026, 5, 4),  # the day after its last: over on Ana's 4 May
        habits=habits,
        reminder_time=dt.time(21),
    )
    assert calendar_inputs(owner=ana, now=NOW).habits is None  # last month's
    HabitMonth.objects.create(
        owner=ana, started_on=dt.date(2026, 4, 20), ends_on=dt.date(2026, 5, 20), habits=habits
    )
    assert calendar_inputs(owner=ana, now=NOW).habits is None  # no reminder time
    HabitMonth.objects.filter(started_on=dt.date(2026, 4, 20)).update(reminder_time=dt.time(21))
    month = calendar_inputs(owner=ana, now=NOW).habits
    assert month is not None
    assert month.names == ("A movement break every 30-45 minutes", "Walk to the station")
    # The reminders run to the month's last day, the day before its stored `ends_on`.
    assert (month.starts_on, month.ends_on) == (dt.date(2026, 4, 20), dt.date(2026, 5, 19))
    assert month.reminder_time == dt.time(21)


def test_the_next_review_follows_the_last_review_or_the_first_check_ins() -> None:
    ana = person("ana")
    assert calendar_inputs(owner=ana, now=NOW).next_review is None
    for day in (20, 21, 22):
        CheckIn.objects.create(
            owner=ana,
            local_date=dt.date(2026, 4, day),
            pain=5,
            stiffness=5,
            sleep_quality=5,
            stress=5,
        )
    assert calendar_inputs(owner=ana, now=NOW).next_review == dt.date(2026, 5, 18)
    Review.objects.create(owner=ana, local_date=dt.date(2026, 5, 1), verdict="no_change", pgic=4)
    assert calendar_inputs(owner=ana, now=NOW).next_review == dt.date(2026, 5, 29)


def test_another_persons_plan_never_reaches_the_calendar() -> None:
    ana, ben = person("ana"), person("ben")
    with_plan(ana)
    assert calendar_inputs(owner=ben, now=NOW).week == ()
