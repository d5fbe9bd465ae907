"""Sign-up, Argon2 hashing, the first account's welcome, password change and reset, log out."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from upback.coach.models import Account

pytestmark = pytest.mark.django_db

PASSWORD = "a calm back 2026"


def _sign_up(client: Client, username: str = "ana", **extra: str) -> object:
    data = {
        "username": username,
        "email": f"{username}@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "Europe/Lisbon",
        **extra,
    }
    return client.post("/signup/", data, follow=True)


def test_the_landing_and_auth_pages_need_no_login(client: Client) -> None:
    for url in ("/", "/signup/", "/login/", "/password-reset/"):
        assert client.get(url).status_code == 200, url


def test_every_other_page_needs_login(client: Client) -> None:
    for url in ("/today/", "/plan/", "/checkin/", "/journal/", "/library/", "/account/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_sign_up_hashes_with_argon2_keeps_the_time_zone_and_goes_to_the_screen(
    client: Client,
) -> None:
    response = _sign_up(client)
    user = User.objects.get(username="ana")
    assert user.password.startswith("argon2")
    assert Account.objects.get(owner=user).time_zone == "Europe/Lisbon"
    assert response.redirect_chain[-1][0].endswith("/screen/")


def test_the_first_account_is_told_where_its_data_lives_and_the_second_is_not(
    client: Client,
) -> None:
    first = _sign_up(client)
    assert "Everything you record is kept in" in first.content.decode()
    client.logout()
    second = _sign_up(Client(), username="ben")
    assert "Everything you record is kept in" not in second.content.decode()


def test_a_made_up_time_zone_falls_back_to_utc(client: Client) -> None:
    _sign_up(client, time_zone="Mars/Olympus_Mons")
    assert Account.objects.get().time_zone == "UTC"


def test_a_bad_sign_up_is_a_400_that_names_the_field_and_keeps_the_input(client: Client) -> None:
    response = client.post(
        "/signup/",
        {"username": "ana", "email": "not-an-email", "password1": "x", "password2": "y"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "valid email" in body
    assert 'value="ana"' in body
    assert not User.objects.exists()


def test_a_person_can_change_their_password(client: Client) -> None:
    _sign_up(client)
    response = client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another calm back",
            "new_password2": "another calm back",
        },
    )
    assert response.status_code == 302
    assert User.objects.get().check_password("another calm back")


def test_a_forgotten_password_is_reset_through_the_emailed_link(client: Client) -> None:
    _sign_up(client)
    client.logout()
    client.post("/password-reset/", {"email": "ana@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/password-reset/\S+/\S+/", mail.outbox[0].body)
    assert link
    form = client.get(link.group(0), follow=True)
    new = "a new calm back"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert User.objects.get().check_password(new)


def test_log_out_is_a_post_and_ends_the_session(client: Client) -> None:
    _sign_up(client)
    assert client.post("/logout/").status_code == 302
    assert "/login/" in client.get("/today/")["Location"]
