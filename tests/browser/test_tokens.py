"""API access in a real browser: make a token, copy it, use it, revoke it; and the API docs page
running under the strict Content-Security-Policy."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import look, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_person_makes_a_token_uses_it_and_revokes_it(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    page.goto(f"{live_server.url}/account/tokens/")
    assert page.get_by_role("heading", name="API access", level=1).is_visible()
    look(page, "tokens-empty")

    page.get_by_label("Name").fill("laptop script")
    page.get_by_role("button", name="Make a token").click()
    secret = page.get_by_label("Your new token").input_value()
    assert secret.startswith("ub_")
    assert page.get_by_role("button", name="Copy token").is_visible()
    look(page, "tokens-made")

    answer = page.request.get(
        f"{live_server.url}/api/v1/progress", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status == 200
    assert answer.json()["days_tracked"] == 0

    page.goto(f"{live_server.url}/account/tokens/")
    assert page.get_by_text("laptop script", exact=True).is_visible()
    assert page.get_by_text("last used").is_visible()
    page.get_by_role("link", name="Revoke “laptop script”").click()
    assert page.get_by_role("heading", name="Revoke “laptop script”?").is_visible()
    look(page, "tokens-revoke")
    page.get_by_role("button", name="Revoke the token").click()
    assert page.get_by_text("is revoked").is_visible()
    assert page.get_by_text("You have no tokens").is_visible()

    refused = page.request.get(
        f"{live_server.url}/api/v1/progress", headers={"Authorization": f"Bearer {secret}"}
    )
    assert refused.status == 401


def test_a_blank_name_is_explained_next_to_the_field(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    page.goto(f"{live_server.url}/account/tokens/")
    page.get_by_role("button", name="Make a token").click()
    assert page.get_by_text("Please give the token a name.").is_visible()
    look(page, "tokens-blank-name")


def test_the_api_docs_run_under_the_strict_csp(browser: Any, live_server: Any) -> None:
    # A context that keeps the CSP (the shared one bypasses it so axe-core can be injected).
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "upback API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/v1/checkins").first.wait_for()
    assert not blocked, blocked
    screenshot(page, "api-docs")
    context.close()
