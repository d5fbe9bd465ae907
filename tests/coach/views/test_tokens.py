"""The API access page: tokens made (shown once), listed, and revoked after asking."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from upback.coach.models import AccessToken
from upback.coach.services.tokens import access_token_create, token_hash

pytestmark = pytest.mark.django_db

URL = "/account/tokens/"


@pytest.fixture
def owner() -> User:
    return User.objects.create_user("ana", password="a calm back 2026")


@pytest.fixture
def client_in(client: Client, owner: User) -> Client:
    client.force_login(owner)
    return client


def test_it_sends_an_anonymous_visitor_to_log_in(client: Client) -> None:
    assert reverse("tokens") == URL
    for response in (client.get(URL), client.post(URL, {"name": "laptop"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert not AccessToken.objects.exists()


def test_with_no_tokens_it_says_so_and_offers_to_make_one(client_in: Client) -> None:
    page = client_in.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>API access</h1>" in html
    assert "You have no tokens" in html
    assert "Make a token" in html
    assert reverse("api:openapi-view") in html


def test_making_a_token_shows_it_once_and_keeps_only_its_hash(
    owner: User, client_in: Client
) -> None:
    page = client_in.post(URL, {"name": "laptop script"})
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    secret = page.context["made"]["secret"]
    assert secret.startswith("ub_")
    html = page.content.decode()
    assert secret in html
    assert "cannot show it to you again" in html
    assert f"Bearer {secret}" in html
    token = AccessToken.objects.get(owner=owner)
    assert token.name == "laptop script"
    assert token.token_hash == token_hash(secret)
    assert token.prefix == secret[:10]
    assert secret not in client_in.get(URL).content.decode()


def test_it_lists_tokens_with_prefix_made_and_last_used(owner: User, client_in: Client) -> None:
    token, _ = access_token_create(owner=owner, name="clinic app")
    html = client_in.get(URL).content.decode()
    assert "clinic app" in html
    assert f"{token.prefix}…" in html
    assert "not used yet" in html


def test_a_blank_name_is_refused_with_the_form_kept(client_in: Client) -> None:
    page = client_in.post(URL, {"name": "   "})
    assert page.status_code == 400
    assert "Please give the token a name." in page.content.decode()
    assert not AccessToken.objects.exists()


def test_a_name_used_already_is_refused_with_the_input_kept(owner: User, client_in: Client) -> None:
    access_token_create(owner=owner, name="Laptop")
    page = client_in.post(URL, {"name": "Laptop"})
    assert page.status_code == 400
    html = page.content.decode()
    assert escape("You already have a token called 'Laptop'.") in html
    assert 'value="Laptop"' in html
    assert AccessToken.objects.count() == 1


def test_a_name_too_long_is_refused(client_in: Client) -> None:
    page = client_in.post(URL, {"name": "x" * 61})
    assert page.status_code == 400
    assert "Please keep the name to 60 characters." in page.content.decode()


def test_revoking_asks_first_then_deletes(owner: User, client_in: Client) -> None:
    token, _ = access_token_create(owner=owner, name="laptop")
    url = reverse("token_revoke", args=[token.pk])
    ask = client_in.get(url)
    assert ask.status_code == 200
    assert "stops reaching your data at once" in ask.content.decode()
    assert AccessToken.objects.filter(pk=token.pk).exists()
    done = client_in.post(url, follow=True)
    assert done.redirect_chain[-1][0] == URL
    assert "is revoked" in done.content.decode()
    assert not AccessToken.objects.filter(pk=token.pk).exists()


def test_another_persons_token_is_not_found_and_stays(client_in: Client) -> None:
    other = User.objects.create_user("bo")
    token, _ = access_token_create(owner=other, name="theirs")
    url = reverse("token_revoke", args=[token.pk])
    assert client_in.get(url).status_code == 404
    assert client_in.post(url).status_code == 404
    assert AccessToken.objects.filter(pk=token.pk).exists()
    assert "theirs" not in client_in.get(URL).content.decode()


def test_the_page_needs_the_csrf_token_to_make_one(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(URL, {"name": "laptop"}).status_code == 403
    assert not AccessToken.objects.exists()
