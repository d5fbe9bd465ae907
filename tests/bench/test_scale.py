"""The PostgreSQL scale run: its data, its guard, its percentiles, and a tiny run end to end."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bench.postgres_admin import Target, database_create, database_drop, database_exists
from bench.scale_fill import _checkin_lines
from django.conf import settings

from bench import pgbench_latency

ROOT = Path(__file__).resolve().parents[2]
END = dt.date(2026, 3, 1)
ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]


def rows_of(lines: list[str]) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for line in lines]


def test_each_person_gets_a_year_of_check_ins_ending_on_the_last_day() -> None:
    rows = rows_of(list(_checkin_lines([(1, 11), (2, 12), (3, 13)], 1, END, 365)))
    for owner in ("11", "12", "13"):
        dates = [dt.date.fromisoformat(r[1]) for r in rows if r[0] == owner]
        assert len(dates) == 365
        assert dates == sorted(set(dates))  # one a day at most, in order
        assert dates[-1] == END
        assert (dates[-1] - dates[0]).days > 365  # real people leave gaps


def test_check_in_scores_stay_between_0_and_10_and_pain_moves() -> None:
    rows = rows_of(list(_checkin_lines([(1, 11), (2, 12)], 1, END, 365)))
    scores = [[int(v) for v in r[2:6]] for r in rows]
    assert all(0 <= v <= 10 for row in scores for v in row)
    pains = [row[0] for row in scores]
    assert max(pains) - min(pains) >= 4  # noise and flares, not a flat line
    assert all(r[6] == "" and r[7] == r[8] and r[7].startswith(r[1]) for r in rows)


def test_the_same_seed_gives_the_same_check_ins() -> None:
    def once(seed: int) -> list[str]:
        return list(_checkin_lines([(1, 11)], seed, END, 60))

    assert once(1) == once(1)
    assert once(1) != once(2)


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert pgbench_latency.percentile(values, 0.5) == 50
    assert pgbench_latency.percentile(values, 0.95) == 95
    assert pgbench_latency.percentile(values, 0.99) == 99
    assert pgbench_latency.percentile([7.0], 0.99) == 7


def test_the_pgbench_script_picks_a_random_person_for_each_run() -> None:
    text = pgbench_latency.script(['SELECT 1 FROM t WHERE "owner_id" = :uid'], 5, 9)
    assert text.splitlines() == [
        "\\set uid random(5, 9)",
        'SELECT 1 FROM t WHERE "owner_id" = :uid;',
    ]


def test_pgbench_per_statement_means_are_read_by_statement() -> None:
    report = (
        "latency average = 1.234 ms\n"
        "statement latencies in milliseconds and failures:\n"
        "         0.002           0  \\set uid random(1, 50)\n"
        "         0.512           0  SELECT 1 FROM a WHERE id = :uid;\n"
        "         1.250           0  SELECT 2 FROM b WHERE id = :uid;\n"
    )
    assert pgbench_latency.statement_means(report) == {
        "SELECT 1 FROM a WHERE id = :uid;": 0.512,
        "SELECT 2 FROM b WHERE id = :uid;": 1.25,
    }


def test_the_scale_run_refuses_a_database_without_bench_in_its_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(settings.DATABASES, "default", {**settings.DATABASES["default"]})
    monkeypatch.setitem(settings.DATABASES["default"], "NAME", "clinic")
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.postgresql")
    with pytest.raises(SystemExit, match="no 'bench'"):
        Target.from_settings()


def test_the_scale_run_refuses_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(settings.DATABASES, "default", {**settings.DATABASES["default"]})
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", "django.db.backends.sqlite3")
    monkeypatch.setitem(settings.DATABASES["default"], "NAME", "upback_bench.sqlite3")
    with pytest.raises(SystemExit, match="PostgreSQL only"):
        Target.from_settings()


def scratch_target(suffix: str) -> Target:
    """A scratch database next to the test database, apart from any other run's."""
    db = settings.DATABASES["default"]
    return Target(
        name=f"{db['NAME']}_{suffix}_bench_{os.getpid()}",
        host=str(db["HOST"] or "localhost"),
        port=str(db["PORT"] or 5432),
        user=str(db["USER"]),
        password=str(db["PASSWORD"]),
    )


def scale_cli(target: Target, *args: str) -> subprocess.CompletedProcess[str]:
    url = f"postgres://{target.user}:{target.password}@{target.host}:{target.port}/{target.name}"
    return subprocess.run(
        [sys.executable, "-m", "bench.scale", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.skipif(not ON_POSTGRES, reason="the scale run is PostgreSQL only")
def test_the_scale_run_leaves_a_database_with_real_people_alone() -> None:
    import psycopg

    target = scratch_target("people")
    database_create(target)
    try:
        with psycopg.connect(target.conninfo(), autocommit=True) as conn:
            conn.execute("CREATE TABLE auth_user (id serial PRIMARY KEY, username text)")
            conn.execute("INSERT INTO auth_user (username) VALUES ('ana')")
        done = scale_cli(target, "--users", "2", "--days", "2", "--seconds", "1")
        assert done.returncode != 0
        assert "not bench users" in done.stderr
        with psycopg.connect(target.conninfo()) as conn:
            assert conn.execute("SELECT username FROM auth_user").fetchall() == [("ana",)]
    finally:
        database_drop(target)


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Target]:
    """50 people x 30 check-ins, pgbench for 2 s, in a scratch database dropped afterwards."""
    if not ON_POSTGRES:
        pytest.skip("the scale run is PostgreSQL only")
    if pgbench_latency.find_pgbench() is None:
        pytest.skip("pgbench is not installed")
    target = scratch_target("scale")
    out = tmp_path_factory.mktemp("scale") / "scale.json"
    done = scale_cli(
        target, "--users", "50", "--days", "30", "--clients", "4", "--seconds", "2",
        "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text()), target


def test_a_tiny_scale_run_loads_every_check_in_and_drops_its_database(
    tiny_run: tuple[dict[str, Any], Target],
) -> None:
    result, target = tiny_run
    assert result["checkin_rows"] == 50 * 30
    assert result["load"]["checkin_rows"] == 50 * 30
    assert result["load"]["checkins_rows_per_second"] > 0
    assert result["load"]["index_build_seconds"] >= 0
    assert not database_exists(target)


def test_a_tiny_scale_run_reports_sizes_that_add_up(
    tiny_run: tuple[dict[str, Any], Target],
) -> None:
    sizes = tiny_run[0]["sizes"]
    assert sizes["table_bytes"] > 0
    assert "checkin_one_per_day" in sizes["each_index_bytes"]  # rebuilt after the load
    assert sizes["indexes_bytes"] == sum(sizes["each_index_bytes"].values())
    assert sizes["total_bytes"] >= sizes["table_bytes"] + sizes["indexes_bytes"]
    assert sizes["database_bytes"] > sizes["total_bytes"]


def test_a_tiny_scale_run_measures_the_orms_own_progress_query(
    tiny_run: tuple[dict[str, Any], Target],
) -> None:
    result = tiny_run[0]
    one, page = result["checkins_query"], result["progress_queries"]
    assert '"coach_checkin"."owner_id" = :uid' in one["sql"]
    assert one["sql"] in page["sql"]
    assert len(page["sql"]) > 1
    for figures in (one, page):
        assert figures["transactions"] > 0 and figures["failed"] == 0
        assert figures["tps"] > 0
        assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"] <= figures["max_ms"]
    assert len(page["statement_ms"]) == len(page["sql"])  # which statement costs what
    assert result["target"]["met"] == (one["p95_ms"] <= result["target"]["checkins_p95_ms"])
    assert result["machine"]["postgres"]["server_version"]
