"""The request memo middleware: a GET reads each shared row once; a request that writes reads
afresh; and pages read the person's rows once however many parts of them need those rows."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.coach.views.test_plans import client_for, person, with_plan
from upback.coach.middleware import RequestMemoMiddleware
from upback.coach.selectors.request_memo import remembered

pytestmark = pytest.mark.django_db


def _reads_per_request(method: str) -> int:
    reads: list[int] = []
    owner = User(pk=7, username="memo")

    def view(request: HttpRequest) -> HttpResponse:
        for _ in range(3):
            remembered("thing", owner, lambda: reads.append(1))
        return HttpResponse("ok")

    RequestMemoMiddleware(view)(RequestFactory().generic(method, "/"))
    return len(reads)


def test_a_get_or_head_reads_a_shared_row_once() -> None:
    assert _reads_per_request("GET") == 1
    assert _reads_per_request("HEAD") == 1


def test_a_request_that_may_write_reads_every_time() -> None:
    assert _reads_per_request("POST") == 3
    assert _reads_per_request("DELETE") == 3


def _tables_read(path: str) -> Counter[str]:
    ana = person("ana", time_zone="Europe/Lisbon")
    with_plan(ana)
    client = client_for(ana)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    tables: Counter[str] = Counter()
    for query in queries:
        sql = query["sql"]
        for table in ("coach_account", "coach_screening", "coach_plan"):
            if f'FROM "{table}"' in sql:
                tables[table] += 1
    return tables


@pytest.mark.parametrize("page", ["today", "progress"])
def test_a_page_reads_the_account_the_care_state_and_the_plan_once(page: str) -> None:
    tables = _tables_read(reverse(page))
    assert all(count == 1 for count in tables.values()), tables
    assert tables["coach_account"] == 1 and tables["coach_screening"] == 1


def test_the_api_progress_reads_the_account_and_the_care_state_once() -> None:
    tables = _tables_read("/api/v1/progress")
    assert tables["coach_account"] == 1 and tables["coach_screening"] == 1
