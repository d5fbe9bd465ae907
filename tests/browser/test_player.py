"""The guided player in a real browser: a whole session run by pressing the on-screen controls."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import look
from tests.browser.drive import eventually
from tests.examples import GUIDE_PROFILE, cleared_answers

pytestmark = pytest.mark.django_db(transaction=True)

STEP_CHANGED = (
    "([step]) => !document.getElementById('player-done').hidden"
    " || document.getElementById('player-stage').dataset.step !== step"
)


def with_plan() -> Any:
    """The person who just signed up, cleared by the safety screen and given a plan."""
    from django.contrib.auth.models import User

    from upback.coach.services.plans import plan_create, profile_save
    from upback.coach.services.screenings import screening_record
    from upback.core.profile import parse_profile
    from upback.core.safety import parse_screening

    user = User.objects.get()
    answers = cleared_answers()
    screening_record(
        owner=user, screening=parse_screening({"age": 35, "answers": answers}), source="web"
    )
    profile = parse_profile(GUIDE_PROFILE)
    profile_save(owner=user, profile=profile)
    plan_create(owner=user, profile=profile)
    return user


def choose(page: Any, name: str, value: str) -> None:
    page.locator(f"label:has(input[name='{name}'][value='{value}'])").click()


def start_session(page: Any, live_server: Any, pain: str = "5", speed: int = 50) -> None:
    page.goto(f"{live_server.url}/session/start/?speed={speed}")
    choose(page, "pain", pain)
    page.get_by_role("button", name="Start the session").click()
    page.wait_for_url(re.compile(r"/session/\d+/(\?speed=\d+)?$"))
    page.locator("#player-stage").wait_for(state="visible")


def stage(page: Any, key: str) -> str:
    value = page.locator("#player-stage").get_attribute(f"data-{key}")
    assert value is not None
    return str(value)


def test_a_whole_session_is_run_with_the_on_screen_controls_and_saved(
    signed_up: Any, live_server: Any
) -> None:
    from upback.coach.models import GuidedSession

    page = signed_up
    user = with_plan()
    page.goto(f"{live_server.url}/session/start/?speed=50")
    look(page, "player-start")
    start_session(page, live_server, pain="5")
    session = GuidedSession.objects.get(owner=user)
    assert session.pain_before == 5
    total = session.items.count()

    seen: set[str] = set()
    skipped = False
    for _ in range(600):
        if page.locator("#player-done").is_visible():
            break
        kind, step = stage(page, "kind"), stage(page, "step")
        item = int(page.locator(".player-list li[aria-current='step']").get_attribute("data-order"))
        if not skipped and item == 1:
            page.get_by_role("button", name="Skip this exercise").click()
            skipped = True
            page.wait_for_function(STEP_CHANGED, arg=[step])
            continue
        if kind == "reps":
            if "reps" not in seen:
                seen.add("reps")
                assert page.locator("#player-counter").is_visible()
                look(page, "player-counter")
            target = int(page.locator("#player-count-of").inner_text().split()[1])
            counter = page.locator("#player-counter")
            for _tap in range(target):
                counter.click()
        else:
            if kind in ("hold", "timed") and "countdown" not in seen:
                seen.add("countdown")
                page.get_by_role("button", name="Pause").click()
                shown = page.locator("#player-timer").inner_text()
                page.wait_for_timeout(400)  # 20 s of session time at speed 50
                assert page.locator("#player-timer").inner_text() == shown, "paused means paused"
                assert page.locator(".player-paused").is_visible()
                look(page, "player-countdown")
                page.get_by_role("button", name="Resume").click()
            page.wait_for_function(STEP_CHANGED, arg=[step], timeout=15_000)
    else:
        pytest.fail("the session never reached its end")

    assert skipped and {"reps", "countdown"} <= seen
    assert page.locator("#player-progress").evaluate("p => p.value === p.max")
    page.get_by_role("link", name="Finish: how do you feel now?").click()
    page.wait_for_url(re.compile(r"/finish/$"))

    done = list(session.items.filter(status="done").order_by("order"))
    assert len(done) == total - 1
    assert session.items.filter(status="skipped").count() == 1
    look(page, "player-finish")
    choose(page, "pain_after", "3")
    for n, item in enumerate(done):
        choose(page, f"feeling_{item.order}", ["about_right", "too_easy", "too_hard"][n % 3])
        choose(page, f"pain_{item.order}", str(n % 4))
    page.get_by_role("button", name="Save and finish").click()
    page.wait_for_url(re.compile(r"/summary/$"))
    assert page.get_by_text("Your pain went from 5 to 3.").is_visible()
    look(page, "player-summary")
    assert page.get_by_role("link", name="Back to Today").is_visible()

    session.refresh_from_db()
    assert session.pain_after == 3 and session.finished_at is not None
    items = list(session.items.order_by("order"))
    assert {i.status for i in items} == {"done", "skipped"}
    for item in items:
        if item.status == "done":
            assert item.feeling and item.pain_during is not None, item.slug
    page.goto(f"{live_server.url}/session/{session.pk}/")
    assert page.url.endswith("/summary/"), "a finished session cannot be restarted"


def test_the_player_works_by_keyboard_alone_and_resumes_after_closing(
    signed_up: Any, live_server: Any
) -> None:
    from upback.coach.models import GuidedSession

    page = signed_up
    user = with_plan()
    page.set_viewport_size({"width": 360, "height": 740})
    start_session(page, live_server, speed=1)
    session = GuidedSession.objects.get(owner=user)
    first, second = list(session.items.order_by("order")[:2])
    assert page.locator("#player-name").inner_text() == first.name
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 360, "nothing sticks out at 360 px"

    # Focus starts on the step's main control; Enter starts the countdown now.
    focused = page.evaluate("document.activeElement.id")
    assert focused in ("player-next", "player-counter")
    if focused == "player-next":
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "player-pause"
        page.keyboard.press("Space")
        assert page.locator("#player-pause").inner_text() == "Resume"
        page.keyboard.press("Space")
        assert page.locator("#player-pause").inner_text() == "Pause"
        # Space anywhere else (not on a control) also pauses.
        page.locator("#player-label").click()
        page.keyboard.press("Space")
        assert page.locator("#player-pause").inner_text() == "Resume"
    page.locator("#player-skip").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => document.getElementById('player-name').textContent === n", arg=second.name
    )
    page.wait_for_function("document.getElementById('status-0').textContent === 'Skipped'")

    def saved_as_skipped() -> bool:
        first.refresh_from_db()
        return first.status == "skipped"

    eventually(saved_as_skipped)

    # Close the tab midway and come back: it carries on at the first item not yet done.
    page.goto(f"{live_server.url}/today/")
    page.goto(f"{live_server.url}/session/{session.pk}/")
    page.locator("#player-stage").wait_for(state="visible")
    assert page.locator("#player-name").inner_text() == second.name
    assert page.locator("#status-0").inner_text() == "Skipped"


def test_without_javascript_each_item_is_marked_done_with_a_plain_form(
    signed_up: Any, live_server: Any, browser: Any
) -> None:
    from tests.browser.conftest import PHONE, screenshot
    from upback.coach.models import GuidedSession

    user = with_plan()
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    context.add_cookies(signed_up.context.cookies())
    page = context.new_page()
    try:
        start_session_page = f"{live_server.url}/session/start/"
        page.goto(start_session_page)
        choose(page, "pain", "4")
        page.get_by_role("button", name="Start the session").click()
        page.wait_for_url(re.compile(r"/session/\d+/$"))
        session = GuidedSession.objects.get(owner=user)
        first, second = list(session.items.order_by("order")[:2])
        assert page.locator("#player-stage").is_hidden()
        page.get_by_role("button", name=re.compile(f"^Mark done.*{re.escape(first.name)}")).click()
        page.wait_for_url(re.compile(r"#item-0$"))
        assert page.locator("#status-0").inner_text() == "Done"
        page.get_by_role("button", name=re.compile(f"^Skip.*{re.escape(second.name)}")).click()
        page.wait_for_url(re.compile(r"#item-1$"))
        screenshot(page, "player-no-javascript")
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, second.status) == ("done", "skipped")
        page.get_by_role("link", name="Stop here and finish").click()
        assert page.get_by_role("heading", name="How did it go?").is_visible()
    finally:
        context.close()
