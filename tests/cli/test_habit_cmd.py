"""`upback habit`: pick two, tick them off and undo, the status as JSON, the summary, and one-line
errors with exit code 2."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth.models import User

from tests.cli.conftest import Upback, one_clear_line

pytestmark = pytest.mark.django_db

START = dt.datetime(2025, 11, 21, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def go_to_day(self, n: int) -> None:
        self.now = START + dt.timedelta(days=n - 1)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.now", lambda: clock.now)
    return clock


def local_person(result: str = "self_care") -> User:
    from tests.coach.views.test_plans import screened
    from upback.coach.services import local_user_get_or_create

    user: User = local_user_get_or_create(username="tester")
    screened(user, result)
    return user


def day(n: int) -> dt.date:
    return START.date() + dt.timedelta(days=n - 1)


@pytest.fixture
def picked(upback: Upback, clock: Clock) -> Upback:
    local_person()
    result = upback("habit", "pick", "hourly_squeezes", "Walk the dog before work")
    assert result.exit_code == 0, result.output
    return upback


def status(upback: Upback) -> dict[str, object]:
    result = upback("habit", "status", "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_with_no_month_it_says_how_to_pick(upback: Upback, clock: Clock) -> None:
    local_person()
    result = upback("habit")
    assert result.exit_code == 0, result.output
    assert "You have not picked your two habits yet." in result.stdout
    assert status(upback) == {"state": "none", "today": "2025-11-21", "month": None, "habits": []}


def test_the_list_shows_every_habit_with_its_slug(upback: Upback, clock: Clock) -> None:
    from upback.core.library import default_library

    local_person()
    result = upback("habit", "list")
    assert result.exit_code == 0, result.output
    for habit in default_library().advice.habits:
        assert habit.slug in result.stdout and habit.name in result.stdout
    rows = json.loads(upback("habit", "list", "--json").stdout)
    assert {row["slug"] for row in rows} == {h.slug for h in default_library().advice.habits}


def test_a_pick_starts_a_30_day_month(upback: Upback, clock: Clock) -> None:
    from upback.coach.models import HabitMonth

    local_person()
    result = upback("habit", "pick", "walk_and_talk", "Tea with no screen", "--reminder", "20:15")
    assert result.exit_code == 0, result.output
    assert "Your habit month has started: 30 days, until 21 December." in result.stdout
    assert "tea_with_no_screen" in result.stdout and "Daily reminder: 20:15" in result.stdout
    month = HabitMonth.objects.get()
    assert (month.started_on, month.reminder_time) == (day(1), dt.time(20, 15))


def test_done_and_undo_tick_and_untick_a_habit(picked: Upback, clock: Clock) -> None:
    done = picked("habit", "done", "hourly_squeezes")
    assert done.exit_code == 0, done.output
    assert "Ticked “Shoulder blade squeezes every hour” for today." in done.stdout
    again = picked("habit", "done", "hourly_squeezes")
    assert again.exit_code == 0
    data = status(picked)
    habits = data["habits"]
    assert isinstance(habits, list)
    assert habits[0]["done_today"] is True and habits[0]["kept"] == 1
    undo = picked("habit", "undo", "hourly_squeezes")
    assert "Took the tick off" in undo.stdout
    nothing = picked("habit", "undo", "hourly_squeezes")
    assert nothing.exit_code == 0 and "nothing changed" in nothing.stdout


def test_status_json_has_the_month_runs_and_days_left(picked: Upback, clock: Clock) -> None:
    picked("habit", "done", "walk_the_dog_before_work")
    clock.go_to_day(2)
    picked("habit", "done", "walk_the_dog_before_work")
    picked("habit", "done", "hourly_squeezes", "--date", day(1).isoformat())
    data = status(picked)
    assert data["state"] == "running"
    assert data["month"] == {
        "started_on": "2025-11-21",
        "ends_on": "2025-12-21",
        "last_day": "2025-12-20",
        "day": 2,
        "days": 30,
        "days_left": 29,
        "reminder_time": None,
    }
    squeezes, dog = data["habits"]  # type: ignore[misc]
    assert (squeezes["done_today"], squeezes["streak"], squeezes["kept"]) == (False, 1, 1)
    assert (dog["slug"], dog["own"], dog["streak"], dog["best_streak"]) == (
        "walk_the_dog_before_work",
        True,
        2,
        2,
    )
    assert dog["kept_days"] == ["2025-11-21", "2025-11-22"]


def test_the_status_table_reads_well(picked: Upback, clock: Clock) -> None:
    picked("habit", "done", "hourly_squeezes")
    result = picked("habit")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert (
        "Your two habits · day 1 of 30 · until 21 December (30 days left, today included)" in text
    )
    assert "✓ Shoulder blade squeezes every hour  hourly_squeezes" in text
    assert "Done today · kept 1 of 1 day so far" in text
    assert "○ Walk the dog before work" in text and "No ticks yet." in text
    assert "Tick one off with: upback habit done walk_the_dog_before_work" in text


def test_the_summary_after_day_30(picked: Upback, clock: Clock) -> None:
    from upback.coach.services.habits import habit_check

    user = User.objects.get(username="tester")
    for n in range(1, 16):
        habit_check(owner=user, slug="hourly_squeezes", local_date=day(n), today=day(30))
    early = json.loads(picked("habit", "summary", "--json").stdout)
    assert early["complete"] is False and early["habits"][0]["verdict"] is None
    clock.go_to_day(31)
    result = picked("habit", "summary")
    assert result.exit_code == 0, result.output
    assert "How your habit month went (21 November to 20 December)" in result.stdout
    assert "15 of 30 days · longest run 15 days" in result.stdout
    assert "worth another month" in result.stdout
    assert "upback habit pick hourly_squeezes 'Walk the dog before work'" in result.stdout
    data = json.loads(picked("habit", "summary", "--json").stdout)
    assert data["complete"] is True and data["state"] == "ended"
    assert [h["verdict"] for h in data["habits"]] == ["another_month", "smaller"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("pick", "walk_and_talk"), "SLUG_OR_TEXT: please pick two habits (you picked 1)"),
        (("pick", "walk_and_talk", "ok"), "second habit 'ok': your own habit needs at least 3"),
        (("pick", "walk_and_tallk", "Tea"), "first habit 'walk_and_tallk': 'walk_and_tallk' is"),
        (("pick", "walk_and_talk", "Tea", "--reminder", "25:00"), "--reminder: '25:00' is not"),
    ],
)
def test_a_bad_pick_is_one_line_and_exit_2(
    upback: Upback, clock: Clock, args: tuple[str, ...], words: str
) -> None:
    from upback.coach.models import HabitMonth

    local_person()
    result = upback("habit", *args)
    assert result.exit_code == 2
    assert words in one_clear_line(result)
    assert not HabitMonth.objects.exists()


def test_a_second_pick_while_the_month_runs_needs_start_over(picked: Upback, clock: Clock) -> None:
    from upback.coach.models import HabitMonth

    clock.go_to_day(3)
    result = picked("habit", "pick", "walk_and_talk", "Tea")
    assert result.exit_code == 2
    line = one_clear_line(result)
    assert "you are keeping two habits until 21 December" in line and "--start-over" in line
    again = picked("habit", "pick", "walk_and_talk", "Tea", "--start-over")
    assert again.exit_code == 0, again.output
    assert HabitMonth.objects.count() == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("done", "tea"), "SLUG: 'tea' is not one of your two habits"),
        (("done", "hourly_squeezes", "--date", "2025-11-22"), "--date: that day is still to come"),
        (("done", "hourly_squeezes", "--date", "2025-11-20"), "--date: that day is outside"),
        (("undo", "hourly_squeezes", "--date", "21/11/2025"), "--date: use the form YYYY-MM-DD"),
    ],
)
def test_a_bad_tick_is_one_line_and_exit_2(
    picked: Upback, clock: Clock, args: tuple[str, ...], words: str
) -> None:
    from upback.coach.models import HabitCheck

    result = picked("habit", *args)
    assert result.exit_code == 2
    assert words in one_clear_line(result)
    assert not HabitCheck.objects.exists()


def test_ticking_before_a_pick_says_to_pick_first(upback: Upback, clock: Clock) -> None:
    local_person()
    result = upback("habit", "done", "walk_and_talk")
    assert result.exit_code == 2
    assert "SLUG: there is no habit month yet" in one_clear_line(result)


def test_while_a_red_flag_is_active_exercise_habits_wait(upback: Upback, clock: Clock) -> None:
    local_person("urgent")
    listed = upback("habit", "list")
    assert "hourly_squeezes" not in listed.stdout and "walk_and_talk" in listed.stdout
    said = " ".join(listed.stdout.split())
    assert "upback is holding exercises until you have been checked" in said
    assert "upback habit pick walk_and_talk 'Walk the dog before work'" in said
    result = upback("habit", "pick", "hourly_squeezes", "Tea")
    assert result.exit_code == 2
    assert "is built on an exercise" in one_clear_line(result)
