"""Progress and the review in a real browser: the empty page, three weeks of check-ins and
sessions as charts with their numbers behind a toggle, Today's advice, and a whole review."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, look, screenshot
from tests.browser.drive import pick
from tests.examples import GUIDE_PROFILE

pytestmark = pytest.mark.django_db(transaction=True)


def _screened_with_plan(**profile: Any) -> Any:
    from django.contrib.auth.models import User

    from tests.coach.views.test_plans import screened
    from upback.coach.services.plans import plan_create, profile_save
    from upback.core.profile import parse_profile

    user = User.objects.get()
    screened(user)
    core = parse_profile({**GUIDE_PROFILE, **profile})
    profile_save(owner=user, profile=core)
    plan_create(owner=user, profile=core)
    return user


def test_a_new_person_sees_an_empty_progress_page(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    _screened_with_plan()
    page.goto(f"{live_server.url}/progress/")
    assert page.get_by_role(
        "heading", name="Check in for a few days to see your trend"
    ).is_visible()
    assert page.locator("svg[role=img]").count() == 0
    look(page, "progress-empty")


def test_three_weeks_of_data_show_as_charts_with_numbers_and_lead_to_a_review(
    signed_up: Any, live_server: Any
) -> None:
    from tests.coach.views.test_progress import seed_journal
    from upback.coach.models import Plan, Review

    page = signed_up
    user = _screened_with_plan(strength_days_per_week=2)
    seed_journal(user, "improving", days=30)

    page.goto(f"{live_server.url}/progress/")
    assert page.get_by_role("heading", name="Your progress", level=1).is_visible()
    charts = page.locator("svg[role=img]:visible")
    assert charts.count() == 3
    assert page.get_by_text("When you started", exact=True).is_visible()
    look(page, "progress")
    page.emulate_media(color_scheme="dark")
    assert_accessible(page)
    screenshot(page, "progress-dark")
    page.emulate_media(color_scheme="light")

    # The numbers sit behind a toggle, and open with the keyboard.
    table = page.locator("details.numbers").first.locator("table")
    assert not table.is_visible()
    toggle = page.get_by_text("Show the numbers").first
    toggle.focus()
    page.keyboard.press("Enter")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 30
    look(page, "progress-numbers")

    page.get_by_role("link", name="2 weeks").click()
    page.wait_for_url(re.compile(r"range=2w"))
    page.get_by_text("Show the numbers").first.click()
    assert page.locator("details.numbers").first.locator("tbody tr").count() == 14

    # Today offers the review (the data began over 4 weeks ago).
    page.get_by_role("link", name="Today", exact=True).click()
    assert page.get_by_role("heading", name="Time for your 4-6-week review").is_visible()
    look(page, "today-advice")
    page.get_by_role("link", name="Start your review").click()
    page.wait_for_url(re.compile(r"/review/$"))
    look(page, "review-form")

    # A first try with an activity left out is kept, with the problem named.
    page.get_by_label("Activity 1").fill("Carrying shopping")
    pick(page, "score_1", "4")
    page.get_by_label("Activity 2").fill("Sitting through a meeting")
    pick(page, "score_2", "5")
    pick(page, "score_3", "6")
    page.get_by_label("Much improved", exact=True).check()
    page.get_by_role("button", name="See my next step").click()
    assert page.get_by_text("Please name activity 3 in a few words.").is_visible()
    assert page.get_by_label("Activity 1").input_value() == "Carrying shopping"
    look(page, "review-form-error")
    page.get_by_label("Activity 3").fill("Reaching up to a shelf")
    page.get_by_role("button", name="See my next step").click()
    page.wait_for_url(re.compile(r"/review/\d+/$"))
    assert page.get_by_role("heading", name="More strength, a step at a time").is_visible()
    look(page, "review-result")
    page.emulate_media(color_scheme="dark")
    screenshot(page, "review-result-dark")
    page.emulate_media(color_scheme="light")

    page.get_by_role("button", name="Yes, make my new plan").click()
    page.wait_for_url(re.compile(r"/plan/$"))
    assert page.get_by_text("Your new plan is ready (version 2)").is_visible()
    assert Plan.objects.filter(owner=user).count() == 2
    assert Review.objects.get(owner=user).proposal["decision"] == "accepted"

    # The next review starts from the same activities.
    page.goto(f"{live_server.url}/review/")
    assert page.get_by_label("Activity 1").input_value() == "Carrying shopping"


def test_worsening_pain_puts_the_safety_check_on_today(signed_up: Any, live_server: Any) -> None:
    from tests.coach.views.test_progress import seed_journal

    page = signed_up
    user = _screened_with_plan()
    seed_journal(user, "worsening", days=21)
    page.goto(f"{live_server.url}/today/")
    box = page.locator(".advice-safety")
    assert box.is_visible()
    assert box.get_by_role("link", name="Take the safety check now").is_visible()
    look(page, "today-advice-worsening")
    page.goto(f"{live_server.url}/progress/")
    look(page, "progress-worsening")
