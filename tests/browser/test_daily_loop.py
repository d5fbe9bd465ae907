"""The whole daily loop, as a new person meets it: no instructions, just the pages.

Sign up → the safety screen (self-care path) → profile → plan → a whole guided session (fast
test clock) → the daily check-in → the journal.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import look
from tests.browser.drive import finish_the_session, pick, run_the_session, take_the_screen
from tests.examples import MECHANICAL_TRIGGER

pytestmark = pytest.mark.django_db(transaction=True)


def desk_worker(key: str) -> str:
    return "yes" if key in MECHANICAL_TRIGGER else "no"


def test_a_new_person_goes_from_sign_up_to_a_recorded_session_and_check_in(
    page: Any, live_server: Any
) -> None:
    from upback.coach.models import CheckIn, GuidedSession, Plan, Screening

    page.goto(live_server.url)
    page.get_by_role("link", name="Get started").click()
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password", exact=True).fill("a calm back 2026")
    page.get_by_label("Password confirmation").fill("a calm back 2026")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/screen/")
    assert page.get_by_text("Everything you record is kept in").is_visible()

    take_the_screen(page, desk_worker)
    assert Screening.objects.get().disposition == "self_care"
    page.get_by_role("link", name="Continue to your profile").click()

    page.get_by_label("I sit at a desk or a screen most of the day").check()
    page.get_by_label("Long hours sitting at a screen").check()
    page.get_by_label("Tight, achy or stiff").check()
    page.get_by_label("Roughly how many weeks have you had it?").fill("6")
    page.get_by_label("How many minutes a day can you give it?").fill("10")
    page.get_by_label("2 days a week").check()
    page.get_by_label("On my side").check()
    page.get_by_role("button", name="Make my plan").click()
    assert page.url.endswith("/plan/")
    assert Plan.objects.get().version == 1
    look(page, "loop-plan")

    page.get_by_role("link", name="Today", exact=True).click()
    page.get_by_role("link", name=re.compile("^Start")).first.click()
    page.wait_for_url("**/session/start/**")
    page.goto(page.url + ("&" if "?" in page.url else "?") + "speed=60")
    pick(page, "pain", "5")
    page.get_by_role("button", name="Start the session").click()
    run_the_session(page)
    answered = finish_the_session(page, pain_after="3")
    assert page.get_by_text("Your pain went from 5 to 3.").is_visible()
    session = GuidedSession.objects.get()
    assert session.finished_at is not None and session.pain_after == 3
    items = list(session.items.all())
    assert answered == len(items) > 0
    assert all(i.status == "done" and i.feeling and i.pain_during is not None for i in items)

    page.get_by_role("link", name="Check-in", exact=True).click()
    pick(page, "pain", "3")
    pick(page, "stiffness", "4")
    pick(page, "sleep_quality", "7")
    pick(page, "stress", "2")
    page.get_by_label("None of these").check()
    page.get_by_role("button", name=re.compile("Save")).click()
    assert CheckIn.objects.get().pain == 3

    page.get_by_role("link", name="Journal", exact=True).click()
    assert page.get_by_text("Today").first.is_visible()
    assert page.get_by_text(re.compile(r"5 before, 3 after")).first.is_visible()
    look(page, "loop-journal")
