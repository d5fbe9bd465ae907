"""Who may call the API: a personal access token or the signed-in browser, nobody else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from tests.api.conftest import BASE, Api
from upback.api.main import api as ninja_api
from upback.coach.models import AccessToken, CheckIn
from upback.coach.services.tokens import access_token_revoke

pytestmark = pytest.mark.django_db

CHECKIN = {"pain": 3, "stiffness": 4, "sleep_quality": 7, "stress": 2}


def every_route() -> list[tuple[str, str]]:
    """(method, path) for every operation, with made-up values for path parameters."""
    schema = ninja_api.get_openapi_schema()
    found = []
    for path, operations in schema["paths"].items():
        filled = (
            path.replace("{version}", "1")
            .replace("{session_id}", "1")
            .replace("{date}", "2026-01-05")
            .replace("{slug}", "walk")
        )
        for method in operations:
            found.append((method, filled))
    return found


def test_an_anonymous_caller_gets_401_json_on_every_route_not_a_login_redirect() -> None:
    client = Client()
    for method, path in every_route():
        response = getattr(client, method)(path, {}, content_type="application/json")
        assert response.status_code == 401, (method, path, response.status_code)
        assert response.json() == {"detail": "Unauthorized"}


def test_a_token_opens_the_api(api: Api) -> None:
    response = api.get("/profile")
    assert response.status_code == 200
    assert response.json()["who"] == "desk_worker"


def test_a_made_up_or_malformed_token_is_refused(api: Api) -> None:
    for header in ("Bearer ub_not-a-real-token", "Bearer nonsense", "Basic abc", "Bearer"):
        response = Client().get(f"{BASE}/profile", headers={"Authorization": header})
        assert response.status_code == 401, header


def test_a_revoked_token_stops_working(owner: User, api: Api) -> None:
    assert api.get("/profile").status_code == 200
    token = AccessToken.objects.get(owner=owner)
    assert access_token_revoke(owner=owner, pk=token.pk)
    assert api.get("/profile").status_code == 401


def test_a_token_of_someone_made_inactive_stops_working(owner: User, api: Api) -> None:
    owner.is_active = False
    owner.save()
    assert api.get("/profile").status_code == 401


def test_using_a_token_notes_when_but_at_most_once_a_minute(owner: User, api: Api) -> None:
    token = AccessToken.objects.get(owner=owner)
    assert token.last_used_at is None
    api.get("/profile")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    api.get("/profile")
    token.refresh_from_db()
    assert token.last_used_at == first
    earlier = timezone.now() - dt.timedelta(minutes=5)
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    api.get("/profile")
    token.refresh_from_db()
    assert token.last_used_at is not None and token.last_used_at > earlier


def test_a_token_needs_no_csrf_token_to_write(owner: User, secret: str) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"{BASE}/checkins",
        CHECKIN,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 201
    assert CheckIn.objects.filter(owner=owner).count() == 1


def test_the_signed_in_browser_can_read_with_its_session(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.get(f"{BASE}/profile")
    assert response.status_code == 200


def test_the_browser_session_must_send_the_csrf_token_to_write(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    refused = client.post(f"{BASE}/checkins", CHECKIN, content_type="application/json")
    assert refused.status_code == 403
    assert CheckIn.objects.filter(owner=owner).count() == 0

    client.get("/checkin/")  # a page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        f"{BASE}/checkins", CHECKIN, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 201
    assert CheckIn.objects.filter(owner=owner).count() == 1


def test_a_wrong_token_is_refused_even_from_a_signed_in_browser(owner: User) -> None:
    client = Client()
    client.force_login(owner)
    response = client.get(f"{BASE}/profile", headers={"Authorization": "Bearer ub_revoked"})
    assert response.status_code == 401
