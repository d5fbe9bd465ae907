"""The break timer page, the one endpoint that records a break, the working-hours form, the break
routine in the player, the widget on Today and the week of breaks on the progress page."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from html import escape
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.coach.views.test_plans import client_for, person, with_plan
from upback.coach.models import Account, BreakRecord
from upback.coach.services.breaks import break_record, break_settings_save
from upback.coach.views.break_timer import break_doses
from upback.core.breaks import ROTATION_SLUGS
from upback.core.library import Library, default_library

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
# Wednesday 6 May 2026, 01:00 UTC: 10:00 in Tokyo, on a working morning.
TOKYO_TEN = dt.datetime(2026, 5, 6, 1, 0, tzinfo=dt.UTC)
WORKDAY = {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00"}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> dict[str, dt.datetime]:
    """A clock the test moves: `clock["now"] = ...`."""
    now = {"now": TOKYO_TEN}
    monkeypatch.setattr("django.utils.timezone.now", lambda: now["now"])
    return now


def tokyo(name: str = "aiko", result: str | None = "self_care") -> User:
    user = person(name, time_zone="Asia/Tokyo", result=result)
    break_settings_save(owner=user, values={**WORKDAY, "interval_minutes": 30})
    return user


@pytest.fixture
def aiko(clock: dict[str, dt.datetime]) -> User:
    return tokyo()


def page_data(response: Any) -> dict[str, Any]:
    html = response.content.decode()
    start = html.index('<script id="break-data" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    data: dict[str, Any] = json.loads(body)
    return data


def post_break(client: Client, **fields: Any) -> Any:
    data = {"outcome": "taken", "client_id": str(uuid.uuid4()), **fields}
    return client.post(reverse("break_record"), data, **JSON)


# ---- access ---------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in() -> None:
    for method, url in [
        ("get", reverse("breaks")),
        ("post", reverse("break_record")),
        ("get", reverse("break_settings")),
        ("get", reverse("break_routine", args=["shoulder_rolls"])),
    ]:
        response = getattr(Client(), method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_recording_needs_a_post() -> None:
    client = client_for(person("ana"))
    assert client.get(reverse("break_record")).status_code == 405


# ---- the page -------------------------------------------------------------------------------


def test_the_page_counts_down_in_the_persons_own_zone_from_when_they_opened_it(
    aiko: User,
) -> None:
    response = client_for(aiko).get(reverse("breaks"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Next break" in body
    # Opened at 10:00 Tokyo time: the first break is an interval later, not "due since 09:30".
    assert "At 10:30, your time (Asia/Tokyo)." in body
    assert "Monday to Friday, 09:00 to 17:00" in body
    data = page_data(response)
    assert data["zone"] == "Asia/Tokyo"
    assert data["interval_ms"] == 30 * 60_000
    start, end = data["windows"][0]
    assert dt.datetime.fromisoformat(start) == dt.datetime(2026, 5, 6, 0, 0, tzinfo=dt.UTC)
    assert dt.datetime.fromisoformat(end) == dt.datetime(2026, 5, 6, 8, 0, tzinfo=dt.UTC)
    assert len(data["windows"]) == 6  # Wednesday to next Wednesday, without the weekend
    assert dt.datetime.fromisoformat(data["memory"]["last_break"]) == TOKYO_TEN


def test_the_page_suggests_the_routine_of_the_rotation_with_its_short_dose(aiko: User) -> None:
    response = client_for(aiko).get(reverse("breaks"))
    body = response.content.decode()
    routine = response.context["routine"]
    assert routine.slug in ROTATION_SLUGS
    assert escape(routine.name) in body and escape(routine.dose) in body
    assert "Start micro-routine" in body
    url = reverse("break_routine", args=[routine.slug])
    assert f'href="{url}?kind=micro"' in body
    assert [r["slug"] for r in page_data(response)["routines"]] == list(ROTATION_SLUGS)


def test_a_break_comes_due_an_interval_after_the_page_was_opened(
    aiko: User, clock: dict[str, dt.datetime]
) -> None:
    client = client_for(aiko)
    client.get(reverse("breaks"))
    clock["now"] = TOKYO_TEN + dt.timedelta(minutes=31)
    body = client.get(reverse("breaks")).content.decode()
    assert "Time for a movement break" in body
    assert "It was due at 10:30." in body
    assert "Snooze 5 min" in body and "Snooze 10 min" in body and "Skip" in body


def test_outside_working_hours_it_says_when_the_next_period_starts(
    aiko: User, clock: dict[str, dt.datetime]
) -> None:
    clock["now"] = dt.datetime(2026, 5, 6, 11, 0, tzinfo=dt.UTC)  # 20:00 in Tokyo
    body = client_for(aiko).get(reverse("breaks")).content.decode()
    assert "Outside your working hours" in body
    assert "The timer starts again tomorrow at 09:00." in body
    clock["now"] = dt.datetime(2026, 5, 8, 11, 0, tzinfo=dt.UTC)  # Friday evening
    body = client_for(aiko).get(reverse("breaks")).content.decode()
    assert "The timer starts again on Monday at 09:00." in body


def test_after_the_last_break_of_the_day_it_says_no_more_today(
    aiko: User, clock: dict[str, dt.datetime]
) -> None:
    clock["now"] = dt.datetime(2026, 5, 6, 7, 45, tzinfo=dt.UTC)  # 16:45 in Tokyo, ends 17:00
    body = client_for(aiko).get(reverse("breaks")).content.decode()
    assert "No more breaks today" in body
    assert "Your working day ends at 17:00." in body


def test_a_stopped_person_still_has_the_countdown_but_no_routine(
    clock: dict[str, dt.datetime],
) -> None:
    stopped = tokyo("sam", result="emergency")
    response = client_for(stopped).get(reverse("breaks"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Next break" in body
    assert "Exercises are on hold until you have been checked" in body
    assert "Start micro-routine" not in body
    assert page_data(response)["routines"] == []
    for slug in ROTATION_SLUGS:
        assert escape(default_library().get(slug).name) not in body


def test_before_the_safety_check_no_routine_is_suggested(clock: dict[str, dt.datetime]) -> None:
    newcomer = tokyo("nia", result=None)
    body = client_for(newcomer).get(reverse("breaks")).content.decode()
    assert "Start micro-routine" not in body
    assert "short safety check" in body


def _library_where_shoulder_rolls_is_not_flare_ok() -> Library:
    library = default_library()
    rolls = library.get("shoulder_rolls")
    changed = rolls.model_copy(
        update={"suitability": rolls.suitability.model_copy(update={"flare_ok": False})}
    )
    return Library(
        techniques={**library.techniques, "shoulder_rolls": changed}, advice=library.advice
    )


def test_gentle_only_offers_only_flare_suitable_routines(
    clock: dict[str, dt.datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    gentle = tokyo("gil", result="soon")
    library = _library_where_shoulder_rolls_is_not_flare_ok()
    monkeypatch.setattr("upback.coach.views.breaks.default_library", lambda: library)
    client = client_for(gentle)
    response = client.get(reverse("breaks"))
    offered = [r["slug"] for r in page_data(response)["routines"]]
    assert "shoulder_rolls" not in offered
    assert offered[0] == "scapular_squeeze"  # the next suitable one takes its place
    assert all(library.get(slug).suitability.flare_ok for slug in offered)
    assert response.context["routine"].slug != "shoulder_rolls"
    assert client.get(reverse("break_routine", args=["shoulder_rolls"])).status_code == 404
    assert client.get(reverse("break_routine", args=["scapular_squeeze"])).status_code == 200


def test_every_routine_offered_today_is_flare_suitable_for_a_gentle_only_person(
    clock: dict[str, dt.datetime],
) -> None:
    gentle = tokyo("gil", result="soon")
    offered = page_data(client_for(gentle).get(reverse("breaks")))["routines"]
    assert offered
    assert all(default_library().get(r["slug"]).suitability.flare_ok for r in offered)


# ---- recording ------------------------------------------------------------------------------


def test_a_break_is_recorded_once_even_when_it_is_sent_again(aiko: User) -> None:
    client = client_for(aiko)
    client_id = str(uuid.uuid4())
    first = post_break(client, client_id=client_id, kind="active", routine="shoulder_rolls")
    assert first.status_code == 201
    assert first.json() == {"id": first.json()["id"], "taken_today": 1}
    again = post_break(client, client_id=client_id, kind="active", routine="shoulder_rolls")
    assert again.status_code == 201
    assert again.json() == first.json()
    stored = BreakRecord.objects.get(owner=aiko)
    assert (stored.outcome, stored.kind, stored.channel, stored.routine) == (
        "taken",
        "active",
        "web",
        "shoulder_rolls",
    )
    assert stored.local_date == dt.date(2026, 5, 6)


def test_the_time_sent_by_the_page_is_kept_for_a_break_recorded_offline(aiko: User) -> None:
    earlier = TOKYO_TEN - dt.timedelta(hours=1)
    response = post_break(client_for(aiko), at=earlier.isoformat().replace("+00:00", "Z"))
    assert response.status_code == 201
    assert BreakRecord.objects.get(owner=aiko).at == earlier


def test_a_time_without_a_zone_is_read_on_the_persons_own_clock(aiko: User) -> None:
    assert post_break(client_for(aiko), at="2026-05-06T09:45:00").status_code == 201
    assert BreakRecord.objects.get(owner=aiko).at == dt.datetime(2026, 5, 6, 0, 45, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"outcome": "napped"}, "outcome"),
        ({"outcome": ""}, "outcome"),
        ({"kind": "huge"}, "kind"),
        ({"routine": "handstand"}, "routine"),
        ({"client_id": "not-a-uuid"}, "client_id"),
        ({"at": "yesterday-ish"}, "at"),
        ({"at": "2026-05-06T01:06:00Z"}, "at"),  # 6 minutes in the future
        ({"at": "2026-04-28T01:00:00Z"}, "at"),  # 8 days ago
        ({"outcome": "snoozed", "minutes": "15"}, "minutes"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_stored(
    aiko: User, fields: dict[str, str], field: str
) -> None:
    response = post_break(client_for(aiko), **fields)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["error"].startswith(f"{field}: ")
    assert not BreakRecord.objects.exists()


def test_a_time_within_five_minutes_ahead_is_accepted_for_a_slightly_fast_clock(
    aiko: User,
) -> None:
    assert post_break(client_for(aiko), at="2026-05-06T01:04:00Z").status_code == 201


def test_the_plain_form_redirects_back_with_the_count(aiko: User) -> None:
    client = client_for(aiko)
    response = client.post(
        reverse("break_record"), {"outcome": "taken", "client_id": str(uuid.uuid4())}, follow=True
    )
    assert response.redirect_chain == [(reverse("breaks"), 302)]
    assert "Break recorded — 1 today." in response.content.decode()
    assert '<strong id="break-taken">1</strong>' in response.content.decode()


def test_the_plain_form_shows_bad_input_on_the_page_with_a_400(aiko: User) -> None:
    response = client_for(aiko).post(reverse("break_record"), {"outcome": "napped"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "That break could not be recorded. outcome: choose taken, snoozed or skipped" in body
    assert "Break timer" in body
    assert not BreakRecord.objects.exists()


def test_a_snooze_moves_the_next_break_by_its_minutes(
    aiko: User, clock: dict[str, dt.datetime]
) -> None:
    client = client_for(aiko)
    client.get(reverse("breaks"))
    clock["now"] = TOKYO_TEN + dt.timedelta(minutes=31)  # due since 10:30
    response = client.post(
        reverse("break_record"),
        {"outcome": "snoozed", "minutes": "10", "client_id": str(uuid.uuid4())},
        follow=True,
    )
    body = response.content.decode()
    assert "Snoozed: upback will remind you again in 10 minutes." in body
    assert "At 10:41, your time" in body
    assert BreakRecord.objects.get(owner=aiko).outcome == "snoozed"


def test_a_skip_or_a_break_restarts_the_interval(aiko: User, clock: dict[str, dt.datetime]) -> None:
    client = client_for(aiko)
    client.get(reverse("breaks"))
    clock["now"] = TOKYO_TEN + dt.timedelta(minutes=35)
    skipped = client.post(
        reverse("break_record"), {"outcome": "skipped", "client_id": str(uuid.uuid4())}, follow=True
    )
    assert "At 11:05, your time" in skipped.content.decode()
    clock["now"] = TOKYO_TEN + dt.timedelta(minutes=50)
    taken = client.post(
        reverse("break_record"), {"outcome": "taken", "client_id": str(uuid.uuid4())}, follow=True
    )
    assert "At 11:20, your time" in taken.content.decode()


def test_the_moves_come_in_order_as_breaks_are_taken_or_skipped_but_not_snoozed(
    aiko: User, clock: dict[str, dt.datetime]
) -> None:
    client = client_for(aiko)
    seen = [client.get(reverse("breaks")).context["routine"].slug]
    for minutes, outcome in [(5, "taken"), (9, "snoozed"), (12, "skipped"), (20, "taken")]:
        clock["now"] = TOKYO_TEN + dt.timedelta(minutes=minutes)
        fields = {"outcome": outcome, "client_id": str(uuid.uuid4()), "minutes": "5"}
        client.post(reverse("break_record"), fields)
        seen.append(client.get(reverse("breaks")).context["routine"].slug)
    assert seen == [
        "shoulder_rolls",
        "scapular_squeeze",
        "scapular_squeeze",  # a snooze is the same break, later
        "thoracic_rotation",
        "doorway_pec_stretch",
    ]
    clock["now"] = TOKYO_TEN + dt.timedelta(days=1)  # a new day starts the rotation again
    assert client.get(reverse("breaks")).context["routine"].slug == "shoulder_rolls"


def test_an_active_break_is_offered_once_an_hour_has_passed(
    aiko: User, clock: dict[str, dt.datetime]
) -> None:
    client = client_for(aiko)
    client.get(reverse("breaks"))
    clock["now"] = TOKYO_TEN + dt.timedelta(minutes=35)
    client.post(reverse("break_record"), {"outcome": "taken", "client_id": str(uuid.uuid4())})
    response = client.get(reverse("breaks"))  # next at 11:05, over an hour after 10:00
    assert response.context["coming"].kind == "active"
    body = response.content.decode()
    assert "An active break of 5 minutes:" in body
    assert "Shoulder blade squeeze, Thoracic rotation, Doorway chest stretch" in body
    assert "then stand up and walk for" in body
    assert "Start the active break" in body
    assert "?kind=active" in body


def test_a_late_replay_of_an_older_break_does_not_move_the_timer_back(
    aiko: User, clock: dict[str, dt.datetime]
) -> None:
    client = client_for(aiko)
    client.get(reverse("breaks"))
    clock["now"] = TOKYO_TEN + dt.timedelta(minutes=40)
    client.post(reverse("break_record"), {"outcome": "taken", "client_id": str(uuid.uuid4())})
    older = (TOKYO_TEN + dt.timedelta(minutes=20)).isoformat()
    replay = post_break(client, at=older)  # kept offline on another tab, sent just now
    assert replay.status_code == 201 and replay.json()["taken_today"] == 2
    body = client.get(reverse("breaks")).content.decode()
    assert "At 11:10, your time" in body  # still an interval after the later break


def test_the_widget_says_when_work_starts_again_outside_working_hours(
    aiko: User, clock: dict[str, dt.datetime]
) -> None:
    with_plan(aiko)
    clock["now"] = dt.datetime(2026, 5, 8, 11, 0, tzinfo=dt.UTC)  # Friday 20:00 in Tokyo
    body = client_for(aiko).get(reverse("today")).content.decode()
    assert "Outside your working hours. Breaks start again on Monday at 09:00." in body
    assert "break-widget-countdown" not in body


def test_breaks_are_per_person(aiko: User) -> None:
    ben = tokyo("ben")
    client_id = str(uuid.uuid4())
    assert post_break(client_for(aiko), client_id=client_id).json()["taken_today"] == 1
    # The same id from another person is their own break, not a replay of Aiko's.
    assert post_break(client_for(ben), client_id=client_id).json()["taken_today"] == 1
    assert BreakRecord.objects.filter(owner=aiko).count() == 1
    assert BreakRecord.objects.filter(owner=ben).count() == 1
    assert post_break(client_for(ben)).json()["taken_today"] == 2
    page = client_for(aiko).get(reverse("breaks"))
    assert page.context["timer"].taken_today == 1


# ---- working hours --------------------------------------------------------------------------


def test_the_settings_form_shows_and_saves_working_hours(aiko: User) -> None:
    client = client_for(aiko)
    form = client.get(reverse("break_settings"))
    assert form.status_code == 200
    assert 'value="09:00"' in form.content.decode()
    response = client.post(
        reverse("break_settings"),
        {"days": ["mon", "wed"], "start": "08:15", "end": "16:00", "interval_minutes": "45"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("breaks")
    stored = Account.objects.get(owner=aiko).break_settings
    assert stored["days"] == ["mon", "wed"]
    assert (stored["start"], stored["end"], stored["interval_minutes"]) == (
        "08:15:00",
        "16:00:00",
        45,
    )
    body = client.get(reverse("breaks")).content.decode()
    assert "Monday and Wednesday, 08:15 to 16:00" in body


def test_saving_working_hours_keeps_the_active_break_settings(aiko: User) -> None:
    break_settings_save(
        owner=aiko, values={**WORKDAY, "active_every_minutes": 90, "active_minutes": 10}
    )
    client_for(aiko).post(
        reverse("break_settings"),
        {"days": ["tue"], "start": "09:00", "end": "12:00", "interval_minutes": "20"},
    )
    stored = Account.objects.get(owner=aiko).break_settings
    assert (stored["active_every_minutes"], stored["active_minutes"]) == (90, 10)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"interval_minutes": "10"}, "interval_minutes", "give 20 or more"),
        ({"interval_minutes": "90"}, "interval_minutes", "give 60 or fewer"),
        ({"interval_minutes": "often"}, "interval_minutes", "from 20 to 60"),
        ({"days": []}, "days", "at least one working day"),
        ({"days": ["mon", "funday"]}, "days", "from the list"),
        ({"start": "9 o'clock"}, "start", "a time like 09:00"),
        ({"end": "08:00"}, "end", "after the start (09:00)"),
    ],
)
def test_bad_working_hours_are_a_400_with_the_form_kept(
    aiko: User, changes: dict[str, Any], field: str, message: str
) -> None:
    before = Account.objects.get(owner=aiko).break_settings
    data = {"days": ["mon", "fri"], "start": "09:00", "end": "17:00", "interval_minutes": "40"}
    response = client_for(aiko).post(reverse("break_settings"), {**data, **changes})
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    body = response.content.decode()
    assert "Please check the form" in body
    kept = {**data, **changes}
    if field != "interval_minutes":
        assert f'value="{kept["interval_minutes"]}"' in body
    assert Account.objects.get(owner=aiko).break_settings == before


# ---- the routine in the player --------------------------------------------------------------


def player_data(response: Any) -> dict[str, Any]:
    html = response.content.decode()
    start = html.index('<script id="session-data" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    data: dict[str, Any] = json.loads(body)
    return data


def test_the_routine_opens_in_the_player_with_its_break_sized_dose(aiko: User) -> None:
    url = reverse("break_routine", args=["thoracic_rotation"])
    response = client_for(aiko).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Movement break" in body and "about a minute" in body
    data = player_data(response)
    assert data["mode"] == "break"
    assert data["break"] == {
        "record_url": reverse("break_record"),
        "routine": "thoracic_rotation",
        "kind": "micro",
    }
    (item,) = data["items"]
    assert item["record_url"] is None
    assert item["dose"] == "5 slow turns each side, seated"
    assert [s["side"] for s in data["steps"] if s["kind"] == "reps"] == ["left", "right"]
    assert all(s["count"] == 5 for s in data["steps"] if s["kind"] == "reps")
    assert data["finish_url"] == reverse("breaks")
    assert "How is your pain" not in body


def test_an_active_break_strings_moves_together_and_ends_with_a_walk(aiko: User) -> None:
    url = reverse("break_routine", args=["thoracic_rotation"])
    response = client_for(aiko).get(f"{url}?kind=active")
    assert response.status_code == 200
    assert "An active break of 5 minutes" in response.content.decode()
    data = player_data(response)
    assert data["break"]["kind"] == "active"
    names = [item["name"] for item in data["items"]]
    assert names[:-1] == ["Thoracic rotation", "Doorway chest stretch", "Shoulder rolls"]
    assert names[-1] == "Walk"
    walk = [s for s in data["steps"] if s["item"] == len(names) - 1 and s["kind"] == "timed"]
    moves = 60 + 60 + 45
    assert [s["seconds"] for s in walk] == [300 - moves]
    assert data["items"][-1]["dose"] == "stand up and walk for 2 minutes"


def test_every_break_dose_lasts_between_half_a_minute_and_a_minute_and_a_half() -> None:
    doses = break_doses()
    assert set(doses) == set(ROTATION_SLUGS)
    for slug, dose in doses.items():
        assert 30 <= dose.seconds <= 90, slug


def test_an_unknown_routine_is_not_found(aiko: User) -> None:
    client = client_for(aiko)
    assert client.get(reverse("break_routine", args=["cat_cow"])).status_code == 404
    assert client.get(reverse("break_routine", args=["nothing_here"])).status_code == 404


def test_the_routine_page_is_closed_while_stopped_and_before_the_safety_check(
    clock: dict[str, dt.datetime],
) -> None:
    url = reverse("break_routine", args=["shoulder_rolls"])
    stopped = client_for(tokyo("sam", result="urgent")).get(url)
    assert stopped.status_code == 302 and stopped["Location"] == reverse("stop")
    newcomer = client_for(tokyo("nia", result=None)).get(url)
    assert newcomer.status_code == 302 and newcomer["Location"] == reverse("screen_start")


def test_a_break_taken_in_the_player_is_recorded_with_its_routine(aiko: User) -> None:
    response = post_break(client_for(aiko), routine="doorway_pec_stretch")
    assert response.status_code == 201
    assert BreakRecord.objects.get(owner=aiko).routine == "doorway_pec_stretch"


# ---- Today and progress ---------------------------------------------------------------------


def test_today_shows_the_next_break_and_the_breaks_taken(aiko: User) -> None:
    with_plan(aiko)
    client = client_for(aiko)
    post_break(client)
    body = client.get(reverse("today")).content.decode()
    assert "Movement breaks" in body
    assert "Next break at <strong>10:30</strong>" in body
    assert "1 break taken today." in body
    assert f'href="{reverse("breaks")}"' in body
    assert "coach/breaks.js" in body


def _week_of_breaks(user: User) -> None:
    tz = dt.timezone(dt.timedelta(hours=9))
    for day, outcomes in {
        4: ["taken", "taken", "snoozed"],  # Monday
        5: ["taken", "skipped"],
        6: ["taken"],
        2: ["taken"],  # Saturday: not a working day
    }.items():
        for n, outcome in enumerate(outcomes):
            at = dt.datetime(2026, 5, day, 10 + n, 0, tzinfo=tz)
            break_record(owner=user, at=at, outcome=outcome, channel="cli" if n else "web")


def test_the_progress_page_shows_the_week_of_breaks(aiko: User) -> None:
    _week_of_breaks(aiko)
    response = client_for(aiko).get(reverse("progress"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Movement breaks" in body
    # Wed 29 Apr to Wed 6 May minus a day: Thu 30 Apr .. Wed 6 May, five working days of 15.
    assert "you took <strong>5 of 75</strong> planned breaks (7%)" in body
    summary = response.context["breaks"]["summary"]
    assert (summary.taken, summary.snoozed, summary.skipped, summary.planned) == (5, 1, 1, 75)
    rows = {row["day"]: row for row in response.context["breaks"]["rows"]}
    assert rows[dt.date(2026, 5, 4)]["taken"] == 2 and rows[dt.date(2026, 5, 4)]["snoozed"] == 1
    assert rows[dt.date(2026, 5, 2)]["planned"] == 0 and rows[dt.date(2026, 5, 2)]["bar"] == 100
    assert 'Sat 2<span class="break-month"> May</span>' in body and "no work day" in body
    assert "Breaks day by day" in body


def test_the_progress_page_says_how_to_start_when_no_break_is_recorded(aiko: User) -> None:
    body = client_for(aiko).get(reverse("progress")).content.decode()
    assert "No breaks recorded in the last 7 days yet." in body
    assert "upback remind" in body
    assert f'href="{reverse("breaks")}"' in body
