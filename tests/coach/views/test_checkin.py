"""The daily check-in page: one short form, bad input explained and kept, red flags stop."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.examples import cleared_answers
from upback.coach import selectors, services
from upback.coach.models import Account, CheckIn, Screening
from upback.coach.selectors.accounts import local_today
from upback.core import safety

pytestmark = pytest.mark.django_db

URL = "/checkin/"
GOOD: dict[str, Any] = {
    "pain": "3",
    "stiffness": "4",
    "sleep_quality": "7",
    "stress": "2",
    "note": "Long day at the desk; the walk helped.",
    "no_warning_signs": "on",
}


def screen(owner: User, **changes: str) -> Screening:
    answers: dict[str, safety.Answer] = cleared_answers()
    answers.update(changes)  # type: ignore[typeddict-item]
    return services.screening_record(
        owner=owner, screening=safety.Screening(age=40, answers=answers), source="web"
    )


@pytest.fixture
def owner() -> User:
    user = User.objects.create_user("ana", password="a calm back 2026")
    Account.objects.create(owner=user, time_zone="Pacific/Auckland")
    screen(user)
    return user


@pytest.fixture
def client_in(client: Client, owner: User) -> Client:
    client.force_login(owner)
    return client


def is_checked(html: str, name: str, value: object) -> bool:
    found = re.search(rf'<input[^>]*name="{name}" value="{value}"[^>]*>', html)
    assert found, (name, value)
    return " checked" in found.group(0)


def today(owner: User) -> date:
    return local_today(owner=owner)


def test_it_sends_an_anonymous_visitor_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.post(URL, GOOD)["Location"].startswith(reverse("login"))
    assert not CheckIn.objects.exists()


def test_it_sends_a_person_not_yet_screened_to_the_safety_check(client: Client) -> None:
    client.force_login(User.objects.create_user("new"))
    assert client.get(URL)["Location"] == reverse("screen_start")


def test_it_shows_four_scales_a_note_the_day_and_every_recheck_question(
    client_in: Client, owner: User
) -> None:
    response = client_in.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("pain", "stiffness", "sleep_quality", "stress"):
        assert html.count(f'name="{name}"') == 11
    assert "0 = awful" in html and "10 = great" in html
    assert 'maxlength="1000"' in html and "Up to 1000 characters" in html
    assert f'value="{today(owner).isoformat()}"' in html
    assert f'max="{today(owner).isoformat()}"' in html
    for key in safety.RECHECK_KEYS:  # each warning sign once, in the screen's own words
        assert html.count(f'value="{key}"') == 1, key
        assert escape(safety.question(key).text) in html
    assert "None of these" in html
    assert " checked" not in html  # nothing ticked or chosen for the person


def test_a_check_in_is_saved_for_the_persons_local_today(client_in: Client, owner: User) -> None:
    response = client_in.post(URL, GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("journal")
    stored = CheckIn.objects.get(owner=owner)
    assert stored.local_date == today(owner)
    assert (stored.pain, stored.stiffness, stored.sleep_quality, stored.stress) == (3, 4, 7, 2)
    assert stored.note == GOOD["note"]
    assert Screening.objects.filter(owner=owner).count() == 1  # no warning sign, no new screen


def test_a_blank_day_means_today_and_a_past_day_can_be_filled_in(
    client_in: Client, owner: User
) -> None:
    client_in.post(URL, {**GOOD, "local_date": ""})
    earlier = today(owner) - timedelta(days=3)
    client_in.post(URL, {**GOOD, "local_date": earlier.isoformat()})
    assert set(CheckIn.objects.values_list("local_date", flat=True)) == {today(owner), earlier}


def test_saving_the_same_day_again_updates_that_days_entry(client_in: Client, owner: User) -> None:
    client_in.post(URL, GOOD)
    client_in.post(URL, {**GOOD, "pain": "6", "note": "worse tonight"})
    stored = CheckIn.objects.get(owner=owner)
    assert (stored.pain, stored.note) == (6, "worse tonight")


def test_todays_entry_is_offered_prefilled_to_update(client_in: Client, owner: User) -> None:
    client_in.post(URL, GOOD)
    html = client_in.get(URL).content.decode()
    assert "already checked in today" in html
    assert is_checked(html, "pain", 3)
    assert GOOD["note"] in html
    assert not is_checked(html, "warning_signs", "fever")


def bad(client: Client, changes: dict[str, Any], drop: tuple[str, ...] = ()) -> str:
    data = {k: v for k, v in {**GOOD, **changes}.items() if k not in drop}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert not CheckIn.objects.exists()
    html = response.content.decode()
    assert "Please check the form" in html
    return html


@pytest.mark.parametrize("value", ["11", "-1", "abc", "3.5", ""])
def test_a_pain_score_outside_0_to_10_is_explained_and_the_rest_kept(
    client_in: Client, value: str
) -> None:
    html = bad(client_in, {"pain": value})
    assert 'id="id_pain_errors"' in html
    assert "Please choose a number from 0 to 10 for pain right now." in html
    assert GOOD["note"] in html  # what the person typed is kept
    assert is_checked(html, "stress", 2)


def test_a_missing_score_is_named(client_in: Client) -> None:
    html = bad(client_in, {}, drop=("stress",))
    assert 'id="id_stress_errors"' in html
    assert "Please choose a number from 0 to 10 for stress." in html
    assert is_checked(html, "pain", 3)


def test_a_future_day_is_refused_with_a_clear_message(client_in: Client, owner: User) -> None:
    tomorrow = (today(owner) + timedelta(days=1)).isoformat()
    html = bad(client_in, {"local_date": tomorrow})
    assert 'id="id_local_date_errors"' in html
    assert "That date is still to come" in html
    assert f'value="{tomorrow}"' in html


def test_a_date_that_is_not_a_date_is_refused(client_in: Client) -> None:
    html = bad(client_in, {"local_date": "2025-13-45"})
    assert "Please enter a real date" in html
    assert 'value="2025-13-45"' in html


def test_an_over_long_note_is_refused_and_kept_for_shortening(client_in: Client) -> None:
    long_note = "ache " * 201  # 1005 characters
    html = bad(client_in, {"note": long_note})
    assert 'id="id_note_errors"' in html
    assert "Please keep the note to 1000 characters (it has 1004)." in html
    assert long_note.strip() in html


def test_a_note_of_1000_characters_with_browser_line_breaks_fits(
    client_in: Client, owner: User
) -> None:
    note = ("a" * 98 + "\r\n") * 10  # the person sees 990 characters
    assert client_in.post(URL, {**GOOD, "note": note}).status_code == 302
    assert len(CheckIn.objects.get(owner=owner).note) == 989  # trailing break trimmed


def test_a_forged_warning_sign_is_refused(client_in: Client) -> None:
    html = bad(client_in, {"warning_signs": ["upper_back_pain"]}, drop=("no_warning_signs",))
    assert "Please choose only from the warning signs listed." in html
    assert not Screening.objects.filter(source="checkin").exists()


def test_the_recheck_needs_an_answer(client_in: Client) -> None:
    html = bad(client_in, {}, drop=("no_warning_signs",))
    assert 'id="id_warning_signs_errors"' in html
    assert "or tick “None of these”" in html


def test_a_warning_sign_and_none_of_these_together_are_queried_not_guessed(
    client_in: Client,
) -> None:
    html = bad(client_in, {"warning_signs": ["fever"]})
    assert "Please untick one" in html
    assert is_checked(html, "warning_signs", "fever")


def test_a_ticked_warning_sign_saves_the_check_in_then_stops_exercise(
    client_in: Client, owner: User
) -> None:
    data = {k: v for k, v in GOOD.items() if k != "no_warning_signs"}
    response = client_in.post(URL, {**data, "warning_signs": ["leg_weakness", "fever"]})
    assert response.status_code == 302
    assert response["Location"] == reverse("stop")
    assert CheckIn.objects.get(owner=owner).pain == 3
    latest = selectors.screening_latest(owner=owner)
    assert latest is not None
    assert latest.source == "checkin"
    assert latest.answers == {"leg_weakness": "yes", "fever": "yes"}
    assert latest.disposition == "emergency"
    assert selectors.care_state_get(owner=owner).stopped


def test_a_ticked_warning_sign_counts_even_when_the_numbers_need_fixing(
    client_in: Client, owner: User
) -> None:
    data = {k: v for k, v in GOOD.items() if k not in ("no_warning_signs", "stress")}
    response = client_in.post(URL, {**data, "pain": "12", "warning_signs": ["fever"]})
    assert response.status_code == 302
    assert response["Location"] == reverse("stop")
    assert not CheckIn.objects.exists()
    assert selectors.care_state_get(owner=owner).stopped


def test_while_stopped_the_check_in_form_is_not_offered(client_in: Client, owner: User) -> None:
    screen(owner, chest_pain_or_pressure="yes")
    response = client_in.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please get checked first" in html  # the stop banner
    assert reverse("screen_start") in html
    assert 'name="pain"' not in html
    client_in.post(URL, GOOD)
    assert not CheckIn.objects.exists()


def test_a_person_told_to_see_someone_soon_can_still_check_in(
    client_in: Client, owner: User
) -> None:
    screen(owner, mechanical_trigger_identified="no", pain_reproduced_by_movement_or_pressure="no")
    state = selectors.care_state_get(owner=owner)
    assert state.gentle_only
    assert client_in.post(URL, GOOD).status_code == 302
    assert CheckIn.objects.filter(owner=owner).exists()


def test_it_rejects_other_methods(client_in: Client) -> None:
    assert client_in.put(URL).status_code == 405


def test_the_warning_sign_groups_name_every_recheck_key_once() -> None:
    from upback.coach.views.checkins import RECHECK_GROUPS

    grouped = [key for _, keys in RECHECK_GROUPS for key in keys]
    assert sorted(grouped) == sorted(safety.RECHECK_KEYS)


# ---- the morning after a session ------------------------------------------------------------


def finished_session(owner: User, on: date) -> Any:
    """A session of `on` with its first item done, finished with low pain."""
    from tests.examples import GUIDE_PROFILE
    from upback.coach.selectors.plans import plan_current
    from upback.coach.selectors.sessions import plan_day_of
    from upback.core.profile import parse_profile

    if plan_current(owner=owner) is None:
        profile = parse_profile(GUIDE_PROFILE)
        services.profile_save(owner=owner, profile=profile)
        services.plan_create(owner=owner, profile=profile)
    plan = plan_current(owner=owner)
    assert plan is not None
    session = services.session_start(
        owner=owner, plan=plan, local_date=on, day=plan_day_of(on), pain_before=4
    )
    services.session_item_record(owner=owner, session=session, order=0, status="done")
    feedback = {0: services.sessions.Feedback(feeling="about_right", pain_during=2)}
    services.session_finish(owner=owner, session=session, pain_after=3, feedback=feedback)
    return session


QUESTION = "How was your back this morning, after yesterday’s session?"


def test_no_next_morning_question_without_a_recent_session(client_in: Client, owner: User) -> None:
    finished_session(owner, today(owner))  # today's morning-after is tomorrow
    html = client_in.get(URL).content.decode()
    assert 'name="next_morning_pain"' not in html and "morning after" not in html


def test_the_next_morning_question_appears_after_yesterdays_session_and_saves(
    client_in: Client, owner: User
) -> None:
    session = finished_session(owner, today(owner) - timedelta(days=1))
    html = client_in.get(URL).content.decode()
    assert escape(QUESTION) in html and html.count('name="next_morning_pain"') == 11
    assert "one about your last session" in html
    response = client_in.post(URL, {**GOOD, "next_morning_pain": "2"})
    assert response["Location"] == reverse("journal")
    session.refresh_from_db()
    assert session.next_morning_pain == 2
    assert 'name="next_morning_pain"' not in client_in.get(URL).content.decode()


def test_the_next_morning_question_names_the_day_of_an_older_session(
    client_in: Client, owner: User
) -> None:
    two_days = today(owner) - timedelta(days=2)
    finished_session(owner, two_days)
    html = client_in.get(URL).content.decode()
    assert f"the morning after your session on {two_days:%A}?" in html


def test_the_next_morning_question_may_be_left_blank(client_in: Client, owner: User) -> None:
    session = finished_session(owner, today(owner) - timedelta(days=1))
    assert client_in.post(URL, GOOD)["Location"] == reverse("journal")
    session.refresh_from_db()
    assert session.next_morning_pain is None and CheckIn.objects.filter(owner=owner).exists()


@pytest.mark.parametrize("value", ["11", "-1", "abc"])
def test_a_next_morning_outside_0_to_10_is_a_400_that_keeps_the_rest(
    client_in: Client, owner: User, value: str
) -> None:
    session = finished_session(owner, today(owner) - timedelta(days=1))
    response = client_in.post(URL, {**GOOD, "next_morning_pain": value})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"next_morning_pain"}
    html = response.content.decode()
    assert "Please choose a number from 0 to 10 for your back the morning after." in html
    assert is_checked(html, "pain", 3) and GOOD["note"] in html
    session.refresh_from_db()
    assert session.next_morning_pain is None and not CheckIn.objects.exists()


def test_the_edit_page_never_asks_about_the_next_morning(client_in: Client, owner: User) -> None:
    finished_session(owner, today(owner) - timedelta(days=1))
    client_in.post(URL, GOOD)
    entry = CheckIn.objects.get(owner=owner)
    html = client_in.get(reverse("checkin_edit", args=[entry.pk])).content.decode()
    assert 'name="next_morning_pain"' not in html
