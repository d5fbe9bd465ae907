"""The handout in a real browser: from the plan page, one click downloads the printable PDF.

Its pages are also turned into images under artifacts/screens/ (with poppler), so people can
look at the sheet as it prints.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest

from tests.browser.conftest import SCREENS, look
from tests.examples import GUIDE_PROFILE, cleared_answers

pytestmark = pytest.mark.django_db(transaction=True)


def _with_a_plan() -> None:
    from django.contrib.auth.models import User

    from upback.coach.services.plans import plan_create, profile_save
    from upback.coach.services.screenings import screening_record
    from upback.core.profile import parse_profile
    from upback.core.safety import parse_screening

    owner = User.objects.get()
    screening_record(
        owner=owner,
        screening=parse_screening({"age": 44, "answers": cleared_answers()}),
        source="web",
    )
    profile = parse_profile(GUIDE_PROFILE)
    profile_save(owner=owner, profile=profile)
    plan_create(owner=owner, profile=profile)


def test_the_plan_page_downloads_the_handout_as_a_pdf(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    _with_a_plan()
    page.goto(f"{live_server.url}/plan/")
    link = page.get_by_role("link", name="Print handout (PDF)")
    assert link.is_visible()
    look(page, "plan-with-handout")

    with page.expect_download() as waiting:
        link.click()
    download = waiting.value
    assert download.suggested_filename.startswith("upback-home-program-")
    assert download.suggested_filename.endswith(".pdf")
    saved = SCREENS / "handout.pdf"
    SCREENS.mkdir(parents=True, exist_ok=True)
    download.save_as(str(saved))
    assert saved.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        for old in SCREENS.glob("handout-page-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(saved), str(SCREENS / "handout-page")], check=True
        )
        assert list(SCREENS.glob("handout-page-*.png"))
