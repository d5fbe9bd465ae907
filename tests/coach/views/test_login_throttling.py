"""Signing in is paused after five wrong passwords for one name from one address (django-axes):
then even the right password is refused for a while, with a calm page saying when to try again.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a calm back 2026"
WRONG = "not my password"


@pytest.fixture
def ana() -> User:
    return User.objects.create_user("ana", password=PASSWORD)


def sign_in(client: Client, username: str, password: str, ip: str = "203.0.113.5") -> int:
    response = client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    return int(response.status_code)


def fail_times(client: Client, times: int, username: str = "ana", ip: str = "203.0.113.5") -> None:
    for attempt in range(1, times + 1):
        # The form again with its message; the fifth wrong password already shows the pause.
        expected = 200 if attempt < 5 else 429
        assert sign_in(client, username, WRONG, ip) == expected, attempt


def test_a_few_wrong_passwords_just_show_the_form_again(client: Client, ana: User) -> None:
    fail_times(client, 4)
    assert sign_in(client, "ana", PASSWORD) == 302
    assert client.get(reverse("account")).status_code == 200


def test_after_five_wrong_passwords_even_the_right_one_is_refused(
    client: Client, ana: User
) -> None:
    fail_times(client, 5)
    response = client.post(
        reverse("login"), {"username": "ana", "password": PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_page_says_plainly_when_to_try_again(client: Client, ana: User) -> None:
    fail_times(client, 5)
    response = client.post(
        reverse("login"), {"username": "ana", "password": PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )
    html = response.content.decode()
    assert "<h1>Sign-in paused for a while</h1>" in html
    assert "try again in <strong>15 minutes</strong>" in html
    assert "Nothing you have recorded is affected." in html
    assert response["Retry-After"] == str(15 * 60)
    assert "registration/lockout.html" in [t.name for t in response.templates]


def test_other_people_can_still_sign_in(client: Client, ana: User) -> None:
    User.objects.create_user("ben", password=PASSWORD)
    fail_times(client, 6)
    assert sign_in(Client(), "ben", PASSWORD) == 302


def test_the_same_name_from_another_address_is_not_locked_out(client: Client, ana: User) -> None:
    fail_times(client, 6)
    assert sign_in(Client(), "ana", PASSWORD, ip="198.51.100.7") == 302


def test_signing_in_successfully_starts_the_count_again(client: Client, ana: User) -> None:
    fail_times(client, 4)
    assert sign_in(client, "ana", PASSWORD) == 302
    client.logout()
    fail_times(client, 4)
    assert sign_in(client, "ana", PASSWORD) == 302


def test_the_pause_ends_after_the_cool_off_time(client: Client, ana: User) -> None:
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    fail_times(client, 5)
    assert sign_in(client, "ana", PASSWORD) == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "ana", PASSWORD) == 302
