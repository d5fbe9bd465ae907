"""Filling a PostgreSQL bench database at scale: people, accounts, plans and check-ins by COPY.

Check-ins are the bulk (a year of them for 100,000 people is 36.5 million rows), so they come
from worker processes, each with its own connection, formatting COPY text itself; the check-in
table's secondary indexes and constraints are dropped for the load and built once afterwards,
which is far cheaper than keeping a B-tree up to date row by row.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import random
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from bench.bulk_rows import CHECKIN_COLUMNS, copy_lines
from bench.journal_shapes import TIME_ZONES, checkin_days, templates
from bench.postgres_admin import Target

CHECKIN_TABLE = "coach_checkin"
PEOPLE_PER_COPY = 2000  # one COPY and commit per this many people's check-ins


@dataclass(frozen=True)
class Dropped:
    """The check-in table's secondary indexes and constraints, as PostgreSQL defines them."""

    constraints: list[tuple[str, str]]  # (name, definition)
    indexes: list[str]  # CREATE INDEX statements


def people_add(cursor: Any, *, users: int, seed: int, start: date, password: str) -> list[int]:
    """Add bench people with an account and a first plan each; their user ids, in order."""
    from bench.generate import BENCH_PREFIX

    joined = datetime.combine(start, dtime(7), tzinfo=UTC)
    with cursor.copy(
        "COPY auth_user (password, is_superuser, username, first_name, last_name, email,"
        " is_staff, is_active, date_joined) FROM STDIN"
    ) as copy:
        for n in range(1, users + 1):
            copy.write_row(
                (password, False, f"{BENCH_PREFIX}{n:05d}", "", "", "", False, True, joined)
            )
    cursor.execute(
        "SELECT id FROM auth_user WHERE username LIKE %s ORDER BY id", [f"{BENCH_PREFIX}%"]
    )
    ids = [row[0] for row in cursor.fetchall()]
    plans = [(json.dumps(t.profile), json.dumps(t.plan)) for t in templates()]
    rngs = [random.Random(f"{seed}:{n}") for n in range(1, users + 1)]
    with cursor.copy(
        "COPY coach_account (owner_id, time_zone, created_at, break_settings) FROM STDIN"
    ) as copy:
        for owner, rng in zip(ids, rngs, strict=True):
            copy.write_row((owner, rng.choice(TIME_ZONES), joined, "{}"))
    # Six plan templates, copied server-side: parsing and compressing ~10 kB of JSON per
    # person would make the plans slower to load than a year of their check-ins.
    cursor.execute("CREATE TEMPORARY TABLE bench_plan_template (n int, profile jsonb, data jsonb)")
    cursor.executemany(
        "INSERT INTO bench_plan_template VALUES (%s, %s, %s)",
        [(n, profile, plan) for n, (profile, plan) in enumerate(plans)],
    )
    cursor.execute(
        "INSERT INTO coach_plan (owner_id, version, created_at, profile_snapshot, data,"
        " gentle_only, reason, rules, changes)"
        " SELECT p.owner, 1, %s, t.profile, t.data, false, 'first plan', '[]', '[]'"
        " FROM unnest(%s::int[], %s::int[]) AS p(owner, n) JOIN bench_plan_template t USING (n)"
        " ORDER BY p.owner",
        [joined, ids, [rng.randrange(len(plans)) for rng in rngs]],
    )
    cursor.execute("DROP TABLE bench_plan_template")
    return ids


def secondary_drop(cursor: Any) -> Dropped:
    """Drop the check-in table's constraints and indexes other than its primary key."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype <> 'p'"
        " ORDER BY position(contype in 'ucf'), conname",
        [CHECKIN_TABLE],
    )
    constraints = list(cursor.fetchall())
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i"
        " WHERE i.tablename = %s AND NOT EXISTS ("
        "   SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname"
        "   AND c.conrelid = %s::regclass)",
        [CHECKIN_TABLE, CHECKIN_TABLE],
    )
    indexes = list(cursor.fetchall())
    for name, _ in constraints:
        cursor.execute(f'ALTER TABLE {CHECKIN_TABLE} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return Dropped(constraints=constraints, indexes=[sql for _, sql in indexes])


def secondary_build(cursor: Any, dropped: Dropped) -> None:
    """Build what `secondary_drop` removed, with memory enough to sort in one pass."""
    cursor.execute("SET maintenance_work_mem = '1GB'")
    cursor.execute("SET max_parallel_maintenance_workers = 2")
    for statement in dropped.indexes:
        cursor.execute(statement)
    # Unique constraints first (their index), checks, foreign keys last: each a full scan.
    for name, definition in dropped.constraints:
        cursor.execute(f'ALTER TABLE {CHECKIN_TABLE} ADD CONSTRAINT "{name}" {definition}')
    cursor.execute("RESET maintenance_work_mem")
    cursor.execute("RESET max_parallel_maintenance_workers")


def _checkin_lines(owners: list[tuple[int, int]], seed: int, end: date, count: int) -> Any:
    """COPY lines for `count` check-ins per person, the last one on `end`.

    A year of check-ins is 365 of them: with the gaps real people leave, that history spans
    longer than a year, so each person's journal is drawn over twice the span and cut at
    `count` entries.
    """
    span = 2 * count
    dates = [(end - timedelta(days=span - 1 - d)).isoformat() for d in range(span)]
    for number, owner in owners:
        rng = random.Random(f"{seed}:{number}:checkins")
        made = list(itertools.islice(checkin_days(rng, span), count))
        if not made:  # a very short span can fall wholly in a missed week
            continue
        shift = span - 1 - made[-1][0]
        prefix = f"{owner}\t"
        for d, minute, pain, stiffness, sleep, stress in made:
            on = dates[d + shift]
            stamp = f"{on} 08:{minute:02d}:00+00"
            yield f"{prefix}{on}\t{pain}\t{stiffness}\t{sleep}\t{stress}\t\t{stamp}\t{stamp}\n"


def _checkins_worker(args: tuple[str, list[tuple[int, int]], int, date, int]) -> int:
    """One worker's share: COPY per slice of people, committed as it goes. Rows written."""
    import psycopg

    conninfo, owners, seed, end, count = args
    written = 0
    with psycopg.connect(conninfo) as conn, conn.cursor() as cursor:
        # Bench data can be re-made: no need to wait for each commit to reach the disk.
        cursor.execute("SET synchronous_commit = off")
        for at in range(0, len(owners), PEOPLE_PER_COPY):
            part = owners[at : at + PEOPLE_PER_COPY]
            copy_lines(
                cursor, CHECKIN_TABLE, CHECKIN_COLUMNS, _checkin_lines(part, seed, end, count)
            )
            written += cursor.rowcount
            conn.commit()
    return written


def checkins_add(
    target: Target, owner_ids: list[int], *, seed: int, end: date, count: int, workers: int
) -> int:
    """`count` check-ins for each person, split over `workers` processes; rows written."""
    from django.db import connections

    connections.close_all()  # a forked worker must not share the parent's connection
    numbered = list(enumerate(owner_ids, start=1))
    size = -(-len(numbered) // workers)
    shares = [numbered[i : i + size] for i in range(0, len(numbered), size)]
    jobs = [(target.conninfo(), share, seed, end, count) for share in shares]
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        return sum(pool.map(_checkins_worker, jobs))


def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    began = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - began
