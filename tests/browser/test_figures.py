"""The exercise pictures in a real browser: on a technique's page and beside the player's timer."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import PHONE, look, screenshot
from tests.browser.test_player import start_session, with_plan

pytestmark = pytest.mark.django_db(transaction=True)

LOADED = "img => img.complete && img.naturalWidth > 0"


def _items_are(user: Any, slugs: list[str]) -> None:
    """Make the person's unstarted items exactly these techniques, in this order."""
    from upback.coach.models import GuidedItem, GuidedSession
    from upback.core.library import default_library

    library = default_library()
    session = GuidedSession.objects.get(owner=user)
    session.items.all().delete()
    GuidedItem.objects.bulk_create(
        GuidedItem(
            session=session,
            order=order,
            slug=slug,
            name=library.get(slug).name,
            dose={**dose.model_dump(mode="json"), "text": dose.describe()},
        )
        for order, slug in enumerate(slugs)
        if (dose := library.get(slug).dose)
    )


@pytest.mark.parametrize(
    ("slug", "first_step"),
    [
        ("cat_cow", "Hands under shoulders, knees under hips, back flat"),
        ("doorway_pec_stretch", None),  # held, one side then the other
        ("prone_y_raise", None),  # lying face down: long and low
    ],
)
def test_a_technique_page_shows_the_moving_picture_and_the_numbered_steps(
    signed_up: Any, live_server: Any, slug: str, first_step: str | None
) -> None:
    from upback.core.exercise_figure import captions, sides_note
    from upback.core.library import default_library

    technique = default_library().get(slug)
    page = signed_up
    with_plan()
    page.goto(f"{live_server.url}/library/{slug}/")
    moving = page.locator(".picture-moving img")
    assert moving.get_attribute("alt", timeout=2000).startswith(technique.name)
    page.wait_for_function(LOADED, arg=moving.element_handle())
    assert page.locator(".picture-strip svg").is_visible()
    shown = page.locator(".picture-captions li").all_inner_texts()
    assert shown == captions(technique)
    if first_step:
        assert shown[0] == first_step
    note = sides_note(technique)
    assert page.locator(".picture-sides").count() == (1 if note else 0)
    look(page, f"figure {slug.replace('_', '-')}")


def test_a_comfort_measure_has_no_picture(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    with_plan()
    page.goto(f"{live_server.url}/library/heat_for_tight_muscles/")
    assert page.get_by_role("heading", level=1).inner_text()
    assert page.locator(".picture-block").count() == 0


def test_under_reduced_motion_the_page_shows_the_still_steps(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    with_plan()
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_server.url}/library/cat_cow/")
    moving = page.locator(".picture-moving img")
    page.wait_for_function(LOADED, arg=moving.element_handle())
    assert moving.evaluate("img => img.currentSrc").endswith("/library/cat_cow/steps.svg")
    assert not page.locator(".picture-strip").is_visible(), "the same strip is not shown twice"
    assert page.locator(".picture-captions li").count() == 3
    look(page, "figure cat-cow reduced motion")


def _shown_picture(page: Any) -> Any:
    shown = page.locator(".player-figure:visible img")
    assert shown.count() == 1
    page.wait_for_function(LOADED, arg=shown.element_handle())
    return shown


def _skip_to(page: Any, name: str) -> None:
    page.get_by_role("button", name="Skip this exercise").click()
    page.wait_for_function(f"() => document.querySelector('#player-name').textContent === '{name}'")


def test_the_player_shows_the_picture_beside_the_countdown_only_for_items_with_one(
    signed_up: Any, live_server: Any
) -> None:
    from upback.core.library import default_library

    page = signed_up
    user = with_plan()
    start_session(page, live_server, speed=1)
    _items_are(user, ["doorway_pec_stretch", "cat_cow", "heat_for_tight_muscles"])
    page.reload()
    page.locator("#player-stage").wait_for(state="visible")
    assert _shown_picture(page).get_attribute("alt").startswith("Doorway chest stretch")
    assert page.locator("#player-stage.has-figure").count() == 1
    look(page, "figure player hold")

    _skip_to(page, "Cat-cow")
    assert _shown_picture(page).get_attribute("alt").startswith("Cat-cow")
    look(page, "figure player reps")

    _skip_to(page, default_library().get("heat_for_tight_muscles").name)
    assert page.locator(".player-figure:visible").count() == 0
    assert page.locator("#player-stage.has-figure").count() == 0


def test_without_javascript_the_picture_is_in_each_items_how_to(
    browser: Any, live_server: Any, signed_up: Any
) -> None:
    user = with_plan()
    start_session(signed_up, live_server, speed=1)
    _items_are(user, ["cat_cow", "heat_for_tight_muscles"])
    cookies = signed_up.context.cookies()
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, bypass_csp=True)
    context.add_cookies(cookies)
    page = context.new_page()
    page.goto(signed_up.url)
    assert re.search(r"/session/\d+/", page.url)
    page.locator("#item-0 summary").click()
    moving = page.locator("#item-0 .picture-moving img")
    page.wait_for_function(LOADED, arg=moving.element_handle())
    assert page.locator("#item-1 .picture-moving").count() == 0
    screenshot(page, "figure player no js")  # axe-core needs JavaScript, so no audit here
    context.close()
