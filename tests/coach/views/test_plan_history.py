"""The plan's history page: every version newest first, what changed, why, and the rule id."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.examples import GUIDE_PROFILE, cleared_answers
from upback.coach.models import Account, Plan
from upback.coach.services.plans import plan_create, plan_regenerate, profile_save
from upback.coach.services.screenings import screening_record
from upback.core import safety
from upback.core.profile import parse_profile

pytestmark = pytest.mark.django_db

URL = "/plan/history/"
STEP_BACK = {
    "slug": "band_row",
    "name": "Resistance band row",
    "rule": "adapt.step_back_dose",
    "reason": "Resistance band row hurt during it (7 out of 10): one set fewer for now.",
    "before": "3 × 10 reps",
    "after": "2 × 10 reps",
    "new_slug": None,
    "new_name": None,
}


def person(name: str, *, plan: bool = True, stop: bool = False) -> User:
    user = User.objects.create_user(name)
    Account.objects.create(owner=user, time_zone="Asia/Tokyo")
    answers: dict[str, safety.Answer] = cleared_answers()
    screening_record(owner=user, screening=safety.Screening(age=40, answers=answers), source="web")
    if plan:
        profile = parse_profile(GUIDE_PROFILE)
        profile_save(owner=user, profile=profile)
        plan_create(owner=user, profile=profile)
    if stop:
        screening_record(
            owner=user,
            screening=safety.Screening(age=40, answers={"chest_pain_or_pressure": "yes"}),
            source="session",
        )
    return user


def adapted(user: User) -> Plan:
    """A new version as the adaptation service saves one."""
    latest = Plan.objects.filter(owner=user).order_by("-version").first()
    assert latest is not None
    return Plan.objects.create(
        owner=user,
        version=latest.version + 1,
        profile_snapshot=latest.profile_snapshot,
        data=latest.data,
        reason="after your sessions: a step back for Resistance band row",
        rules=["adapt.step_back_dose"],
        changes=[STEP_BACK],
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_anonymous_visitor_is_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_lists_every_version_newest_first_with_what_changed_and_why() -> None:
    ana = person("ana")
    adapted(ana)
    plan_regenerate(owner=ana)
    response = signed_in(ana).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>How your plan has changed</h1>" in html
    assert html.index("Version 3") < html.index("Version 2") < html.index("Version 1")
    assert "your plan now" in html
    assert "Rebuilt from your profile." in html and "First plan." in html
    assert "After your sessions: a step back for Resistance band row." in html
    assert escape(STEP_BACK["reason"]) in html
    assert "3 × 10 reps" in html and "2 × 10 reps" in html
    assert "Rule adapt.step_back_dose (a step back: a lighter dose)" in html
    assert reverse("plan") in html


def test_the_date_is_on_the_persons_own_clock() -> None:
    ana = person("ana")
    made = Plan.objects.get(owner=ana).created_at
    from zoneinfo import ZoneInfo

    local = made.astimezone(ZoneInfo("Asia/Tokyo"))
    html = signed_in(ana).get(URL).content.decode()
    assert f"at {local:%H:%M}" in html


def test_a_person_sees_only_their_own_versions() -> None:
    ana, ben = person("ana"), person("ben")
    adapted(ana)
    html = signed_in(ben).get(URL).content.decode()
    assert "Version 1" in html and "Version 2" not in html
    assert escape(STEP_BACK["reason"]) not in html


def test_without_a_plan_it_leads_to_the_profile() -> None:
    ana = person("ana", plan=False)
    assert signed_in(ana).get(URL)["Location"] == reverse("profile")


def test_while_exercise_is_stopped_it_leads_to_the_stop_page() -> None:
    ana = person("ana", stop=True)
    assert signed_in(ana).get(URL)["Location"] == reverse("stop")


def test_a_person_not_yet_screened_is_sent_to_the_safety_check() -> None:
    user = User.objects.create_user("new")
    assert signed_in(user).get(URL)["Location"] == reverse("screen_start")


def test_a_long_history_comes_twenty_versions_a_page() -> None:
    ana = person("ana")
    for _ in range(24):
        adapted(ana)
    client = signed_in(ana)
    first = client.get(URL).content.decode()
    assert "Version 25" in first and "Version 6" in first and "Version 5<" not in first
    assert "Older versions" in first and "Page 1 of 2" in first
    second = client.get(URL, {"page": "2"}).content.decode()
    assert "Version 5" in second and "Version 1" in second and "Newer versions" in second
    assert client.get(URL, {"page": "abc"}).status_code == 200


def test_it_only_answers_get() -> None:
    assert signed_in(person("ana")).post(URL).status_code == 405


def test_the_plan_page_shows_what_changed_and_links_to_the_history() -> None:
    ana = person("ana")
    client = signed_in(ana)
    before = client.get(reverse("plan")).content.decode()
    assert "What changed and why" not in before and reverse("plan_history") in before
    adapted(ana)
    html = client.get(reverse("plan")).content.decode()
    assert "What changed and why" in html and escape(STEP_BACK["reason"]) in html
    assert reverse("plan_history") in html


def test_the_plan_page_explains_the_flare_up_plan_and_building_back_up() -> None:
    from upback.core import adapt
    from upback.core.library import default_library

    ana = person("ana")
    first = Plan.objects.get(owner=ana)
    flared, changes = adapt.flare_plan_with_changes(first.data, default_library())
    Plan.objects.create(
        owner=ana,
        version=2,
        profile_snapshot=first.profile_snapshot,
        data=flared,
        reason="flare-up plan for a few days",
        rules=["adapt.flare"],
        changes=[c.to_json() for c in changes],
    )
    client = signed_in(ana)
    html = client.get(reverse("plan")).content.decode()
    assert "Your flare-up plan, for a few days" in html and "Heat can ease" in html
    assert "see a GP or physiotherapist" in html
    assert "flare-up plan</span>" in client.get(URL).content.decode()
