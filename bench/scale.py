"""The PostgreSQL scale run (issue 7, item 5): a year of check-ins for 100,000 people.

Loads the people (an account and a plan each) and 36.5 million check-ins by COPY into a
database whose name says "bench", builds the check-in table's indexes after the load, then
measures with pgbench the per-user progress query (the SQL the progress page sends for one
person's check-ins, taken from the ORM) and the progress page's whole set of queries, under
concurrent clients. Writes bench/results/scale.json; drops the database unless --keep.

    DATABASE_URL=postgres://USER:PASS@HOST:5432/upback_bench_scale python -m bench.scale
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import pgbench_latency
from bench.postgres_admin import (
    Target,
    database_create,
    database_drop,
    database_exists,
    server_settings,
    table_sizes,
)
from bench.scale_fill import (
    CHECKIN_TABLE,
    checkins_add,
    people_add,
    secondary_build,
    secondary_drop,
    timed,
)

RESULTS = Path(__file__).resolve().parent / "results" / "scale.json"
TARGET_P95_MS = 5.0


def _memory_bytes() -> int | None:
    try:
        with Path("/proc/meminfo").open() as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def progress_statements(owner_id: int) -> list[str]:
    """The SQL `progress_inputs` sends for one person, with their id replaced by `:uid`.

    Captured from the ORM rather than written out here, so an index or a query change in the
    selector is what gets measured.
    """
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from upback.coach.selectors.progress import progress_inputs

    owner = User.objects.get(pk=owner_id)
    with CaptureQueriesContext(connection) as captured:
        progress_inputs(owner=owner)
    statements = []
    for query in captured.captured_queries:
        sql, count = re.subn(rf'"owner_id" = {owner_id}\b', '"owner_id" = :uid', query["sql"])
        if count == 0:
            raise RuntimeError(f"a progress query is not scoped to its owner: {sql}")
        statements.append(sql)
    return statements


def checkin_statement(statements: list[str]) -> str:
    (found,) = [s for s in statements if f'FROM "{CHECKIN_TABLE}"' in s]
    return found


def _bench_people(cursor: Any) -> tuple[int, int]:
    from bench.generate import BENCH_PREFIX

    cursor.execute("SELECT to_regclass('auth_user') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return 0, 0
    cursor.execute(
        "SELECT count(*) FILTER (WHERE username LIKE %(bench)s),"
        " count(*) FILTER (WHERE username NOT LIKE %(bench)s) FROM auth_user",
        {"bench": f"{BENCH_PREFIX}%"},
    )
    bench, others = cursor.fetchone()
    return int(bench), int(others)


def load(
    target: Target, *, users: int, days: int, seed: int, workers: int, end: date
) -> dict[str, Any]:
    """Fill the database and build its indexes; the timings of each step."""
    from django.db import connection

    from bench.generate import bench_password_hash

    start = end - timedelta(days=2 * days - 1)  # the first day any history may begin
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # the driver's cursor, for COPY
        dropped = secondary_drop(cursor)
        owner_ids, people_s = timed(
            people_add, cursor, users=users, seed=seed, start=start, password=bench_password_hash()
        )
    rows, checkins_s = timed(
        checkins_add, target, owner_ids, seed=seed, end=end, count=days, workers=workers
    )
    with connection.cursor() as django_cursor:
        _, index_s = timed(secondary_build, django_cursor.cursor, dropped)
        # VACUUM as well as ANALYZE: it sets the hint bits and the visibility map a year of
        # ordinary autovacuum would have, so the first readers do not pay for that.
        _, vacuum_s = timed(django_cursor.execute, "VACUUM (ANALYZE)")
    return {
        "people": users,
        "days": days,
        "seed": seed,
        "workers": workers,
        "checkin_rows": rows,
        "people_seconds": round(people_s, 2),
        "checkins_seconds": round(checkins_s, 2),
        "checkins_rows_per_second": round(rows / checkins_s) if checkins_s else None,
        "index_build_seconds": round(index_s, 2),
        "index_build_statements": dropped.indexes + [f"{n} {d}" for n, d in dropped.constraints],
        "vacuum_analyze_seconds": round(vacuum_s, 2),
    }


def measure(target: Target, *, clients: int, seconds: int) -> dict[str, Any]:
    """Sizes, the check-in query's plan, and pgbench latencies for it and for the whole page."""
    from django.db import connection

    with connection.cursor() as cursor:
        sizes = table_sizes(cursor, CHECKIN_TABLE)
        cursor.execute("SELECT count(*) FROM coach_checkin")
        rows = cursor.fetchone()[0]
        cursor.execute("SELECT min(owner_id), max(owner_id) FROM coach_checkin")
        first, last = cursor.fetchone()
        statements = progress_statements(first)
        checkins = checkin_statement(statements)
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {checkins.replace(':uid', str(last))}")
        explain = [line for (line,) in cursor.fetchall()]
    connection.close()  # pgbench's clients should be the only ones on the server
    one = pgbench_latency.run(
        target, pgbench_latency.script([checkins], first, last), clients=clients, seconds=seconds
    )
    page = pgbench_latency.run(
        target,
        pgbench_latency.script(statements, first, last),
        clients=clients,
        seconds=seconds,
        per_statement=True,
    )
    return {
        "checkin_rows": rows,
        "sizes": sizes,
        "checkins_query": {"sql": checkins, "explain": explain, **one.as_json()},
        "progress_queries": {"sql": statements, **page.as_json()},
    }


def machine(target: Target) -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        settings = server_settings(cursor)
    return {
        "cpus": os.cpu_count(),
        "memory_bytes": _memory_bytes(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "postgres": settings,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument(
        "--days", type=int, default=365, help="check-ins per person (365: a year of them)"
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=30, help="pgbench time per query set")
    parser.add_argument("--workers", type=int, default=2, help="processes writing check-ins")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the bench people already loaded"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if min(args.users, args.days, args.clients, args.seconds, args.workers) < 1:
        parser.error("--users, --days, --clients, --seconds and --workers must be at least 1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upback.site.settings")
    import django

    django.setup()
    result = run(args)
    print(summary(result))
    return 0


def run(args: argparse.Namespace) -> dict[str, Any]:
    """The whole run as `main` parses it; the result as written to `args.out`."""
    from django.core.management import call_command
    from django.db import connection

    target = Target.from_settings()
    if not database_exists(target):
        try:
            database_create(target)
        except Exception as error:  # the role may not be allowed to; say so plainly
            raise SystemExit(f"could not create database {target.name!r}: {error}") from error
    # Checked before the try: a database the run refuses is never dropped by it.
    with connection.cursor() as cursor:
        bench, others = _bench_people(cursor)
    if others:
        raise SystemExit(f"refusing: {target.name!r} has people who are not bench users")
    if bench and not args.reuse:
        raise SystemExit(
            f"refusing: {target.name!r} already holds bench people (drop it, or --reuse)"
        )
    if args.reuse and not bench:
        raise SystemExit(f"--reuse: {target.name!r} holds no bench people yet")
    try:
        began = time.perf_counter()
        call_command("migrate", verbosity=0)
        host = machine(target)  # before the load changes any session setting
        loaded = None
        if not args.reuse:
            loaded = load(
                target,
                users=args.users,
                days=args.days,
                seed=args.seed,
                workers=args.workers,
                end=date.today(),
            )
        result = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": host,
            "load": loaded,
            **measure(target, clients=args.clients, seconds=args.seconds),
        }
        p95 = result["checkins_query"]["p95_ms"]
        result["target"] = {"checkins_p95_ms": TARGET_P95_MS, "met": p95 <= TARGET_P95_MS}
        result["seconds"] = round(time.perf_counter() - began, 1)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")
        return result
    finally:
        if not args.keep:
            database_drop(target)


def _mb(value: int) -> str:
    return f"{value / 2**20:,.0f} MB"


def summary(result: dict[str, Any]) -> str:
    sizes, load_ = result["sizes"], result["load"]
    lines = [f"check-ins: {result['checkin_rows']:,} rows"]
    if load_:
        lines += [
            f"load: people {load_['people_seconds']} s, check-ins {load_['checkins_seconds']} s"
            f" ({load_['checkins_rows_per_second']:,} rows/s), indexes"
            f" {load_['index_build_seconds']} s,"
            f" vacuum+analyze {load_['vacuum_analyze_seconds']} s",
        ]
    lines.append(
        f"sizes: table {_mb(sizes['table_bytes'])}, indexes {_mb(sizes['indexes_bytes'])},"
        f" total {_mb(sizes['total_bytes'])}, database {_mb(sizes['database_bytes'])}"
    )
    for key, label in (("checkins_query", "check-in query"), ("progress_queries", "all progress")):
        q = result[key]
        lines.append(
            f"{label}: {q['tps']:,.0f} tps at {q['clients']} clients; p50 {q['p50_ms']} ms,"
            f" p95 {q['p95_ms']} ms, p99 {q['p99_ms']} ms, failed {q['failed']}"
        )
    met = "met" if result["target"]["met"] else "NOT met"
    lines.append(f"target p95 <= {TARGET_P95_MS} ms: {met}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
