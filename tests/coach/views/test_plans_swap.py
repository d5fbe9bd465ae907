"""Swapping an item and rebuilding the plan: each makes a new version, bad ones nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.coach.views.test_plans import client_for, person, screened, with_plan
from upback.coach.models import Plan, Profile
from upback.core.library import default_library
from upback.core.plan_swap import alternatives
from upback.core.profile import parse_profile

pytestmark = pytest.mark.django_db

LIBRARY = default_library()


@pytest.fixture
def ana() -> User:
    return person("ana")


def _swap(user: User, client: Client | None = None, **data: object) -> Any:
    post = {"version": 1, "slug": "band_row", "replacement": "wall_angels", "day": "mon"}
    post.update(data)
    return (client or client_for(user)).post(reverse("plan_swap"), post)


def _slugs(plan: Plan, day: str | None = None) -> set[str]:
    return {
        item["slug"]
        for d in plan.data["days"]
        if day is None or d["day"] == day
        for item in d["items"]
    }


def test_the_plan_page_offers_exactly_the_valid_alternatives(ana: User) -> None:
    plan = with_plan(ana)
    body = client_for(ana).get(reverse("plan")).content.decode()
    profile = parse_profile(plan.profile_snapshot)
    expected = [t.slug for t in alternatives(plan.data, "band_row", profile, LIBRARY)]
    offered = re.findall(r'id="swap-mon-band_row-([a-z_]+)"', body)
    assert offered == expected
    assert "This changes Monday, Wednesday and Friday." in body
    assert "Instead of Resistance band row, do:" in body


def test_a_swap_makes_a_new_version_with_the_item_replaced_everywhere(ana: User) -> None:
    first = with_plan(ana)
    client = client_for(ana)
    response = _swap(ana, client)
    assert response.status_code == 302
    assert response["Location"] == reverse("plan") + "?day=mon#day-mon"
    plans = list(Plan.objects.filter(owner=ana))
    assert [p.version for p in plans] == [2, 1]
    newest = plans[0]
    assert newest.reason == "swapped Resistance band row for Wall angels"
    assert newest.profile_snapshot == first.profile_snapshot
    assert "band_row" not in _slugs(newest)
    for day in ("mon", "wed", "fri"):
        assert "wall_angels" in _slugs(newest, day)
    assert plans[1].data == first.data, "the earlier version is kept as it was"
    page = client.get(reverse("plan") + "?day=mon")
    assert "Done: swapped Resistance band row for Wall angels" in page.content.decode()
    assert next(d for d in page.context["days"] if d["day"] == "mon")["open"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("replacement", "band_row_strong"),  # level 3: not offered
        ("replacement", "cat_cow"),  # another kind
        ("replacement", "'; drop table"),
        ("replacement", ""),
        ("slug", "cobra"),  # not in the plan
        ("slug", ""),
        ("version", "one"),
    ],
)
def test_a_forged_or_missing_choice_is_a_400_and_changes_nothing(
    ana: User, field: str, value: str
) -> None:
    with_plan(ana)
    response = _swap(ana, **{field: value})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was swapped." in body
    assert Plan.objects.filter(owner=ana).count() == 1


def test_a_refused_swap_shows_the_message_in_the_swap_it_came_from(ana: User) -> None:
    with_plan(ana)
    response = _swap(ana, replacement="cat_cow")
    body = response.content.decode()
    assert re.search(
        r'<details class="swap" open>.*?id="swap-errors-mon-band_row"><li>That choice is not',
        body,
        re.S,
    )


def test_a_swap_on_an_old_version_changes_nothing_and_says_why(ana: User) -> None:
    with_plan(ana)
    client = client_for(ana)
    assert _swap(ana, client).status_code == 302
    response = _swap(ana, client, slug="doorway_pec_stretch", replacement="seated_twist")
    assert response["Location"] == reverse("plan")
    assert Plan.objects.filter(owner=ana).count() == 2
    page = client.get(reverse("plan")).content.decode()
    assert "Your plan changed in the meantime" in page


def test_a_swap_cannot_be_made_by_a_get(ana: User) -> None:
    with_plan(ana)
    response = client_for(ana).get(reverse("plan_swap"))
    assert response.status_code == 405
    assert Plan.objects.filter(owner=ana).count() == 1


def test_a_swap_before_any_plan_leads_to_the_profile(ana: User) -> None:
    assert _swap(ana)["Location"] == reverse("profile")


def test_a_swap_while_gentle_only_offers_and_takes_only_gentle_items(ana: User) -> None:
    with_plan(ana)
    screened(ana, "soon")
    # Foam roller extension is a mobility item but not flare-safe.
    response = _swap(ana, slug="thoracic_rotation", replacement="foam_roller_extension")
    assert response.status_code == 400
    response = _swap(ana, slug="thoracic_rotation", replacement="seated_cat_cow")
    assert response.status_code == 302
    newest = Plan.objects.filter(owner=ana).first()
    assert newest is not None
    assert "seated_cat_cow" in _slugs(newest, "mon")


def test_rebuilding_makes_a_new_version_from_the_stored_profile(ana: User) -> None:
    first = with_plan(ana)
    _swap(ana)
    profile = Profile.objects.get(owner=ana)
    profile.minutes_per_day = 10
    profile.save()
    response = client_for(ana).post(reverse("plan_regenerate"))
    assert response["Location"] == reverse("plan")
    newest = Plan.objects.filter(owner=ana).first()
    assert newest is not None
    assert newest.version == 3
    assert newest.reason == "rebuilt from your profile"
    assert newest.data["minutes_per_day"] == 10
    assert newest.profile_snapshot["minutes_per_day"] == 10
    assert newest.data != first.data


def test_rebuilding_an_unchanged_profile_undoes_the_swaps(ana: User) -> None:
    first = with_plan(ana)
    _swap(ana)
    client_for(ana).post(reverse("plan_regenerate"))
    newest = Plan.objects.filter(owner=ana).first()
    assert newest is not None
    assert newest.data == first.data


def test_rebuilding_before_any_profile_leads_to_the_profile(ana: User) -> None:
    response = client_for(ana).post(reverse("plan_regenerate"))
    assert response["Location"] == reverse("profile")
    assert not Plan.objects.exists()


def test_rebuilding_cannot_be_done_by_a_get(ana: User) -> None:
    with_plan(ana)
    assert client_for(ana).get(reverse("plan_regenerate")).status_code == 405


def test_rebuilding_while_gentle_only_makes_a_gentle_plan(ana: User) -> None:
    with_plan(ana)
    screened(ana, "soon")
    client_for(ana).post(reverse("plan_regenerate"))
    newest = Plan.objects.filter(owner=ana).first()
    assert newest is not None
    assert newest.gentle_only
    assert newest.data["strength_days"] == []
    body = client_for(ana).get(reverse("plan")).content.decode()
    assert "Some items are set aside" not in body
