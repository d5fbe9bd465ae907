"""The library and advice in a real browser: filter, search, open a technique, read the advice."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import look

pytestmark = pytest.mark.django_db(transaction=True)

TOPICS = [
    "Heat or cold",
    "Desk set-up",
    "Sleep",
    "Daily habits",
    "Common mistakes",
    "What to expect, and when",
    "When to get help",
]


def _screen_the_person(**extra: str) -> None:
    """Record a screening for the one signed-up person: all 'no' and a mechanical trigger."""
    from django.contrib.auth.models import User

    from upback.coach import services
    from upback.core.safety import SYMPTOM_KEYS, parse_screening

    answers = {key: "no" for key in SYMPTOM_KEYS}
    answers.update(
        upper_back_pain="yes",
        mechanical_trigger_identified="yes",
        prolonged_sitting_or_screen_use="yes",
        pain_reproduced_by_movement_or_pressure="yes",
        pain_eases_with_movement_or_position_change="yes",
        **extra,
    )
    screening = parse_screening({"age": 40, "answers": answers})
    services.screening_record(owner=User.objects.get(), screening=screening)


def _result_names(page: Any) -> list[str]:
    return page.locator("#results .technique-card h3").all_inner_texts()


def test_a_person_filters_the_library_opens_a_technique_and_its_easier_version(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    _screen_the_person()
    page.goto(f"{live_server.url}/library/")
    assert page.get_by_role("heading", level=1, name="Library").is_visible()
    everything = len(_result_names(page))
    assert everything > 30
    look(page, "library")

    # Choosing a kind updates the list in place (htmx) and the address, so it can be shared.
    page.get_by_label("Kind").select_option("stretch")
    page.wait_for_url(re.compile(r"kind=stretch"))
    page.wait_for_function("document.querySelectorAll('#results .kind-group').length === 1")
    assert page.locator("#results h2").all_inner_texts() == ["Stretches"]
    assert "Doorway chest stretch" in _result_names(page)
    expect(page.locator("#result-count")).to_have_text(re.compile(r"^\d+ techniques match\.$"))

    # No floor work and a search word narrow it further.
    page.get_by_label("Position").select_option("no_floor")
    page.wait_for_url(re.compile(r"position=no_floor"))
    page.get_by_label("Search").fill("chest")
    page.wait_for_url(re.compile(r"q=chest"))
    page.wait_for_function("document.querySelectorAll('#results .technique-card').length === 2")
    assert sorted(_result_names(page)) == ["Doorway chest stretch", "Seated chest opener"]

    # A search with nothing in it says so kindly.
    page.get_by_label("Search").fill("zebra")
    page.wait_for_url(re.compile(r"q=zebra"))
    expect(page.get_by_text("No techniques match those filters.")).to_be_visible()
    look(page, "library-empty")

    # Back to the chest results by the browser's own history, then open one.
    page.go_back()
    page.wait_for_url(re.compile(r"q=chest$|q=chest&"))
    page.get_by_role("link", name="Doorway chest stretch").click()
    page.wait_for_url(re.compile(r"/library/doorway_pec_stretch/$"))
    assert page.get_by_role("heading", level=1, name="Doorway chest stretch").is_visible()
    assert page.locator("ol.steps li").count() >= 2
    assert page.get_by_role("heading", name="Take care").is_visible()
    look(page, "library-detail")

    page.get_by_role("link", name="Seated chest opener").click()
    page.wait_for_url(re.compile(r"/library/seated_chest_opener/$"))
    assert page.get_by_role("heading", level=1, name="Seated chest opener").is_visible()
    assert page.get_by_role("link", name="Doorway chest stretch").is_visible()


def test_the_filter_form_works_without_javascript(
    browser: Any, live_server: Any, signed_up: Any
) -> None:
    _screen_the_person()
    cookies = signed_up.context.cookies()
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(cookies)
    page = context.new_page()
    page.goto(f"{live_server.url}/library/")
    page.get_by_label("Equipment").select_option("foam_roller")
    page.get_by_role("button", name="Show techniques").click()
    page.wait_for_url(re.compile(r"equipment=foam_roller"))
    assert all("Foam roller" in name for name in _result_names(page))
    assert len(_result_names(page)) == 3
    context.close()


def test_the_live_filters_work_under_the_strict_content_security_policy(
    browser: Any, live_server: Any, signed_up: Any
) -> None:
    _screen_the_person()
    context = browser.new_context(bypass_csp=False)
    context.add_cookies(signed_up.context.cookies())
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/library/")
    page.get_by_label("Kind").select_option("breathing")
    page.wait_for_url(re.compile(r"kind=breathing"))
    expect(page.locator("#results h2")).to_have_text(["Breathing and relaxing"])
    assert refused == []
    context.close()


def test_a_person_reads_each_advice_topic(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    _screen_the_person()
    page.goto(f"{live_server.url}/advice/")
    look(page, "advice")
    for title in TOPICS:
        page.goto(f"{live_server.url}/advice/")
        page.get_by_role("link", name=re.compile("^" + re.escape(title))).click()
        assert page.get_by_role("heading", level=1, name=title).is_visible()
        slug = page.url.rstrip("/").rsplit("/", 1)[1]
        look(page, f"advice-{slug}")
    assert page.get_by_text("local emergency number").first.is_visible()


def test_a_technique_that_is_not_there_gets_a_friendly_page(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    _screen_the_person()
    response = page.goto(f"{live_server.url}/library/cat_cwo/")
    assert response.status == 404
    assert page.get_by_role("link", name="Cat-cow").is_visible()
    look(page, "library-missing")


def test_gentle_only_shows_only_flare_suitable_techniques(signed_up: Any, live_server: Any) -> None:
    from upback.core.library import default_library

    page = signed_up
    _screen_the_person(arm_numbness_or_tingling_one_side="yes")
    page.goto(f"{live_server.url}/library/")
    names = set(_result_names(page))
    library = default_library()
    assert names == {t.name for t in library if t.suitability.flare_ok}
    look(page, "library-gentle")
    page.goto(f"{live_server.url}/library/band_row/")
    assert page.get_by_text("will be available once you have been seen").is_visible()
    look(page, "library-not-yet")


def test_a_stopped_person_still_reads_when_to_get_help(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    _screen_the_person(chest_pain_or_pressure="yes")
    page.goto(f"{live_server.url}/library/")
    assert page.url.endswith("/stop/")
    page.goto(f"{live_server.url}/advice/when-to-get-help/")
    assert page.get_by_role("heading", level=1, name="When to get help").is_visible()
    assert page.locator("main a[href^='/library/']").count() == 0
    look(page, "advice-when-to-get-help-stopped")
