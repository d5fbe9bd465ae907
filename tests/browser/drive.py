"""Steps that drive upback the way a person does, shared by the browser tests."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from upback.core import safety

KEYS_BY_TEXT = {safety.question(key).text: key for key in safety.SYMPTOM_KEYS}
LABELS = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}
STEP_CHANGED = (
    "([step]) => !document.getElementById('player-done').hidden"
    " || document.getElementById('player-stage').dataset.step !== step"
)


def take_the_screen(page: Any, choose: Callable[[str], str], *, age: str = "40") -> int:
    """From the screen's intro page, answer every question by reading it; return how many."""
    page.get_by_label("How old are you?").fill(age)
    with page.expect_navigation():
        page.get_by_role("button", name="Start the check").click()
    asked = 0
    while "/screen/question/" in page.url:
        key = KEYS_BY_TEXT[page.locator("h1").inner_text().strip()]
        with page.expect_navigation():
            page.get_by_role("button", name=LABELS[choose(key)], exact=True).click()
        asked += 1
        assert asked < 100, "the screen keeps asking"
    return asked


def pick(page: Any, name: str, value: str) -> None:
    """Choose a value in a radio group drawn as buttons (the 0-10 scales, the feelings)."""
    page.locator(f"label:has(input[name='{name}'][value='{value}'])").click()


def run_the_session(page: Any) -> None:
    """Run the guided player to its end with its on-screen controls only."""
    page.locator("#player-stage").wait_for(state="visible")
    for _ in range(600):
        if page.locator("#player-done").is_visible():
            return
        stage = page.locator("#player-stage")
        kind, step = stage.get_attribute("data-kind"), stage.get_attribute("data-step")
        if kind == "reps":
            target = int(page.locator("#player-count-of").inner_text().split()[1])
            for _tap in range(target):
                page.locator("#player-counter").click()
        else:
            page.wait_for_function(STEP_CHANGED, arg=[step], timeout=15_000)
    raise AssertionError("the session never reached its end")


def finish_the_session(page: Any, *, pain_after: str) -> int:
    """Answer the end-of-session questions for every exercise done; return how many there were."""
    page.get_by_role("link", name="Finish: how do you feel now?").click()
    page.wait_for_url(re.compile(r"/finish/$"))
    pick(page, "pain_after", pain_after)
    names = page.locator("input[type=radio][name^='feeling_']").evaluate_all(
        "inputs => [...new Set(inputs.map(i => i.name))]"
    )
    for name in names:
        order = name.removeprefix("feeling_")
        pick(page, f"feeling_{order}", "about_right")
        pick(page, f"pain_{order}", "2")
    page.get_by_role("button", name="Save and finish").click()
    page.wait_for_url(re.compile(r"/summary/$"))
    return len(names)


def eventually(check: Callable[[], bool], *, seconds: float = 10.0) -> None:
    """Wait until `check()` holds: the page updates before its save reaches the server."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the saved state never arrived")
        time.sleep(0.05)
