"""The calendar page, the .ics download and the private feed: what a person sees, what a calendar
app gets, and who gets nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from tests.coach.views.test_plans import client_for, person, screened, with_plan
from upback.coach.models import Account, CalendarFeed
from upback.coach.services.calendar import account_routine_time_set, calendar_feed_create

pytestmark = pytest.mark.django_db

FEED_PATH = re.compile(r"https?://[^\s\"<]+/calendar/feed/[A-Za-z0-9_-]{43}\.ics")


def ready(name: str = "ana", **kwargs: object) -> User:
    user = person(name, **kwargs)  # type: ignore[arg-type]
    with_plan(user)
    account_routine_time_set(owner=user, routine_time=dt.time(7, 30))
    return user


def summaries(body: bytes) -> list[str]:
    return [str(event["SUMMARY"]) for event in Calendar.from_ical(body).events]


def feed_url(token: str) -> str:
    return reverse("calendar_feed", args=[token])


def test_anonymous_people_are_sent_to_log_in() -> None:
    client = Client()
    for name in ("calendar", "calendar_download"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert client.post(reverse("calendar_link_make")).status_code == 302
    assert not CalendarFeed.objects.exists()


def test_without_a_routine_time_the_page_asks_for_one_and_promises_no_guess() -> None:
    ana = person("ana")
    with_plan(ana)
    body = client_for(ana).get(reverse("calendar")).content.decode()
    assert "Choose a time first" in body
    assert "upback will not guess a time for you" in body
    assert "Strength day" not in body


def test_the_page_shows_what_the_calendar_will_hold() -> None:
    ana = ready()
    response = client_for(ana).get(reverse("calendar"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Your program in your calendar</h1>" in body
    assert "Strength day – upback routine" in body
    assert "Mondays, Wednesdays and Fridays at 07:30" in body
    assert "Download calendar file (.ics)" in body
    assert "Make a private link" in body
    assert "never your pain scores, check-ins, notes or safety answers" in body
    assert 'value="07:30"' in body


def test_saving_the_routine_time_keeps_it_on_the_account() -> None:
    ana = person("ana")
    client = client_for(ana)
    response = client.post(reverse("calendar"), {"routine_time": "06:45"}, follow=True)
    assert response.redirect_chain == [(reverse("calendar"), 302)]
    assert "Saved: your routine is at 06:45 each day." in response.content.decode()
    assert Account.objects.get(owner=ana).routine_time == dt.time(6, 45)
    client.post(reverse("calendar"), {"routine_time": ""})
    assert Account.objects.get(owner=ana).routine_time is None


def test_a_bad_time_is_a_400_naming_the_field_with_the_input_kept() -> None:
    ana = ready()
    response = client_for(ana).post(reverse("calendar"), {"routine_time": "25:99"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please give the routine time as hours and minutes, for example 07:30." in body
    assert 'value="25:99"' in body
    assert 'id="id_routine_time_errors"' in body
    assert Account.objects.get(owner=ana).routine_time == dt.time(7, 30)


def test_the_download_is_an_ics_attachment_a_calendar_can_read() -> None:
    ana = ready()
    response = client_for(ana).get(reverse("calendar_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="upback.ics"'
    names = summaries(response.content)
    assert "Strength day – upback routine" in names
    assert "upback routine" in names
    assert "http://testserver/today/" in response.content.decode().replace("\r\n ", "")


def test_making_a_link_shows_it_once_and_it_works_without_logging_in() -> None:
    ana = ready()
    response = client_for(ana).post(reverse("calendar_link_make"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert "Your private link is ready." in body
    (url,) = set(FEED_PATH.findall(body))
    assert "webcal://" + url.split("://", 1)[1] in body
    assert "Copy link" in body
    for app in ("Google Calendar", "Apple Calendar", "Outlook"):
        assert app in body

    feed = Client().get(url)
    assert feed.status_code == 200
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert feed["Cache-Control"] == "private, max-age=900"
    assert not feed.cookies
    assert "Set-Cookie" not in feed
    assert "Strength day – upback routine" in summaries(feed.content)
    assert CalendarFeed.objects.get(owner=ana).last_used_at is not None

    # The page never shows it again: only that a link is on.
    later = client_for(ana).get(reverse("calendar")).content.decode()
    assert not FEED_PATH.search(later)
    assert "Your private link is on." in later
    assert "Make a new link" in later and "Turn off the link" in later


def test_unknown_and_turned_off_links_get_the_same_404() -> None:
    ana = ready()
    token = calendar_feed_create(owner=ana)
    client = Client()
    unknown = client.get(feed_url("x" * 43))
    client_for(ana).post(reverse("calendar_link_revoke"))
    revoked = client.get(feed_url(token))
    assert unknown.status_code == revoked.status_code == 404
    assert unknown.content == revoked.content
    assert unknown["Content-Type"] == revoked["Content-Type"]
    assert not unknown.cookies and not revoked.cookies
    assert not CalendarFeed.objects.filter(owner=ana).exists()


def test_a_new_link_stops_the_old_one() -> None:
    ana = ready()
    old = calendar_feed_create(owner=ana)
    response = client_for(ana).post(reverse("calendar_link_make"))
    (new,) = set(FEED_PATH.findall(response.content.decode()))
    assert Client().get(feed_url(old)).status_code == 404
    assert Client().get(new).status_code == 200


def test_turning_the_link_off_says_so() -> None:
    ana = ready()
    calendar_feed_create(owner=ana)
    response = client_for(ana).post(reverse("calendar_link_revoke"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your private link is off." in body
    assert "Make a private link" in body


def test_a_token_gives_its_owners_calendar_only_whoever_asks() -> None:
    ana = ready("ana")
    ben = person("ben")  # no plan, no routine time
    ana_token, ben_token = calendar_feed_create(owner=ana), calendar_feed_create(owner=ben)
    # Ana, logged in, asking with Ben's token gets Ben's (empty) calendar, not her own.
    with_bens = client_for(ana).get(feed_url(ben_token))
    assert with_bens.status_code == 200
    assert summaries(with_bens.content) == []
    assert "Strength day – upback routine" in summaries(Client().get(feed_url(ana_token)).content)


def test_while_stopped_the_feed_and_page_hold_every_exercise() -> None:
    ana = ready()
    token = calendar_feed_create(owner=ana)
    screened(ana, "urgent")
    feed = Client().get(feed_url(token))
    assert summaries(feed.content) == ["upback: exercises on hold until you have been checked"]
    assert "Resistance band row" not in feed.content.decode()
    page = client_for(ana).get(reverse("calendar"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Your exercises are on hold until you have been checked" in body
    assert "Strength day" not in body
    assert "Turn off the link" in body  # a stopped person can still switch it off


def test_gentle_only_routines_say_so() -> None:
    ana = ready()
    screened(ana, "soon")
    names = summaries(client_for(ana).get(reverse("calendar_download")).content)
    assert names and all("gentle items only" in n for n in names if "routine" in n)
    assert not [n for n in names if "Strength" in n]


def test_the_link_actions_only_take_posts() -> None:
    ana = ready()
    client = client_for(ana)
    assert client.get(reverse("calendar_link_make")).status_code == 405
    assert client.get(reverse("calendar_link_revoke")).status_code == 405
    assert not CalendarFeed.objects.exists()
