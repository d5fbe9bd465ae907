"""Your data in a real browser: the export downloads a zip, the delete flow ends on the goodbye
page, and the zip imports into a new account."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import look

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a calm back 2026"  # the signed_up fixture's


def _sign_up(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/screen/")


def test_export_downloads_a_zip_then_the_account_is_deleted_and_imported_again(
    signed_up: Any, live_server: Any, tmp_path: Path
) -> None:
    from django.contrib.auth.models import User

    from tests.coach.data_examples import fill
    from upback.coach.models import CheckIn

    page = signed_up
    person = User.objects.get()
    fill(person)

    page.goto(f"{live_server.url}/account/")
    page.get_by_role("link", name="Your data: export, import or delete").click()
    page.wait_for_url("**/account/data/")
    look(page, "data")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your data (.zip)").click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"upback-{person.username}-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert json.loads(archive.read("upback.json"))["owner"]["username"] == person.username

    page.get_by_role("link", name="Delete your account…").click()
    page.wait_for_url("**/account/data/delete/")
    look(page, "data-delete")
    page.get_by_label("Your username").fill(person.username)
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account and data").click()
    assert page.get_by_text("That password is not right").is_visible()
    look(page, "data-delete-error")
    assert User.objects.filter(pk=person.pk).exists()

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and data").click()
    page.wait_for_url("**/account/data/goodbye/")
    assert page.get_by_role("heading", name="Your account is deleted").is_visible()
    look(page, "data-goodbye")
    assert not User.objects.filter(pk=person.pk).exists()
    assert not CheckIn.objects.exists()

    # A new account on this upback takes the export back.
    _sign_up(page, live_server, "back-again")
    page.goto(f"{live_server.url}/account/data/import/")
    look(page, "data-import")
    page.get_by_label("Your export file").set_input_files(str(tmp_path / "notes.txt"))
    page.get_by_role("button", name="Import").click()
    look(page, "data-import-error")
    assert page.get_by_text("Nothing was imported.").is_visible()

    page.get_by_label("Your export file").set_input_files(str(saved))
    page.get_by_role("button", name="Import").click()
    page.wait_for_url("**/account/data/")
    assert page.get_by_text("Your data is back: 4 check-ins").is_visible()
    look(page, "data-imported")
    assert CheckIn.objects.filter(owner__username="back-again").count() == 4


@pytest.fixture(autouse=True)
def _a_file_that_is_not_an_export(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("my shopping list\n")
