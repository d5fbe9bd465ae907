"""upback as an installable app: the manifest and its icons, the service worker, the offline page,
and the metas every page carries for the worker."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.coach.views.test_plans import client_for, person

pytestmark = pytest.mark.django_db

CSS = Path(finders.find("coach/upback.css") or "").read_text()


def css_colour(name: str) -> str:
    """The light theme's value of a CSS variable in upback.css."""
    found = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}});", CSS)
    assert found, name
    return found.group(1).lower()


def static_file(url: str) -> Path:
    found = finders.find(url.removeprefix("/static/"))
    assert found, f"{url} is not a static file"
    return Path(found)


def worker_config(client: Client) -> dict[str, Any]:
    script = client.get(reverse("service_worker")).content.decode()
    found = re.search(r"^const CONFIG = (\{.*?^\});$", script, re.S | re.M)
    assert found, "the worker script carries its configuration"
    config: dict[str, Any] = json.loads(found.group(1))
    return config


def manifest(client: Client) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(client.get(reverse("manifest")).content)
    return body


def metas(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta name="(upback-[a-z]+)" content="([^"]*)">', html))


# ---- the manifest -----------------------------------------------------------------------------


def test_the_manifest_is_served_to_anyone_as_a_web_app_manifest() -> None:
    response = Client().get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    body = json.loads(response.content)
    assert body["name"] == "upback — upper back coach"
    assert body["short_name"] == "upback"
    assert (body["start_url"], body["scope"], body["display"]) == ("/today/", "/", "standalone")


def test_the_manifest_uses_upbacks_own_colours() -> None:
    body = manifest(Client())
    assert body["theme_color"] == css_colour("accent")
    assert body["background_color"] == css_colour("bg")


def test_every_manifest_icon_exists_at_the_size_it_claims() -> None:
    icons = manifest(Client())["icons"]
    for icon in icons:
        path = static_file(icon["src"])
        if icon["type"] == "image/png":
            width, height = icon["sizes"].split("x")
            with Image.open(path) as image:
                assert image.size == (int(width), int(height)), icon["src"]
        else:
            assert icon["type"] == "image/svg+xml"
            assert path.read_text().lstrip().startswith("<svg")
    offered = {(icon["sizes"], icon["purpose"]) for icon in icons}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= offered
    assert ("any", "any") in offered, "an SVG icon for any size"


def test_the_maskable_icon_fills_its_whole_square_in_the_theme_colour() -> None:
    maskable = next(i for i in manifest(Client())["icons"] if i["purpose"] == "maskable")
    with Image.open(static_file(maskable["src"])) as image:
        corner = image.convert("RGBA").getpixel((0, 0))
    assert corner == (13, 107, 94, 255)  # #0d6b5e, opaque: launchers may crop it to any shape


def test_the_apple_touch_icon_is_180_pixels_square() -> None:
    with Image.open(static_file("/static/coach/icons/apple-touch-icon.png")) as image:
        assert image.size == (180, 180)


def test_the_manifest_only_answers_reads() -> None:
    assert Client().post(reverse("manifest")).status_code == 405


# ---- the service worker -----------------------------------------------------------------------


def test_the_worker_is_served_from_the_root_to_anyone_as_javascript_never_cached() -> None:
    response = Client().get("/sw.js")
    assert response.status_code == 200, "no login redirect: browsers fetch it on every page"
    assert reverse("service_worker") == "/sw.js", "at the root, so its scope is the whole site"
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "no-cache"


def test_the_worker_script_is_plain_javascript_and_the_same_on_every_request() -> None:
    client = Client()
    first = client.get(reverse("service_worker")).content.decode()
    second = client.get(reverse("service_worker")).content.decode()
    assert first == second, "an unchanged worker is not installed again"
    assert "{%" not in first and "{{" not in first
    assert re.search(r'"version": "[0-9a-f]{12}"', first)


def test_the_worker_keeps_the_shell_the_player_library_and_breaks_need() -> None:
    config = worker_config(Client())
    shell = set(config["shell"])
    for name in ("upback.css", "player.css", "player.js", "library.css", "pwa.js", "pwa.css"):
        assert f"/static/coach/{name}" in shell
    assert "/static/coach/vendor/htmx.min.js" in shell
    assert "/static/coach/icons/icon-192.png" in shell
    for url in shell:
        static_file(url)  # every file it asks for exists
    assert config["offline"] == reverse("offline")


def test_the_worker_keeps_the_library_player_and_breaks_pages_but_never_private_ones() -> None:
    config = worker_config(Client())
    pages = [re.compile(p) for p in config["pages"]]
    never = [re.compile(p) for p in config["never"]]

    def kept(path: str) -> bool:
        return any(p.search(path) for p in pages) and not any(p.search(path) for p in never)

    for path in ("/library/", "/library/thoracic-rotation/", "/breaks/", "/today/", "/plan/"):
        assert kept(path), path
    assert kept("/breaks/routine/shoulder_rolls/")
    assert kept(reverse("player", args=[12]))
    for path in (
        "/account/",
        "/account/data/",
        "/report/",
        "/login/",
        "/signup/",
        "/admin/",
        "/progress/",
        "/checkin/",
        reverse("player_finish", args=[12]),
        reverse("player_start"),
    ):
        assert not kept(path), path


def test_the_worker_treats_library_player_and_break_routines_as_exercise() -> None:
    exercise = [re.compile(p) for p in worker_config(Client())["exercise"]]
    for path in ("/library/", "/breaks/routine/shoulder_rolls/", reverse("player", args=[3])):
        assert any(p.search(path) for p in exercise), path
    assert not any(p.search("/advice/sleep/") for p in exercise)


def test_the_worker_queues_only_the_two_idempotent_records() -> None:
    queue = [re.compile(p) for p in worker_config(Client())["queue"]]

    def queued(path: str) -> bool:
        return any(p.search(path) for p in queue)

    assert queued(reverse("break_record"))
    assert queued(reverse("player_item", args=[4, 2]))
    assert not queued(reverse("player_finish", args=[4]))
    assert not queued(reverse("checkin"))


def test_the_content_security_policy_lets_the_worker_and_manifest_load() -> None:
    policy = Client().get(reverse("login"))["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == ["'self'"]
    for fallback in ("worker-src", "manifest-src", "script-src"):
        assert directives.get(fallback, ["'self'"]) == ["'self'"]


# ---- the offline page -------------------------------------------------------------------------


def test_the_offline_page_is_there_for_anyone_and_says_what_still_works() -> None:
    response = Client().get(reverse("offline"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>You are offline</h1>" in body
    assert "The library and any routine you opened recently still work." in body
    assert "kept on this device and sent when you are back online" in body


def test_the_offline_page_promises_no_exercise_to_a_stopped_person() -> None:
    body = client_for(person(result="emergency")).get(reverse("offline")).content.decode()
    assert "holding exercises until you have been checked" in body
    assert "any routine you opened recently still work" not in body


# ---- what every page tells the worker ---------------------------------------------------------


def test_every_page_links_the_manifest_icons_and_the_worker_script() -> None:
    body = Client().get(reverse("login")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in body
    assert 'rel="apple-touch-icon" href="/static/coach/icons/apple-touch-icon.png"' in body
    assert '<meta name="theme-color" content="#0d6b5e"' in body
    assert re.search(r'<script src="/static/coach/pwa.js" data-sw="/sw.js" defer></script>', body)


def test_pages_tell_the_worker_who_is_signed_in_and_their_care_state() -> None:
    assert metas(Client().get(reverse("login")).content.decode()) == {
        "upback-user": "",
        "upback-care": "",
    }
    cleared = client_for(person("ana")).get(reverse("today")).content.decode()
    assert metas(cleared) == {"upback-user": "ana", "upback-care": "ok"}
    gentle = client_for(person("ben", result="soon")).get(reverse("library")).content.decode()
    assert metas(gentle)["upback-care"] == "gentle"
    stopped = client_for(person("cas", result="emergency")).get(reverse("stop")).content.decode()
    assert metas(stopped) == {"upback-user": "cas", "upback-care": "stopped"}
