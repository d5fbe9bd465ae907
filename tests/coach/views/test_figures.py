"""A technique's pictures: the two image routes, and the pictures on its page and in the player."""

from __future__ import annotations

import gzip
import re
from html import escape

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponseBase
from django.test import Client

from tests.coach.views.test_library import person
from tests.coach.views.test_player import client_for, started
from tests.coach.views.test_player import person as planned_person
from upback.coach.models import GuidedItem
from upback.core.exercise_figure import captions, figure_text, has_figure
from upback.core.library import default_library

pytestmark = pytest.mark.django_db

LIBRARY = default_library()
MOVING = "/library/cat_cow/moving.svg"
STEPS = "/library/cat_cow/steps.svg"
COMFORT = "heat_for_tight_muscles"  # a comfort measure: nothing moves, so no picture


def policy(response: HttpResponseBase) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


@pytest.fixture
def cleared(client: Client) -> Client:
    person(client)
    return client


def test_the_moving_picture_is_an_animated_svg_with_a_policy_of_its_own(cleared: Client) -> None:
    response = cleared.get(MOVING)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg") and "@keyframes" in svg
    assert "<title" in svg and 'role="img"' in svg
    assert policy(response) == {"default-src 'none'", "style-src 'unsafe-inline'"}


def test_the_steps_picture_is_a_still_svg_with_no_style(cleared: Client) -> None:
    response = cleared.get(STEPS)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg") and "<style" not in svg
    assert policy(response) == {"default-src 'none'", "style-src 'unsafe-inline'"}


def test_pages_keep_the_strict_policy(cleared: Client) -> None:
    policy = cleared.get("/library/cat_cow/")["Content-Security-Policy"]
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy


@pytest.mark.parametrize("url", [MOVING, STEPS])
def test_a_browser_that_has_the_picture_gets_a_304(cleared: Client, url: str) -> None:
    first = cleared.get(url)
    assert "max-age" in first["Cache-Control"] and "private" in first["Cache-Control"]
    again = cleared.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_the_moving_picture_is_compressed_for_a_browser_that_accepts_gzip(cleared: Client) -> None:
    plain = cleared.get(MOVING)
    packed = cleared.get(MOVING, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) * 5 < len(plain.content)
    again = cleared.get(MOVING, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        f"/library/{COMFORT}/moving.svg",
        f"/library/{COMFORT}/steps.svg",
        "/library/no_such_thing/moving.svg",
        "/library/CAT_COW/steps.svg",
    ],
)
def test_a_technique_without_a_picture_is_a_404(cleared: Client, url: str) -> None:
    assert cleared.get(url).status_code == 404


def test_a_picture_cannot_be_changed(cleared: Client) -> None:
    assert cleared.post(MOVING).status_code == 405


@pytest.mark.parametrize("url", [MOVING, STEPS])
def test_a_stopped_person_gets_no_picture(client: Client, url: str) -> None:
    person(client, chest_pain_or_pressure="yes")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/stop/"
    assert b"<svg" not in response.content


def test_before_the_safety_check_there_is_no_picture(client: Client) -> None:
    client.force_login(User.objects.create_user("new"))
    assert client.get(MOVING)["Location"] == "/screen/"


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    assert client.get(MOVING)["Location"].startswith("/login/")


def test_gentle_only_holds_back_the_picture_of_a_technique_held_back(client: Client) -> None:
    person(client, arm_numbness_or_tingling_one_side="yes")
    assert client.get(MOVING).status_code == 200  # cat-cow is fine in a flare
    held = next(t for t in LIBRARY if has_figure(t) and not t.suitability.flare_ok)
    assert client.get(f"/library/{held.slug}/moving.svg").status_code == 404
    assert client.get(f"/library/{held.slug}/steps.svg").status_code == 404


# ---- on the technique's page ----------------------------------------------------------------


def test_the_page_shows_the_moving_picture_the_strip_and_numbered_captions(cleared: Client) -> None:
    technique = LIBRARY.get("cat_cow")
    html = cleared.get("/library/cat_cow/").content.decode()
    assert f'<img src="{MOVING}" alt="{escape(figure_text(technique))}">' in html
    assert f'<source media="(prefers-reduced-motion: reduce)" srcset="{STEPS}">' in html
    strip = html[html.index('class="picture-strip"') :]
    assert strip.index("<svg") < strip.index("</div>") and "<style" not in strip[:50_000]
    listed = re.search(r'<ol class="picture-captions">(.*?)</ol>', html, re.S)
    assert listed is not None
    assert re.findall(r"<li>(.*?)</li>", listed.group(1)) == [
        escape(c) for c in captions(technique)
    ]
    # Near the top: before the dose and the steps.
    assert html.index("picture-block") < html.index('class="card facts"')


def test_a_per_side_technique_says_to_do_the_other_side(cleared: Client) -> None:
    html = cleared.get("/library/doorway_pec_stretch/").content.decode()
    assert '<p class="picture-sides">Then the same on the other side.</p>' in html
    assert "picture-sides" not in cleared.get("/library/cat_cow/").content.decode()


def test_a_comfort_measure_has_no_picture_on_its_page(cleared: Client) -> None:
    html = cleared.get(f"/library/{COMFORT}/").content.decode()
    assert "picture-block" not in html and "moving.svg" not in html


# ---- in the player --------------------------------------------------------------------------


def _session_of(user: User, slugs: list[str]) -> int:
    """A started session whose items are exactly these techniques, in this order."""
    session = started(user)
    session.items.all().delete()
    for order, slug in enumerate(slugs):
        dose = LIBRARY.get(slug).dose
        GuidedItem.objects.create(
            session=session,
            order=order,
            slug=slug,
            name=LIBRARY.get(slug).name,
            dose={**dose.model_dump(mode="json"), "text": dose.describe()},
        )
    return session.pk


def test_the_player_has_the_picture_of_each_item_that_has_one() -> None:
    user = planned_person()
    pk = _session_of(user, ["cat_cow", COMFORT])
    html = client_for(user).get(f"/session/{pk}/").content.decode()
    stage = html[html.index('id="player-stage"') : html.index('id="player-done"')]
    assert re.findall(r'data-figure-for="(\d+)"', stage) == ["0"]
    assert f'src="{MOVING}"' in stage
    assert f'alt="{escape(figure_text(LIBRARY.get("cat_cow")))}"' in stage
    assert f"/library/{COMFORT}/" not in html
    # Without JavaScript, the picture is in the item's own "How to do it".
    item = html[html.index('id="item-0"') : html.index('id="item-1"')]
    assert f'src="{MOVING}"' in item


def test_a_player_with_no_pictured_item_shows_none() -> None:
    user = planned_person()
    pk = _session_of(user, [COMFORT])
    html = client_for(user).get(f"/session/{pk}/").content.decode()
    assert "data-figure-for" not in html and "moving.svg" not in html
