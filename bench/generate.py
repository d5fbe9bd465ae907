"""Fill the configured database with N realistic bench people (issue 7, item 1).

Each person: a User (``bench-00001``...), an Account, a cleared Screening, a Profile, a Plan,
daily CheckIns with noise, gaps, flares and recoveries, GuidedSessions about four times a week
with per-item feedback, a few HabitMonths with checks, and BreakRecords on working days (the
shapes are in `bench.journal_shapes`). People go in chunks so memory stays bounded; the small
tables through ``bulk_create``, the big ones through `bench.bulk_rows` (COPY on PostgreSQL).

    python -m bench.generate --users 1000 --days 730 --seed 1
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from bench.bulk_rows import (
    BREAK_COLUMNS,
    CHECKIN_COLUMNS,
    HABIT_CHECK_COLUMNS,
    ITEM_COLUMNS,
    SESSION_COLUMNS,
    Adapt,
    KeepTimestamps,
    insert_rows,
)
from bench.journal_shapes import (
    TIME_ZONES,
    habit_rows,
    person_rows,
    screening_result,
    templates,
)

BENCH_PREFIX = "bench-"
BENCH_PASSWORD = "bench pass 2026"  # a throw-away password for load runs
CHUNK = 50  # people per transaction: bounded memory, few round trips
BATCH = 2000


@dataclass
class GenerateReport:
    users: int
    days: int
    seed: int
    seconds: float = 0.0
    rows: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        out = [f"{self.users} people x {self.days} days, seed {self.seed}: {self.seconds:.1f} s"]
        out += [f"  {table:<20} {count:>12,}" for table, count in sorted(self.rows.items())]
        out.append(f"  {'total':<20} {sum(self.rows.values()):>12,}")
        return out


def guard(*, force: bool = False) -> None:
    """Refuse to fill a real install: an explicit data dir or a bench database, no real users."""
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection

    name = str(settings.DATABASES["default"]["NAME"])
    postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    if not force:
        if postgres and "bench" not in name:
            raise SystemExit(f"refusing: database {name!r} has no 'bench' in its name (--force)")
        if not postgres and not os.environ.get("UPBACK_DATA_DIR"):
            raise SystemExit("refusing: set UPBACK_DATA_DIR to a throw-away folder (or --force)")
        fresh = User._meta.db_table not in connection.introspection.table_names()
        if not fresh and User.objects.exclude(username__startswith=BENCH_PREFIX).exists():
            raise SystemExit("refusing: this database has people who are not bench users (--force)")


def generate(
    *, users: int = 1000, days: int = 730, seed: int = 1, end: date | None = None
) -> GenerateReport:
    """Add `users` bench people with `days` days of history ending on `end` (default: today)."""
    from django.contrib.auth.models import User
    from django.db import transaction

    began = time.perf_counter()
    report = GenerateReport(users=users, days=days, seed=seed)
    end = end or date.today()
    start = end - timedelta(days=days - 1)
    first = User.objects.filter(username__startswith=BENCH_PREFIX).count() + 1
    adapt = Adapt()
    with KeepTimestamps():
        for chunk_start in range(0, users, CHUNK):
            numbers = range(first + chunk_start, first + min(users, chunk_start + CHUNK))
            rngs = [random.Random(f"{seed}:{n}") for n in numbers]
            with transaction.atomic():
                people = _add_people(report.rows, numbers, rngs, start)
                _add_journals(report.rows, adapt, people, start, days)
    report.seconds = time.perf_counter() - began
    return report


def _add_people(
    rows: Counter[str], numbers: range, rngs: list[random.Random], start: date
) -> list[tuple[Any, Any, Any, random.Random]]:
    """Users, accounts, screenings, profiles and first plans: (person, plan, template, rng)."""
    from django.contrib.auth.models import User

    from upback.coach.models import Account, Plan, Profile, Screening

    joined = datetime.combine(start, dtime(7), tzinfo=UTC)
    password = bench_password_hash()
    answers, disposition, rules, result = screening_result()
    tpls = [rng.choice(templates()) for rng in rngs]
    people = User.objects.bulk_create(
        [
            User(username=f"{BENCH_PREFIX}{n:05d}", password=password, date_joined=joined)
            for n in numbers
        ],
        batch_size=BATCH,
    )
    Account.objects.bulk_create(
        [
            Account(owner=p, time_zone=rng.choice(TIME_ZONES), created_at=joined)
            for p, rng in zip(people, rngs, strict=True)
        ],
        batch_size=BATCH,
    )
    Screening.objects.bulk_create(
        [
            Screening(
                owner=p,
                created_at=joined,
                age=tpl.profile["age"],
                answers=answers,
                disposition=disposition,
                rules=rules,
                result=result,
                source="web",
            )
            for p, tpl in zip(people, tpls, strict=True)
        ],
        batch_size=BATCH,
    )
    Profile.objects.bulk_create(
        [
            Profile(owner=p, updated_at=joined, **tpl.profile)
            for p, tpl in zip(people, tpls, strict=True)
        ],
        batch_size=BATCH,
    )
    plans = Plan.objects.bulk_create(
        [
            Plan(owner=p, version=1, created_at=joined, profile_snapshot=tpl.profile, data=tpl.plan)
            for p, tpl in zip(people, tpls, strict=True)
        ],
        batch_size=BATCH,
    )
    for table in ("auth_user", "account", "screening", "profile", "plan"):
        rows[table] += len(people)
    return list(zip(people, plans, tpls, rngs, strict=True))


@functools.cache
def bench_password_hash() -> str:
    """The bench password's hash, made once: Argon2 per person would take minutes."""
    from django.contrib.auth.hashers import make_password

    return make_password(BENCH_PASSWORD)


def _add_journals(
    rows: Counter[str],
    adapt: Adapt,
    people: list[tuple[Any, Any, Any, random.Random]],
    start: date,
    days: int,
) -> None:
    """Check-ins, breaks, sessions with their items, and habit months with their checks."""
    from upback.coach.models import BreakRecord, CheckIn, GuidedItem, HabitCheck, HabitMonth
    from upback.core.library import default_library

    habit_names = {h.slug: h.name for h in default_library().advice.habits}
    checkins: list[tuple[Any, ...]] = []
    breaks: list[tuple[Any, ...]] = []
    sessions: list[tuple[Any, ...]] = []
    item_lists: list[list[tuple[Any, ...]]] = []
    months: list[Any] = []
    check_lists: list[list[tuple[Any, ...]]] = []
    for p, plan, tpl, rng in people:
        made_checkins, made_breaks, made_sessions = person_rows(
            rng, adapt.day, adapt.at, adapt.dose, p.pk, plan.pk, tpl, start, days
        )
        checkins += made_checkins
        breaks += made_breaks
        for session, items in made_sessions:
            sessions.append(session)
            item_lists.append(items)
        habits = [
            {"slug": s, "name": habit_names.get(s, s), "own": False} for s in tpl.plan["habits"]
        ]
        for month, checks in habit_rows(rng, p.pk, habits, start, days):
            months.append(month)
            check_lists.append(checks)
    insert_rows(CheckIn, CHECKIN_COLUMNS, checkins)
    insert_rows(BreakRecord, BREAK_COLUMNS, breaks)
    session_ids = _save_sessions([p.pk for p, *_ in people], sessions)
    items = [
        (session_id, *item)
        for session_id, kids in zip(session_ids, item_lists, strict=True)
        for item in kids
    ]
    insert_rows(GuidedItem, ITEM_COLUMNS, items)
    HabitMonth.objects.bulk_create(months, batch_size=BATCH)  # a few per person: ids come back
    checks = [
        (month.pk, habit, adapt.day(on), adapt.at(at))
        for month, kids in zip(months, check_lists, strict=True)
        for habit, on, at in kids
    ]
    insert_rows(HabitCheck, HABIT_CHECK_COLUMNS, checks)
    rows.update(
        checkin=len(checkins),
        breakrecord=len(breaks),
        guidedsession=len(sessions),
        guideditem=len(items),
        habitmonth=len(months),
        habitcheck=len(checks),
    )


def _save_sessions(owner_ids: list[int], sessions: list[tuple[Any, ...]]) -> list[int]:
    """Save the session rows and return their ids, in the same order.

    These people are new, so their sessions are exactly the ones just added, and ids grow in
    insertion order on both databases: reading them back is one query, where bulk_create
    would compile every value of every row.
    """
    from upback.coach.models import GuidedSession

    insert_rows(GuidedSession, SESSION_COLUMNS, sessions)
    ids = list(
        GuidedSession.objects.filter(owner_id__in=owner_ids)
        .order_by("id")
        .values_list("id", flat=True)
    )
    assert len(ids) == len(sessions), "someone else added sessions for bench people mid-load"
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", type=date.fromisoformat, default=None, help="last day, YYYY-MM-DD")
    parser.add_argument("--force", action="store_true", help="skip the real-install guard")
    args = parser.parse_args(argv)
    if args.users < 1 or args.days < 1:
        parser.error("--users and --days must be at least 1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upback.site.settings")
    import django
    from django.core.management import call_command

    django.setup()
    guard(force=args.force)
    call_command("migrate", verbosity=0)
    report = generate(users=args.users, days=args.days, seed=args.seed, end=args.end)
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
