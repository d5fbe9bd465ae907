"""Driving the web safety screen with the Django test client."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from tests.examples import MECHANICAL_TRIGGER


def question_url(number: int) -> str:
    return reverse("screen_question", args=[number])


def current_key(client: Client, number: int) -> str:
    page = client.get(question_url(number))
    assert page.status_code == 200, page
    key: str = page.context["key"]
    return key


def answer_all(client: Client, choose: Callable[[str], str], *, age: int = 40) -> str:
    """Start the screen and answer every question asked; return where the last answer led."""
    assert client.post(reverse("screen_start"), {"age": age})["Location"] == question_url(1)
    number = 1
    while True:
        key = current_key(client, number)
        response = client.post(question_url(number), {"key": key, "answer": choose(key)})
        assert response.status_code == 302
        if response["Location"] != question_url(number + 1):
            return str(response["Location"])
        number += 1


def desk_worker(key: str) -> str:
    """A clear physical trigger, and no to everything else: the self-care path."""
    return "yes" if key in MECHANICAL_TRIGGER else "no"


def no_to_all(key: str) -> str:
    """No clear physical cause: the 'see someone soon' path."""
    return "no"


def with_fever(key: str) -> str:
    """A fever with the back pain: the same-day (urgent) path."""
    return "yes" if key == "fever" else desk_worker(key)
