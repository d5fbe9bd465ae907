"""Sign-up, log in and out in a real browser; the landing and auth pages pass axe-core."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import look


def test_the_landing_page_invites_a_new_person_to_start(page: Any, live_server: Any) -> None:
    page.goto(live_server.url)
    assert page.get_by_role("link", name="Get started").is_visible()
    look(page, "home")


def test_the_sign_up_and_log_in_pages_are_accessible(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/signup/")
    look(page, "signup")
    page.goto(f"{live_server.url}/login/")
    look(page, "login")


def test_sign_up_takes_the_browser_time_zone_and_leads_to_the_safety_check(
    signed_up: Any, live_server: Any
) -> None:
    from upback.coach.models import Account

    page = signed_up
    assert "/screen/" in page.url
    assert Account.objects.get().time_zone == "UTC"  # headless chromium's zone
    page.goto(f"{live_server.url}/account/")
    look(page, "account")
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{live_server.url}/today/")
    assert "/login/" in page.url
