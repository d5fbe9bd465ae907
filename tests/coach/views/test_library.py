"""The library list: filters, search, bad filter values, htmx updates and the safety states."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from upback.coach import services
from upback.core.library import default_library
from upback.core.library_search import text_matches
from upback.core.safety import SYMPTOM_KEYS, parse_screening

pytestmark = pytest.mark.django_db

LIBRARY = default_library()


def screen(user: User, **extra: str) -> None:
    """Record a screening: every warning sign 'no', a mechanical trigger, plus `extra` answers."""
    answers = {key: "no" for key in SYMPTOM_KEYS}
    answers.update(
        upper_back_pain="yes",
        mechanical_trigger_identified="yes",
        prolonged_sitting_or_screen_use="yes",
        pain_reproduced_by_movement_or_pressure="yes",
        pain_eases_with_movement_or_position_change="yes",
    )
    answers.update(extra)
    services.screening_record(
        owner=user, screening=parse_screening({"age": 40, "answers": answers})
    )


def person(client: Client, name: str = "ana", **extra: str) -> User:
    user = User.objects.create_user(name)
    screen(user, **extra)
    client.force_login(user)
    return user


def shown(html: str) -> set[str]:
    """The slugs of the techniques a list page links to."""
    return set(re.findall(r'href="/library/([a-z0-9_]+)/"', html))


@pytest.fixture
def cleared(client: Client) -> Client:
    person(client)
    return client


def test_anonymous_people_are_sent_to_log_in(client: Client) -> None:
    response = client.get("/library/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_person_without_a_screening_is_sent_to_the_safety_check(client: Client) -> None:
    client.force_login(User.objects.create_user("new"))
    response = client.get("/library/")
    assert response.status_code == 302
    assert response["Location"] == "/screen/"


def test_a_stopped_person_gets_the_stop_page_not_the_library(client: Client) -> None:
    person(client, chest_pain_or_pressure="yes")
    response = client.get("/library/")
    assert response.status_code == 302
    assert response["Location"] == "/stop/"
    assert client.get("/library/?kind=stretch").status_code == 302


def test_a_cleared_person_sees_every_technique_grouped_by_kind(cleared: Client) -> None:
    response = cleared.get("/library/")
    html = response.content.decode()
    assert response.status_code == 200
    assert shown(html) == set(LIBRARY.techniques)
    assert f"All {len(LIBRARY.techniques)} techniques." in html
    assert html.index("Quick relief") < html.index("Mobility") < html.index("Strength")
    assert "<title>Library · upback</title>" in html


def test_each_result_shows_its_dose_time_position_equipment_and_suitability(
    cleared: Client,
) -> None:
    html = cleared.get("/library/?q=doorway").content.decode()
    assert shown(html) == {"doorway_pec_stretch"}
    assert "2 × 30 s hold each side" in html
    assert "about 2 min" in html
    assert "Standing" in html
    assert "No equipment" in html
    assert "Fine in a flare" in html
    assert "Desk-friendly" in html
    roller = cleared.get("/library/?q=mid-back+roll").content.decode()
    assert "Foam roller" in roller


def test_the_kind_filter(cleared: Client) -> None:
    html = cleared.get("/library/?kind=stretch").content.decode()
    expected = {t.slug for t in LIBRARY if t.kind == "stretch"}
    assert shown(html) == expected
    assert '<option value="stretch" selected>' in html


def test_the_equipment_filter_and_no_equipment(cleared: Client) -> None:
    rollers = shown(cleared.get("/library/?equipment=foam_roller").content.decode())
    assert rollers == {t.slug for t in LIBRARY if "foam_roller" in t.equipment}
    bare = shown(cleared.get("/library/?equipment=none").content.decode())
    assert bare == {t.slug for t in LIBRARY if not t.equipment}


def test_the_position_filter_and_the_no_floor_shortcut(cleared: Client) -> None:
    seated = shown(cleared.get("/library/?position=seated").content.decode())
    assert seated == {t.slug for t in LIBRARY if t.position == "seated"}
    upright = shown(cleared.get("/library/?position=no_floor").content.decode())
    assert upright == {t.slug for t in LIBRARY if not t.on_floor}
    assert "cat_cow" not in upright


def test_the_minutes_filter(cleared: Client) -> None:
    short = shown(cleared.get("/library/?minutes=2").content.decode())
    assert "cat_cow" in short
    assert "book_belly_breathing" not in short
    assert "towel_roll_sitting_cue" not in shown(
        cleared.get("/library/?minutes=10").content.decode()
    )


def test_the_flare_and_desk_filters(cleared: Client) -> None:
    flare = shown(cleared.get("/library/?suits=flare").content.decode())
    assert flare == {t.slug for t in LIBRARY if t.suitability.flare_ok}
    desk = shown(cleared.get("/library/?suits=desk").content.decode())
    assert desk == {t.slug for t in LIBRARY if t.suitability.desk_ok}


def test_search_looks_at_names_and_targets(cleared: Client) -> None:
    assert shown(cleared.get("/library/?q=cat-cow").content.decode()) == {
        "cat_cow",
        "seated_cat_cow",
    }
    by_target = shown(cleared.get("/library/?q=rhomboids").content.decode())
    assert "band_row" in by_target
    response = cleared.get("/library/?q=rhomboids")
    assert 'value="rhomboids"' in response.content.decode()


def test_filters_and_search_combine(cleared: Client) -> None:
    html = cleared.get(
        "/library/?q=shoulder&kind=strength&position=no_floor&equipment=none&minutes=2"
    ).content.decode()
    found = shown(html)
    assert found
    for slug in found:
        technique = LIBRARY.get(slug)
        assert technique.kind == "strength"
        assert not technique.on_floor
        assert not technique.equipment
    assert "match" in html


def test_nothing_matching_shows_a_kind_empty_state(cleared: Client) -> None:
    response = cleared.get("/library/?q=zebra")
    html = response.content.decode()
    assert response.status_code == 200
    assert shown(html) == set()
    assert "No techniques match those filters." in html
    assert "Show every technique" in html


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("kind=cartwheel", "kind"),
        ("equipment=trampoline", "equipment"),
        ("position=upside_down", "position"),
        ("minutes=7", "minutes"),
        ("minutes=-1", "minutes"),
        ("suits=everything", "suits"),
    ],
)
def test_an_unknown_filter_value_is_a_400_that_names_it_and_leaves_it_out(
    cleared: Client, query: str, field: str
) -> None:
    response = cleared.get(f"/library/?{query}&q=shoulder")
    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}_errors"' in html
    assert "was left out" in html
    value = query.split("=", 1)[1]
    assert f"“{value}”" in html
    # The other filters still apply, and the search text is kept.
    assert shown(html) == {t.slug for t in LIBRARY if text_matches(t, "shoulder")}
    assert 'value="shoulder"' in html


def test_an_over_long_search_is_a_400_with_a_message(cleared: Client) -> None:
    response = cleared.get("/library/?q=" + "a" * 500)
    assert response.status_code == 400
    assert "under 100 characters" in response.content.decode()


def test_repeated_and_odd_parameters_never_crash(cleared: Client) -> None:
    for query in ("kind=stretch&kind=strength", "q=%00%ff", "minutes=2.5", "other=1", "q=<b>"):
        assert cleared.get(f"/library/?{query}").status_code in (200, 400), query
    assert "&lt;b&gt;" in cleared.get("/library/?q=<b>").content.decode()


def test_an_htmx_request_gets_just_the_list_and_the_count(cleared: Client) -> None:
    response = cleared.get("/library/?kind=breathing", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert shown(html) == {t.slug for t in LIBRARY if t.kind == "breathing"}
    assert "HX-Request" in response["Vary"]


def test_htmx_restoring_history_gets_the_whole_page(cleared: Client) -> None:
    response = cleared.get(
        "/library/?kind=breathing",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_the_filter_form_works_without_javascript_and_is_enhanced_by_htmx(
    cleared: Client,
) -> None:
    html = cleared.get("/library/").content.decode()
    assert 'method="get" action="/library/"' in html
    assert 'hx-get="/library/"' in html
    assert 'hx-target="#results"' in html
    assert 'hx-push-url="true"' in html
    assert "No floor work" in html
    assert "No equipment needed" in html
    assert "Up to 5 minutes" in html


def test_gentle_only_lists_only_flare_suitable_techniques(client: Client) -> None:
    person(client, arm_numbness_or_tingling_one_side="yes")
    response = client.get("/library/")
    html = response.content.decode()
    assert response.status_code == 200
    assert shown(html) == {t.slug for t in LIBRARY if t.suitability.flare_ok}
    assert "band_row" not in shown(html)
    assert "fine during a flare" in html
    # No filter can bring a non-flare technique back.
    assert shown(client.get("/library/?kind=strength").content.decode()) == {
        t.slug for t in LIBRARY if t.kind == "strength" and t.suitability.flare_ok
    }
    assert shown(client.get("/library/?q=band+row").content.decode()) == set()
