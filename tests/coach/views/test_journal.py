"""The journal: one's own history newest first, with edit and delete of one's own entries only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.examples import cleared_answers
from upback.coach import services
from upback.coach.models import Account, CheckIn, GuidedSession, Plan
from upback.coach.selectors.accounts import local_today
from upback.core import safety

pytestmark = pytest.mark.django_db

URL = "/journal/"
SCORES = {"pain": 3, "stiffness": 4, "sleep_quality": 7, "stress": 2}


def screen(owner: User, **changes: str) -> None:
    answers: dict[str, safety.Answer] = cleared_answers()
    answers.update(changes)  # type: ignore[typeddict-item]
    services.screening_record(owner=owner, screening=safety.Screening(age=40, answers=answers))


def person(name: str) -> User:
    user = User.objects.create_user(name)
    Account.objects.create(owner=user, time_zone="Europe/London")
    screen(user)
    return user


@pytest.fixture
def owner() -> User:
    return person("ana")


@pytest.fixture
def outsider() -> User:
    return person("ben")


def entry(owner: User, days_ago: int = 0, **changes: object) -> CheckIn:
    day = local_today(owner=owner) - timedelta(days=days_ago)
    return CheckIn.objects.create(owner=owner, local_date=day, **{**SCORES, **changes})


def edit_url(item: CheckIn) -> str:
    return reverse("checkin_edit", args=[item.pk])


def delete_url(item: CheckIn) -> str:
    return reverse("checkin_delete", args=[item.pk])


def form(**changes: object) -> dict[str, object]:
    return {**SCORES, "note": "", "local_date": "", **changes}


def test_it_sends_an_anonymous_visitor_to_log_in(client: Client, owner: User) -> None:
    item = entry(owner)
    for url in (URL, edit_url(item), delete_url(item)):
        assert client.get(url)["Location"].startswith(reverse("login"))
    client.post(delete_url(item))
    assert CheckIn.objects.filter(pk=item.pk).exists()


def test_an_empty_journal_says_so_and_offers_a_check_in(client: Client, owner: User) -> None:
    client.force_login(owner)
    html = client.get(URL).content.decode()
    assert "No check-ins yet" in html
    assert reverse("checkin") in html


def test_it_lists_the_persons_entries_newest_first_in_their_own_words(
    client: Client, owner: User, outsider: User
) -> None:
    entry(owner, 0, note="walked at lunch")
    entry(owner, 1, pain=6)
    entry(owner, 40)
    entry(outsider, 0, note="ben's secret")
    client.force_login(owner)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    today = local_today(owner=owner)
    assert html.index("Today, ") < html.index("Yesterday, ")
    assert f"Today, {today:%a} {today.day} {today:%b}" in html
    assert "walked at lunch" in html
    assert "ben&#x27;s secret" not in html and "ben's secret" not in html
    assert "3 check-ins, newest first" in html


def test_it_shows_the_guided_sessions_of_each_day(client: Client, owner: User) -> None:
    item = entry(owner)
    plan = Plan.objects.create(owner=owner, version=1, profile_snapshot={}, data={})
    GuidedSession.objects.create(
        owner=owner, plan=plan, day="mon", local_date=item.local_date, pain_before=5, pain_after=3
    )
    client.force_login(owner)
    html = client.get(URL).content.decode()
    assert "Guided session (not finished): pain 5 before, 3 after" in html


def test_it_pages_thirty_entries_at_a_time_and_any_page_value_is_safe(
    client: Client, owner: User
) -> None:
    for days_ago in range(35):
        entry(owner, days_ago)
    client.force_login(owner)
    first = client.get(URL)
    assert len(first.context["entries"]) == 30
    assert "Older entries" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert len(second.context["entries"]) == 5
    assert "Newer entries" in second.content.decode()
    for page in ("0", "-3", "999", "abc", "1e9", ""):
        assert client.get(URL, {"page": page}).status_code == 200


def test_the_edit_page_shows_the_entry_prefilled(client: Client, owner: User) -> None:
    item = entry(owner, 2, note="slept badly", sleep_quality=2)
    client.force_login(owner)
    response = client.get(edit_url(item))
    assert response.status_code == 200
    html = response.content.decode()
    assert "slept badly" in html
    assert f'value="{item.local_date.isoformat()}"' in html
    assert response.context["form"]["sleep_quality"].value() == 2
    assert 'name="warning_signs"' not in html


def test_editing_saves_the_changes(client: Client, owner: User) -> None:
    item = entry(owner, 2)
    client.force_login(owner)
    earlier = item.local_date - timedelta(days=1)
    response = client.post(
        edit_url(item), form(pain=1, note="better", local_date=earlier.isoformat())
    )
    assert response.status_code == 302
    assert response["Location"] == URL
    item.refresh_from_db()
    assert (item.pain, item.note, item.local_date) == (1, "better", earlier)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"pain": 11}, "pain"),
        ({"stress": "lots"}, "stress"),
        ({"note": "x" * 1001}, "note"),
        ({"local_date": (date.today() + timedelta(days=3)).isoformat()}, "local_date"),
    ],
)
def test_bad_edits_are_explained_and_change_nothing(
    client: Client, owner: User, changes: dict[str, object], field: str
) -> None:
    item = entry(owner, 2, note="as it was")
    client.force_login(owner)
    response = client.post(edit_url(item), form(**changes))
    assert response.status_code == 400
    assert f'id="id_{field}_errors"' in response.content.decode()
    item.refresh_from_db()
    assert (item.pain, item.note) == (3, "as it was")


def test_an_edit_cannot_move_an_entry_onto_a_day_that_has_one(client: Client, owner: User) -> None:
    taken = entry(owner, 1)
    item = entry(owner, 2)
    client.force_login(owner)
    response = client.post(edit_url(item), form(local_date=taken.local_date.isoformat()))
    assert response.status_code == 400
    assert "You already have a check-in on that day" in response.content.decode()
    item.refresh_from_db()
    assert item.local_date != taken.local_date


def test_deleting_asks_first_then_removes_the_entry(client: Client, owner: User) -> None:
    item = entry(owner, note="to go")
    client.force_login(owner)
    confirm = client.get(delete_url(item))
    assert confirm.status_code == 200
    assert "Delete this check-in?" in confirm.content.decode()
    assert CheckIn.objects.filter(pk=item.pk).exists()
    response = client.post(delete_url(item))
    assert response["Location"] == URL
    assert not CheckIn.objects.filter(pk=item.pk).exists()


def test_another_persons_entry_is_not_found_for_edit_or_delete(
    client: Client, owner: User, outsider: User
) -> None:
    item = entry(owner, note="mine")
    client.force_login(outsider)
    assert client.get(edit_url(item)).status_code == 404
    assert client.post(edit_url(item), form(pain=9)).status_code == 404
    assert client.get(delete_url(item)).status_code == 404
    assert client.post(delete_url(item)).status_code == 404
    item.refresh_from_db()
    assert (item.pain, item.note) == (3, "mine")


def test_a_missing_entry_is_not_found(client: Client, owner: User) -> None:
    client.force_login(owner)
    assert client.get(reverse("checkin_edit", args=[98765])).status_code == 404
    assert client.post(reverse("checkin_delete", args=[98765])).status_code == 404


def test_while_stopped_the_journal_stays_readable_but_not_editable(
    client: Client, owner: User
) -> None:
    item = entry(owner, note="before the fever")
    screen(owner, fever="yes")
    client.force_login(owner)
    html = client.get(URL).content.decode()
    assert "before the fever" in html
    assert edit_url(item) not in html
    assert delete_url(item) in html
    paused = client.get(edit_url(item)).content.decode()
    assert 'name="pain"' not in paused
    client.post(edit_url(item), form(pain=9))
    item.refresh_from_db()
    assert item.pain == 3
