"""The heat-or-cold page: the questions on one page, then the answer card."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.coach.views.test_plans import person
from upback.core import heat_cold as core

pytestmark = pytest.mark.django_db

URL = "/heat-or-cold/"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ana() -> Client:
    return client_for(person("ana"))


def answers(feels: str | list[str] = "stiff", **changes: str) -> dict[str, Any]:
    return {"feels": feels, **dict.fromkeys(core.SAFETY_KEYS, "no"), **changes}


def test_it_lives_at_heat_or_cold_and_needs_login() -> None:
    assert reverse("heat_cold") == URL
    response = Client().get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_asks_how_it_feels_and_every_who_must_not_question(ana: Client) -> None:
    response = ana.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Heat or cold?</h1>" in html
    for question in core.SAFETY_QUESTIONS:
        assert question.text.replace("'", "&#x27;") in html
    assert html.count('value="not_sure"') == len(core.SAFETY_QUESTIONS)
    assert 'type="checkbox" name="feels" value="swollen"' in html


def test_stiff_muscles_get_heat_with_minutes_barrier_skin_checks_and_a_timer_hint(
    ana: Client,
) -> None:
    response = ana.post(URL, answers("stiff", since_days="10"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Heat is the one to try" in html
    assert "15–20</span> minutes" in html
    assert "Set a timer for 15 minutes and look at your skin at 5 and 10 minutes." in html
    assert "at least one layer of cloth" in html
    assert "every 5 minutes" in html
    assert '<a href="/library/">Find them in the library</a>' in html  # a link, no exercise
    assert "Never put a pack straight onto bare skin." in html


def test_swollen_pain_gets_cold_with_an_hour_between_goes(ana: Client) -> None:
    html = ana.post(URL, answers(["swollen", "tight"])).content.decode()
    assert "Cold is the one to try" in html
    assert "10–15</span> minutes" in html
    assert "damp cloth" in html and "at least an hour" in html
    assert "Find them in the library" not in html


def test_a_who_must_not_answer_gives_neither_for_now_with_the_reason(ana: Client) -> None:
    html = ana.post(URL, answers("achy", diabetes="yes")).content.decode()
    assert "Neither heat nor cold for now" in html
    assert "Ask your doctor or diabetes nurse" in html
    assert "timer-hint" not in html


def test_not_sure_is_taken_as_a_reason_for_caution(ana: Client) -> None:
    html = ana.post(URL, answers("achy", poor_circulation="not_sure")).content.decode()
    assert "Neither heat nor cold for now" in html
    assert "treats “not sure” as a reason for caution" in html


def test_chest_pain_sends_the_person_for_help_not_to_a_pack(ana: Client) -> None:
    html = ana.post(URL, answers("sharp", chest_pain="yes")).content.decode()
    assert "This is not a heat or cold question: get medical help" in html
    assert "call your local emergency number" in html
    assert 'href="/advice/when-to-get-help/"' in html


def test_while_a_warning_sign_is_active_the_answer_is_neither_and_no_stretch_is_linked() -> None:
    held = client_for(person("cy", result="urgent"))
    html = held.post(URL, answers("stiff")).content.decode()
    assert "Neither heat nor cold for now" in html
    assert "safety check found a warning sign" in html
    assert "Find them in the library" not in html


def test_it_works_before_any_safety_screen() -> None:
    new = client_for(person("bo", result=None))
    assert new.post(URL, answers("stiff")).status_code == 200


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"feels": []}, "feels", "Please pick at least one word for how it feels."),
        ({"feels": "burning"}, "feels", "Please pick from the words listed."),
        ({"since_days": "a week"}, "since_days", "Please enter a whole number of days"),
        ({"since_days": "-2"}, "since_days", "Please enter a whole number of days"),
        ({"drowsy": ""}, "drowsy", "Please answer this question."),
        ({"broken_skin": "perhaps"}, "broken_skin", "Please choose yes, no or not sure."),
    ],
)
def test_bad_input_is_a_400_naming_the_field_with_the_answers_kept(
    ana: Client, changes: dict[str, Any], field: str, message: str
) -> None:
    posted = {**answers("tight", diabetes="not_sure"), **changes}
    response = ana.post(URL, posted)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    assert "Please check the form" in html
    assert 'value="not_sure" id="id_diabetes_2" required checked' in html
    assert response.context["result"] is None
