"""The calendar page in a real browser: choose a routine time, see what the calendar will hold,
make a private link, copy it, replace it and turn it off."""

from __future__ import annotations

import re
from typing import Any

import pytest
from icalendar import Calendar

from tests.browser.conftest import assert_accessible, look, screenshot
from tests.examples import GUIDE_PROFILE

pytestmark = pytest.mark.django_db(transaction=True)


def _screened_with_plan(result: str = "self_care") -> Any:
    from django.contrib.auth.models import User

    from tests.coach.views.test_plans import screened
    from upback.coach.services.plans import plan_create, profile_save
    from upback.core.profile import parse_profile

    user = User.objects.get()
    screened(user)
    core = parse_profile(GUIDE_PROFILE)
    profile_save(owner=user, profile=core)
    plan_create(owner=user, profile=core)
    if result != "self_care":
        screened(user, result)
    return user


def test_a_person_sets_a_time_and_makes_copies_and_turns_off_a_private_link(
    signed_up: Any, live_server: Any
) -> None:
    from upback.coach.models import Account, CalendarFeed

    page = signed_up
    user = _screened_with_plan()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/calendar/")
    assert page.get_by_role("heading", name="Your program in your calendar", level=1).is_visible()
    assert page.get_by_text("Choose a time first.").is_visible()
    look(page, "calendar-no-time")

    # A browser without a time picker lets people type anything: the answer keeps it and says why.
    page.locator("#id_routine_time").evaluate("input => { input.type = 'text'; }")
    page.get_by_label("Routine time").fill("half seven")
    page.get_by_role("button", name="Save the time").click()
    assert page.get_by_text("Please give the routine time as hours and minutes").is_visible()
    assert page.get_by_label("Routine time").input_value() == "half seven"
    look(page, "calendar-time-error")

    page.get_by_label("Routine time").fill("07:30")
    page.get_by_role("button", name="Save the time").click()
    page.wait_for_url(re.compile(r"/calendar/$"))
    assert page.get_by_text("Saved: your routine is at 07:30 each day.").is_visible()
    assert page.get_by_text("Mondays, Wednesdays and Fridays at 07:30").is_visible()
    assert Account.objects.get(owner=user).routine_time.strftime("%H:%M") == "07:30"
    look(page, "calendar")

    page.get_by_role("button", name="Make a private link").click()
    link = page.get_by_label("Your private link")
    link.wait_for()
    url = link.input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/calendar/feed/[\w-]{{43}}\.ics", url)
    # htmx swapped in the section only and put the focus on it, for a screen reader.
    page.wait_for_function("document.activeElement.id === 'subscription'")
    assert (
        page.get_by_role("link", name="Open in my calendar app").get_attribute("href")
        == "webcal://" + url.split("://", 1)[1]
    )

    copy = page.get_by_role("button", name="Copy link")
    assert copy.is_visible()
    copy.click()
    page.get_by_text("Copied. Now paste it into your calendar app.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == url
    page.get_by_text("Google Calendar", exact=True).click()
    assert page.get_by_text("From URL").is_visible()
    look(page, "calendar-link")
    page.emulate_media(color_scheme="dark")
    assert_accessible(page)
    screenshot(page, "calendar-link-dark")
    page.emulate_media(color_scheme="light")

    feed = page.request.get(url)
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    names = [str(e["SUMMARY"]) for e in Calendar.from_ical(feed.body()).events]
    assert "Strength day – upback routine" in names

    page.get_by_role("button", name="Make a new link").click()
    page.wait_for_function("old => document.getElementById('feed-url')?.value !== old", arg=url)
    new_url = page.get_by_label("Your private link").input_value()
    assert new_url != url
    assert page.request.get(url).status == 404
    assert page.request.get(new_url).status == 200

    page.reload()
    assert page.get_by_text("Your private link is on.").is_visible()
    assert page.get_by_label("Your private link").count() == 0
    page.get_by_role("button", name="Turn off the link").click()
    page.get_by_text("Your private link is off.").wait_for()
    assert not CalendarFeed.objects.filter(owner=user).exists()
    assert page.request.get(new_url).status == 404
    look(page, "calendar-link-off")


def test_while_stopped_the_page_says_exercises_are_on_hold(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    _screened_with_plan("urgent")
    page.goto(f"{live_server.url}/calendar/")
    assert page.get_by_text("Your exercises are on hold until you have been checked").is_visible()
    assert page.get_by_text("Strength day", exact=False).count() == 0
    assert page.get_by_text("strength days").count() == 0
    look(page, "calendar-on-hold")
