"""The web safety screen, step by step: the age, one question a page, going back, bad input."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.coach.views.screen_helpers import (
    answer_all,
    current_key,
    desk_worker,
    no_to_all,
    question_url,
)
from upback.coach.models import Screening
from upback.coach.views.screen import SESSION_KEY
from upback.core import safety

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner() -> User:
    return User.objects.create_user("ana", password="a calm back 2026")


@pytest.fixture
def client(owner: User) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def started(client: Client) -> Client:
    client.post(reverse("screen_start"), {"age": 40})
    return client


def test_the_intro_asks_for_the_age_calmly(client: Client) -> None:
    page = client.get(reverse("screen_start"))
    assert page.status_code == 200
    assert b"First, a short safety check" in page.content
    assert b"How old are you?" in page.content
    assert b"Not sure" in page.content


@pytest.mark.parametrize(
    ("age", "message"),
    [
        ("", "Please enter your age"),
        ("forty", "whole number"),
        ("15", "aged 16 and over"),
        ("121", "between 16 and 120"),
        ("-3", "aged 16 and over"),
        ("4.5", "whole number"),
        ("9" * 30, "between 16 and 120"),
    ],
)
def test_a_bad_age_is_a_400_with_a_message_and_the_input_kept(
    client: Client, age: str, message: str
) -> None:
    page = client.post(reverse("screen_start"), {"age": age})
    assert page.status_code == 400
    assert message in page.content.decode()
    assert f'value="{age}"'.encode() in page.content or age == ""
    assert SESSION_KEY not in client.session


def test_an_age_starts_the_screen_in_the_session_not_the_database(client: Client) -> None:
    response = client.post(reverse("screen_start"), {"age": 16})
    assert response["Location"] == question_url(1)
    assert client.session[SESSION_KEY]["age"] == 16
    assert not Screening.objects.exists()


def test_the_first_question_is_the_one_the_core_asks_first(started: Client) -> None:
    first = safety.next_question(safety.Screening(age=40))
    assert first is not None
    page = started.get(question_url(1))
    assert page.status_code == 200
    assert page.context["key"] == first
    content = page.content.decode()
    assert safety.question(first).text in content
    assert "Question 1" in content
    assert "the most important questions come first" in content
    for value in ("yes", "no", "not_sure"):
        assert f'name="answer" value="{value}"' in content
    assert f'href="{reverse("screen_start")}"' in content  # Back goes to the age


def test_each_answer_leads_to_the_next_question_the_core_chooses(started: Client) -> None:
    answers: dict[str, str] = {}
    for number in range(1, 6):
        key = current_key(started, number)
        expected = safety.next_question(safety.Screening(age=40, answers=answers))
        assert key == expected
        response = started.post(question_url(number), {"key": key, "answer": "no"})
        assert response["Location"] == question_url(number + 1)
        answers[key] = "no"
    page = started.get(question_url(6))
    assert "Question 6" in page.content.decode()
    assert started.session[SESSION_KEY]["asked"] == [[k, "no"] for k in answers]
    assert not Screening.objects.exists()


def test_back_shows_the_previous_question_with_its_answer_kept(started: Client) -> None:
    first = current_key(started, 1)
    started.post(question_url(1), {"key": first, "answer": "not_sure"})
    page = started.get(question_url(2))
    assert f'href="{question_url(1)}"' in page.content.decode()
    back = started.get(question_url(1))
    assert back.context["key"] == first
    assert back.context["kept"] == "not_sure"
    assert b"your answer so far" in back.content


def test_the_same_answer_again_keeps_the_answers_after_it(started: Client) -> None:
    keys = []
    for number in (1, 2, 3):
        keys.append(current_key(started, number))
        started.post(question_url(number), {"key": keys[-1], "answer": "no"})
    response = started.post(question_url(1), {"key": keys[0], "answer": "no"})
    assert response["Location"] == question_url(2)
    assert [k for k, _ in started.session[SESSION_KEY]["asked"]] == keys


def test_a_changed_answer_sets_later_answers_aside_and_offers_them_again(
    started: Client,
) -> None:
    keys = []
    for number in (1, 2, 3):
        keys.append(current_key(started, number))
        started.post(question_url(number), {"key": keys[-1], "answer": "no"})
    started.post(question_url(2), {"key": keys[1], "answer": "not_sure"})
    state = started.session[SESSION_KEY]
    assert state["asked"] == [[keys[0], "no"], [keys[1], "not_sure"]]
    assert state["remembered"] == {keys[2]: "no"}
    page = started.get(question_url(3))
    if page.context["key"] == keys[2]:
        assert page.context["kept"] == "no"


def test_a_question_ahead_of_the_current_one_redirects_to_the_current_one(
    started: Client,
) -> None:
    assert started.get(question_url(9))["Location"] == question_url(1)
    assert started.get(question_url(0))["Location"] == question_url(1)


def test_a_question_without_a_screen_in_progress_goes_to_the_start(client: Client) -> None:
    assert client.get(question_url(1))["Location"] == reverse("screen_start")
    response = client.post(question_url(1), {"key": "fever", "answer": "yes"})
    assert response["Location"] == reverse("screen_start")


@pytest.mark.parametrize(
    "data",
    [
        {"key": "not_a_symptom", "answer": "yes"},
        {"key": "fever", "answer": "yes"},  # a real key, but not the question asked
        {"answer": "yes"},
        {"key": "<script>", "answer": "no"},
    ],
)
def test_a_forged_key_is_a_400_and_changes_nothing(started: Client, data: dict[str, str]) -> None:
    page = started.post(question_url(1), data)
    assert page.status_code == 400
    assert b"different question" in page.content
    assert started.session[SESSION_KEY]["asked"] == []
    assert not Screening.objects.exists()


@pytest.mark.parametrize("value", ["maybe", "", "YES", "true", "x" * 500])
def test_a_forged_answer_is_a_400_and_changes_nothing(started: Client, value: str) -> None:
    key = current_key(started, 1)
    page = started.post(question_url(1), {"key": key, "answer": value})
    assert page.status_code == 400
    assert b"Please choose Yes, No or Not sure" in page.content
    assert started.session[SESSION_KEY]["asked"] == []


def test_an_answer_to_a_question_not_yet_reached_is_a_400(started: Client) -> None:
    page = started.post(question_url(5), {"key": "fever", "answer": "yes"})
    assert page.status_code == 400
    assert page.context["number"] == 1


def test_a_tampered_session_is_treated_as_no_screen_in_progress(client: Client) -> None:
    session = client.session
    session[SESSION_KEY] = {"age": 40, "asked": [["fevr", "yes"]], "remembered": {}}
    session.save()
    assert client.get(question_url(1))["Location"] == reverse("screen_start")
    assert client.get(reverse("screen_start")).status_code == 200


def test_the_intro_offers_to_carry_on_or_start_again(started: Client) -> None:
    key = current_key(started, 1)
    started.post(question_url(1), {"key": key, "answer": "no"})
    page = started.get(reverse("screen_start"))
    assert b"Continue from question 2" in page.content
    assert page.context["form"]["age"].value() == 40
    started.post(reverse("screen_start"), {"action": "restart"})
    assert SESSION_KEY not in started.session


def test_the_same_age_again_keeps_the_answers(started: Client) -> None:
    key = current_key(started, 1)
    started.post(question_url(1), {"key": key, "answer": "no"})
    started.post(reverse("screen_start"), {"age": 40})
    assert started.session[SESSION_KEY]["asked"] == [[key, "no"]]


def test_a_new_age_starts_over_but_offers_the_answers_again(started: Client) -> None:
    key = current_key(started, 1)
    started.post(question_url(1), {"key": key, "answer": "no"})
    started.post(reverse("screen_start"), {"age": 70})
    state = started.session[SESSION_KEY]
    assert state["age"] == 70
    assert state["asked"] == []
    assert state["remembered"] == {key: "no"}
    assert started.get(question_url(1)).context["kept"] == "no"


def test_the_first_emergency_answer_stops_at_once_and_is_stored(
    started: Client, owner: User
) -> None:
    key = current_key(started, 1)
    response = started.post(question_url(1), {"key": key, "answer": "yes"})
    assert response["Location"] == reverse("stop")
    stored = Screening.objects.get()
    assert stored.owner == owner
    assert stored.disposition == "emergency"
    assert stored.answers == {key: "yes"}
    assert stored.age == 40
    assert stored.rules and stored.rules[0].startswith("E")
    assert stored.source == "web"
    assert SESSION_KEY not in started.session


def test_an_emergency_answer_later_in_the_screen_also_stops_at_once(started: Client) -> None:
    answers: dict[str, str] = {}
    number = 1
    while True:  # no to each question, until a later one whose yes alone is an emergency
        key = current_key(started, number)
        alarming = {**answers, key: "yes"}
        result = safety.screen(safety.Screening(age=40, answers=alarming))
        if number > 1 and result.disposition == "emergency":
            break
        started.post(question_url(number), {"key": key, "answer": "no"})
        answers[key] = "no"
        number += 1
    response = started.post(question_url(number), {"key": key, "answer": "yes"})
    assert response["Location"] == reverse("stop")
    stored = Screening.objects.get()
    assert stored.disposition == "emergency"
    assert stored.answers == alarming


def test_the_self_care_path_is_stored_and_shows_the_result(client: Client, owner: User) -> None:
    assert answer_all(client, desk_worker) == reverse("screen_result")
    stored = Screening.objects.get(owner=owner)
    assert stored.disposition == "self_care"
    assert stored.rules == []
    assert stored.answers["mechanical_trigger_identified"] == "yes"
    assert stored.result["disposition"] == "self_care"
    assert stored.created_at is not None
    assert SESSION_KEY not in client.session


def test_the_soon_path_is_stored_and_shows_the_result(client: Client) -> None:
    assert answer_all(client, no_to_all) == reverse("screen_result")
    assert Screening.objects.get().disposition == "soon"


def test_taking_the_screen_again_starts_fresh(client: Client) -> None:
    answer_all(client, desk_worker)
    page = client.get(reverse("screen_start"))
    assert page.context["progress"] is None
    assert b"This starts a fresh check" in page.content
    client.post(reverse("screen_start"), {"age": 40})
    assert client.get(question_url(1)).context["kept"] is None
    assert client.get(question_url(2))["Location"] == question_url(1)


def test_an_anonymous_person_is_sent_to_log_in() -> None:
    anonymous = Client()
    for url in (reverse("screen_start"), question_url(1), reverse("screen_result")):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    response = anonymous.post(question_url(1), {"key": "fever", "answer": "yes"})
    assert response["Location"].startswith(reverse("login"))
    assert not Screening.objects.exists()


def test_a_huge_question_number_is_never_a_500(started: Client) -> None:
    huge = 10**25
    assert started.get(question_url(huge))["Location"] == question_url(1)
    assert started.post(question_url(huge), {"key": "fever", "answer": "yes"}).status_code == 400
