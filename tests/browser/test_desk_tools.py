"""The desk check, the calculator, looking down and standing, heat or cold, and sleep, filled in
on a phone-sized page the way a person would, with a look at each result."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, look, screenshot
from upback.core import desk_check as checking
from upback.core import heat_cold as hc

pytestmark = pytest.mark.django_db(transaction=True)


def choose(page: Any, name: str, value: str) -> None:
    page.locator(f"input[name='{name}'][value='{value}']").check()


def submit(page: Any, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_the_desk_check_gives_a_score_and_fixes_in_order(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    page.goto(f"{live_server.url}/desk/")
    look(page, "desk-check-form")
    answers = dict.fromkeys(checking.CHECK_KEYS, "yes")
    answers.update(breaks="no", screen_height="not_sure", laptop_raised="not_applicable")
    del answers["feet_supported"]
    for key, value in answers.items():
        choose(page, key, value)
    submit(page, "See my score")
    # One question left: the page says which, and keeps the rest.
    assert page.get_by_text("Question 8 is not answered yet.").is_visible()
    assert page.locator("input[name='breaks'][value='no']").is_checked()
    look(page, "desk-check-unanswered")
    choose(page, "feet_supported", "no")
    submit(page, "See my score")
    assert page.get_by_role("heading", name="A few changes will help").is_visible()
    assert page.locator(".score-number").inner_text() == "72"  # 6.5 of the 9 that apply
    fixes = page.locator(".fix-list > li h3")
    assert fixes.count() == 3
    assert fixes.first.inner_text() == checking.CHECK_ITEMS[0].question
    look(page, "desk-check-result")
    page.emulate_media(color_scheme="dark")
    assert_accessible(page)
    screenshot(page, "desk-check-result-dark")
    page.emulate_media(color_scheme="light")


def test_the_calculator_in_feet_and_inches_with_a_fixed_desk(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    page.goto(f"{live_server.url}/desk/calculator/")
    look(page, "desk-calc-form")
    page.get_by_label("Centimetres").fill("250")
    submit(page, "Work out my numbers")
    assert page.get_by_text("Please enter a height in cm between 120 and 220.").is_visible()
    assert page.get_by_label("Centimetres").input_value() == "250"
    page.get_by_label("Centimetres").fill("")
    page.get_by_label("Feet", exact=True).fill("5")
    page.get_by_label("Inches", exact=True).fill("8")
    page.get_by_text("Measured sizes (optional)").click()
    page.get_by_label("Your desk's height in cm").fill("76")
    page.get_by_label("I wear bifocals or varifocals").check()
    submit(page, "Work out my numbers")
    assert page.get_by_role("heading", name="Your numbers, for a height of 172.7 cm").is_visible()
    assert page.locator("table.figures tbody tr").count() == 6
    assert page.get_by_role("heading", name="Your fixed desk").is_visible()
    look(page, "desk-calc-result")


def test_looking_down_and_standing(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    page.goto(f"{live_server.url}/desk/neck/")
    page.get_by_label("How far does your head bend forward, in degrees?").fill("30")
    submit(page, "Show the modelled load")
    assert page.get_by_text("At 30°, the model gives about 18 kg (40 lb)").is_visible()
    assert page.get_by_text("It is a model.").is_visible()
    look(page, "desk-neck")


def test_heat_or_cold_answers_with_heat_and_how_to_use_it_safely(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    page.goto(f"{live_server.url}/heat-or-cold/")
    look(page, "heat-cold-form")
    page.get_by_label("Stiff").check()
    page.get_by_label("About how many days ago did it start? (optional)").fill("6")
    for key in hc.SAFETY_KEYS:
        choose(page, key, "no")
    submit(page, "Which should I use?")
    assert page.get_by_role("heading", name="Heat is the one to try").is_visible()
    assert page.get_by_text("Set a timer for 15 minutes").is_visible()
    look(page, "heat-cold-heat")

    choose(page, "diabetes", "not_sure")
    submit(page, "Ask again")
    assert page.get_by_role("heading", name="Neither heat nor cold for now").is_visible()
    look(page, "heat-cold-neither")

    choose(page, "diabetes", "no")
    page.get_by_label("Stiff").uncheck()
    page.get_by_label("Swollen").check()
    submit(page, "Ask again")
    assert page.get_by_role("heading", name="Cold is the one to try").is_visible()
    look(page, "heat-cold-cold")


def test_sleep_tips_for_a_stomach_sleeper(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    page.goto(f"{live_server.url}/sleep/")
    look(page, "sleep-form")
    choose(page, "position", "stomach")
    choose(page, "pillows", "2")
    choose(page, "mattress", "too_soft")
    choose(page, "waking_stiff", "yes")
    submit(page, "Show my tips")
    assert page.get_by_role("heading", name="You sleep on your stomach").is_visible()
    assert page.get_by_role("heading", name="Week 4").is_visible()
    look(page, "sleep-stomach")
