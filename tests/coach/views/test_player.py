"""The guided player's pages: pain first, the player, each item saved, finish, summary."""

from __future__ import annotations

import json
from html import escape
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.examples import GUIDE_PROFILE, MECHANICAL_TRIGGER
from upback.coach.models import Account, GuidedItem, GuidedSession, Plan
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.sessions import plan_day_items, plan_day_of
from upback.coach.services.plans import plan_create, profile_save
from upback.coach.services.screenings import screening_record
from upback.coach.services.sessions import session_item_record, session_start
from upback.core.library import default_library
from upback.core.profile import parse_profile
from upback.core.safety import SYMPTOM_KEYS, parse_screening

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def screened(user: User, result: str) -> None:
    answers = dict.fromkeys(SYMPTOM_KEYS, "no")
    if result in ("self_care", "emergency"):
        answers.update(dict.fromkeys(MECHANICAL_TRIGGER, "yes"))
    if result == "emergency":
        answers["chest_pain_or_pressure"] = "yes"
    stored = screening_record(
        owner=user, screening=parse_screening({"age": 40, "answers": answers}), source="web"
    )
    assert stored.disposition == result


def person(name: str = "ana", *, result: str | None = "self_care", plan: bool = True) -> User:
    user = User.objects.create_user(name, password="a calm back 2026")
    Account.objects.create(owner=user, time_zone="Europe/Lisbon")
    if result is not None:
        screened(user, result)
    if plan:
        profile = parse_profile(GUIDE_PROFILE)
        profile_save(owner=user, profile=profile)
        plan_create(owner=user, profile=profile)
    return user


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def today_items(user: User) -> list[dict[str, Any]]:
    plan = Plan.objects.filter(owner=user).first()
    assert plan is not None
    return plan_day_items(plan=plan, day=plan_day_of(local_today(owner=user)))


def started(user: User, pain: int = 5) -> GuidedSession:
    plan = Plan.objects.filter(owner=user).first()
    assert plan is not None
    today = local_today(owner=user)
    return session_start(
        owner=user, plan=plan, local_date=today, day=plan_day_of(today), pain_before=pain
    )


def session_data(response: Any) -> dict[str, Any]:
    html = response.content.decode()
    start = html.index('<script id="session-data" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    data: dict[str, Any] = json.loads(body)
    return data


@pytest.fixture
def ana() -> User:
    return person()


@pytest.fixture
def client(ana: User) -> Client:
    return client_for(ana)


# ---- access ---------------------------------------------------------------------------------


def every_url(session: GuidedSession) -> list[tuple[str, str]]:
    return [
        ("get", reverse("player", args=[session.pk])),
        ("post", reverse("player_item", args=[session.pk, 0])),
        ("get", reverse("player_finish", args=[session.pk])),
        ("post", reverse("player_finish", args=[session.pk])),
        ("get", reverse("player_summary", args=[session.pk])),
    ]


def test_an_anonymous_visitor_is_sent_to_log_in(ana: User) -> None:
    session = started(ana)
    for method, url in [("get", reverse("player_start")), *every_url(session)]:
        response = getattr(Client(), method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_another_persons_session_is_not_found_on_every_player_url(ana: User) -> None:
    session = started(ana)
    outsider = client_for(person("ben"))
    for method, url in every_url(session):
        assert getattr(outsider, method)(url, {"status": "done"}).status_code == 404, url
    assert GuidedItem.objects.filter(session=session, status="pending").count() == len(
        today_items(ana)
    )


def test_the_owner_reaches_their_own_session(ana: User, client: Client) -> None:
    session = started(ana)
    assert client.get(reverse("player", args=[session.pk])).status_code == 200
    assert client.get(reverse("player_finish", args=[session.pk])).status_code == 200


def test_a_session_that_does_not_exist_is_not_found(client: Client) -> None:
    assert client.get(reverse("player", args=[987])).status_code == 404


def test_a_person_not_yet_screened_is_sent_to_the_safety_check() -> None:
    client = client_for(person(result=None, plan=False))
    response = client.get(reverse("player_start"))
    assert response["Location"] == reverse("screen_start")


def test_a_stopped_person_gets_the_stop_page_on_every_player_url(ana: User) -> None:
    session = started(ana)
    screened(ana, "emergency")
    client = client_for(ana)
    for method, url in [("get", reverse("player_start")), *every_url(session)]:
        response = getattr(client, method)(url, {"status": "done", "pain": 3})
        assert response.status_code == 302, url
        assert response["Location"] == reverse("stop"), url
    assert not GuidedItem.objects.filter(session=session).exclude(status="pending").exists()


def test_without_a_plan_the_start_page_leads_to_the_profile() -> None:
    client = client_for(person(plan=False))
    response = client.get(reverse("player_start"))
    assert response["Location"] == reverse("profile")


# ---- start ----------------------------------------------------------------------------------


def test_the_start_page_asks_for_pain_and_lists_todays_items(ana: User, client: Client) -> None:
    response = client.get(reverse("player_start"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "How is your pain right now?" in html
    assert 'class="scale"' in html and html.count('name="pain"') == 11
    for item in today_items(ana):
        assert escape(item["name"]) in html


@pytest.mark.parametrize("pain", ["11", "-1", "abc", "", "4.5"])
def test_a_pain_score_outside_0_to_10_is_a_400_naming_the_field(client: Client, pain: str) -> None:
    response = client.post(reverse("player_start"), {"pain": pain})
    assert response.status_code == 400
    assert "Choose a number from 0 (no pain) to 10 (worst pain)." in response.content.decode()
    assert response.context["form"].errors["pain"]
    assert not GuidedSession.objects.exists()


def test_a_missing_pain_score_is_a_400(client: Client) -> None:
    response = client.post(reverse("player_start"), {})
    assert response.status_code == 400
    assert "pain" in response.context["form"].errors


def test_starting_saves_the_session_and_opens_the_player(ana: User, client: Client) -> None:
    response = client.post(reverse("player_start"), {"pain": "4"})
    session = GuidedSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("player", args=[session.pk])
    assert session.owner == ana and session.pain_before == 4
    assert session.local_date == local_today(owner=ana)
    assert [i.slug for i in session.items.all()] == [i["slug"] for i in today_items(ana)]


def test_the_test_clock_speed_is_carried_to_the_player(client: Client) -> None:
    response = client.post(reverse("player_start") + "?speed=50", {"pain": "4"})
    session = GuidedSession.objects.get()
    assert response["Location"] == reverse("player", args=[session.pk]) + "?speed=50"
    page = client.get(response["Location"])
    assert 'data-speed="50"' in page.content.decode()


@pytest.mark.parametrize("speed", ["0", "101", "fast", "-3", "2.5", ""])
def test_a_bad_speed_is_ignored(ana: User, client: Client, speed: str) -> None:
    session = started(ana)
    page = client.get(reverse("player", args=[session.pk]), {"speed": speed})
    assert page.status_code == 200
    assert 'data-speed="1"' in page.content.decode()


def test_a_gentle_only_person_starts_with_flare_suitable_items_only() -> None:
    user = person()
    screened(user, "soon")
    client = client_for(user)
    response = client.get(reverse("player_start"))
    library = default_library()
    for item in today_items(user):
        shown = escape(item["name"]) in response.content.decode()
        assert shown == library.get(item["slug"]).suitability.flare_ok, item["slug"]
    client.post(reverse("player_start"), {"pain": "3"})
    slugs = GuidedSession.objects.get().items.values_list("slug", flat=True)
    assert slugs and all(library.get(s).suitability.flare_ok for s in slugs)


def test_a_day_with_nothing_planned_says_so_and_starts_nothing(ana: User, client: Client) -> None:
    plan = Plan.objects.get(owner=ana)
    for day in plan.data["days"]:
        day["items"] = []
    plan.save()
    page = client.get(reverse("player_start"))
    assert "nothing in your plan for today" in page.content.decode()
    response = client.post(reverse("player_start"), {"pain": "3"})
    assert response.status_code == 400
    assert not GuidedSession.objects.exists()


# ---- the player -----------------------------------------------------------------------------


def test_the_player_carries_every_step_and_a_plain_form_per_item(ana: User, client: Client) -> None:
    session = started(ana)
    page = client.get(reverse("player", args=[session.pk]))
    data = session_data(page)
    items = today_items(ana)
    assert [i["name"] for i in data["items"]] == [i["name"] for i in items]
    assert {s["item"] for s in data["steps"]} == set(range(len(items)))
    assert data["start_item"] == 0
    assert data["items"][0]["steps"] == list(default_library().get(items[0]["slug"]).steps)
    assert data["items"][0]["record_url"] == reverse("player_item", args=[session.pk, 0])
    html = page.content.decode()
    assert html.count(">Mark done<") == len(items)
    assert 'aria-live="polite"' in html and "<progress" in html
    assert "player.js" in html and "csrfmiddlewaretoken" in html


def test_reopening_an_unfinished_session_resumes_at_the_first_item_not_done(
    ana: User, client: Client
) -> None:
    session = started(ana)
    session_item_record(owner=ana, session=session, order=0, status="done")
    session_item_record(owner=ana, session=session, order=1, status="skipped")
    data = session_data(client.get(reverse("player", args=[session.pk])))
    assert data["start_item"] == 2
    assert [i["status"] for i in data["items"][:3]] == ["done", "skipped", "pending"]
    start = client.get(reverse("player_start")).content.decode()
    assert "Carry on where you left off" in start
    assert reverse("player", args=[session.pk]) in start


# ---- recording items ------------------------------------------------------------------------


def test_the_player_records_an_item_as_json(ana: User, client: Client) -> None:
    session = started(ana)
    url = reverse("player_item", args=[session.pk, 1])
    response = client.post(url, {"status": "done"}, **JSON)
    assert response.status_code == 200
    assert response.json() == {"order": 1, "status": "done"}
    item = GuidedItem.objects.get(session=session, order=1)
    assert item.status == "done" and item.completed_at is not None


def test_the_plain_mark_done_form_returns_to_the_player(ana: User, client: Client) -> None:
    session = started(ana)
    response = client.post(reverse("player_item", args=[session.pk, 0]), {"status": "skipped"})
    assert response.status_code == 302
    assert response["Location"] == reverse("player", args=[session.pk]) + "#item-0"
    assert GuidedItem.objects.get(session=session, order=0).status == "skipped"


@pytest.mark.parametrize("status", ["", "pending", "finished", "<b>"])
def test_a_forged_status_is_a_400(ana: User, client: Client, status: str) -> None:
    session = started(ana)
    url = reverse("player_item", args=[session.pk, 0])
    as_json = client.post(url, {"status": status}, **JSON)
    assert as_json.status_code == 400 and as_json.json()["field"] == "status"
    as_form = client.post(url, {"status": status})
    assert as_form.status_code == 400
    assert "only be marked done or skipped" in as_form.content.decode()
    assert GuidedItem.objects.get(session=session, order=0).status == "pending"


def test_an_item_that_is_not_in_the_session_is_not_found(ana: User, client: Client) -> None:
    session = started(ana)
    url = reverse("player_item", args=[session.pk, 99])
    assert client.post(url, {"status": "done"}, **JSON).status_code == 404


def test_recording_needs_a_post(ana: User, client: Client) -> None:
    session = started(ana)
    assert client.get(reverse("player_item", args=[session.pk, 0])).status_code == 405


# ---- finishing ------------------------------------------------------------------------------


def finish_url(session: GuidedSession) -> str:
    return reverse("player_finish", args=[session.pk])


def test_the_finish_form_asks_about_each_item_done(ana: User, client: Client) -> None:
    session = started(ana)
    session_item_record(owner=ana, session=session, order=0, status="done")
    session_item_record(owner=ana, session=session, order=1, status="skipped")
    html = client.get(finish_url(session)).content.decode()
    assert "How is your pain now?" in html
    assert 'name="feeling_0"' in html and 'name="pain_0"' in html
    assert 'name="feeling_1"' not in html
    names = [i["name"] for i in today_items(ana)]
    assert escape(names[1]) in html and "(skipped)" in html
    assert "(not reached; noted as skipped)" in html


def test_finishing_without_answers_is_a_400_that_keeps_what_was_chosen(
    ana: User, client: Client
) -> None:
    session = started(ana)
    session_item_record(owner=ana, session=session, order=0, status="done")
    response = client.post(finish_url(session), {"pain_after": "11", "feeling_0": "too_hard"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"pain_after", "pain_0"}
    html = response.content.decode()
    assert 'value="too_hard" id="id_feeling_0_2" required checked' in html
    session.refresh_from_db()
    assert session.finished_at is None


def test_a_forged_feeling_is_a_400(ana: User, client: Client) -> None:
    session = started(ana)
    session_item_record(owner=ana, session=session, order=0, status="done")
    response = client.post(
        finish_url(session), {"pain_after": "2", "feeling_0": "great", "pain_0": "2"}
    )
    assert response.status_code == 400
    assert "Choose too easy, about right or too hard." in response.content.decode()


def test_finishing_saves_pain_and_feedback_then_shows_the_summary(
    ana: User, client: Client
) -> None:
    session = started(ana, pain=6)
    session_item_record(owner=ana, session=session, order=0, status="done")
    session_item_record(owner=ana, session=session, order=1, status="done")
    response = client.post(
        finish_url(session),
        {
            "pain_after": "4",
            "feeling_0": "about_right",
            "pain_0": "3",
            "feeling_1": "too_easy",
            "pain_1": "1",
        },
    )
    assert response["Location"] == reverse("player_summary", args=[session.pk])
    session.refresh_from_db()
    assert session.pain_after == 4 and session.finished_at is not None
    assert not session.stopped_for_symptoms
    items = list(session.items.order_by("order"))
    assert (items[0].feeling, items[0].pain_during) == ("about_right", 3)
    assert (items[1].feeling, items[1].pain_during) == ("too_easy", 1)
    assert {i.status for i in items[2:]} == {"skipped"}
    summary = client.get(response["Location"])
    html = summary.content.decode()
    assert summary.status_code == 200
    assert "Your pain went from 6 to 4." in html
    assert "2 of" in html and reverse("today") in html


def test_stopping_for_symptoms_shows_the_safety_net(ana: User, client: Client) -> None:
    session = started(ana, pain=3)
    client.post(finish_url(session), {"pain_after": "6", "stopped_for_symptoms": "on"})
    session.refresh_from_db()
    assert session.stopped_for_symptoms
    html = client.get(reverse("player_summary", args=[session.pk])).content.decode()
    assert "You stopped because something did not feel right" in html
    assert default_library().advice.safety_net[0] in html
    assert reverse("screen_start") in html


def test_a_finished_session_cannot_be_restarted(ana: User, client: Client) -> None:
    session = started(ana)
    client.post(finish_url(session), {"pain_after": "2"})
    summary = reverse("player_summary", args=[session.pk])
    assert client.get(reverse("player", args=[session.pk]))["Location"] == summary
    assert client.get(finish_url(session))["Location"] == summary
    assert client.post(finish_url(session), {"pain_after": "9"})["Location"] == summary
    url = reverse("player_item", args=[session.pk, 0])
    assert client.post(url, {"status": "done"}, **JSON).status_code == 409
    assert client.post(url, {"status": "done"})["Location"] == summary
    session.refresh_from_db()
    assert session.pain_after == 2
    assert GuidedItem.objects.get(session=session, order=0).status == "skipped"


def test_the_summary_of_an_unfinished_session_leads_back_to_the_player(
    ana: User, client: Client
) -> None:
    session = started(ana)
    response = client.get(reverse("player_summary", args=[session.pk]))
    assert response["Location"] == reverse("player", args=[session.pk])


def test_the_start_page_notes_a_session_already_finished_today(ana: User, client: Client) -> None:
    session = started(ana)
    client.post(finish_url(session), {"pain_after": "2"})
    html = client.get(reverse("player_start")).content.decode()
    assert "You have already done a session today." in html
    assert "Carry on where you left off" not in html


# ---- symptoms that stop a session -------------------------------------------------------------


def test_the_finish_form_asks_about_every_symptom_that_means_stop(
    ana: User, client: Client
) -> None:
    from upback.core.adapt import SESSION_SYMPTOMS

    html = client.get(finish_url(started(ana))).content.decode()
    assert "During the session, did you have any of these?" in html
    for key, label in SESSION_SYMPTOMS:
        assert f'value="{key}"' in html and escape(label) in html
    assert "call your local emergency number" in html


def test_chest_pain_during_a_session_stops_it_and_leads_to_the_stop_page(
    ana: User, client: Client
) -> None:
    from upback.coach.models import Screening

    session = started(ana)
    response = client.post(
        finish_url(session), {"pain_after": "4", "symptoms": ["chest_pain_or_pressure"]}
    )
    assert response.status_code == 302 and response["Location"] == reverse("stop")
    screening = Screening.objects.filter(owner=ana).first()
    assert screening is not None and screening.source == "session"
    assert screening.answers == {"chest_pain_or_pressure": "yes"}
    session.refresh_from_db()
    assert session.stopped_for_symptoms and session.finished_at is not None
    stop = client.get(reverse("stop"))
    assert "upback has stopped the session so you can get checked" in stop.content.decode()
    assert client.get(reverse("player_start"))["Location"] == reverse("stop")


def test_a_symptom_is_recorded_even_when_the_rest_of_the_form_is_not_filled_in(
    ana: User, client: Client
) -> None:
    session = started(ana)
    session_item_record(owner=ana, session=session, order=0, status="done")
    response = client.post(finish_url(session), {"symptoms": ["lightheaded_or_fainting"]})
    assert response["Location"] == reverse("stop")
    session.refresh_from_db()
    assert session.stopped_for_symptoms and session.finished_at is None
    assert "The rest of your answers can wait" in client.get(reverse("stop")).content.decode()


def test_new_tingling_down_one_arm_leads_to_the_screens_see_someone_soon_result(
    ana: User, client: Client
) -> None:
    session = started(ana)
    response = client.post(
        finish_url(session),
        {"pain_after": "3", "symptoms": ["arm_numbness_or_tingling_one_side"]},
    )
    assert response["Location"] == reverse("screen_result")
    result = client.get(response["Location"])
    assert result.status_code == 200


def test_a_forged_symptom_is_a_400_naming_the_field(ana: User, client: Client) -> None:
    session = started(ana)
    response = client.post(finish_url(session), {"pain_after": "3", "symptoms": ["fever"]})
    assert response.status_code == 400
    assert "symptoms" in response.context["form"].errors
    assert "Please choose only from the symptoms listed." in response.content.decode()
    session.refresh_from_db()
    assert session.finished_at is None and not session.stopped_for_symptoms


def test_a_painful_session_changes_the_plan_and_says_so(ana: User, client: Client) -> None:
    session = started(ana)
    for item in session.items.all():
        session_item_record(owner=ana, session=session, order=item.order, status="done")
    answers = {"pain_after": "6"}
    for item in session.items.all():
        answers[f"feeling_{item.order}"] = "too_hard"
        answers[f"pain_{item.order}"] = "7"
    response = client.post(finish_url(session), answers, follow=True)
    assert Plan.objects.filter(owner=ana).count() == 2
    html = response.content.decode()
    assert "Your plan has changed after this session (after your sessions: a step back for" in html
