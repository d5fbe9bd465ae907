"""The bench data generator: realistic, repeatable people, and a guard for real installs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bench.generate import generate, guard
from django.contrib.auth.models import User
from django.db import connection

from upback.coach.models import (
    BreakRecord,
    CheckIn,
    GuidedItem,
    GuidedSession,
    HabitCheck,
    Plan,
    Profile,
    Screening,
)
from upback.coach.selectors.progress import progress_get

pytestmark = pytest.mark.django_db

END = dt.date(2026, 3, 1)
DAYS = 60
START = END - dt.timedelta(days=DAYS - 1)


@pytest.fixture
def three() -> list[User]:
    report = generate(users=3, days=DAYS, seed=7, end=END)
    assert report.rows["auth_user"] == 3
    return list(User.objects.filter(username__startswith="bench-").order_by("username"))


def snapshot() -> list[Any]:
    return list(
        CheckIn.objects.order_by("owner__username", "local_date").values_list(
            "owner__username", "local_date", "pain", "stiffness", "sleep_quality", "stress"
        )
    )


def test_each_person_has_an_account_a_cleared_screening_a_profile_and_a_plan(
    three: list[User],
) -> None:
    for person in three:
        assert person.check_password("bench pass 2026")
        assert person.coach_account.time_zone
        assert Screening.objects.get(owner=person).disposition == "self_care"
        assert Profile.objects.filter(owner=person).exists()
        assert Plan.objects.get(owner=person).data["days"]


def test_each_person_checks_in_on_most_days_but_not_all(three: list[User]) -> None:
    for person in three:
        dates = set(CheckIn.objects.filter(owner=person).values_list("local_date", flat=True))
        assert all(START <= day <= END for day in dates)
        assert DAYS * 0.5 <= len(dates) < DAYS


def test_every_score_is_between_0_and_10(three: list[User]) -> None:
    for row in snapshot():
        assert all(0 <= value <= 10 for value in row[2:])
    for before, after in GuidedSession.objects.values_list("pain_before", "pain_after"):
        assert 0 <= before <= 10
        assert after is None or 0 <= after <= 10


def test_sessions_come_about_four_times_a_week_with_feedback_on_their_items(
    three: list[User],
) -> None:
    for person in three:
        sessions = GuidedSession.objects.filter(owner=person)
        assert 2.5 <= sessions.count() / (DAYS / 7) <= 5
        assert all(s.items.exists() for s in sessions)
    done = GuidedItem.objects.filter(status="done")
    assert done.exists()
    assert not done.filter(feeling="").exists()
    assert not done.filter(pain_during__isnull=True).exists()


def test_breaks_fall_on_working_days_and_habits_are_ticked(three: list[User]) -> None:
    days = set(BreakRecord.objects.values_list("local_date", flat=True))
    assert days
    assert all(day.weekday() < 5 for day in days)
    assert HabitCheck.objects.exists()


def test_history_keeps_its_own_dates_rather_than_today(three: list[User]) -> None:
    first = CheckIn.objects.order_by("local_date").first()
    assert first is not None
    assert first.created_at.date() == first.local_date


def test_a_generated_persons_progress_assesses_without_error(three: list[User]) -> None:
    now = dt.datetime.combine(END, dt.time(20), tzinfo=dt.UTC)
    for person in three:
        progress = progress_get(owner=person, now=now)
        assert progress.days_tracked > 0
        assert progress.verdict


def forget_bench_people() -> None:
    GuidedSession.objects.all().delete()  # sessions protect their plan, so they go first
    User.objects.filter(username__startswith="bench-").delete()


def test_the_same_seed_gives_the_same_people() -> None:
    generate(users=2, days=20, seed=3, end=END)
    first = snapshot()
    forget_bench_people()
    generate(users=2, days=20, seed=3, end=END)
    assert snapshot() == first
    forget_bench_people()
    generate(users=2, days=20, seed=4, end=END)
    assert snapshot() != first


@pytest.fixture
def bench_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL the guard wants "bench" in the database name; the test database has none."""
    from django.conf import settings

    if connection.vendor == "postgresql":
        name = str(settings.DATABASES["default"]["NAME"])
        monkeypatch.setitem(settings.DATABASES["default"], "NAME", f"{name}_bench")


@pytest.mark.usefixtures("bench_named")
def test_the_guard_refuses_a_database_with_real_people() -> None:
    User.objects.create_user("ana")
    with pytest.raises(SystemExit, match="not bench users"):
        guard()


@pytest.mark.usefixtures("bench_named")
def test_the_guard_lets_a_bench_only_database_through() -> None:
    generate(users=1, days=5, seed=1, end=END)
    guard()  # the test run has its own UPBACK_DATA_DIR, or a test database


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the data-dir rule is for SQLite")
def test_the_guard_refuses_sqlite_without_an_explicit_data_dir(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("UPBACK_DATA_DIR", raising=False)
    with pytest.raises(SystemExit, match="UPBACK_DATA_DIR"):
        guard()
