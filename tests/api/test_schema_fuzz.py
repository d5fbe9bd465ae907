"""Bad input can't break the API: schemathesis sends generated requests to every operation.

The schema is the one the API serves at /api/v1/openapi.json (a test below pins that the two are
the same). Each operation gets a bounded number of examples, valid and invalid, sent through the
Django WSGI app with a personal access token of a person who has a screening, a profile and a
plan, so the calls reach past the "get checked first" answer into the real endpoints. Every
response must be no server error and must match the schema: a documented status code, a body of
the documented shape, the documented content type.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import person
from upback.api.main import api
from upback.coach.services.tokens import access_token_create

SCHEMA_URL = "/api/v1/openapi.json"
EXAMPLES_PER_OPERATION = 25
# The bar: no server error, and every answer inside the schema. `ignored_auth` adds that a
# call without the token, or with a wrong one, is refused. Left out for now:
# `negative_data_rejection` and `positive_data_acceptance`, which also demand that the schema
# states every limit the endpoints enforce (choices, ranges); turn them on once it does.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    ignored_auth,
]


def _served_schema() -> dict[str, Any]:
    """The schema as django-ninja builds it for /api/v1/ (needs no database to build)."""
    built: dict[str, Any] = json.loads(
        json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), default=str)
    )
    return built


schema = schemathesis.openapi.from_dict(_served_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def test_connection_kept(db: None) -> Iterator[None]:
    """Calls go through the real WSGI app, which closes the database connection at the start and
    end of each request; inside a test that would close the test's own transaction (PostgreSQL
    then says "the connection is closed"). Django's test client avoids it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token(test_connection_kept: None) -> str:
    """A token of a person with a cleared screening, a profile and a plan."""
    owner: User = person("fuzz")
    _, secret = access_token_create(owner=owner, name="schemathesis")
    return secret


def test_the_fuzzed_schema_is_the_one_the_api_serves(client: Client) -> None:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert response.json() == _served_schema()


def test_every_operation_is_fuzzed() -> None:
    operations = [op for path in _served_schema()["paths"].values() for op in path]
    assert len(operations) >= 10


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_input_makes_a_server_error_or_an_answer_outside_the_schema(
    case: Any, token: str
) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
