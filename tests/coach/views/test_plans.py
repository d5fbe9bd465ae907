"""The profile form and the plan page: saving makes a new plan version; bad input is kept."""

from __future__ import annotations

import re
from html import escape
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.examples import GUIDE_PROFILE, MECHANICAL_TRIGGER
from upback.coach.models import Account, Plan, Profile
from upback.coach.services.plans import plan_create, profile_save
from upback.coach.services.screenings import screening_record
from upback.core.library import default_library
from upback.core.profile import parse_profile
from upback.core.safety import SYMPTOM_KEYS, parse_screening

pytestmark = pytest.mark.django_db

LIBRARY = default_library()


def screened(user: User, result: str = "self_care", *, age: int | None = 40) -> None:
    """Record a safety screening with the given result for `user`."""
    answers = dict.fromkeys(SYMPTOM_KEYS, "no")
    if result == "self_care":
        answers.update(dict.fromkeys(MECHANICAL_TRIGGER, "yes"))
    elif result == "emergency":
        answers["chest_pain_or_pressure"] = "yes"
    elif result == "urgent":
        answers.update(dict.fromkeys(MECHANICAL_TRIGGER, "yes"))
        answers["fever"] = "yes"
    stored = screening_record(
        owner=user, screening=parse_screening({"age": age, "answers": answers}), source="web"
    )
    assert stored.disposition == result


def person(name: str = "ana", *, time_zone: str = "UTC", result: str | None = "self_care") -> User:
    user = User.objects.create_user(name, password="a calm back 2026")
    Account.objects.create(owner=user, time_zone=time_zone)
    if result is not None:
        screened(user, result)
    return user


def with_plan(user: User, **changes: Any) -> Plan:
    profile = parse_profile({**GUIDE_PROFILE, **changes})
    profile_save(owner=user, profile=profile)
    return plan_create(owner=user, profile=profile)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(**changes: Any) -> dict[str, Any]:
    """The guide's profile as the form posts it."""
    data: dict[str, Any] = {
        **GUIDE_PROFILE,
        "floor_ok": "yes" if GUIDE_PROFILE["floor_ok"] else "no",
    }
    data.update(changes)
    return data


@pytest.fixture
def ana() -> User:
    return person("ana")


@pytest.fixture
def ben() -> User:
    return person("ben")


# ---------------------------------------------------------------------------------------------
# Who may see what
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["profile", "plan", "today"])
def test_an_anonymous_visitor_is_sent_to_log_in(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["plan_swap", "plan_regenerate"])
def test_an_anonymous_visitor_cannot_change_a_plan(client: Client, name: str) -> None:
    response = client.post(reverse(name), {"slug": "band_row", "replacement": "wall_angels"})
    assert response["Location"].startswith(reverse("login"))
    assert not Plan.objects.exists()


@pytest.mark.parametrize("name", ["profile", "plan", "today"])
def test_before_any_safety_check_the_person_is_sent_to_the_screen(name: str) -> None:
    newcomer = person("cai", result=None)
    response = client_for(newcomer).get(reverse(name))
    assert response["Location"] == reverse("screen_start")


@pytest.mark.parametrize("result", ["emergency", "urgent"])
@pytest.mark.parametrize("name", ["profile", "plan", "today"])
def test_a_stopped_person_is_sent_to_the_stop_page(ana: User, result: str, name: str) -> None:
    with_plan(ana)
    screened(ana, result)
    response = client_for(ana).get(reverse(name))
    assert response["Location"] == reverse("stop")


@pytest.mark.parametrize("name", ["plan_swap", "plan_regenerate", "profile"])
def test_a_stopped_person_cannot_make_or_change_a_plan(ana: User, name: str) -> None:
    with_plan(ana)
    screened(ana, "emergency")
    data = {**form_data(), "version": 1, "slug": "band_row", "replacement": "wall_angels"}
    response = client_for(ana).post(reverse(name), data)
    assert response["Location"] == reverse("stop")
    assert Plan.objects.filter(owner=ana).count() == 1


def test_one_person_never_sees_another_persons_plan(ana: User, ben: User) -> None:
    with_plan(ana, who="lifter")
    assert client_for(ana).get(reverse("plan")).status_code == 200
    response = client_for(ben).get(reverse("plan"))
    assert response["Location"] == reverse("profile")
    form = client_for(ben).get(reverse("profile")).context["form"]
    assert form.initial.get("who") is None  # ana's answers are not offered to ben


def test_a_swap_only_ever_changes_the_persons_own_plan(ana: User, ben: User) -> None:
    with_plan(ana)
    with_plan(ben)
    response = client_for(ben).post(
        reverse("plan_swap"),
        {"version": 1, "slug": "band_row", "replacement": "wall_angels", "day": "mon"},
    )
    assert response.status_code == 302
    assert [p.version for p in Plan.objects.filter(owner=ana)] == [1]
    assert [p.version for p in Plan.objects.filter(owner=ben)] == [2, 1]


# ---------------------------------------------------------------------------------------------
# The profile form
# ---------------------------------------------------------------------------------------------


def test_the_first_profile_form_takes_the_age_from_the_safety_check(ana: User) -> None:
    response = client_for(ana).get(reverse("profile"))
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["age"] == 40
    assert initial["minutes_per_day"] == 15
    assert initial["floor_ok"] == "yes"
    body = response.content.decode()
    assert "Make my plan" in body
    for label in ("Which sounds most like you?", "What do you have at home?", "How old are you?"):
        assert label in body


def test_the_profile_form_offers_the_stored_answers(ana: User) -> None:
    with_plan(ana, minutes_per_day=25, equipment=["foam_roller"], floor_ok=False)
    response = client_for(ana).get(reverse("profile"))
    initial = response.context["form"].initial
    assert initial["minutes_per_day"] == 25
    assert initial["equipment"] == ["foam_roller"]
    assert initial["floor_ok"] == "no"
    body = response.content.decode()
    assert re.search(r'name="minutes_per_day" value="25"', body)
    assert "Save and rebuild my plan" in body


def test_saving_the_profile_makes_the_first_plan_with_its_snapshot(ana: User) -> None:
    response = client_for(ana).post(reverse("profile"), form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("plan")
    stored = Profile.objects.get(owner=ana)
    assert stored.minutes_per_day == 20
    assert stored.equipment == ["resistance_band", "foam_roller"]
    plan = Plan.objects.get(owner=ana)
    assert plan.version == 1
    assert plan.reason == "first plan"
    assert plan.profile_snapshot == parse_profile(GUIDE_PROFILE).model_dump(mode="json")
    assert plan.data["minutes_per_day"] == 20
    assert len(plan.data["days"]) == 7


def test_saving_the_profile_again_makes_a_new_version(ana: User) -> None:
    client = client_for(ana)
    client.post(reverse("profile"), form_data())
    client.post(reverse("profile"), form_data(minutes_per_day=10, strength_days_per_week=1))
    plans = list(Plan.objects.filter(owner=ana))
    assert [p.version for p in plans] == [2, 1]
    assert plans[0].reason == "profile updated"
    assert plans[0].data["minutes_per_day"] == 10
    assert plans[0].data["strength_days"] == ["mon"]
    assert Profile.objects.get(owner=ana).minutes_per_day == 10


def test_no_triggers_and_no_equipment_are_fine(ana: User) -> None:
    data = form_data()
    del data["triggers"]
    del data["equipment"]
    assert client_for(ana).post(reverse("profile"), data).status_code == 302
    assert Profile.objects.get(owner=ana).equipment == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("minutes_per_day", "45", "Please enter a number of minutes between 5 and 30."),
        ("minutes_per_day", "4", "Please enter a number of minutes between 5 and 30."),
        ("minutes_per_day", "", "Please enter a number of minutes between 5 and 30."),
        ("age", "12", "upback is made for adults"),
        ("age", "abc", "Please enter your age between 18 and 110."),
        ("age", "200", "Please enter your age between 18 and 110."),
        ("duration_weeks", "-1", "Please enter a number of weeks between 0 and 1040."),
        ("who", "wizard", "Please choose one of the options listed."),
        ("who", "", "Please choose one of the options."),
        ("pain_character", "agony", "Please choose one of the options listed."),
        ("strength_days_per_week", "7", "Please choose one of the options listed."),
        ("floor_ok", "maybe", "Please choose one of the options listed."),
        ("sleep_position", "upside_down", "Please choose one of the options listed."),
        ("equipment", ["foam_roller", "rocket"], "Please choose from the options listed."),
        ("triggers", ["weather"], "Please choose from the options listed."),
    ],
)
def test_bad_input_is_a_400_with_the_message_next_to_the_field(
    ana: User, field: str, value: Any, message: str
) -> None:
    response = client_for(ana).post(reverse("profile"), form_data(**{field: value}))
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == [field]
    body = response.content.decode()
    errors = re.search(rf'<ul class="errorlist" id="id_{field}_errors">(.*?)</ul>', body, re.S)
    assert errors is not None, f"no message next to {field}"
    assert message in errors.group(1)
    assert "Please check the form" in body
    assert not Plan.objects.filter(owner=ana).exists()
    assert not Profile.objects.filter(owner=ana).exists()


def test_bad_input_keeps_what_the_person_typed(ana: User) -> None:
    data = form_data(minutes_per_day="45", age="52", equipment=["foam_roller"], who="lifter")
    response = client_for(ana).post(reverse("profile"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'name="minutes_per_day" value="45"' in body
    assert 'name="age" value="52"' in body
    assert re.search(r'value="foam_roller"[^>]*checked', body)
    assert re.search(r'value="lifter"[^>]*checked', body)


def test_a_missing_form_is_a_400_not_a_500(ana: User) -> None:
    response = client_for(ana).post(reverse("profile"), {})
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"who", "age", "minutes_per_day"}


# ---------------------------------------------------------------------------------------------
# The plan page
# ---------------------------------------------------------------------------------------------


def test_before_any_plan_the_plan_page_leads_to_the_profile(ana: User) -> None:
    assert client_for(ana).get(reverse("plan"))["Location"] == reverse("profile")


def test_the_plan_page_shows_every_section(ana: User) -> None:
    plan = with_plan(ana)
    response = client_for(ana).get(reverse("plan"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "20 minutes a day" in body
    assert "Monday, Wednesday and Friday" in body
    for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        assert name in body
    for day in plan.data["days"]:
        for item in day["items"]:
            assert escape(item["name"]) in body
            assert escape(item["dose"]["text"]) in body
            assert escape(item["reason"]) in body
    habits = {h.slug: h for h in LIBRARY.advice.habits}
    for slug in plan.data["habits"]:
        assert escape(habits[slug].name) in body
        assert escape(habits[slug].text) in body
    advice = plan.data["advice"]
    assert "Desk fixes" in body
    assert escape(advice["desk"][0].split(": ")[0]) in body
    assert "Heat for tight muscles" in body
    assert escape(advice["heat_cold"]["how"][0]) in body
    assert escape(advice["sleep"]) in body
    assert escape(advice["timeline"]) in body
    for line in advice["safety_net"]:
        assert escape(line) in body
    assert "Version 1" in body
    assert "first plan" in body


def test_each_item_links_to_its_technique_page(ana: User) -> None:
    with_plan(ana)
    body = client_for(ana).get(reverse("plan")).content.decode()
    assert f'href="{reverse("library_detail", args=["band_row"])}"' in body


def test_a_fresh_flare_gets_cold_advice_and_no_strength(ana: User) -> None:
    with_plan(ana, pain_character="sharp_new_or_swollen")
    body = client_for(ana).get(reverse("plan")).content.decode()
    assert "Cold for a fresh flare" in body
    assert "gentle movement only" in body
    assert "Resistance band row" not in body


def test_a_soon_result_after_the_plan_shows_only_gentle_items(ana: User) -> None:
    with_plan(ana)
    screened(ana, "soon")
    response = client_for(ana).get(reverse("plan"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Some items are set aside for now" in body
    assert re.search(r"left out below: [^<]*Resistance band row", body)
    assert f'href="{reverse("library_detail", args=["band_row"])}"' not in body
    assert "Make a gentle plan" in body
    for day in response.context["days"]:
        for item in day["items"]:
            assert LIBRARY.get(item["slug"]).suitability.flare_ok
            for alternative in item["alternatives"]:
                assert LIBRARY.get(alternative["slug"]).suitability.flare_ok


def test_a_gentle_plan_offers_the_full_plan_once_a_clinician_has_seen_the_person(
    ana: User,
) -> None:
    from upback.coach.selectors.screenings import screening_latest
    from upback.coach.services.screenings import screening_confirm_seen

    screened(ana, "soon")
    with_plan(ana)
    assert Plan.objects.get(owner=ana).gentle_only
    latest = screening_latest(owner=ana)
    assert latest is not None
    screening_confirm_seen(owner=ana, screening=latest)
    body = client_for(ana).get(reverse("plan")).content.decode()
    assert "You can have your full plan again" in body
    client_for(ana).post(reverse("plan_regenerate"))
    newest = Plan.objects.filter(owner=ana).first()
    assert newest is not None
    assert not newest.gentle_only
    assert newest.data["strength_days"] == ["mon", "wed", "fri"]
