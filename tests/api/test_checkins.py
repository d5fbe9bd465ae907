"""`/checkins`: recording, reading, correcting and deleting a day's check-in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from tests.api.conftest import Api
from upback.coach.models import CheckIn, Screening
from upback.coach.selectors.accounts import local_today

pytestmark = pytest.mark.django_db

GOOD = {"pain": 3, "stiffness": 4, "sleep_quality": 7, "stress": 2, "note": "Long day."}


def test_recording_a_checkin_saves_today_s_entry(owner: User, api: Api) -> None:
    response = api.post("/checkins", GOOD)
    assert response.status_code == 201
    body = response.json()
    assert body["created"] is True
    assert body["checkin"]["date"] == local_today(owner=owner).isoformat()
    assert body["care"]["state"] == "ok"
    assert CheckIn.objects.get(owner=owner).pain == 3


def test_recording_the_same_day_again_updates_it(owner: User, api: Api) -> None:
    api.post("/checkins", GOOD | {"date": "2026-01-05"})
    again = api.post("/checkins", GOOD | {"date": "2026-01-05", "pain": 6})
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert CheckIn.objects.get(owner=owner).pain == 6


def test_a_score_out_of_range_is_refused_naming_the_field(owner: User, api: Api) -> None:
    response = api.post("/checkins", GOOD | {"pain": 11})
    assert response.status_code == 400
    assert response.json()["detail"] == "pain: Choose a number from 0 to 10."
    assert not CheckIn.objects.filter(owner=owner).exists()


def test_a_score_that_is_not_a_number_is_a_422_naming_it(api: Api) -> None:
    response = api.post("/checkins", GOOD | {"stress": "lots"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("stress:")


def test_a_future_day_is_refused(api: Api) -> None:
    response = api.post("/checkins", GOOD | {"date": "2099-01-01"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("date:")


def test_a_warning_sign_stops_exercise_and_says_so(owner: User, api: Api) -> None:
    response = api.post("/checkins", GOOD | {"warning_signs": ["fever"]})
    assert response.status_code == 201
    assert response.json()["care"]["state"] == "stopped"
    assert Screening.objects.filter(owner=owner, source="checkin").exists()
    assert api.get("/plan").status_code == 409


def test_it_lists_checkins_newest_first(api: Api) -> None:
    for day in ("2026-01-05", "2026-01-07", "2026-01-06"):
        api.post("/checkins", GOOD | {"date": day})
    body = api.get("/checkins").json()
    assert body["count"] == 3
    assert [c["date"] for c in body["items"]] == ["2026-01-07", "2026-01-06", "2026-01-05"]


def test_it_reads_corrects_and_deletes_one_day(owner: User, api: Api) -> None:
    api.post("/checkins", GOOD | {"date": "2026-01-05"})
    assert api.get("/checkins/2026-01-05").json()["note"] == "Long day."
    changed = api.put("/checkins/2026-01-05", GOOD | {"pain": 1, "date": "2026-01-04"})
    assert changed.status_code == 200
    assert changed.json()["date"] == "2026-01-04"
    assert api.get("/checkins/2026-01-05").status_code == 404
    assert api.delete("/checkins/2026-01-04").status_code == 204
    assert not CheckIn.objects.filter(owner=owner).exists()


def test_moving_an_entry_onto_a_day_that_has_one_is_refused(owner: User, api: Api) -> None:
    api.post("/checkins", GOOD | {"date": "2026-01-05"})
    api.post("/checkins", GOOD | {"date": "2026-01-06", "pain": 5})
    response = api.put("/checkins/2026-01-05", GOOD | {"date": "2026-01-06"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("date: You already have a check-in")
    assert CheckIn.objects.get(owner=owner, local_date=dt.date(2026, 1, 6)).pain == 5


def test_another_persons_day_is_not_found_and_left_alone(
    outsider: User, api: Api, stranger_api: Api
) -> None:
    stranger_api.post("/checkins", GOOD | {"date": "2026-01-05"})
    assert api.get("/checkins/2026-01-05").status_code == 404
    assert api.put("/checkins/2026-01-05", GOOD).status_code == 404
    assert api.delete("/checkins/2026-01-05").status_code == 404
    assert CheckIn.objects.filter(owner=outsider).count() == 1
    assert api.get("/checkins").json()["count"] == 0


def test_a_date_that_is_not_a_date_is_named(api: Api) -> None:
    response = api.get("/checkins/yesterday")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("date:")
