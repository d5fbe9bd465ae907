"""/healthz answers "ok" to anyone, and reads nothing from the database."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_the_health_check_says_ok_without_signing_in_or_reading_the_database() -> None:
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert len(queries) == 0


def test_the_health_check_only_answers_reads() -> None:
    assert Client().post("/healthz").status_code == 405
