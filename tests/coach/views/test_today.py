"""Today: the plan's day for the person's own date, what is done, and the way to start."""

from __future__ import annotations

import datetime as dt
from html import escape

import pytest
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse

from tests.coach.views.test_plans import client_for, person, screened, with_plan
from upback.coach.models import GuidedItem, GuidedSession, Plan

pytestmark = pytest.mark.django_db

# Monday 4 May 2026, 20:00 UTC: already Tuesday morning in Auckland, still Monday in Los Angeles.
INSTANT = dt.datetime(2026, 5, 4, 20, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.now", lambda: INSTANT)


def _items(plan: Plan, day: str) -> list[dict[str, object]]:
    return next(d["items"] for d in plan.data["days"] if d["day"] == day)


def _done(user: User, plan: Plan, local_date: dt.date, slugs: list[str], day: str) -> None:
    session = GuidedSession.objects.create(
        owner=user, plan=plan, day=day, local_date=local_date, pain_before=3
    )
    for order, slug in enumerate(slugs):
        GuidedItem.objects.create(
            session=session,
            order=order,
            slug=slug,
            name=slug,
            status=GuidedItem.Status.DONE,
        )


def test_today_follows_the_persons_own_time_zone() -> None:
    kiri = person("kiri", time_zone="Pacific/Auckland")
    lou = person("lou", time_zone="America/Los_Angeles")
    kiri_plan = with_plan(kiri)
    with_plan(lou)
    auckland = client_for(kiri).get(reverse("today"))
    assert auckland.status_code == 200
    assert auckland.context["day_name"] == "Tuesday"
    assert "Tuesday 5 May" in auckland.content.decode()
    assert auckland.context["routine"]["day"] == "tue"
    los_angeles = client_for(lou).get(reverse("today"))
    assert los_angeles.context["day_name"] == "Monday"
    assert "Monday 4 May" in los_angeles.content.decode()
    assert los_angeles.context["routine"]["day"] == "mon"
    body = auckland.content.decode()
    for item in _items(kiri_plan, "tue"):
        assert escape(str(item["name"])) in body


def test_strength_comes_only_on_strength_days() -> None:
    lou = person("lou", time_zone="America/Los_Angeles")  # Monday: a strength day
    kiri = person("kiri", time_zone="Pacific/Auckland")  # Tuesday: not one
    with_plan(lou)
    with_plan(kiri)
    monday = client_for(lou).get(reverse("today"))
    assert "Resistance band row" in monday.content.decode()
    assert "a strength day" in monday.content.decode()
    tuesday = client_for(kiri).get(reverse("today"))
    assert "Resistance band row" not in tuesday.content.decode()
    assert all(item["kind"] != "strength" for item in tuesday.context["items"])


def test_a_plan_without_strength_days_has_none_on_monday_either() -> None:
    lou = person("lou", time_zone="America/Los_Angeles")
    with_plan(lou, strength_days_per_week=0)
    response = client_for(lou).get(reverse("today"))
    assert all(item["kind"] != "strength" for item in response.context["items"])


def test_what_is_done_today_is_marked_and_counted() -> None:
    lou = person("lou", time_zone="America/Los_Angeles")
    plan = with_plan(lou)
    items = _items(plan, "mon")
    first, second = str(items[0]["slug"]), str(items[1]["slug"])
    _done(lou, plan, dt.date(2026, 5, 4), [first, second], "mon")
    _done(lou, plan, dt.date(2026, 5, 3), [str(i["slug"]) for i in items], "sun")  # yesterday
    response = client_for(lou).get(reverse("today"))
    assert response.context["done_count"] == 2
    done = {item["slug"] for item in response.context["items"] if item["done"]}
    assert done == {first, second}
    body = response.content.decode()
    assert f"2 of {len(items)} done" in body
    assert body.count("Done today") == 2


def test_an_item_skipped_or_not_yet_reached_is_not_done() -> None:
    lou = person("lou", time_zone="America/Los_Angeles")
    plan = with_plan(lou)
    session = GuidedSession.objects.create(
        owner=lou, plan=plan, day="mon", local_date=dt.date(2026, 5, 4), pain_before=3
    )
    slug = str(_items(plan, "mon")[0]["slug"])
    GuidedItem.objects.create(
        session=session, order=0, slug=slug, name=slug, status=GuidedItem.Status.SKIPPED
    )
    assert client_for(lou).get(reverse("today")).context["done_count"] == 0


def test_when_everything_is_done_today_says_so() -> None:
    lou = person("lou", time_zone="America/Los_Angeles")
    plan = with_plan(lou)
    _done(lou, plan, dt.date(2026, 5, 4), [str(i["slug"]) for i in _items(plan, "mon")], "mon")
    response = client_for(lou).get(reverse("today"))
    assert response.context["all_done"]
    assert "All done for today" in response.content.decode()


def test_another_persons_sessions_never_count_as_done() -> None:
    lou = person("lou", time_zone="America/Los_Angeles")
    other = person("max", time_zone="America/Los_Angeles")
    lou_plan = with_plan(lou)
    other_plan = with_plan(other)
    _done(other, other_plan, dt.date(2026, 5, 4), [str(_items(lou_plan, "mon")[0]["slug"])], "mon")
    response = client_for(lou).get(reverse("today"))
    assert response.context["done_count"] == 0
    assert client_for(other).get(reverse("today")).context["done_count"] == 1


def test_today_offers_a_big_start_button_for_the_guided_player() -> None:
    lou = person("lou", time_zone="America/Los_Angeles")
    with_plan(lou)
    body = client_for(lou).get(reverse("today")).content.decode()
    try:
        start = reverse("player_start")
    except NoReverseMatch:  # the guided player is not wired in yet: no broken link then
        assert "Start today" not in body
        return
    assert f'class="button big start" href="{start}"' in body
    assert "Start today's routine" in body


def test_before_any_plan_today_leads_kindly_to_the_profile() -> None:
    lou = person("lou")
    response = client_for(lou).get(reverse("today"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Let's make your plan" in body
    assert f'href="{reverse("profile")}"' in body


def test_while_gentle_only_today_shows_only_flare_safe_items() -> None:
    lou = person("lou", time_zone="America/Los_Angeles")
    with_plan(lou)
    screened(lou, "soon")
    response = client_for(lou).get(reverse("today"))
    assert response.status_code == 200
    assert "Resistance band row" not in response.content.decode()
    assert "Gentle items only for now" in response.content.decode()
    assert response.context["items"]


def test_a_person_in_utc_without_an_account_row_gets_utc() -> None:
    ada = User.objects.create_user("ada")
    screened(ada)
    with_plan(ada)
    response = client_for(ada).get(reverse("today"))
    assert response.context["day_name"] == "Monday"


def test_a_broken_time_zone_falls_back_to_utc_instead_of_failing() -> None:
    lou = person("lou", time_zone="Not/AZone")
    with_plan(lou)
    response = client_for(lou).get(reverse("today"))
    assert response.status_code == 200
    assert response.context["day_name"] == "Monday"


def test_the_plan_says_when_it_was_made_on_the_persons_own_clock() -> None:
    kiri = person("kiri", time_zone="Pacific/Auckland")
    with_plan(kiri)
    body = client_for(kiri).get(reverse("plan")).content.decode()
    assert "made 5 May 2026 at 08:00" in body
