"""Fixtures for the REST API tests: a person with a plan and a token, and a stranger."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.examples import GUIDE_PROFILE, cleared_answers
from upback.coach.models import Account, Screening
from upback.coach.services.plans import plan_create, profile_save
from upback.coach.services.screenings import screening_record
from upback.coach.services.tokens import access_token_create
from upback.core import safety
from upback.core.profile import parse_profile

BASE = "/api/v1"


def screen(owner: User, **changes: str) -> Screening:
    """A screening with every answer 'no' but a clear trigger, changed by `changes`."""
    answers: dict[str, Any] = cleared_answers()
    answers.update(changes)
    return screening_record(
        owner=owner, screening=safety.Screening(age=40, answers=answers), source="web"
    )


def person(username: str) -> User:
    user = User.objects.create_user(username, password="a calm back 2026")
    Account.objects.create(owner=user, time_zone="Europe/Lisbon")
    screen(user)
    profile = parse_profile(GUIDE_PROFILE)
    profile_save(owner=user, profile=profile)
    plan_create(owner=user, profile=profile)
    return user


class Api:
    """A test client that sends a personal access token with every call, and speaks JSON."""

    def __init__(self, secret: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path: str, **query: Any) -> Any:
        return self.client.get(BASE + path, query, headers=self.headers)

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post(
            BASE + path, body or {}, content_type="application/json", headers=self.headers
        )

    def put(self, path: str, body: Any = None) -> Any:
        return self.client.put(
            BASE + path, body or {}, content_type="application/json", headers=self.headers
        )

    def delete(self, path: str) -> Any:
        return self.client.delete(BASE + path, headers=self.headers)


@pytest.fixture
def owner(db: None) -> User:
    return person("ana")


@pytest.fixture
def outsider(db: None) -> User:
    return person("bo")


@pytest.fixture
def secret(owner: User) -> str:
    _, made = access_token_create(owner=owner, name="laptop")
    return made


@pytest.fixture
def api(secret: str) -> Api:
    return Api(secret)


@pytest.fixture
def stranger_api(outsider: User) -> Api:
    _, made = access_token_create(owner=outsider, name="laptop")
    return Api(made)


@pytest.fixture
def anonymous(db: None) -> Api:
    return Api(None)
