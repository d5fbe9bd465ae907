"""The toolkit in a real browser: reached from the navigation, every tool a tap away."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import look

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_toolkit_is_one_tap_from_any_page_and_leads_to_the_advice(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Toolkit").click()
    page.wait_for_url("**/toolkit/")
    assert page.get_by_role("heading", name="Toolkit", level=1).is_visible()
    look(page, "toolkit")
    page.get_by_role("link", name="Advice").last.click()
    page.wait_for_url("**/advice/")
    current = page.get_by_role("navigation", name="Main").locator('[aria-current="page"]')
    assert current.inner_text() == "Toolkit"
