"""The sleep page: prefilled from the profile, advice by position, bad input kept with a 400."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.coach.views.test_plans import person, with_plan

pytestmark = pytest.mark.django_db

URL = "/sleep/"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_lives_at_sleep_and_needs_login() -> None:
    assert reverse("sleep") == URL
    response = Client().get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_without_a_profile_it_asks_how_you_sleep() -> None:
    response = client_for(person("ana", result=None)).get(URL)
    assert response.status_code == 200
    assert response.context["plan"] is None
    html = response.content.decode()
    assert "<h1>Sleep and your back</h1>" in html
    assert 'value="stomach"' in html and "checked" not in html


def test_the_profile_position_is_chosen_and_its_advice_shown_at_once() -> None:
    ana = person("ana")
    with_plan(ana, sleep_position="back")
    response = client_for(ana).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="back" id="id_position_1" required checked' in html
    assert "You sleep on your back" in html and "From your profile." in html
    assert "A small towel roll under your neck" in html


def test_side_sleepers_get_a_thicker_pillow_and_a_pillow_between_the_knees() -> None:
    html = client_for(person("ana")).get(URL, {"position": "side"}).content.decode()
    assert "firmer, thicker pillow" in html
    assert "A pillow between your knees" in html
    assert "Moving off your stomach" not in html


def test_stomach_sleepers_get_the_week_by_week_change() -> None:
    client = client_for(person("ana"))
    html = client.get(
        URL, {"position": "stomach", "pillows": "2", "mattress": "too_soft", "waking_stiff": "yes"}
    ).content.decode()
    assert "Moving off your stomach, a week at a time" in html
    assert html.count("<h3>Week ") == 4
    assert "very thin" in html
    assert "You said your mattress feels too soft" in html
    assert "Waking up stiff" in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"position": "upside_down"}, "position", "Please choose one of the options listed."),
        ({"pillows": "1"}, "position", "Please choose how you usually sleep."),
        ({"position": "side", "pillows": "9"}, "pillows", "Please choose one of the options"),
        ({"position": "side", "mattress": "bouncy"}, "mattress", "Please choose one of the"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_with_the_input_kept(
    query: dict[str, str], field: str, message: str
) -> None:
    response = client_for(person("ana")).get(URL, {"waking_stiff": "yes", **query})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "Please check the form" in response.content.decode()
    assert 'value="yes" id="id_waking_stiff_0" checked' in response.content.decode()
    assert response.context["plan"] is None
