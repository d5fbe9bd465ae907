"""Where the live reminder's answers go: in this process, or through a short-lived child for the
lean loop. Both save the same rows and read the same safety state, and a database (or a child)
that cannot answer never stops the reminders."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from rich.console import Console

from tests.coach.views.test_player import screened
from upback.cli.remind_store import PLAIN_GOODBYE, ChildStore, DjangoStore, answer
from upback.coach.models import BreakRecord
from upback.coach.services.accounts import local_user_get_or_create
from upback.core.breaks import BreakEvent

pytestmark = pytest.mark.django_db

TAKEN = BreakEvent(at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC), kind="taken", break_kind="micro")


@pytest.fixture
def tester() -> User:
    user = local_user_get_or_create(username="tester")
    screened(user, "self_care")
    return user


def quiet() -> Console:
    return Console(record=True, width=100, file=io.StringIO())


def test_the_child_answers_a_record_a_care_reading_and_the_goodbye(tester: User) -> None:
    event = {"at": TAKEN.at.isoformat(), "kind": "taken", "break_kind": "micro", "source": "prompt"}
    request = {"op": "record", "user": "tester", "event": event, "routine": "shoulder_rolls"}
    assert answer(request) == {"saved": True}
    row = BreakRecord.objects.get(owner=tester)
    assert (row.outcome, row.channel, row.routine, row.at) == (
        "taken",
        "cli",
        "shoulder_rolls",
        TAKEN.at,
    )
    assert answer({"op": "care", "user": "tester"}) == {"care": "ok"}
    screened(tester, "emergency")
    assert answer({"op": "care", "user": "tester"}) == {"care": "stopped"}
    assert "Reminders stopped." in answer({"op": "goodbye", "user": "tester"})["line"]


def test_the_child_store_sends_each_call_as_one_request_and_reads_the_reply(tester: User) -> None:
    sent: list[dict[str, object]] = []

    def child(request: str) -> str:
        sent.append(json.loads(request))
        return json.dumps(answer(json.loads(request)))

    store = ChildStore("tester", "ok", quiet(), run=child)
    store.record(TAKEN, "neck_tilts")
    assert store.care() == "ok"
    assert [request["op"] for request in sent] == ["record", "care"]
    assert BreakRecord.objects.get(owner=tester).routine == "neck_tilts"


def test_a_child_that_fails_says_the_break_was_not_saved_and_keeps_the_last_care() -> None:
    console = quiet()
    store = ChildStore("tester", "gentle", console, run=lambda request: None)
    store.record(TAKEN, "")
    assert "could not be saved" in console.export_text()
    assert store.care() == "gentle"
    assert store.goodbye() == PLAIN_GOODBYE


def test_a_garbled_reply_counts_as_a_failure_too() -> None:
    console = quiet()
    store = ChildStore("tester", "ok", console, run=lambda request: "not json")
    store.record(TAKEN, "")
    assert store.care() == "ok"
    assert "could not be saved" in console.export_text()


def test_the_in_process_store_saves_and_reads_the_same_way(tester: User) -> None:
    store = DjangoStore(tester, "ok", quiet())
    store.record(TAKEN, "")
    assert BreakRecord.objects.filter(owner=tester, outcome="taken").count() == 1
    screened(tester, "emergency")
    assert store.care() == "stopped"


def test_a_real_child_process_saves_into_the_install_it_is_given(tmp_path: Path) -> None:
    env = {**os.environ, "UPBACK_DATA_DIR": str(tmp_path), "UPBACK_USER": "bench"}
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        env.pop(name, None)
    migrate = [sys.executable, "-m", "upback.cli.main", "migrate"]
    subprocess.run(migrate, env=env, check=True, capture_output=True)
    event = {"at": TAKEN.at.isoformat(), "kind": "taken", "break_kind": "micro", "source": "prompt"}
    for request in (
        {"op": "record", "user": "bench", "event": event, "routine": ""},
        {"op": "care", "user": "bench"},
    ):
        done = subprocess.run(
            [sys.executable, "-m", "upback.cli.remind_store"],
            input=json.dumps(request),
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(done.stdout) in ({"saved": True}, {"care": "ok"}, {"care": "gentle"})
