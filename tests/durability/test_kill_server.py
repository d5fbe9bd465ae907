"""Nothing acknowledged is lost: many people write check-ins at once to the real production server
(`upback serve`, gunicorn), the server's whole process group is killed with SIGKILL in the middle,
and after a restart every write that got its answer is there with exactly the values sent, and no
half-written check-in exists. On SQLite always; on PostgreSQL when DATABASE_URL is set (in a fresh
database made for the test and dropped after it, never the configured one).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.durability.installs import KINDS, ROOT, installs_of, ok

PASSWORD = "durable pass 2026"
PEOPLE = 4
CLIENTS = 16  # four browsers per person, each signed in with its own session
KILL_AFTER = 48  # acknowledged writes before the kill
MOST_WRITES = 200  # per client: a bound in case the kill never comes
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

Key = tuple[str, str]  # (username, ISO date): one check-in a day per person
Signed = tuple[requests.Session, str]  # a signed-in browser and its CSRF token


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(params=KINDS)
def install(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a fresh install: its own data directory and its own database."""
    with installs_of(request.param, tmp_path) as installs:
        yield installs.new("data")


class Server:
    """`upback serve` in its own process group, so a kill takes gunicorn and every worker.

    Started through `tests.durability.serve`, which skips only the static files (see there)."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.base = ""

    def start(self) -> None:
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.durability.serve",
                    "--port",
                    str(port),
                    "--workers",
                    "3",
                ],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                if requests.get(f"{self.base}/login/", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise AssertionError(f"the server did not come up:\n{self.log.read_text()}")

    def signal(self, sig: signal.Signals) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)
        self.process.wait(timeout=30)


def _sign_in(base: str, username: str) -> Signed:
    """A browser of its own: sign in, then open the check-in form for its CSRF token."""
    browser = requests.Session()
    page = browser.get(f"{base}/login/", timeout=10)
    token = CSRF.search(page.text)
    assert token, page.text
    signed_in = browser.post(
        f"{base}/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]},
        allow_redirects=False,
        timeout=30,
    )
    assert signed_in.status_code == 302, (signed_in.status_code, signed_in.text[-3000:])
    form = browser.get(f"{base}/checkin/", timeout=10)
    assert form.status_code == 200, form.text
    token = CSRF.search(form.text)
    assert token, form.text
    return browser, token[1]


def _check_in(browser: requests.Session, base: str, token: str, day: date, values: dict[str, Any]):
    return browser.post(
        f"{base}/checkin/",
        data={
            **values,
            "local_date": day.isoformat(),
            "no_warning_signs": "on",
            "csrfmiddlewaretoken": token,
        },
        allow_redirects=False,
        timeout=30,
    )


def _values(client: int, n: int) -> dict[str, Any]:
    # Distinct per write, with a long unicode note, so a torn or mixed-up row cannot pass.
    return {
        "pain": (client + n) % 11,
        "stiffness": (client * 3 + n) % 11,
        "sleep_quality": (client * 5 + n * 2) % 11,
        "stress": (client * 7 + n * 3) % 11,
        "note": f"client {client}, write {n}: stiff after the café ☕ — " + "ü" * (50 + n % 200),
    }


class Journal:
    """What the clients sent, what the server acknowledged, and anything unexpected."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: dict[Key, dict[str, Any]] = {}
        self.acknowledged: set[Key] = set()
        self.surprises: list[str] = []
        self.enough = threading.Event()

    def writer(self, base: str, client: int, signed_in: Signed, first_day: date) -> None:
        username = f"durable{client % PEOPLE}"
        browser, token = signed_in
        for n in range(MOST_WRITES):
            # Clients of one person take turns through the days, so no two send the same day.
            day = first_day - timedelta(days=client + CLIENTS * n)
            key, values = (username, day.isoformat()), _values(client, n)
            with self.lock:
                self.sent[key] = values
            try:
                answer = _check_in(browser, base, token, day, values)
            except requests.RequestException:
                return  # the server is gone: this write may or may not have been kept
            with self.lock:
                if answer.status_code == 302 and answer.headers["Location"].endswith("/journal/"):
                    self.acknowledged.add(key)
                    if len(self.acknowledged) >= KILL_AFTER:
                        self.enough.set()
                else:
                    self.surprises.append(f"{key}: {answer.status_code} {answer.text[:300]}")


def test_a_killed_server_keeps_every_acknowledged_check_in_and_no_partial_one(
    install: dict[str, str], tmp_path: Path
) -> None:
    ok(install, "seed", str(PEOPLE), PASSWORD)
    server = Server(install, tmp_path / "server.log")
    server.start()
    journal = Journal()
    first_day = date.today() - timedelta(days=3)
    try:
        # Everyone signs in first, so the kill lands among check-ins, not sign-ins.
        with ThreadPoolExecutor(CLIENTS) as pool:
            browsers = list(
                pool.map(lambda n: _sign_in(server.base, f"durable{n % PEOPLE}"), range(CLIENTS))
            )
        clients = [
            threading.Thread(
                target=journal.writer,
                args=(server.base, client, browsers[client], first_day),
                daemon=True,
            )
            for client in range(CLIENTS)
        ]
        for client in clients:
            client.start()
        assert journal.enough.wait(timeout=40), "too few writes were acknowledged in time"
        server.signal(signal.SIGKILL)  # mid-stream: the other clients are still sending
        for client in clients:
            client.join(timeout=40)
        assert not journal.surprises, journal.surprises[:3]
        assert len(journal.acknowledged) >= KILL_AFTER
        assert len(journal.sent) > len(journal.acknowledged), "the kill came after every write"

        server.start()  # the same install comes back and takes a new write
        browser, token = _sign_in(server.base, "durable0")
        day, values = first_day + timedelta(days=1), _values(99, 0)
        journal.sent[("durable0", day.isoformat())] = values
        assert _check_in(browser, server.base, token, day, values).status_code == 302
        journal.acknowledged.add(("durable0", day.isoformat()))
        assert browser.get(f"{server.base}/journal/", timeout=10).status_code == 200
    finally:
        server.signal(signal.SIGTERM)

    stored = json.loads(ok(install, "dump"))
    assert stored["integrity"] == "ok"
    rows = {(row.pop("username"), row.pop("local_date")): row for row in stored["checkins"]}
    assert len(rows) == len(stored["checkins"]), "two check-ins for one person and day"
    lost = [key for key in journal.acknowledged if rows.get(key) != journal.sent[key]]
    assert not lost, f"acknowledged but lost or changed: {lost[:3]}"
    strays = [key for key, row in rows.items() if journal.sent.get(key) != row]
    assert not strays, f"stored but never sent like this (partial?): {strays[:3]}"
    assert all(value is not None for row in rows.values() for value in row.values())
