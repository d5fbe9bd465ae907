"""The workstation pages: the desk check, the calculator, and looking down and standing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.coach.views.test_plans import person
from upback.core import desk_check as checking

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ana() -> Client:
    return client_for(person("ana"))


def all_yes(**changes: str) -> dict[str, str]:
    return {**dict.fromkeys(checking.CHECK_KEYS, "yes"), **changes}


@pytest.mark.parametrize(
    ("name", "url"),
    [("desk_check", "/desk/"), ("desk_calc", "/desk/calculator/"), ("desk_neck", "/desk/neck/")],
)
def test_each_page_has_its_address_and_needs_login(name: str, url: str) -> None:
    assert reverse(name) == url
    response = Client().get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_check_asks_every_question_with_yes_no_and_not_sure(ana: Client) -> None:
    response = ana.get("/desk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Check your workstation</h1>" in html
    for item in checking.CHECK_ITEMS:
        assert item.question.replace("'", "&#x27;") in html
    assert html.count('value="not_sure"') == len(checking.CHECK_ITEMS)
    assert "I don&#x27;t use a laptop" in html


def test_the_check_works_before_any_safety_screen_as_it_shows_no_exercise() -> None:
    new = client_for(person("bo", result=None))
    assert new.get("/desk/").status_code == 200


def test_all_yes_is_a_good_set_up_with_nothing_to_fix(ana: Client) -> None:
    response = ana.post("/desk/", all_yes())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Good set-up" in html
    assert '<span class="score-number">100</span>' in html
    assert "Nothing to fix" in html


def test_the_fixes_come_most_useful_first_each_with_why_and_how(ana: Client) -> None:
    response = ana.post(
        "/desk/", all_yes(feet_supported="no", breaks="not_sure", screen_height="no")
    )
    assert response.context["result"].score == 75
    html = response.content.decode()
    assert "A few changes will help" in html
    order = [html.index(checking.CHECK_ITEMS[i].fix.replace("'", "&#x27;")) for i in (0, 1, 7)]
    assert order == sorted(order)
    assert html.count("Why it matters:") == 3 and html.count("What to do:") == 3
    assert "You were not sure." in html and "You answered no." in html
    assert 'href="/desk/calculator/"' in html


def test_no_laptop_is_not_counted_against_the_desk(ana: Client) -> None:
    response = ana.post("/desk/", all_yes(laptop_raised="not_applicable"))
    assert response.context["result"].score == 100


def test_the_answers_stay_chosen_after_the_check(ana: Client) -> None:
    html = ana.post("/desk/", all_yes(breaks="no")).content.decode()
    assert 'name="breaks" value="no" id="id_breaks_1" required checked' in html


def test_unanswered_questions_are_named_with_400_and_the_answers_kept(ana: Client) -> None:
    answers = all_yes(breaks="no")
    del answers["screen_height"], answers["lumbar_support"]
    response = ana.post("/desk/", answers)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Questions 2 and 9 are not answered yet." in html
    assert html.count("Please answer this question.") == 2
    assert 'value="no" id="id_breaks_1" required checked' in html
    assert response.context["result"] is None


def test_a_made_up_answer_is_a_400_not_a_500(ana: Client) -> None:
    response = ana.post("/desk/", all_yes(breaks="maybe"))
    assert response.status_code == 400
    assert "Question 1 is not answered yet." in response.content.decode()


def test_while_a_warning_sign_is_active_the_fixes_say_to_hold_any_stretching() -> None:
    held = client_for(person("cy", result="urgent"))
    html = held.post("/desk/", all_yes(breaks="no")).content.decode()
    assert "put on hold any stretching or exercise these fixes mention" in html


# The calculator ---------------------------------------------------------------------------


def test_the_calculator_starts_with_an_empty_form(ana: Client) -> None:
    response = ana.get("/desk/calculator/")
    assert response.status_code == 200
    assert response.context["numbers"] is None
    assert "<h1>Desk calculator</h1>" in response.content.decode()


def test_a_height_in_cm_gives_each_figure_with_its_source(ana: Client) -> None:
    response = ana.get("/desk/calculator/", {"height_cm": "170"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "for a height of 170 cm" in html
    assert "45.1 cm" in html  # the reference's worked example: seat 451 mm
    assert "99.1 cm – 105.4 cm" in html  # monitor centre 991-1054 mm
    assert html.count("Source: ") >= 6
    assert "HFES" in html and "OSHA" in html
    assert "bodies vary" in html


def test_feet_and_inches_work_too_and_show_inches(ana: Client) -> None:
    response = ana.get("/desk/calculator/", {"height_ft": "5", "height_in": "7"})
    assert response.status_code == 200
    numbers = response.context["numbers"]
    assert numbers.height_cm == pytest.approx(170.2)
    assert " in</span>" in response.content.decode()


def test_a_fixed_high_desk_gives_a_chair_height_and_a_footrest(ana: Client) -> None:
    html = ana.get(
        "/desk/calculator/", {"height_cm": "172", "fixed_desk_cm": "76"}
    ).content.decode()
    assert "Your fixed desk" in html
    assert "add a footrest of 57 mm" in html
    assert "<strong>Footrest:</strong> about 5.7 cm high" in html


def test_bifocals_lower_the_screen(ana: Client) -> None:
    plain = ana.get("/desk/calculator/", {"height_cm": "172"}).context["numbers"]
    lowered = ana.get("/desk/calculator/", {"height_cm": "172", "bifocals": "on"}).context[
        "numbers"
    ]
    assert lowered.monitor_centre.high_mm < plain.monitor_centre.high_mm


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"height_cm": "250"}, "height_cm", "Please enter a height in cm between 120 and 220."),
        ({"height_cm": "tall"}, "height_cm", "Please enter a height in cm between 120 and 220."),
        ({"shoes": "25"}, "height_cm", "Please enter your height, in cm or in feet and inches."),
        ({"height_in": "7"}, "height_ft", "Please add the feet as well as the inches."),
        ({"height_ft": "3", "height_in": "2"}, "height_ft", "That is 96.5 cm"),
        ({"height_cm": "170", "distance_cm": "20"}, "distance_cm", "a distance in cm"),
        ({"height_cm": "170", "fixed_desk_cm": "x"}, "fixed_desk_cm", "a desk height in cm"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_with_the_input_kept(
    ana: Client, query: dict[str, str], field: str, message: str
) -> None:
    response = ana.get("/desk/calculator/", query)
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "Please check the form" in html
    for name, value in query.items():
        if name != "shoes":
            assert f'name="{name}" value="{value}"' in html


# Looking down, and standing ----------------------------------------------------------------


def test_the_neck_page_shows_the_model_its_caveat_and_the_standing_plan(ana: Client) -> None:
    response = ana.get("/desk/neck/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "It is a model." in html and "not measured in people" in html
    assert "about 27 kg (60 lb)" in html
    assert "15–20 minutes" in html and "30–35 minutes" in html
    assert "CSA Z412" in html and "Hansraj" in html


def test_an_angle_gives_the_modelled_load_as_a_reason_to_vary_posture(ana: Client) -> None:
    html = ana.get("/desk/neck/", {"angle": "45"}).content.decode()
    assert "At 45°, the model gives about <strong>22 kg</strong> (49 lb)" in html
    assert "variety helps" in html


@pytest.mark.parametrize("angle", ["90", "-5", "lots", ""])
def test_a_bad_angle_is_a_400_with_the_field_named(ana: Client, angle: str) -> None:
    response = ana.get("/desk/neck/", {"angle": angle})
    assert response.status_code == 400
    assert "Please enter an angle in degrees between 0 and 60." in response.content.decode()
    assert f'name="angle" value="{angle}"' in response.content.decode() or angle == ""


def test_while_a_warning_sign_is_active_the_standing_plan_is_held_kindly() -> None:
    held = client_for(person("cy", result="urgent"))
    html = held.get("/desk/neck/").content.decode()
    assert "holding the standing plan until you have been checked" in html
    assert "15–20 minutes" not in html
    assert "It is a model." in html
