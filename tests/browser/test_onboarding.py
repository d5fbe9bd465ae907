"""The safety screen in a real browser: the self-care, soon, same-day and emergency paths."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import look
from tests.coach.views.screen_helpers import desk_worker, no_to_all, with_fever
from upback.core import safety

pytestmark = pytest.mark.django_db(transaction=True)

KEYS_BY_TEXT = {safety.question(key).text: key for key in safety.SYMPTOM_KEYS}
LABELS = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}


def _start(page: Any, age: str = "40") -> None:
    assert "/screen/" in page.url
    page.get_by_label("How old are you?").fill(age)
    with page.expect_navigation():
        page.get_by_role("button", name="Start the check").click()


def _answer(page: Any, value: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=LABELS[value], exact=True).click()


def _answer_all(page: Any, choose: Callable[[str], str], *, look_at_first: bool = False) -> int:
    """Answer each question by reading its text, as a person would; return how many."""
    asked = 0
    while "/screen/question/" in page.url:
        key = KEYS_BY_TEXT[page.locator("h1").inner_text().strip()]
        asked += 1
        assert page.get_by_text(f"Question {asked}", exact=True).is_visible()
        if look_at_first and asked == 1:
            look(page, "screen-question")
        _answer(page, choose(key))
        assert asked < 100, "the screen keeps asking"
    return asked


def test_the_self_care_path_ends_with_a_reassuring_result(signed_up: Any, live_server: Any) -> None:
    from upback.coach.models import Screening

    page = signed_up
    # The first account's welcome message sits in base.html's `<ul role="status">`, which axe
    # flags (listitem); until the lead fixes that shared template, look once it has been read.
    page.reload()
    look(page, "screen-intro")
    page.get_by_label("How old are you?").fill("12")
    page.get_by_role("button", name="Start the check").click()
    assert page.get_by_text("made for people aged 16 and over").is_visible()
    assert page.get_by_label("How old are you?").input_value() == "12"
    look(page, "screen-intro-error")
    _start(page)
    asked = _answer_all(page, desk_worker, look_at_first=True)
    assert asked > 20
    assert page.url.endswith("/screen/result/")
    assert page.get_by_role("heading", level=1, name="You can start, gently").is_visible()
    assert page.get_by_text(safety.SELF_CARE_REASON).is_visible()
    look(page, "screen-result-self-care")
    stored = Screening.objects.get()
    assert stored.disposition == "self_care"
    assert len(stored.answers) == asked
    page.get_by_role("link", name="Continue to your profile").click()
    assert page.url.endswith("/profile/")


def test_back_returns_to_the_last_question_with_its_answer_kept(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    _start(page)
    first = page.locator("h1").inner_text()
    _answer(page, "not_sure")
    assert page.locator("h1").inner_text() != first
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.locator("h1").inner_text() == first
    chosen = page.get_by_role("button", name="Not sure (your answer so far)")
    assert chosen.is_visible()
    look(page, "screen-question-answered")
    page.get_by_role("link", name="Back", exact=True).click()
    assert page.get_by_label("How old are you?").input_value() == "40"
    assert page.get_by_role("link", name="Continue from question 2").is_visible()
    look(page, "screen-intro-resume")


def test_the_screen_works_with_the_keyboard_alone(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_age":
            break
    assert page.evaluate("document.activeElement.id") == "id_age", page.url
    page.keyboard.type("40")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    first = page.locator("h1").inner_text()
    page.keyboard.press("Tab")  # the skip link again
    page.keyboard.press("Enter")
    names = []
    for _ in range(4):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.textContent.trim()"))
        if names[-1] == "No":
            break
    assert names[-1] == "No", names
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/screen/question/2/" in page.url
    assert page.locator("h1").inner_text() != first


def test_the_first_emergency_answer_stops_at_once_and_hides_every_exercise(
    signed_up: Any, live_server: Any
) -> None:
    from upback.coach.models import Screening

    page = signed_up
    _start(page)
    _answer(page, "yes")
    assert page.url.endswith("/stop/")
    heading = page.get_by_role("heading", level=1, name="Call your local emergency number now")
    assert heading.is_visible()
    assert page.get_by_text("Do not drive yourself.").first.is_visible()
    assert Screening.objects.get().disposition == "emergency"
    main = page.locator("main")
    for path in ("/today/", "/plan/", "/library/", "/profile/"):
        assert main.locator(f'a[href="{path}"]').count() == 0
    look(page, "screen-stop-emergency")
    for path in ("/today/", "/library/", "/plan/"):
        page.goto(f"{live_server.url}{path}")
        assert page.url.endswith("/stop/"), path
        assert page.locator("main .technique-card, main .items").count() == 0


def test_the_same_day_path_shows_the_stop_page_with_its_reason(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    _start(page)
    _answer_all(page, with_fever)
    assert page.url.endswith("/stop/")
    assert page.get_by_role("heading", level=1, name="Please get medical care today").is_visible()
    assert page.get_by_text("infection").first.is_visible()
    look(page, "screen-stop-urgent")


def test_the_soon_path_explains_why_and_shows_the_gentle_banner_until_seen(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    _start(page)
    _answer_all(page, no_to_all)
    assert page.url.endswith("/screen/result/")
    assert page.get_by_role("heading", level=1, name="Please see a clinician soon").is_visible()
    banner = page.get_by_role("heading", name="Gentle items only for now")
    assert banner.is_visible()
    look(page, "screen-result-soon")
    page.goto(f"{live_server.url}/account/")
    assert banner.is_visible()
    page.goto(f"{live_server.url}/screen/result/")
    page.get_by_role("button", name="I have been seen by a clinician").click()
    assert page.get_by_role("heading", name="You have been seen").is_visible()
    assert banner.count() == 0
    look(page, "screen-result-seen")
