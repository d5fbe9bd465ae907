"""`/plan` and `/sessions`: shown as the safety screen allows, each person's own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.api.conftest import Api, screen
from upback.coach.models import GuidedSession
from upback.coach.selectors.plans import plan_current
from upback.coach.services.plans import plan_regenerate
from upback.coach.services.sessions import session_start
from upback.core.library import default_library

pytestmark = pytest.mark.django_db


def items_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for day in data["days"] for item in day["items"]]


def a_session(owner: User, on: dt.date) -> GuidedSession:
    plan = plan_current(owner=owner)
    assert plan is not None
    return session_start(owner=owner, plan=plan, local_date=on, day="mon", pain_before=4)


def test_it_gives_the_current_plan_with_its_items(api: Api) -> None:
    body = api.get("/plan").json()
    assert body["version"] == 1
    assert body["shown_gentle"] is False
    assert items_of(body["data"])


def test_it_lists_every_version_newest_first_and_pages(owner: User, api: Api) -> None:
    plan_regenerate(owner=owner)
    body = api.get("/plan/versions").json()
    assert body["count"] == 2
    assert [v["version"] for v in body["items"]] == [2, 1]
    assert body["items"][0]["reason"] == "rebuilt from your profile"
    assert [v["version"] for v in api.get("/plan/versions", limit=1, offset=1).json()["items"]] == [
        1
    ]


def test_it_gives_one_version_and_404_for_one_that_is_not_there(owner: User, api: Api) -> None:
    assert api.get("/plan/versions/1").json()["version"] == 1
    assert api.get("/plan/versions/7").status_code == 404


def test_another_persons_plan_version_is_not_found(outsider: User, api: Api) -> None:
    plan_regenerate(owner=outsider)
    assert api.get("/plan/versions/2").status_code == 404


def test_a_stopped_account_gets_no_exercise_from_plan_or_sessions(owner: User, api: Api) -> None:
    session = a_session(owner, dt.date(2026, 1, 5))
    screen(owner, fever="yes")
    for path in (
        "/plan",
        "/plan/versions",
        "/plan/versions/1",
        "/sessions",
        f"/sessions/{session.pk}",
    ):
        response = api.get(path)
        assert response.status_code == 409, path
        assert "holding exercises" in response.json()["detail"]
        assert "items" not in response.content.decode()


def test_a_gentle_only_account_sees_only_flare_safe_items_and_no_strength(
    owner: User, api: Api
) -> None:
    screen(owner, mechanical_trigger_identified="no", pain_reproduced_by_movement_or_pressure="no")
    body = api.get("/plan").json()
    assert body["shown_gentle"] is True
    library = default_library().techniques
    shown = items_of(body["data"])
    assert shown
    assert all(library[item["slug"]].suitability.flare_ok for item in shown)
    assert all(item["kind"] != "strength" for item in shown)


def test_it_lists_sessions_newest_first_within_dates(owner: User, api: Api) -> None:
    early = a_session(owner, dt.date(2026, 1, 5))
    late = a_session(owner, dt.date(2026, 1, 9))
    body = api.get("/sessions").json()
    assert [s["id"] for s in body["items"]] == [late.pk, early.pk]
    assert body["items"][0]["items"]
    assert body["items"][0]["plan_version"] == 1
    narrowed = api.get("/sessions", **{"from": "2026-01-06", "to": "2026-01-31"}).json()
    assert [s["id"] for s in narrowed["items"]] == [late.pk]
    assert narrowed["count"] == 1


def test_a_bad_date_in_the_sessions_filter_is_named(api: Api) -> None:
    response = api.get("/sessions", **{"from": "last tuesday"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("from:")


def test_one_session_is_the_owners_only(owner: User, outsider: User, api: Api) -> None:
    mine = a_session(owner, dt.date(2026, 1, 5))
    theirs = a_session(outsider, dt.date(2026, 1, 5))
    assert api.get(f"/sessions/{mine.pk}").json()["pain_before"] == 4
    assert api.get(f"/sessions/{theirs.pk}").status_code == 404
    assert api.get("/sessions/999999999999999999").status_code == 404
