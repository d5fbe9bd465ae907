"""Browser tests: Playwright for Python driving Debian's chromium against a live server.

Never downloads a browser. When /usr/bin/chromium is missing the tests skip with a reason, unless
UPBACK_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("UPBACK_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    if os.environ.get("UPBACK_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"UPBACK_REQUIRE_BROWSER=1 but no browser at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"no chromium at {CHROMIUM}: apt-get install chromium")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # bypass_csp lets the axe-core audit script be injected; the app's own CSP stays strict.
    return {**browser_context_args, "viewport": PHONE, "bypass_csp": True}


def audit(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the current page."""
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def assert_accessible(page: Any) -> None:
    problems = audit(page)
    assert not problems, json.dumps(
        [{"id": v["id"], "help": v["help"], "nodes": len(v["nodes"])} for v in problems], indent=2
    )


def screenshot(page: Any, name: str) -> None:
    """Save the page at phone and desktop sizes under artifacts/screens/ for people to look at."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    size = page.viewport_size
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(SCREENS / f"{slug}-{label}.png"), full_page=True)
    if size:
        page.set_viewport_size(size)


def look(page: Any, name: str) -> None:
    """Every page a test visits: no serious accessibility problem, and a screenshot."""
    assert page.title(), "every page has a title"
    assert page.locator("main").count() == 1, "every page has one main landmark"
    assert_accessible(page)
    screenshot(page, name)


@pytest.fixture
def signed_up(page: Any, live_server: Any) -> Iterator[Any]:
    """A fresh person signed up and logged in, on the page sign-up leads to."""
    from uuid import uuid4

    page.goto(f"{live_server.url}/signup/")
    page.get_by_label("Username").fill(f"p{uuid4().hex[:8]}")
    page.get_by_label("Password", exact=True).fill("a calm back 2026")
    page.get_by_label("Password confirmation").fill("a calm back 2026")
    page.get_by_role("button", name="Create account").click()
    # The keyboard tests start typing at once, so the next page must be there first.
    page.wait_for_url("**/screen/")
    yield page
