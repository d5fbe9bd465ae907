"""The screen's results on the web: self-care, soon (and 'I have been seen'), the stop page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.coach.views.screen_helpers import answer_all, desk_worker, no_to_all, with_fever
from upback.coach.models import Screening, ScreeningClearance
from upback.coach.services.screenings import screening_record
from upback.coach.views.guards import exercise_allowed
from upback.core import safety

pytestmark = pytest.mark.django_db

EMERGENCY = safety.Screening(age=50, answers={"chest_pain_or_pressure": "yes"})
URGENT = safety.Screening(age=50, answers={"fever": "yes"})
SOON = safety.Screening(age=50, answers={"upper_back_pain": "yes"})


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner() -> User:
    return User.objects.create_user("ana")


@pytest.fixture
def outsider() -> User:
    return User.objects.create_user("ben")


@pytest.fixture
def client(owner: User) -> Client:
    return _client(owner)


def _recorded(owner: User, screening: safety.Screening) -> Screening:
    return screening_record(owner=owner, screening=screening, source="web")


def test_the_self_care_result_reassures_and_continues_to_the_profile(client: Client) -> None:
    answer_all(client, desk_worker)
    page = client.get(reverse("screen_result"))
    content = page.content.decode()
    assert page.status_code == 200
    assert "You can start, gently" in content
    assert safety.SELF_CARE_REASON in content
    assert "Take this screen again straight away if new symptoms appear" in content  # safety net
    assert page.context["profile_url"] in content
    assert "Continue to your profile" in content
    assert "gentle-banner-title" not in content


def test_the_soon_result_explains_why_and_keeps_to_gentle_items(client: Client) -> None:
    answer_all(client, no_to_all)
    page = client.get(reverse("screen_result"))
    content = page.content.decode()
    stored = Screening.objects.get()
    assert "Please see a clinician soon" in content
    for reason in stored.result["reasons"]:
        assert reason in content
    assert "only gentle movements that are fine during a flare" in content
    assert "gentle-banner-title" in content  # the base template's banner
    assert "Continue to your profile" in content
    assert reverse("screen_seen", args=[stored.pk]) in content
    assert "I have been seen by a clinician" in content


def test_the_same_day_result_goes_to_the_stop_page(client: Client) -> None:
    assert answer_all(client, with_fever) == reverse("stop")
    assert Screening.objects.get().disposition == "urgent"
    assert client.get(reverse("screen_result"))["Location"] == reverse("stop")
    page = client.get(reverse("stop"))
    content = page.content.decode()
    assert "Please get medical care today" in content
    assert "infection" in content  # the reason behind U1, in the result's own words
    assert "Call your local emergency number now" not in content


def test_the_emergency_stop_page_says_call_now_and_shows_no_exercise(
    client: Client, owner: User
) -> None:
    _recorded(owner, EMERGENCY)
    page = client.get(reverse("stop"))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Call your local emergency number now" in content
    assert "999" in content and "911" in content and "112" in content
    assert "Do not drive yourself" in content
    for reason in Screening.objects.get().result["reasons"]:
        assert reason in content
    main = content[content.index("<main") : content.index("</main>")]
    for name in ("today", "plan", "library", "player", "checkin"):
        try:
            url = reverse(name)
        except Exception:  # not every page has a simple address
            continue
        assert f'href="{url}"' not in main
    assert "stop-banner-title" not in content  # the page itself says it; no repeated banner


def test_the_stop_page_for_anyone_not_stopped_goes_to_today(client: Client, owner: User) -> None:
    assert client.get(reverse("stop"))["Location"] == reverse("today")
    _recorded(owner, SOON)
    assert client.get(reverse("stop"))["Location"] == reverse("today")


def test_the_stop_page_follows_the_latest_screening(client: Client, owner: User) -> None:
    _recorded(owner, EMERGENCY)
    answer_all(client, desk_worker)
    assert client.get(reverse("stop"))["Location"] == reverse("today")


def test_the_stop_page_is_about_the_persons_own_screening(owner: User, outsider: User) -> None:
    _recorded(outsider, EMERGENCY)
    assert _client(owner).get(reverse("stop"))["Location"] == reverse("today")


def test_the_result_without_any_screening_goes_to_the_screen(client: Client) -> None:
    assert client.get(reverse("screen_result"))["Location"] == reverse("screen_start")


def test_an_emergency_result_goes_to_the_stop_page(client: Client, owner: User) -> None:
    _recorded(owner, EMERGENCY)
    assert client.get(reverse("screen_result"))["Location"] == reverse("stop")


def test_i_have_been_seen_clears_my_own_soon_result(client: Client, owner: User) -> None:
    stored = _recorded(owner, SOON)
    response = client.post(reverse("screen_seen", args=[stored.pk]))
    assert response["Location"] == reverse("screen_result")
    assert ScreeningClearance.objects.get().screening == stored
    page = client.get(reverse("screen_result"))
    content = page.content.decode()
    assert "You have been seen" in content
    assert "so upback can offer the full programme" in content
    assert "gentle-banner-title" not in content
    assert "I have been seen by a clinician" not in content


def test_i_have_been_seen_twice_is_harmless(client: Client, owner: User) -> None:
    stored = _recorded(owner, SOON)
    client.post(reverse("screen_seen", args=[stored.pk]))
    client.post(reverse("screen_seen", args=[stored.pk]))
    assert ScreeningClearance.objects.count() == 1


def test_i_have_been_seen_on_another_persons_screening_is_a_404(
    owner: User, outsider: User
) -> None:
    theirs = _recorded(outsider, SOON)
    response = _client(owner).post(reverse("screen_seen", args=[theirs.pk]))
    assert response.status_code == 404
    assert not ScreeningClearance.objects.exists()


def test_i_have_been_seen_on_a_missing_screening_is_a_404(client: Client) -> None:
    assert client.post(reverse("screen_seen", args=[99999])).status_code == 404


@pytest.mark.parametrize("screening", [EMERGENCY, URGENT])
def test_i_have_been_seen_only_works_for_a_soon_result(
    client: Client, owner: User, screening: safety.Screening
) -> None:
    stored = _recorded(owner, screening)
    response = client.post(reverse("screen_seen", args=[stored.pk]))
    assert response.status_code == 400
    assert not ScreeningClearance.objects.exists()


def test_i_have_been_seen_needs_a_post(client: Client, owner: User) -> None:
    stored = _recorded(owner, SOON)
    assert client.get(reverse("screen_seen", args=[stored.pk])).status_code == 405
    assert not ScreeningClearance.objects.exists()


def test_i_have_been_seen_needs_the_csrf_token(owner: User) -> None:
    stored = _recorded(owner, SOON)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    assert strict.post(reverse("screen_seen", args=[stored.pk])).status_code == 403
    assert not ScreeningClearance.objects.exists()


def test_an_anonymous_person_is_sent_to_log_in_from_every_result_page(owner: User) -> None:
    stored = _recorded(owner, SOON)
    anonymous = Client()
    for url in (reverse("screen_result"), reverse("stop")):
        assert anonymous.get(url)["Location"].startswith(reverse("login"))
    response = anonymous.post(reverse("screen_seen", args=[stored.pk]))
    assert response["Location"].startswith(reverse("login"))
    assert not ScreeningClearance.objects.exists()


def _exercise_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("an exercise")


@pytest.mark.parametrize("screening", [EMERGENCY, URGENT])
def test_after_a_stop_result_a_page_with_exercise_redirects_to_stop(
    owner: User, screening: safety.Screening
) -> None:
    _recorded(owner, screening)
    request = RequestFactory().get("/an-exercise/")
    request.user = owner
    response = exercise_allowed(_exercise_view)(request)
    assert response.status_code == 302
    assert response["Location"] == reverse("stop")


@pytest.mark.parametrize("name", ["today", "plan", "library", "profile"])
def test_after_an_emergency_the_exercise_pages_redirect_to_stop(
    client: Client, owner: User, name: str
) -> None:
    key = safety.next_question(safety.Screening(age=40))
    client.post(reverse("screen_start"), {"age": 40})
    client.post(reverse("screen_question", args=[1]), {"key": key, "answer": "yes"})
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == reverse("stop")
    assert b"an exercise" not in response.content


def test_i_have_been_seen_with_a_huge_number_is_a_404_not_a_500(client: Client) -> None:
    assert client.post(reverse("screen_seen", args=[10**25])).status_code == 404
