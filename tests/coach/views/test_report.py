"""The report page: a From/To form (the last 6 weeks by default) that downloads the PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.coach import report_helpers as h
from upback.coach.selectors.accounts import local_today

pytestmark = pytest.mark.django_db

URL = "/report/"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ana() -> User:
    return h.ana_with_six_weeks()


def period(start: dt.date | str, end: dt.date | str) -> dict[str, str]:
    return {"start": str(start), "end": str(end)}


def test_it_lives_at_report_and_needs_login() -> None:
    assert reverse("report") == URL
    response = Client().get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_account_page_links_to_it(ana: User) -> None:
    html = client_for(ana).get("/account/").content.decode()
    assert f'href="{URL}"' in html
    assert "Report for your physio" in html


def test_the_form_offers_the_last_six_weeks(ana: User) -> None:
    response = client_for(ana).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    today = local_today(owner=ana)
    assert f'value="{today - dt.timedelta(days=41)}"' in html
    assert f'value="{today}"' in html
    assert 'type="date"' in html
    assert "<h1>A report for your physio</h1>" in html
    assert "Download the PDF" in html


def test_good_dates_download_the_pdf_named_after_the_last_day(ana: User) -> None:
    response = client_for(ana).get(URL, period(h.START, h.END))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="upback-report-2026-03-01.pdf"'
    assert response.content.startswith(b"%PDF")


def test_only_one_date_fills_the_other_from_the_defaults(ana: User) -> None:
    response = client_for(ana).get(URL, {"end": str(h.END)})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("19/01/2026", "2026-03-01", "Enter a date like 2026-03-01"),
        ("2026-01-19", "tomorrow", "Enter a date like 2026-03-01"),
        ("2026-03-02", "2026-03-01", "The first day must be on or before the last day."),
        ("2023-01-01", "2026-03-01", "The period can be at most 2 years long."),
    ],
)
def test_a_bad_period_is_400_with_the_form_kept_and_the_field_named(
    ana: User, start: str, end: str, message: str
) -> None:
    response = client_for(ana).get(URL, period(start, end))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert message in html
    assert "Please check the form" in html
    assert f'value="{start}"' in html and f'value="{end}"' in html
    assert "has-error" in html


def test_a_last_day_in_the_future_is_400_next_to_to(ana: User) -> None:
    tomorrow = local_today(owner=ana) + dt.timedelta(days=1)
    response = client_for(ana).get(URL, period(h.START, tomorrow))
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be in the future" in html
    assert 'id="id_end_errors"' in html


def test_each_person_gets_only_their_own_report(ana: User, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (pdftotext): apt install it")
    bo = h.stranger_with_notes()
    pdf = tmp_path / "bo.pdf"
    pdf.write_bytes(client_for(bo).get(URL, period(h.START, h.END)).content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "report for bo" in text
    assert "Bo's private note" in text
    assert "Long day at the desk" not in text
    assert "ana" not in text.split()
