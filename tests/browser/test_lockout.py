"""The sign-in pause in a real browser: after five wrong passwords a calm page says when to try
again, and the right password does not get through until then."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import look

pytestmark = pytest.mark.django_db(transaction=True)


def test_five_wrong_passwords_pause_signing_in_with_a_calm_page(
    page: Any, live_server: Any
) -> None:
    from django.contrib.auth.models import User

    User.objects.create_user("ana", password="a calm back 2026")
    for _ in range(5):
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Username").fill("ana")
        page.get_by_label("Password").fill("not my password")
        page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("heading", name="Sign-in paused for a while").is_visible()
    assert page.get_by_text("try again in 15 minutes").is_visible()
    look(page, "login-paused")

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a calm back 2026")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("heading", name="Sign-in paused for a while").is_visible()
