"""Two habits for a month in a real browser: the pick (a wrong count kept with its message), the
running month with its grids, ticking on Today without a reload and with the keyboard, and the
summary at the month's end."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, look, screenshot
from tests.browser.drive import eventually
from tests.examples import GUIDE_PROFILE

pytestmark = pytest.mark.django_db(transaction=True)


def _screened_with_plan() -> Any:
    from django.contrib.auth.models import User

    from tests.coach.views.test_plans import screened
    from upback.coach.services.plans import plan_create, profile_save
    from upback.core.profile import parse_profile

    user = User.objects.get()
    screened(user)
    profile = parse_profile(GUIDE_PROFILE)
    profile_save(owner=user, profile=profile)
    plan_create(owner=user, profile=profile)
    return user


def _today(user: Any) -> dt.date:
    from upback.coach.selectors.accounts import local_today

    return local_today(owner=user)


def test_picking_two_habits_on_the_page(signed_up: Any, live_server: Any) -> None:
    from upback.coach.models import HabitMonth

    page = signed_up
    user = _screened_with_plan()
    page.goto(f"{live_server.url}/habits/")
    assert page.get_by_role("heading", name="Two habits for a month", level=1).is_visible()
    assert page.locator(".tag.suggested").count() == 2
    look(page, "habits-pick")

    # One is not two: the page says so and keeps what was chosen and written.
    page.get_by_label("Stand or walk when you are on a call").check()
    page.get_by_label("Remind me each day at (optional)").fill("20:15")
    page.get_by_role("button", name="Start my month").click()
    assert page.get_by_text("Please pick two habits (you picked 1).").is_visible()
    assert page.get_by_label("Stand or walk when you are on a call").is_checked()
    assert page.get_by_label("Remind me each day at (optional)").input_value() == "20:15"
    look(page, "habits-pick-error")

    page.get_by_label("A habit of your own (optional)").fill("Walk the dog before work")
    page.get_by_role("button", name="Start my month").click()
    page.wait_for_url(re.compile(r"/habits/$"))
    assert page.get_by_role("heading", name="Your two habits", level=1).is_visible()
    assert page.get_by_text("Your habit month has started: 30 days, until").is_visible()
    month = HabitMonth.objects.get(owner=user)
    assert [h["slug"] for h in month.habits] == ["walk_and_talk", "walk_the_dog_before_work"]
    assert page.locator("table.habit-grid").count() == 2
    assert page.locator("table.habit-grid caption").first.is_visible()
    look(page, "habits-month")


def test_ticking_on_the_habits_page_keeps_focus_and_updates_the_grid(
    signed_up: Any, live_server: Any
) -> None:
    from upback.coach.models import HabitCheck
    from upback.coach.services.habits import habit_check, habit_month_start

    page = signed_up
    user = _screened_with_plan()
    today = _today(user)
    start = today - dt.timedelta(days=6)
    habit_month_start(owner=user, habits=["hourly_squeezes", "Tea with no screen"], today=start)
    for back in (6, 5, 4, 2):
        day = today - dt.timedelta(days=back)
        habit_check(owner=user, slug="hourly_squeezes", local_date=day, today=today)
    habit_check(owner=user, slug="tea_with_no_screen", local_date=start, today=today)
    page.goto(f"{live_server.url}/habits/")
    page.evaluate("window.notReloaded = true")

    button = page.locator("#tick-habits-today-hourly_squeezes")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#tick-habits-today-hourly_squeezes[aria-pressed='true']")
    assert page.evaluate("window.notReloaded === true")
    assert page.evaluate("document.activeElement.id") == "tick-habits-today-hourly_squeezes"
    assert page.locator("#habit-said").inner_text().startswith("Ticked “Shoulder blade")
    grid = page.locator("table.habit-grid").first
    assert grid.get_by_text(f"{today.day} {today:%B}: kept").count() == 1
    eventually(lambda: HabitCheck.objects.filter(local_date=today).count() == 1)
    look(page, "habits-month-ticked")
    page.emulate_media(color_scheme="dark")
    assert_accessible(page)
    screenshot(page, "habits-month-dark")
    page.emulate_media(color_scheme="light")

    # Taking it back works the same way.
    page.keyboard.press("Enter")
    page.wait_for_selector("#tick-habits-today-hourly_squeezes[aria-pressed='false']")
    eventually(lambda: not HabitCheck.objects.filter(local_date=today).exists())


def test_ticking_todays_habits_on_today_without_a_reload(signed_up: Any, live_server: Any) -> None:
    from upback.coach.models import HabitCheck
    from upback.coach.services.habits import habit_month_start

    page = signed_up
    user = _screened_with_plan()
    page.goto(f"{live_server.url}/today/")
    invitation = page.get_by_role("link", name="Pick two habits for a month")
    assert invitation.is_visible()
    look(page, "today-habits-invitation")

    habit_month_start(owner=user, habits=["movement_breaks", "Walk the dog before work"])
    page.reload()
    page.evaluate("window.notReloaded = true")
    tick = page.get_by_role("button", name="Walk the dog before work")
    assert tick.get_attribute("aria-pressed") == "false"
    tick.click()
    page.wait_for_selector("#tick-today-today-walk_the_dog_before_work[aria-pressed='true']")
    assert page.evaluate("window.notReloaded === true")
    assert page.locator("#habit-today").get_by_text("Kept 1 of 1 day so far").is_visible()
    eventually(lambda: HabitCheck.objects.filter(habit="walk_the_dog_before_work").exists())
    look(page, "today-habits")


def test_the_summary_at_the_months_end_offers_the_next_pick(
    signed_up: Any, live_server: Any
) -> None:
    from upback.coach.services.habits import habit_check, habit_month_start

    page = signed_up
    user = _screened_with_plan()
    today = _today(user)
    start = today - dt.timedelta(days=30)
    habit_month_start(owner=user, habits=["hourly_squeezes", "Tea with no screen"], today=start)
    for n in range(30):
        day = start + dt.timedelta(days=n)
        if n % 6:
            habit_check(owner=user, slug="hourly_squeezes", local_date=day, today=today)
        if n % 2:
            habit_check(owner=user, slug="tea_with_no_screen", local_date=day, today=today)
    page.goto(f"{live_server.url}/habits/")
    assert page.get_by_role("heading", name="How your habit month went", level=1).is_visible()
    assert page.get_by_text("it has probably become a habit by now").is_visible()
    assert page.get_by_text("worth another month").is_visible()
    assert page.get_by_role("checkbox", name="Shoulder blade squeezes every hour").is_checked()
    assert page.get_by_label("A habit of your own (optional)").input_value() == (
        "Tea with no screen"
    )
    look(page, "habits-summary")
