"""The OpenAPI document and the docs page: complete, open to read, and within the strict CSP."""

from __future__ import annotations

import re

import pytest
import schemathesis
from django.test import Client

from tests.api.conftest import BASE

pytestmark = pytest.mark.django_db

ROUTES = {
    ("get", "/screen"),
    ("post", "/screen"),
    ("get", "/profile"),
    ("put", "/profile"),
    ("get", "/plan"),
    ("get", "/plan/versions"),
    ("get", "/plan/versions/{version}"),
    ("get", "/sessions"),
    ("get", "/sessions/{session_id}"),
    ("get", "/checkins"),
    ("post", "/checkins"),
    ("get", "/checkins/{date}"),
    ("put", "/checkins/{date}"),
    ("delete", "/checkins/{date}"),
    ("get", "/progress"),
    ("get", "/habits"),
    ("post", "/habits/ticks"),
    ("delete", "/habits/ticks/{slug}/{date}"),
    ("get", "/breaks"),
    ("post", "/breaks"),
    ("get", "/export"),
}


@pytest.fixture
def schema(client: Client) -> dict:  # type: ignore[type-arg]
    response = client.get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_the_schema_is_valid_openapi(schema: dict) -> None:  # type: ignore[type-arg]
    assert schema["openapi"].startswith("3.1")
    schemathesis.openapi.from_dict(schema).validate()


def test_the_schema_lists_every_route(schema: dict) -> None:  # type: ignore[type-arg]
    found = {
        (method, path.removeprefix(BASE))
        for path, operations in schema["paths"].items()
        for method in operations
    }
    assert found == ROUTES


def test_every_route_has_a_summary_a_success_schema_and_its_errors(
    schema: dict,  # type: ignore[type-arg]
) -> None:
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            where = f"{method} {path}"
            assert operation["summary"][0].isupper(), where
            assert operation.get("security"), where
            codes = set(operation["responses"])
            assert {"401", "404", "422"} <= codes, where
            success = [c for c in codes if c.startswith("2")]
            assert success, where
            for code in success:
                if code != "204":
                    assert operation["responses"][code]["content"], where


def test_the_schema_names_both_ways_in(schema: dict) -> None:  # type: ignore[type-arg]
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["BrowserSession"]["in"] == "cookie"


def test_the_docs_page_renders_under_the_strict_csp_with_no_inline_script(client: Client) -> None:
    response = client.get(f"{BASE}/docs")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        # Either our own file, or a JSON data block (never run as script).
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "cdn" not in html.lower()
    assert re.search(r"\son[a-z]+=", html) is None
    assert 'style="' not in html
