"""One technique's page: its content, variant links, unknown slugs and the safety states."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.coach.views.test_library import person
from upback.core.library import default_library

pytestmark = pytest.mark.django_db

LIBRARY = default_library()


@pytest.fixture
def cleared(client: Client) -> Client:
    person(client)
    return client


def test_anonymous_people_are_sent_to_log_in(client: Client) -> None:
    response = client.get("/library/cat_cow/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_person_without_a_screening_is_sent_to_the_safety_check(client: Client) -> None:
    client.force_login(User.objects.create_user("new"))
    assert client.get("/library/cat_cow/")["Location"] == "/screen/"


def test_a_stopped_person_cannot_reach_a_technique_by_its_address(client: Client) -> None:
    person(client, chest_pain_or_pressure="yes")
    response = client.get("/library/cat_cow/")
    assert response.status_code == 302
    assert response["Location"] == "/stop/"
    assert client.get("/library/no_such_thing/")["Location"] == "/stop/"


def test_the_page_shows_steps_in_order_dose_why_and_cautions(cleared: Client) -> None:
    technique = LIBRARY.get("cat_cow")
    response = cleared.get("/library/cat_cow/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Cat-cow · upback</title>" in html
    assert "<h1>Cat-cow</h1>" in html
    assert '<ol class="steps">' in html
    positions = [html.index(step.replace("'", "&#x27;")) for step in technique.steps]
    assert positions == sorted(positions)
    assert technique.dose.describe() in html
    assert technique.why in html
    assert 'class="card caution"' in html
    for caution in technique.cautions:
        assert caution in html
    assert "On hands and knees" in html
    assert "None needed" in html
    assert "mid-back, upper back, whole spine" in html
    assert "Fine in a flare." in html
    assert "Needs a little space or time" in html


def test_equipment_and_desk_suitability_are_named(cleared: Client) -> None:
    html = cleared.get("/library/foam_roller_mid_back/").content.decode()
    assert "Foam roller" in html
    assert "Not for a flare." in html
    desk = cleared.get("/library/seated_twist/").content.decode()
    assert "Desk-friendly." in desk


def test_easier_and_harder_variants_are_links(cleared: Client) -> None:
    html = cleared.get("/library/thoracic_rotation/").content.decode()
    assert "If this is too much today" in html
    assert 'href="/library/seated_twist/"' in html
    assert "When this feels easy" in html
    assert 'href="/library/thread_the_needle/"' in html
    assert cleared.get("/library/seated_twist/").status_code == 200


def test_comfort_measures_point_to_their_advice(cleared: Client) -> None:
    html = cleared.get("/library/heat_for_tight_muscles/").content.decode()
    assert 'href="/advice/heat-or-cold/"' in html
    assert "comfort measure" in html
    assert "Easier and harder versions" not in html


@pytest.mark.parametrize("slug", ["no_such_thing", "CAT_COW", "cat-cow", "x" * 300, "%00"])
def test_an_unknown_technique_is_a_friendly_404(cleared: Client, slug: str) -> None:
    response = cleared.get(f"/library/{slug}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that technique" in html
    assert 'href="/library/"' in html


def test_a_near_miss_suggests_the_technique_meant(cleared: Client) -> None:
    html = cleared.get("/library/cat_cwo/").content.decode()
    assert "Did you mean" in html
    assert 'href="/library/cat_cow/"' in html


def test_gentle_only_shows_a_flare_suitable_technique(client: Client) -> None:
    person(client, arm_numbness_or_tingling_one_side="yes")
    html = client.get("/library/thoracic_rotation/").content.decode()
    assert LIBRARY.get("thoracic_rotation").steps[0] in html
    # Its harder variant is not flare-suitable, so it is not offered.
    assert "thread_the_needle" not in html
    assert 'href="/library/seated_twist/"' in html


def test_gentle_only_holds_back_a_technique_that_is_not_flare_suitable(client: Client) -> None:
    person(client, arm_numbness_or_tingling_one_side="yes")
    technique = LIBRARY.get("band_row")
    response = client.get("/library/band_row/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "will be available once you have been seen" in html
    for step in technique.steps:
        assert step not in html
    assert technique.dose.describe() not in html
    assert 'href="/library/scapular_squeeze/"' in html  # a gentle one instead
