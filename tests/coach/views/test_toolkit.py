"""The toolkit page leads to every everyday tool, and the navigation knows where you are."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, reverse

from upback.coach.views.toolkit import GROUPS

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    person = User.objects.create_user("tess", password="a calm back 2026")
    browser = Client()
    browser.force_login(person)
    return browser


def _current_nav(html: str) -> list[str]:
    nav = html[html.index('aria-label="Main"') :]
    nav = nav[: nav.index("</nav>")]
    return re.findall(r'aria-current="page">([^<]+)<', nav)


def test_the_toolkit_links_to_every_tool_this_install_has(client: Client) -> None:
    html = unescape(client.get("/toolkit/").content.decode())
    for _, tools in GROUPS:
        for tool in tools:
            try:
                url = reverse(tool.url_name)
            except NoReverseMatch:
                continue
            assert f'href="{url}"' in html, tool.title
            assert tool.title in html


def test_the_toolkit_is_in_the_main_navigation_and_marked_on_its_own_pages(
    client: Client,
) -> None:
    assert _current_nav(client.get("/toolkit/").content.decode()) == ["Toolkit"]
    assert _current_nav(client.get("/advice/").content.decode()) == ["Toolkit"]
    assert _current_nav(client.get("/advice/sleep/").content.decode()) == ["Toolkit"]


def test_other_pages_mark_their_own_section(client: Client) -> None:
    assert _current_nav(client.get("/account/").content.decode()) == ["Account"]
    assert _current_nav(client.get("/journal/").content.decode()) == ["Journal"]


def test_the_toolkit_needs_a_login() -> None:
    response = Client().get("/toolkit/")
    assert response.status_code == 302 and "/login/" in response["Location"]
