"""The HTTP load run, shrunk to seconds: the real server, real sign-ins, wrk, and honest errors.

It runs on the database the suite runs on: the embedded SQLite default, or PostgreSQL (a scratch
database whose name says bench) when DATABASE_URL points at one.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from bench import load

NEEDS_WRK = "wrk is not installed (CI installs it; UPBACK_REQUIRE_BENCH_TOOLS=1 makes this fail)"
USERS, DAYS = 3, 20


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    if shutil.which("wrk") is None:
        if os.environ.get("UPBACK_REQUIRE_BENCH_TOOLS") == "1":
            pytest.fail(NEEDS_WRK)
        pytest.skip(NEEDS_WRK)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield "sqlite"
        return
    # A scratch database beside the suite's, for this module only.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(
            "BENCH_DATABASE_URL", urlunsplit(urlsplit(url)._replace(path="/upback_bench_load_test"))
        )
        yield "postgres"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("load")


@pytest.fixture(scope="module")
def ran(database: str, scratch: Path) -> dict[str, Any]:
    out = scratch / "load.json"
    argv = ["--db", database, "--users", str(USERS), "--days", str(DAYS), "--visitors", "3",
            "--seconds", "1", "--scratch", str(scratch), "--out", str(out)]  # fmt: skip
    assert load.main(argv) == 0
    result: dict[str, Any] = json.loads(out.read_text())["databases"][database]
    return result


def test_every_page_is_measured_alone_at_16_clients_and_all_together_at_64(
    ran: dict[str, Any],
) -> None:
    alone = {r["targets"][0]: r for r in ran["runs"] if r["clients"] == 16}
    assert set(alone) == {name for name, _, _ in load.TARGETS}
    mixed = [r for r in ran["runs"] if r["clients"] == 64]
    assert len(mixed) == 1 and len(mixed[0]["targets"]) == len(load.TARGETS)
    for run in ran["runs"]:
        assert run["requests"] > 0 and run["rps"] > 0
        assert 0 < run["p50_ms"] <= run["p95_ms"] <= run["p99_ms"]
        assert run["errors"] == 0, run


def test_each_page_is_reported_as_a_share_of_the_ceiling(ran: dict[str, Any]) -> None:
    alone = {r["targets"][0]: r for r in ran["runs"] if r["clients"] == 16}
    assert alone[load.CEILING]["ratio_percent"] == 100.0
    ceiling = alone[load.CEILING]["rps"]
    for name, run in alone.items():
        assert run["ratio_percent"] == pytest.approx(100 * run["rps"] / ceiling, abs=0.1), name


def test_the_bench_people_are_generated_once_and_then_reused(
    ran: dict[str, Any], database: str, scratch: Path
) -> None:
    assert ran["prepared"]["reused"] is False
    env = load._environment(database, scratch)
    again = load._prepare(database, users=USERS, days=DAYS, env=env, scratch=scratch)
    assert again["reused"] is True and again["data"] == ran["prepared"]["data"]


def test_a_visitor_who_is_not_signed_in_counts_as_an_error_not_a_fast_page(
    ran: dict[str, Any], database: str, scratch: Path
) -> None:
    # The login redirect is quick; counted as success it would flatter every figure.
    strangers = scratch / "strangers.txt"
    strangers.write_text("not-a-session not-a-token\n")
    env = load._environment(database, scratch)
    with load._server(env, None, scratch / "server.log") as base:
        with pytest.raises(SystemExit, match="answered 302, not 200"):
            load._check_pages(base, strangers)
        today = [t for t in load.TARGETS if t[0] == "today"]
        run = load._wrk(base, strangers, today, clients=2, seconds=1)
    assert run["requests"] > 0
    assert run["not_200"] == run["requests"] <= run["errors"]
