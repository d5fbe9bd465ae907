"""Reads remembered for one web request: each row is read once, and a write is seen at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.coach.views.test_plans import person, screened, with_plan
from upback.coach.models import Account
from upback.coach.selectors.accounts import time_zone_get
from upback.coach.selectors.breaks import break_settings_get
from upback.coach.selectors.plans import plan_current
from upback.coach.selectors.request_memo import remembering
from upback.coach.selectors.screenings import care_state_get
from upback.coach.services.accounts import account_time_zone_set
from upback.coach.services.breaks import break_settings_save
from upback.coach.services.plans import plan_regenerate

pytestmark = pytest.mark.django_db


def test_within_a_request_the_account_care_state_and_plan_are_each_read_once() -> None:
    ana = person("ana", time_zone="Europe/Lisbon")
    plan = with_plan(ana)
    with remembering(), CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert time_zone_get(owner=ana).key == "Europe/Lisbon"
            assert break_settings_get(owner=ana).timezone == "Europe/Lisbon"
            assert care_state_get(owner=ana).may_exercise
            current = plan_current(owner=ana)
            assert current is not None and current.pk == plan.pk
    assert len(queries) == 3  # the account row, the latest screening, the current plan


def test_outside_a_request_every_read_asks_the_database() -> None:
    ana = person("ana", time_zone="Europe/Lisbon")
    with CaptureQueriesContext(connection) as queries:
        time_zone_get(owner=ana)
        time_zone_get(owner=ana)
    assert len(queries) == 2


def test_one_persons_remembered_rows_are_never_anothers() -> None:
    ana = person("ana", time_zone="Europe/Lisbon")
    bo = person("bo", time_zone="Asia/Tokyo", result="urgent")
    with remembering():
        assert time_zone_get(owner=ana).key == "Europe/Lisbon"
        assert time_zone_get(owner=bo).key == "Asia/Tokyo"
        assert care_state_get(owner=ana).may_exercise
        assert care_state_get(owner=bo).stopped


def test_a_new_time_zone_or_break_hours_show_at_once_within_the_same_request() -> None:
    ana = person("ana", time_zone="Europe/Lisbon")
    with remembering():
        assert time_zone_get(owner=ana).key == "Europe/Lisbon"
        account_time_zone_set(owner=ana, time_zone="Asia/Tokyo")
        assert time_zone_get(owner=ana).key == "Asia/Tokyo"
        break_settings_save(owner=ana, values={"interval_minutes": 45})
        assert break_settings_get(owner=ana).interval_minutes == 45


def test_a_new_screening_changes_the_care_state_at_once_within_the_same_request() -> None:
    ana = person("ana")
    with remembering():
        assert care_state_get(owner=ana).may_exercise
        screened(ana, "urgent")
        assert care_state_get(owner=ana).stopped


def test_a_new_plan_is_the_current_plan_at_once_within_the_same_request() -> None:
    ana = person("ana")
    first = with_plan(ana)
    with remembering():
        current = plan_current(owner=ana)
        assert current is not None and current.pk == first.pk
        rebuilt = plan_regenerate(owner=ana)
        current = plan_current(owner=ana)
        assert current is not None and current.pk == rebuilt.pk


def test_nothing_is_remembered_once_the_request_is_over() -> None:
    ana = person("ana", time_zone="Europe/Lisbon")
    with remembering():
        time_zone_get(owner=ana)
    Account.objects.filter(owner=ana).update(time_zone="Asia/Tokyo")  # behind the services
    assert time_zone_get(owner=ana).key == "Asia/Tokyo"
