"""The 4-6 weekly review: the form (PSFS and PGIC), bad input kept, the proposal, and accepting
it (a new plan version) or keeping the plan; owners only; no new plan while stopped."""

from __future__ import annotations

import re
from html import escape
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.coach.views.test_plans import client_for, person, screened, with_plan
from tests.coach.views.test_progress import seed_journal
from upback.coach.models import Plan, Profile, Review

pytestmark = pytest.mark.django_db


def answers(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "activity_1": "carrying the laundry basket",
        "score_1": "4",
        "activity_2": "working at my laptop",
        "score_2": "5",
        "activity_3": "turning to reverse the car",
        "score_3": "6",
        "pgic": "2",
    }
    data.update(changes)
    return data


@pytest.fixture
def ana() -> User:
    user = person("ana")
    with_plan(user, strength_days_per_week=2)
    seed_journal(user, "improving", days=35)
    return user


def _review(user: User, **changes: Any) -> Review:
    response = client_for(user).post(reverse("review"), answers(**changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Review.objects.filter(owner=user).order_by("-id").first()  # type: ignore[return-value]


# ---------------------------------------------------------------------------------------------
# Who may see what
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["review"])
def test_an_anonymous_visitor_is_sent_to_log_in(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_an_anonymous_visitor_cannot_see_or_act_on_a_review(client: Client, ana: User) -> None:
    stored = _review(ana)
    for response in (
        client.get(reverse("review_result", args=[stored.pk])),
        client.post(reverse("review_accept", args=[stored.pk])),
    ):
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_an_outsider_cannot_see_keep_or_accept_another_persons_review(ana: User) -> None:
    stored = _review(ana)
    ben = person("ben")
    with_plan(ben)
    outsider = client_for(ben)
    assert outsider.get(reverse("review_result", args=[stored.pk])).status_code == 404
    assert outsider.post(reverse("review_accept", args=[stored.pk])).status_code == 404
    assert outsider.post(reverse("review_keep", args=[stored.pk])).status_code == 404
    stored.refresh_from_db()
    assert stored.proposal["decision"] == "pending"
    assert Plan.objects.filter(owner=ana).count() == 1
    assert client_for(ana).get(reverse("review_result", args=[stored.pk])).status_code == 200


def test_the_review_pages_are_not_listed_for_someone_else(ana: User) -> None:
    _review(ana)
    ben = person("ben")
    body = client_for(ben).get(reverse("review")).content.decode()
    assert "Your past reviews" not in body
    assert "carrying the laundry basket" not in body


# ---------------------------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------------------------


def test_the_form_compares_then_and_now_and_asks_psfs_and_pgic(ana: User) -> None:
    response = client_for(ana).get(reverse("review"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Then and now" in body
    assert "When you started" in body and "Last 7 days" in body and "Sessions done" in body
    for n in "123":
        assert f'name="activity_{n}"' in body
        assert body.count(f'name="score_{n}"') == 11
    assert body.count('name="pgic"') == 7
    for words in ("Very much improved", "No change", "Very much worse"):
        assert words in body
    assert "0 = unable" in body
    assert "10 = as well as before" in body


def test_a_review_is_stored_with_its_measures_and_proposal(ana: User) -> None:
    response = client_for(ana).post(reverse("review"), answers())
    stored = Review.objects.get(owner=ana)
    assert response.status_code == 302
    assert response["Location"] == reverse("review_result", args=[stored.pk])
    assert stored.pgic == 2
    assert stored.psfs == [
        {"activity": "carrying the laundry basket", "score": 4},
        {"activity": "working at my laptop", "score": 5},
        {"activity": "turning to reverse the car", "score": 6},
    ]
    assert stored.baseline is not None and stored.current is not None
    assert stored.current < stored.baseline
    assert stored.adherence is not None
    assert stored.verdict == "steady_improvement"  # PGIC "much improved"
    assert stored.proposal["kind"] == "more_strength"
    assert stored.proposal["decision"] == "pending"
    assert stored.plan == Plan.objects.get(owner=ana)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"score_2": "11"}, "score_2", "Please score activity 2 from 0 to 10."),
        ({"score_1": "-1"}, "score_1", "Please score activity 1 from 0 to 10."),
        ({"score_3": ""}, "score_3", "Please score activity 3 from 0 to 10."),
        ({"activity_1": "   "}, "activity_1", "Please name activity 1 in a few words."),
        ({"activity_3": "x" * 81}, "activity_3", "Please keep activity 3 to 80 characters"),
        ({"activity_2": "Carrying  the laundry BASKET"}, "activity_2", "a different activity"),
        ({"pgic": "9"}, "pgic", "Please choose the answer that fits best."),
        ({"pgic": "much better"}, "pgic", "Please choose the answer that fits best."),
        ({"pgic": ""}, "pgic", "Please choose the answer that fits best."),
    ],
)
def test_bad_answers_are_a_400_naming_the_field_with_the_form_kept(
    ana: User, changes: dict[str, str], field: str, message: str
) -> None:
    response = client_for(ana).post(reverse("review"), answers(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    body = response.content.decode()
    assert escape(message) in body
    assert f'id="id_{field}_errors"' in body
    # What the person typed is kept.
    kept = answers(**changes)
    for name in ("activity_1", "activity_2", "activity_3"):
        if name != field:
            assert f'value="{escape(kept[name])}"' in body
    if field != "score_2":
        assert re.search(r'value="5" id="id_score_2_5"[^>]* checked', body)
    assert not Review.objects.filter(owner=ana).exists()


def test_the_second_review_prefills_the_same_activities_and_compares_them(ana: User) -> None:
    _review(ana)
    form = client_for(ana).get(reverse("review"))
    body = form.content.decode()
    assert 'value="carrying the laundry basket"' in body
    assert 'value="working at my laptop"' in body
    assert "These are the activities from your last review" in body
    assert "Your past reviews" in body
    second = _review(ana, score_1="7", score_2="8", score_3="9")
    assert second.proposal["psfs_change"] == pytest.approx(3.0)
    result = client_for(ana).get(reverse("review_result", args=[second.pk])).content.decode()
    assert "Up 3 since your last review" in result


def test_what_changed_in_the_plan_since_the_last_review_is_listed(ana: User) -> None:
    client = client_for(ana)
    client.post(reverse("plan_regenerate"))
    body = client.get(reverse("review")).content.decode()
    assert "rebuilt from your profile" in body
    _review(ana)
    after = client.get(reverse("review")).content.decode()
    assert "No changes since your last review" in after


# ---------------------------------------------------------------------------------------------
# The proposal: accept or keep
# ---------------------------------------------------------------------------------------------


def test_the_result_shows_the_proposal_and_what_was_said(ana: User) -> None:
    stored = _review(ana)
    body = client_for(ana).get(reverse("review_result", args=[stored.pk])).content.decode()
    assert escape(stored.proposal["title"]) in body
    for reason in stored.proposal["reasons"]:
        assert escape(reason) in body
    assert "Much improved" in body
    assert "carrying the laundry basket" in body
    assert "Yes, make my new plan" in body
    assert "Keep my plan as it is" in body


def test_accepting_makes_a_new_plan_version_from_the_changed_profile(ana: User) -> None:
    stored = _review(ana)
    response = client_for(ana).post(reverse("review_accept", args=[stored.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("plan")
    newest = Plan.objects.filter(owner=ana).order_by("-version").first()
    assert newest is not None and newest.version == 2
    assert newest.reason == "review"
    assert newest.rules == ["review.more_strength"]
    assert newest.changes[0]["field"] == "strength_days_per_week"
    assert newest.profile_snapshot["strength_days_per_week"] == 3
    assert Profile.objects.get(owner=ana).strength_days_per_week == 3
    stored.refresh_from_db()
    assert stored.plan == newest
    assert stored.proposal["decision"] == "accepted"
    # Accepting twice (a double submit) makes no second version.
    again = client_for(ana).post(reverse("review_accept", args=[stored.pk]))
    assert again.status_code == 302
    assert Plan.objects.filter(owner=ana).count() == 2
    page = client_for(ana).get(reverse("review_result", args=[stored.pk])).content.decode()
    assert "You accepted this" in page and "version 2" in page


def test_keeping_the_plan_changes_nothing(ana: User) -> None:
    stored = _review(ana)
    response = client_for(ana).post(reverse("review_keep", args=[stored.pk]))
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.proposal["decision"] == "kept"
    assert Plan.objects.filter(owner=ana).count() == 1
    assert client_for(ana).post(reverse("review_accept", args=[stored.pk])).status_code == 302
    assert Plan.objects.filter(owner=ana).count() == 1


def test_a_new_plan_is_refused_while_exercise_is_paused(ana: User) -> None:
    stored = _review(ana)
    screened(ana, "urgent")
    page = client_for(ana).get(reverse("review_result", args=[stored.pk]))
    assert page.status_code == 200
    assert "Yes, make my new plan" not in page.content.decode()
    response = client_for(ana).post(reverse("review_accept", args=[stored.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("stop")
    assert Plan.objects.filter(owner=ana).count() == 1
    stored.refresh_from_db()
    assert stored.proposal["decision"] == "pending"


def test_the_review_itself_is_open_while_paused(ana: User) -> None:
    screened(ana, "urgent")
    assert client_for(ana).get(reverse("review")).status_code == 200
    assert client_for(ana).post(reverse("review"), answers()).status_code == 302


def test_worse_answers_hold_the_plan_and_point_to_the_safety_check(ana: User) -> None:
    stored = _review(ana, pgic="6")
    assert stored.proposal["kind"] == "keep"
    body = client_for(ana).get(reverse("review_result", args=[stored.pk])).content.decode()
    assert "Yes, make my new plan" not in body
    assert reverse("screen_start") in body
    refused = client_for(ana).post(reverse("review_accept", args=[stored.pk]))
    assert refused.status_code == 302
    assert Plan.objects.filter(owner=ana).count() == 1


def test_a_person_without_a_plan_can_review_and_is_asked_to_make_one() -> None:
    kim = person("kim")
    stored = _review(kim, pgic="4")
    assert stored.plan is None
    assert stored.proposal["kind"] == "keep"
    body = client_for(kim).get(reverse("review")).content.decode()
    assert reverse("profile") in body


def test_get_is_not_allowed_on_accept_or_keep(ana: User) -> None:
    stored = _review(ana)
    client = client_for(ana)
    assert client.get(reverse("review_accept", args=[stored.pk])).status_code == 405
    assert client.get(reverse("review_keep", args=[stored.pk])).status_code == 405
