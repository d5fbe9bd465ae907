"""The advice pages: every topic from the library's advice, open in every state, 404 for others."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.coach.views.test_library import person
from tests.examples import GUIDE_PROFILE
from upback.coach import services
from upback.core.library import default_library
from upback.core.profile import parse_profile

pytestmark = pytest.mark.django_db

ADVICE = default_library().advice
TOPICS = [
    "heat-or-cold",
    "desk-set-up",
    "sleep",
    "daily-habits",
    "common-mistakes",
    "what-to-expect",
    "when-to-get-help",
]


def text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def technique_links(html: str) -> set[str]:
    return set(re.findall(r'href="/library/([a-z0-9_]+)/"', html))


@pytest.fixture
def cleared(client: Client) -> Client:
    person(client)
    return client


def test_anonymous_people_are_sent_to_log_in(client: Client) -> None:
    for url in ["/advice/", "/advice/sleep/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_the_index_links_every_topic_and_says_it_is_guidance(cleared: Client) -> None:
    html = text(cleared, "/advice/")
    for slug in TOPICS:
        assert f'href="/advice/{slug}/"' in html
    assert ADVICE.disclaimer in html


def test_heat_or_cold_gives_the_rule_both_how_tos_who_must_not_and_never(
    cleared: Client,
) -> None:
    html = text(cleared, "/advice/heat-or-cold/")
    hc = ADVICE.heat_cold
    for line in [hc.rule, hc.heat.when, hc.heat.minutes, hc.cold.when, hc.cold.minutes]:
        assert line in html
    for line in [*hc.heat.how, *hc.cold.how, *hc.who_must_not, *hc.never]:
        assert line in html
    assert {"heat_for_tight_muscles", "cold_for_new_flare"} <= technique_links(html)


def test_desk_set_up_lists_every_fix(cleared: Client) -> None:
    html = text(cleared, "/advice/desk-set-up/")
    for fix in ADVICE.desk:
        assert fix.title in html
        assert fix.text in html


def test_sleep_covers_each_position_and_the_mattress(cleared: Client) -> None:
    html = text(cleared, "/advice/sleep/")
    sleep = ADVICE.sleep
    for line in [sleep.side, sleep.back, sleep.stomach, sleep.mixed, sleep.mattress]:
        assert line in html
    assert "You told upback" not in html


def test_sleep_puts_the_persons_own_position_first(client: Client) -> None:
    user = person(client)
    services.profile_save(
        owner=user, profile=parse_profile({**GUIDE_PROFILE, "sleep_position": "stomach"})
    )
    html = text(client, "/advice/sleep/")
    assert "You told upback this is how you usually sleep." in html
    assert html.index(ADVICE.sleep.stomach) < html.index(ADVICE.sleep.side)


def test_daily_habits_lists_each_habit_with_its_technique_and_the_extras(
    cleared: Client,
) -> None:
    html = text(cleared, "/advice/daily-habits/")
    for habit in ADVICE.habits:
        assert habit.name in html
        assert habit.text in html
    for item in ADVICE.supportive:
        assert item.title in html
    linked = {h.technique for h in ADVICE.habits if h.technique}
    assert linked <= technique_links(html)


def test_common_mistakes_and_the_timeline(cleared: Client) -> None:
    mistakes = text(cleared, "/advice/common-mistakes/")
    for mistake in ADVICE.mistakes:
        assert mistake.title in mistakes
        assert mistake.text in mistakes
    timeline = text(cleared, "/advice/what-to-expect/")
    for line in [ADVICE.timeline.acute, ADVICE.timeline.chronic, ADVICE.timeline.review]:
        assert line in timeline


def test_when_to_get_help_gives_every_sign_and_the_safety_net(cleared: Client) -> None:
    html = text(cleared, "/advice/when-to-get-help/")
    for line in [*ADVICE.when_to_get_help, *ADVICE.safety_net]:
        assert line in html
    assert "local emergency number" in html
    assert 'href="/screen/"' in html


@pytest.mark.parametrize("topic", TOPICS)
def test_each_topic_has_a_title_a_heading_and_links_to_the_others(
    cleared: Client, topic: str
) -> None:
    html = text(cleared, f"/advice/{topic}/")
    assert html.count("<h1>") == 1
    assert "<title>" in html
    others = [t for t in TOPICS if t != topic]
    for other in others:
        assert f'href="/advice/{other}/"' in html


@pytest.mark.parametrize("topic", ["nope", "SLEEP", "sleep.html", "x" * 300])
def test_an_unknown_topic_is_a_friendly_404_listing_the_topics(cleared: Client, topic: str) -> None:
    response = cleared.get(f"/advice/{topic}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that advice" in html
    assert 'href="/advice/sleep/"' in html


@pytest.mark.parametrize("topic", TOPICS)
def test_a_stopped_person_can_read_every_topic_without_links_to_exercises(
    client: Client, topic: str
) -> None:
    person(client, chest_pain_or_pressure="yes")
    assert client.get("/library/")["Location"] == "/stop/"
    html = text(client, f"/advice/{topic}/")
    assert technique_links(html) == set()
    assert "Please get checked first" in html  # the stop banner stays visible


def test_a_stopped_person_is_asked_to_hold_the_movement_a_page_mentions(client: Client) -> None:
    person(client, chest_pain_or_pressure="yes")
    hold = "please put on hold any exercise"
    assert hold in text(client, "/advice/daily-habits/")
    assert hold in text(client, "/advice/heat-or-cold/")
    assert hold not in text(client, "/advice/when-to-get-help/")
    assert hold not in text(client, "/advice/sleep/")


def test_a_cleared_person_is_not_asked_to_hold_anything(cleared: Client) -> None:
    assert "please put on hold" not in text(cleared, "/advice/daily-habits/")


def test_a_stopped_person_can_read_the_advice_index(client: Client) -> None:
    person(client, chest_pain_or_pressure="yes")
    html = text(client, "/advice/")
    assert 'href="/advice/when-to-get-help/"' in html


def test_a_person_not_yet_screened_can_read_advice_without_links_to_exercises(
    client: Client,
) -> None:
    client.force_login(User.objects.create_user("new"))
    html = text(client, "/advice/daily-habits/")
    assert technique_links(html) == set()


def test_gentle_only_links_only_to_flare_suitable_techniques(client: Client) -> None:
    person(client, arm_numbness_or_tingling_one_side="yes")
    library = default_library()
    for topic in TOPICS:
        html = text(client, f"/advice/{topic}/")
        for slug in technique_links(html):
            assert library.get(slug).suitability.flare_ok, (topic, slug)
    habits = technique_links(text(client, "/advice/daily-habits/"))
    assert "movement_break" in habits
