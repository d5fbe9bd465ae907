"""`/progress`, `/habits`, `/breaks` and `/export`: the same figures as the web and terminal."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tests.api.conftest import Api
from upback.coach.models import BreakRecord, HabitCheck
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.progress import progress_get
from upback.coach.services.habits import habit_month_start

pytestmark = pytest.mark.django_db

CHECKIN = {"pain": 3, "stiffness": 4, "sleep_quality": 7, "stress": 2}


def test_progress_is_the_same_json_the_terminal_prints(owner: User, api: Api) -> None:
    api.post("/checkins", CHECKIN)
    body = api.get("/progress").json()
    assert body.pop("care")["state"] == "ok"
    assert body == progress_get(owner=owner).to_json()
    assert body["days_tracked"] == 1


def test_progress_gives_no_advice_about_the_routine_while_stopped(api: Api) -> None:
    api.post("/checkins", CHECKIN | {"warning_signs": ["fever"]})
    body = api.get("/progress").json()
    assert body["care"]["state"] == "stopped"
    assert body["advice"] == []


def test_progress_takes_a_range_and_names_a_bad_one(api: Api) -> None:
    assert api.get("/progress", range="2w").status_code == 200
    response = api.get("/progress", range="3y")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("range:")


def test_progress_is_each_persons_own(api: Api, stranger_api: Api) -> None:
    stranger_api.post("/checkins", CHECKIN)
    assert api.get("/progress").json()["days_tracked"] == 0


@pytest.fixture
def month(owner: User) -> None:
    habit_month_start(owner=owner, habits=["movement_breaks", "walk_and_talk"])


def test_habits_are_404_before_the_first_pick(api: Api) -> None:
    assert api.get("/habits").status_code == 404


def test_it_shows_the_month_with_today_s_ticks_and_streaks(
    owner: User, month: None, api: Api
) -> None:
    today = local_today(owner=owner).isoformat()
    ticked = api.post("/habits/ticks", {"slug": "walk_and_talk", "date": today})
    assert ticked.status_code == 201
    body = api.get("/habits").json()
    by_slug = {h["slug"]: h for h in body["habits"]}
    assert by_slug["walk_and_talk"]["done_today"] is True
    assert by_slug["walk_and_talk"]["streak"] == 1
    assert by_slug["movement_breaks"]["done_today"] is False
    assert body["day_number"] == 1


def test_a_tick_can_be_taken_back(owner: User, month: None, api: Api) -> None:
    today = local_today(owner=owner).isoformat()
    api.post("/habits/ticks", {"slug": "walk_and_talk", "date": today})
    assert api.delete(f"/habits/ticks/walk_and_talk/{today}").status_code == 204
    assert not HabitCheck.objects.exists()


def test_a_habit_not_picked_or_a_day_to_come_is_refused_by_name(
    owner: User, month: None, api: Api
) -> None:
    today = local_today(owner=owner)
    wrong = api.post("/habits/ticks", {"slug": "chest_stretch", "date": today.isoformat()})
    assert wrong.status_code == 400
    assert wrong.json()["detail"].startswith("slug: 'chest_stretch' is not one of your two habits")
    later = (today + dt.timedelta(days=2)).isoformat()
    ahead = api.post("/habits/ticks", {"slug": "walk_and_talk", "date": later})
    assert ahead.status_code == 400
    assert ahead.json()["detail"].startswith("date: that day is still to come")
    assert not HabitCheck.objects.exists()


def test_a_habit_built_on_an_exercise_is_not_ticked_while_stopped(
    owner: User, month: None, api: Api
) -> None:
    api.post("/checkins", CHECKIN | {"warning_signs": ["fever"]})
    today = local_today(owner=owner).isoformat()
    response = api.post("/habits/ticks", {"slug": "movement_breaks", "date": today})
    assert response.status_code == 400
    body = api.get("/habits").json()
    assert {h["slug"]: h["held"] for h in body["habits"]}["movement_breaks"] is True


def test_another_person_cannot_tick_my_habits(month: None, stranger_api: Api) -> None:
    response = stranger_api.post("/habits/ticks", {"slug": "walk_and_talk", "date": "2026-01-05"})
    assert response.status_code == 404
    assert not HabitCheck.objects.exists()


def test_recording_a_break_counts_it_and_a_resend_is_kept_once(owner: User, api: Api) -> None:
    sent = {"outcome": "taken", "client_id": str(uuid.uuid4())}
    first = api.post("/breaks", sent)
    assert first.status_code == 201
    assert first.json()["taken_today"] == 1
    again = api.post("/breaks", sent)
    assert again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert BreakRecord.objects.filter(owner=owner).count() == 1
    summary = api.get("/breaks", days=7).json()
    assert len(summary["days"]) == 7
    assert summary["taken"] == 1


def test_a_break_with_a_bad_field_is_refused_naming_it(owner: User, api: Api) -> None:
    wrong = api.post("/breaks", {"outcome": "napped"})
    assert wrong.status_code == 422
    assert wrong.json()["detail"].startswith("outcome: input should be 'taken', 'snoozed' or")
    routine = api.post("/breaks", {"outcome": "taken", "routine": "cartwheels"})
    assert routine.status_code == 400
    assert routine.json()["detail"] == "routine: 'cartwheels' is not one of the break routines"
    future = (timezone.now() + dt.timedelta(days=1)).isoformat()
    late = api.post("/breaks", {"outcome": "taken", "at": future})
    assert late.status_code == 400
    assert late.json()["detail"].startswith("at: is in the future")
    assert not BreakRecord.objects.exists()
    assert api.get("/breaks", days=0).status_code == 422


def test_breaks_are_each_persons_own(api: Api, stranger_api: Api) -> None:
    stranger_api.post("/breaks", {"outcome": "taken"})
    assert api.get("/breaks").json()["taken"] == 0


def test_export_is_the_whole_upback_json_document_of_the_caller(
    owner: User, api: Api, stranger_api: Api
) -> None:
    api.post("/checkins", CHECKIN | {"date": "2026-01-05"})
    stranger_api.post("/checkins", CHECKIN | {"date": "2026-01-06"})
    body = api.get("/export").json()
    assert [c["local_date"] for c in body["checkins"]] == ["2026-01-05"]
    assert body["profile"]["who"] == "desk_worker"
