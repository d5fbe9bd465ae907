"""The habits page: pick two, tick them off (htmx and plain forms), the 30-day grid, the reminder,
the summary after day 30 with the next pick, and the habits on Today."""

from __future__ import annotations

import datetime as dt
import re
from html import escape

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.coach.views.test_plans import client_for, person, with_plan
from upback.coach.models import HabitCheck, HabitMonth
from upback.coach.services.habits import habit_check, habit_month_start
from upback.core.library import default_library

pytestmark = pytest.mark.django_db

HABITS = {h.slug: h for h in default_library().advice.habits}
START = dt.date(2025, 11, 21)
HTMX = {"HTTP_HX_REQUEST": "true"}


class Clock:
    """The server's clock, moved on by whole days (the person lives in UTC)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2025, 11, 21, 9, 0, tzinfo=dt.UTC)

    def go_to_day(self, n: int) -> None:
        self.now = dt.datetime(2025, 11, 21, 9, 0, tzinfo=dt.UTC) + dt.timedelta(days=n - 1)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.now", lambda: clock.now)
    return clock


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n - 1)


@pytest.fixture
def ana(clock: Clock) -> User:
    return person("ana")


def text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def with_month(user: User, *picks: str) -> HabitMonth:
    chosen = picks or ("hourly_squeezes", "Walk the dog before work")
    return habit_month_start(owner=user, habits=chosen, today=day(1))


def tick(client: Client, slug: str, on: dt.date, *, done: bool = True, **extra: str) -> object:
    data = {"habit": slug, "date": on.isoformat(), "done": "1" if done else "0"}
    headers = HTMX if extra.pop("htmx", "") else {}
    return client.post(reverse("habit_tick"), {**data, **extra}, **headers)


# --- access -------------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_log_in(clock: Clock) -> None:
    response = Client().get(reverse("habits"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Client().post(reverse("habit_tick"), {}).status_code == 302


def test_the_safety_check_comes_first(clock: Clock) -> None:
    new = person("new", result=None)
    assert client_for(new).get(reverse("habits"))["Location"] == reverse("screen_start")


def test_the_page_only_takes_get_and_post(ana: User) -> None:
    assert client_for(ana).put(reverse("habits")).status_code == 405
    assert client_for(ana).get(reverse("habit_tick")).status_code == 405


# --- the pick -----------------------------------------------------------------------------------


def test_the_pick_lists_every_habit_with_its_text_and_marks_the_plans(ana: User) -> None:
    plan = with_plan(ana)
    response = client_for(ana).get(reverse("habits"))
    body = text(response)
    assert response.status_code == 200
    assert "<h1>Two habits for a month</h1>" in body
    assert "30 days, until 21 December" in body
    for habit in HABITS.values():
        assert escape(habit.name) in body and escape(habit.text) in body
    first = body.index(escape(HABITS[plan.data["habits"][0]].name))
    assert first == min(body.index(escape(h.name)) for h in HABITS.values())
    assert body.count('class="tag suggested"') == 2


def test_picking_two_starts_the_month(ana: User) -> None:
    client = client_for(ana)
    response = client.post(
        reverse("habits"),
        {"habits": ["walk_and_talk"], "own_1": " Tea with no screen ", "reminder_time": "20:15"},
        follow=True,
    )
    assert response.status_code == 200
    month = HabitMonth.objects.get(owner=ana)
    assert [h["slug"] for h in month.habits] == ["walk_and_talk", "tea_with_no_screen"]
    assert (month.started_on, month.ends_on, month.reminder_time) == (
        START,
        dt.date(2025, 12, 21),
        dt.time(20, 15),
    )
    body = text(response)
    assert "Your habit month has started: 30 days, until 21 December." in body
    assert "<h1>Your two habits</h1>" in body


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"habits": ["walk_and_talk"]}, "Please pick two habits (you picked 1)."),
        ({}, "Please pick two habits (you picked none)."),
        (
            {"habits": ["walk_and_talk", "chest_stretch"], "own_1": "Tea"},
            "Please pick two habits (you picked 3).",
        ),
        (
            {"habits": ["walk_and_talk"], "own_1": "Stand or walk when you are on a call"},
            "The two habits are the same: please pick two different ones.",
        ),
        ({"habits": ["walk_and_talk"], "own_1": "ok"}, "at least 3 characters"),
        ({"habits": ["walk_and_talk"], "own_1": "x" * 81}, "to 80 characters (it has 81)"),
        ({"habits": ["walk_and_talk", "nope"]}, "Please choose from the habits listed."),
        (
            {"habits": ["walk_and_talk", "chest_stretch"], "reminder_time": "25:00"},
            "Please enter a time like 08:30, or leave it empty.",
        ),
    ],
)
def test_a_bad_pick_is_a_400_with_the_message_and_the_form_kept(
    ana: User, data: dict[str, object], field_error: str
) -> None:
    response = client_for(ana).post(reverse("habits"), data)
    assert response.status_code == 400
    body = text(response)
    assert escape(field_error) in body
    assert "Please check the form" in body
    for slug in data.get("habits", []):  # type: ignore[union-attr]
        if slug in HABITS:
            assert re.search(rf'value="{slug}" id="pick-{slug}" checked', body)
    if "own_1" in data:
        assert f'value="{escape(str(data["own_1"]))}"' in body
    assert not HabitMonth.objects.exists()


# --- the running month --------------------------------------------------------------------------


def test_the_running_month_shows_todays_ticks_runs_and_a_grid(ana: User, clock: Clock) -> None:
    with_month(ana)
    for n in (3, 4):
        habit_check(owner=ana, slug="hourly_squeezes", local_date=day(n), today=day(5))
    clock.go_to_day(5)
    body = text(client_for(ana).get(reverse("habits")))
    assert "Day 5 of 30 · the month runs until 21 December." in body
    # Today's two are not ticked yet; yesterday's squeezes are, the walk is not.
    assert body.count('aria-pressed="false"') == 3 and body.count('aria-pressed="true"') == 1
    assert "2 days in a row · kept 2 of 5 days so far" in body
    assert "No ticks yet." in body
    assert 'href="/library/scapular_squeeze/"' in body
    assert "Forgot to tick yesterday? You still can." in body
    # The grid: a table per habit, with each day in words.
    assert body.count('<table class="habit-grid">') == 2
    assert '<caption><span class="grid-name">Shoulder blade squeezes every hour</span>' in body
    assert "2 of 5 days kept" in body
    assert '24</span><span class="visually-hidden"> November: kept' in body
    assert '23</span><span class="visually-hidden"> November: not ticked' in body
    assert '25</span><span class="visually-hidden"> November: today, not ticked yet' in body
    assert '26</span><span class="visually-hidden"> November: still to come' in body
    assert '<abbr title="Monday">Mon</abbr>' in body


def test_a_tick_with_htmx_answers_with_the_updated_month(ana: User) -> None:
    with_month(ana)
    response = tick(client_for(ana), "hourly_squeezes", day(1), htmx="1")
    assert response.status_code == 200  # type: ignore[attr-defined]
    body = text(response)
    assert body.lstrip().startswith('<div id="habit-month"')
    assert 'id="tick-habits-today-hourly_squeezes" aria-pressed="true"' in body
    assert 'hx-swap-oob="innerHTML">Ticked “Shoulder blade squeezes every hour” for today.' in body
    assert HabitCheck.objects.get().local_date == day(1)


def test_undo_with_a_plain_form_goes_back_to_the_page(ana: User) -> None:
    with_month(ana)
    habit_check(owner=ana, slug="hourly_squeezes", local_date=day(1), today=day(1))
    client = client_for(ana)
    response = tick(client, "hourly_squeezes", day(1), done=False)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == "/habits/#habit-ticks"  # type: ignore[index]
    assert not HabitCheck.objects.exists()
    page = text(client.get(reverse("habits")))
    assert "Took the tick off “Shoulder blade squeezes every hour” for today." in page


def test_yesterday_can_still_be_ticked_and_the_run_says_so(ana: User, clock: Clock) -> None:
    with_month(ana)
    habit_check(owner=ana, slug="walk_the_dog_before_work", local_date=day(1), today=day(1))
    clock.go_to_day(3)
    client = client_for(ana)
    response = tick(client, "walk_the_dog_before_work", day(2), htmx="1")
    assert "for yesterday. That is 2 days in a row." in text(response)
    assert 'id="tick-habits-yesterday-walk_the_dog_before_work" aria-pressed="true"' in text(
        response
    )


@pytest.mark.parametrize(
    ("slug", "on", "words"),
    [
        ("hourly_squeezes", day(2), "That day is still to come"),
        ("tea", day(1), "&#x27;tea&#x27; is not one of your two habits"),
    ],
)
def test_a_bad_tick_is_a_400_and_changes_nothing(
    ana: User, slug: str, on: dt.date, words: str
) -> None:
    with_month(ana)
    response = tick(client_for(ana), slug, on)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert words in text(response) and "<h1>Your two habits</h1>" in text(response)
    assert not HabitCheck.objects.exists()


def test_a_bad_tick_with_htmx_reloads_the_page_with_the_message(ana: User) -> None:
    with_month(ana)
    client = client_for(ana)
    response = tick(client, "hourly_squeezes", day(9), htmx="1")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert response["HX-Refresh"] == "true"  # type: ignore[index]
    assert "That day is still to come" in text(client.get(reverse("habits")))


def test_a_garbled_tick_is_a_400_naming_the_field(ana: User) -> None:
    with_month(ana)
    response = tick(client_for(ana), "hourly_squeezes", day(1), date="21/11/2025")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "the date was not clear" in text(response)


def test_another_person_cannot_tick_your_habits(ana: User) -> None:
    with_month(ana)
    ben = person("ben")
    response = tick(client_for(ben), "hourly_squeezes", day(1))
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "pick your two habits first" in text(response)
    assert not HabitCheck.objects.exists()
    page = text(client_for(ben).get(reverse("habits")))
    assert "<h1>Two habits for a month</h1>" in page and "Walk the dog" not in page


def test_the_reminder_time_is_set_cleared_and_checked(ana: User) -> None:
    with_month(ana)
    client = client_for(ana)
    response = client.post(reverse("habit_reminder"), {"reminder_time": "07:45"}, follow=True)
    assert "Your daily habit reminder is set for 07:45." in text(response)
    assert "Your reminder is set for <strong>07:45</strong> each day." in text(response)
    bad = client.post(reverse("habit_reminder"), {"reminder_time": "quarter to eight"})
    assert bad.status_code == 400
    assert "Please enter a time like 08:30" in text(bad) and 'value="quarter to eight"' in text(bad)
    assert HabitMonth.objects.get().reminder_time == dt.time(7, 45)
    client.post(reverse("habit_reminder"), {"reminder_time": "07:45", "action": "clear"})
    assert HabitMonth.objects.get().reminder_time is None


def test_starting_over_asks_first_then_starts_a_new_month(ana: User, clock: Clock) -> None:
    with_month(ana)
    clock.go_to_day(4)
    client = client_for(ana)
    page = text(client.get(reverse("habits") + "?start_over=1"))
    assert "<h1>Start over with two new habits</h1>" in page
    assert 'name="start_over" value="on"' in page
    response = client.post(
        reverse("habits"), {"habits": ["walk_and_talk", "chest_stretch"], "start_over": "on"}
    )
    assert response.status_code == 302
    assert HabitMonth.objects.filter(owner=ana).count() == 2
    assert HabitMonth.objects.filter(owner=ana).first().started_on == day(4)  # type: ignore[union-attr]


def test_a_pick_from_a_stale_page_while_the_month_runs_is_refused_kindly(ana: User) -> None:
    with_month(ana)
    response = client_for(ana).post(reverse("habits"), {"habits": ["walk_and_talk", "cobra"]})
    assert response.status_code == 400
    response = client_for(ana).post(
        reverse("habits"), {"habits": ["walk_and_talk", "chest_stretch"]}
    )
    assert response.status_code == 400
    assert "You are keeping two habits until 21 December" in text(response)
    assert HabitMonth.objects.count() == 1


# --- after day 30 -------------------------------------------------------------------------------


def test_after_day_30_the_summary_and_the_next_pick_with_last_months_two(
    ana: User, clock: Clock
) -> None:
    with_month(ana)
    for n in range(1, 25):
        habit_check(owner=ana, slug="hourly_squeezes", local_date=day(n), today=day(30))
    for n in (2, 3, 9):
        habit_check(owner=ana, slug="walk_the_dog_before_work", local_date=day(n), today=day(30))
    clock.go_to_day(31)
    body = text(client_for(ana).get(reverse("habits")))
    assert "<h1>How your habit month went</h1>" in body
    assert "<strong>24 of 30 days</strong> · longest run 24 days" in body
    assert "it has probably become a habit by now. Keep it going." in body
    assert "<strong>3 of 30 days</strong> · longest run 2 days" in body
    assert "pick something smaller" in body
    assert "Pick your next two" in body
    assert re.search(r'value="hourly_squeezes" id="pick-hourly_squeezes" checked', body)
    assert 'value="Walk the dog before work"' in body
    assert "until 20 January" in body  # the next month: 30 days from today


def test_the_last_day_can_be_ticked_the_morning_after(ana: User, clock: Clock) -> None:
    with_month(ana)
    clock.go_to_day(31)
    assert tick(client_for(ana), "hourly_squeezes", day(30)).status_code == 302  # type: ignore[attr-defined]
    assert HabitCheck.objects.get().local_date == day(30)


# --- safety -------------------------------------------------------------------------------------


def test_while_a_red_flag_is_active_habits_show_but_their_exercises_do_not(clock: Clock) -> None:
    sam = person("sam", result="urgent")
    HabitMonth.objects.create(
        owner=sam,
        started_on=START,
        ends_on=day(31),
        habits=[
            {"slug": "hourly_squeezes", "name": "Shoulder blade squeezes every hour"},
            {"slug": "tea", "name": "Tea", "own": True},
        ],
    )
    response = client_for(sam).get(reverse("habits"))
    body = text(response)
    assert response.status_code == 200
    assert "On hold for now: this habit is built on an exercise" in body
    assert "/library/" not in body.split("<main")[1]
    assert 'id="tick-habits-today-tea"' in body
    assert 'id="tick-habits-today-hourly_squeezes"' not in body


def test_while_a_red_flag_is_active_the_pick_offers_no_exercise_habits(clock: Clock) -> None:
    sam = person("sam", result="urgent")
    body = text(client_for(sam).get(reverse("habits")))
    assert escape(HABITS["walk_and_talk"].name) in body
    assert escape(HABITS["hourly_squeezes"].name) not in body
    assert "built on an exercise, and upback is holding exercises until you have been" in body


# --- Today --------------------------------------------------------------------------------------


def test_today_invites_a_pick_when_no_month_runs(ana: User) -> None:
    plan = with_plan(ana)
    body = text(client_for(ana).get(reverse("today")))
    assert '<a href="/habits/">Pick two habits for a month</a>' in body
    for slug in plan.data["habits"]:
        assert escape(HABITS[slug].name) in body


def test_today_shows_todays_two_ticks_with_their_runs(ana: User) -> None:
    with_plan(ana)
    with_month(ana)
    client = client_for(ana)
    body = text(client.get(reverse("today")))
    assert 'id="tick-today-today-hourly_squeezes" aria-pressed="false"' in body
    assert 'name="back" value="today"' in body
    assert "Pick two habits for a month" not in body
    response = tick(client, "walk_the_dog_before_work", day(1), back="today", htmx="1")
    part = text(response)
    assert part.lstrip().startswith('<section id="habit-today"')
    assert 'id="tick-today-today-walk_the_dog_before_work" aria-pressed="true"' in part
    assert "Kept 1 of 1 day so far" in part
    plain = tick(client, "hourly_squeezes", day(1), back="today")
    assert plain["Location"] == "/today/#habit-ticks"  # type: ignore[index]


def test_today_says_when_the_month_is_over(ana: User, clock: Clock) -> None:
    with_plan(ana)
    with_month(ana)
    clock.go_to_day(31)
    body = text(client_for(ana).get(reverse("today")))
    assert "Your habit month is over." in body and "pick your next two" in body
