"""Every form that changes something carries Django's CSRF token, and no view opts out of the
check except the REST API, which authenticates each call itself (see upback/api/auth.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

import upback
from tests.site.test_isolation import OWNED, PRIVATE, PUBLIC, ROUTES, SHARED, Route, _url, person

pytestmark = pytest.mark.django_db

POST_FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>.*?</form>", re.IGNORECASE | re.DOTALL)
TOKEN = 'name="csrfmiddlewaretoken"'

# Pages a visitor or a signed-in person can open with GET, each with the arguments it needs.
PAGES = [
    r
    for r in ROUTES
    if not r.is_api
    and not r.is_admin
    and (r.name in PRIVATE or r.name in SHARED or r.name in PUBLIC)
]


def _page_url(route: Route, owner: User) -> str:
    if route.name in OWNED:
        return _url(route, OWNED[route.name](owner))
    if route.name == "password_reset_confirm":
        return _url(route, {"uidb64": "MQ", "token": "set-password"})
    if route.name == "calendar_feed":
        return _url(route, {"token": "nope"})
    return _url(route, SHARED.get(route.name, {}))


def _forms(html: str) -> list[str]:
    return POST_FORM.findall(html)


@pytest.mark.parametrize(
    "route", PAGES + [r for r in ROUTES if r.name in OWNED and not r.is_api], ids=lambda r: r.name
)
def test_every_post_form_on_the_page_carries_the_csrf_token(route: Route) -> None:
    ana = person("ana")
    client = Client(enforce_csrf_checks=True)
    if route.name not in PUBLIC:
        client.force_login(ana)
    response = client.get(_page_url(route, ana))
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return  # a redirect, a download or a POST-only route: no form to look at
    for form in _forms(response.content.decode()):
        assert TOKEN in form, f"{route.name}: a POST form without the CSRF token:\n{form[:300]}"


def test_the_sign_in_form_is_refused_without_its_csrf_token() -> None:
    person("ana")
    response = Client(enforce_csrf_checks=True).post(
        "/login/", {"username": "ana", "password": "whatever"}
    )
    assert response.status_code == 403


def test_no_view_opts_out_of_csrf_except_the_api() -> None:
    exempt = [r.name for r in ROUTES if getattr(r.callback, "csrf_exempt", False) and not r.is_api]
    assert not exempt, f"views exempt from CSRF: {exempt}"


def test_upbacks_own_code_never_writes_csrf_exempt() -> None:
    source = Path(upback.__file__).parent
    found = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if "csrf_exempt" in path.read_text()
    ]
    assert not found, f"csrf_exempt used in {found}: justify it here or remove it"


def test_every_post_form_in_every_template_writes_the_csrf_token() -> None:
    """Also the forms only shown in some states (a pending review, a running month…)."""
    templates = Path(upback.__file__).parent / "coach" / "templates"
    checked, missing = 0, []
    for path in sorted(templates.rglob("*.html")):
        for form in POST_FORM.findall(path.read_text()):
            checked += 1
            if "{% csrf_token %}" not in form:
                missing.append(f"{path.relative_to(templates)}: {form[:120]}")
    assert checked >= 20, "the pattern should find upback's POST forms"
    assert not missing, "POST forms without {% csrf_token %}:\n" + "\n".join(missing)


@pytest.mark.parametrize("name", ["login", "signup", "checkin", "account", "habits", "review"])
def test_the_main_form_pages_really_have_post_forms_to_check(name: str) -> None:
    ana = person("ana")
    client = Client()
    if name not in PUBLIC:
        client.force_login(ana)
    html = client.get(f"/{next(r.route for r in ROUTES if r.name == name)}").content.decode()
    forms = _forms(html)
    assert forms, f"{name}: no POST form found"
    assert all(TOKEN in form for form in forms)
