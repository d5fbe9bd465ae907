"""`/screen` and `/profile`: the safety screen and the profile over the API."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.api.conftest import Api
from tests.examples import GUIDE_PROFILE, cleared_answers
from upback.coach.models import Plan, Profile, Screening

pytestmark = pytest.mark.django_db


def test_it_shows_the_latest_screen_with_the_care_it_allows(api: Api) -> None:
    body = api.get("/screen").json()
    assert body["disposition"] == "self_care"
    assert body["care"]["state"] == "ok"


def test_taking_the_screen_records_it_and_says_what_it_means(owner: User, api: Api) -> None:
    answers = cleared_answers() | {"fever": "yes"}
    response = api.post("/screen", {"age": 40, "answers": answers})
    assert response.status_code == 201
    body = response.json()
    assert body["disposition"] == "urgent"
    assert body["care"]["state"] == "stopped"
    assert "holding exercises" in body["care"]["message"]
    assert Screening.objects.filter(owner=owner, source="api").count() == 1


def test_a_misspelt_symptom_is_named_with_a_suggestion(owner: User, api: Api) -> None:
    response = api.post("/screen", {"answers": {"fevr": "yes"}})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("answers.fevr: is not a known symptom key")
    assert Screening.objects.filter(owner=owner).count() == 1


def test_an_answer_other_than_yes_no_or_not_sure_is_refused(api: Api) -> None:
    response = api.post("/screen", {"answers": {"fever": "maybe"}})
    assert response.status_code == 400
    assert "answers.fever" in response.json()["detail"]


def test_an_age_that_is_not_a_whole_number_is_refused(owner: User, api: Api) -> None:
    before = Screening.objects.filter(owner=owner).count()
    response = api.post("/screen", {"age": False, "answers": {}})
    assert response.status_code == 422
    assert "age" in str(response.json()["detail"])
    assert Screening.objects.filter(owner=owner).count() == before


def test_a_person_never_screened_gets_404(anonymous: Api, db: None) -> None:
    from upback.coach.services.tokens import access_token_create

    fresh = User.objects.create_user("new")
    _, secret = access_token_create(owner=fresh, name="t")
    assert Api(secret).get("/screen").status_code == 404


def test_it_reads_the_profile_in_the_design_s_shape(api: Api) -> None:
    assert api.get("/profile").json() == GUIDE_PROFILE


def test_saving_the_profile_rebuilds_the_plan(owner: User, api: Api) -> None:
    changed = GUIDE_PROFILE | {"minutes_per_day": 10}
    response = api.put("/profile", changed)
    assert response.status_code == 200
    body = response.json()
    assert body["plan_version"] == 2
    assert Profile.objects.get(owner=owner).minutes_per_day == 10
    assert Plan.objects.filter(owner=owner).count() == 2


def test_a_profile_out_of_range_is_refused_naming_the_field_and_kept_as_it_was(
    owner: User, api: Api
) -> None:
    response = api.put("/profile", GUIDE_PROFILE | {"minutes_per_day": 90})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("profile.minutes_per_day: must be at most 30")
    assert Profile.objects.get(owner=owner).minutes_per_day == 20


def test_a_profile_with_a_missing_field_is_a_422_naming_it(api: Api) -> None:
    body = {k: v for k, v in GUIDE_PROFILE.items() if k != "who"}
    response = api.put("/profile", body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("who:")


def test_while_stopped_the_profile_is_saved_but_no_plan_is_made(owner: User, api: Api) -> None:
    api.post("/screen", {"age": 40, "answers": cleared_answers() | {"fever": "yes"}})
    response = api.put("/profile", GUIDE_PROFILE | {"minutes_per_day": 10})
    assert response.status_code == 200
    assert response.json()["plan_version"] is None
    assert "please get checked first" in response.json()["message"]
    assert Plan.objects.filter(owner=owner).count() == 1


def test_each_person_sees_only_their_own_profile(owner: User, api: Api, stranger_api: Api) -> None:
    stranger_api.put("/profile", GUIDE_PROFILE | {"age": 70})
    assert api.get("/profile").json()["age"] == 35
    assert stranger_api.get("/profile").json()["age"] == 70
