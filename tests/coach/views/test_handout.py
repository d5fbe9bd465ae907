"""The handout from the plan page: a PDF download behind the plan page's own guards."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.coach.views.test_plans import client_for, person, screened, with_plan
from upback.coach.selectors.accounts import local_today

pytestmark = pytest.mark.django_db


def test_the_plan_page_offers_the_printable_handout() -> None:
    user = person()
    with_plan(user)
    page = client_for(user).get(reverse("plan")).content.decode()
    assert f'href="{reverse("plan_handout")}"' in page
    assert "Print handout (PDF)" in page


def test_the_handout_downloads_as_a_pdf_named_for_its_first_day() -> None:
    user = person()
    with_plan(user)
    response = client_for(user).get(reverse("plan_handout"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    first = local_today(owner=user)
    assert response["Content-Disposition"] == (
        f'attachment; filename="upback-home-program-{first:%Y-%m-%d}.pdf"'
    )
    assert response["Cache-Control"] == "no-store"


def test_while_a_warning_sign_is_active_there_is_no_handout_only_the_stop_page() -> None:
    user = person()
    with_plan(user)
    screened(user, "emergency")
    response = client_for(user).get(reverse("plan_handout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("stop")


def test_before_a_safety_screen_the_handout_sends_you_to_the_screen() -> None:
    response = client_for(person(result=None)).get(reverse("plan_handout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("screen_start")


def test_before_a_plan_the_handout_sends_you_to_make_one_as_the_plan_page_does() -> None:
    client = client_for(person())
    plan_page = client.get(reverse("plan"))
    response = client.get(reverse("plan_handout"))
    assert response.status_code == 302
    assert response["Location"] == plan_page["Location"] == reverse("profile")


def test_the_handout_is_only_read_never_posted() -> None:
    user = person()
    with_plan(user)
    assert client_for(user).post(reverse("plan_handout")).status_code == 405
