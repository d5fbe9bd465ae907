"""Fill the configured database with N realistic bench people (issue 7, item 1).

Each person: a User (``bench-00001``...), an Account, a cleared Screening, a Profile, a Plan,
daily CheckIns with noise, gaps, flares and recoveries, GuidedSessions about four times a week
with per-item feedback, a few HabitMonths with checks, and BreakRecords on working days.
Everything loads through ``bulk_create`` in chunks of people so memory stays bounded.

    python -m bench.generate --users 1000 --days 730 --seed 1
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import Any

BENCH_PREFIX = "bench-"
BENCH_PASSWORD = "bench pass 2026"  # a throw-away password for load runs
CHUNK = 50  # people per transaction: bounded memory, few round trips
BATCH = 2000
TIME_ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Sydney",
    "UTC",
)
# Profile variants around the guide's own case; the planner runs once per variant.
_VARIANTS: tuple[dict[str, Any], ...] = (
    {},
    {"who": "lifter", "triggers": ["lifting_overuse"], "equipment": ["dumbbells"]},
    {
        "who": "older_adult",
        "age": 71,
        "floor_ok": False,
        "minutes_per_day": 10,
        "strength_days_per_week": 2,
        "equipment": [],
        "sleep_position": "back",
    },
    {
        "triggers": ["phone_use", "stress_breathing"],
        "minutes_per_day": 15,
        "equipment": ["massage_ball"],
        "sleep_position": "mixed",
    },
    {"minutes_per_day": 30, "equipment": ["resistance_band", "foam_roller", "heat_pack"]},
    {
        "who": "other",
        "age": 48,
        "triggers": ["heavy_bags"],
        "minutes_per_day": 12,
        "strength_days_per_week": 1,
        "equipment": [],
        "sleep_position": "stomach",
    },
)
_FEELINGS = ("too_easy", "about_right", "about_right", "about_right", "too_hard")


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


@dataclass(frozen=True)
class _Template:
    profile: dict[str, Any]
    plan: dict[str, Any]


@functools.cache  # the planner runs once per variant, not once per person (or test)
def _templates() -> list[_Template]:
    from tests.examples import GUIDE_PROFILE

    from upback.core import planner
    from upback.core.profile import parse_profile

    out = []
    for variant in _VARIANTS:
        profile = parse_profile({**GUIDE_PROFILE, **variant})
        out.append(
            _Template(profile.model_dump(mode="json"), planner.build_plan(profile).to_json())
        )
    return out


@functools.cache
def _screening_result() -> tuple[dict[str, Any], str, list[str], dict[str, Any]]:
    from tests.examples import cleared_answers

    from upback.core import safety

    answers = cleared_answers()
    result = safety.screen(safety.Screening(age=40, answers=answers))
    return answers, result.disposition.value, list(result.rules), result.to_json()


def _pain_curve(rng: random.Random, days: int) -> list[float]:
    """Improving then maintenance, with a flare every few months and a recovery after it."""
    start = rng.uniform(4.5, 7.5)
    floor = rng.uniform(1.0, 3.5)
    weeks = rng.uniform(4, 12)
    flares: list[tuple[int, float, int]] = []
    day = rng.randint(40, 120)
    while day < days:
        flares.append((day, rng.uniform(2.0, 4.0), rng.randint(7, 21)))
        day += rng.randint(60, 180)
    curve = []
    for d in range(days):
        base = floor + (start - floor) * math.exp(-d / (7 * weeks))
        for begin, height, length in flares:
            if begin <= d < begin + length:
                base += height * (1 - (d - begin) / length)
        curve.append(base)
    return curve


def _clip(value: float) -> int:
    return max(0, min(10, round(value)))


class _Adapt:
    """Values as the database driver wants them, computed once per value kind.

    Django's bulk_create spends most of its time compiling each value of each row (about 0.5 s
    per two-year person); the four high-volume tables go through `_insert_rows` instead, with
    values adapted here the same way the ORM would.
    """

    def __init__(self) -> None:
        from django.db import connection

        from upback.coach.models import GuidedItem

        self.ops = connection.ops
        self.connection = connection
        self.dose_field = GuidedItem._meta.get_field("dose")
        self.doses: dict[int, Any] = {}

    def day(self, value: date) -> Any:
        return self.ops.adapt_datefield_value(value)

    def at(self, value: datetime | None) -> Any:
        return None if value is None else self.ops.adapt_datetimefield_value(value)

    def dose(self, item: dict[str, Any]) -> Any:
        key = id(item)
        if key not in self.doses:
            self.doses[key] = self.dose_field.get_db_prep_save(item["dose"], self.connection)
        return self.doses[key]


CHECKIN_COLUMNS = (
    "owner_id",
    "local_date",
    "pain",
    "stiffness",
    "sleep_quality",
    "stress",
    "note",
    "created_at",
    "updated_at",
)
BREAK_COLUMNS = (
    "owner_id",
    "at",
    "local_date",
    "outcome",
    "kind",
    "trigger",
    "channel",
    "routine",
)
ITEM_COLUMNS = (
    "session_id",
    "order",
    "slug",
    "name",
    "dose",
    "status",
    "completed_at",
    "feeling",
    "pain_during",
)
HABIT_CHECK_COLUMNS = ("month_id", "habit", "local_date", "created_at")


def _insert_rows(model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """One prepared INSERT, executed for many rows (the database's own bulk path)."""
    from django.db import connection

    if not rows:
        return
    qn = connection.ops.quote_name
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for at in range(0, len(rows), BATCH * 5):
            cursor.executemany(sql, rows[at : at + BATCH * 5])


def _person_rows(
    rng: random.Random,
    adapt: _Adapt,
    owner_id: int,
    plan_id: int,
    tpl: _Template,
    start: date,
    days: int,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, list[tuple[Any, ...]]]]]:
    """Check-in rows, break rows, and sessions with their item rows (session id still to come)."""
    from upback.coach.models import GuidedSession

    curve = _pain_curve(rng, days)
    missed_weeks = {rng.randrange(max(1, days // 7)) for _ in range(max(1, days // 120))}
    log_chance = rng.uniform(0.75, 0.97)
    plan_days = {d["day"]: d["items"] for d in tpl.plan["days"]}
    checkins: list[tuple[Any, ...]] = []
    sessions: list[tuple[Any, list[tuple[Any, ...]]]] = []
    breaks: list[tuple[Any, ...]] = []
    for d in range(days):
        day = start + timedelta(days=d)
        if d // 7 in missed_weeks:
            continue
        on = adapt.day(day)
        pain = curve[d] + rng.gauss(0, 0.8)
        if rng.random() < log_chance:
            stamp = adapt.at(datetime.combine(day, dtime(8, rng.randint(0, 59)), tzinfo=UTC))
            checkins.append(
                (
                    owner_id, on, _clip(pain), _clip(pain + rng.gauss(0.5, 1)),
                    _clip(7 - pain / 2 + rng.gauss(0, 1)), _clip(rng.gauss(4, 2)), "",
                    stamp, stamp,
                )
            )  # fmt: skip
        weekday = day.strftime("%a").lower()
        if rng.random() < 4 / 7 and plan_days.get(weekday):
            began = datetime.combine(day, dtime(18, rng.randint(0, 59)), tzinfo=UTC)
            before = _clip(pain)
            session = GuidedSession(
                owner_id=owner_id,
                plan_id=plan_id,
                day=weekday,
                local_date=day,
                started_at=began,
                finished_at=began + timedelta(minutes=tpl.profile["minutes_per_day"]),
                pain_before=before,
                pain_after=_clip(before - rng.uniform(-0.5, 2)),
                next_morning_pain=_clip(pain + rng.gauss(0, 1)) if rng.random() < 0.4 else None,
            )
            items = []
            for order, item in enumerate(plan_days[weekday]):
                done = rng.random() < 0.92
                items.append(
                    (
                        order, item["slug"], item["name"], adapt.dose(item),
                        "done" if done else "skipped",
                        adapt.at(began + timedelta(minutes=order * 2)) if done else None,
                        rng.choice(_FEELINGS) if done else "",
                        _clip(before + rng.gauss(-0.5, 1)) if done else None,
                    )
                )  # fmt: skip
            sessions.append((session, items))
        if day.weekday() < 5 and rng.random() < 0.8:
            for hour in rng.sample(range(9, 17), rng.randint(2, 6)):
                at = datetime.combine(day, dtime(hour, rng.randint(0, 59)), tzinfo=UTC)
                outcome = rng.choices(("taken", "snoozed", "skipped"), (7, 2, 1))[0]
                kind = "active" if rng.random() < 0.2 else "micro"
                breaks.append((owner_id, adapt.at(at), on, outcome, kind, "prompt", "web", ""))
    return checkins, breaks, sessions


def _habit_rows(
    rng: random.Random, owner_id: int, habits: list[dict[str, Any]], start: date, days: int
) -> list[tuple[Any, list[Any]]]:
    """A few 30-day habit months spread over the range, each ticked on most of its days."""
    from upback.coach.models import HabitCheck, HabitMonth

    out = []
    count = min(3, max(1, days // 60))
    starts = sorted(rng.sample(range(max(1, days - 30)), min(count, max(1, days - 30))))
    last_end = -1
    for first in starts:
        if first <= last_end:
            continue
        began = start + timedelta(days=first)
        stamp = datetime.combine(began, dtime(9), tzinfo=UTC)
        month = HabitMonth(
            owner_id=owner_id,
            started_on=began,
            ends_on=began + timedelta(days=30),
            habits=habits,
            created_at=stamp,
        )
        keep = rng.uniform(0.5, 0.95)
        checks = [
            HabitCheck(
                habit=h["slug"],
                local_date=began + timedelta(days=d),
                created_at=stamp + timedelta(days=d),
            )
            for d in range(min(30, days - first))
            for h in habits
            if rng.random() < keep
        ]
        out.append((month, checks))
        last_end = first + 30
    return out


class _KeepTimestamps:
    """Let bulk_create keep the explicit created_at / updated_at the generator sets.

    Django overwrites auto_now(_add) fields in pre_save; a bench run wants history spread over
    two years, so the flags are switched off for the duration of the load only.
    """

    def __init__(self) -> None:
        from django.apps import apps

        self.fields: list[Any] = [
            f
            for model in apps.get_app_config("coach").get_models()
            for f in model._meta.concrete_fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        self.saved: list[tuple[Any, bool, bool]] = []

    def __enter__(self) -> None:
        for f in self.fields:
            self.saved.append((f, f.auto_now, f.auto_now_add))
            f.auto_now = f.auto_now_add = False

    def __exit__(self, *exc: object) -> None:
        for f, now, add in self.saved:
            f.auto_now, f.auto_now_add = now, add


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
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import transaction

    from upback.coach.models import (
        Account,
        BreakRecord,
        CheckIn,
        GuidedItem,
        GuidedSession,
        HabitCheck,
        HabitMonth,
        Plan,
        Profile,
        Screening,
    )
    from upback.core.library import default_library

    began = time.perf_counter()
    report = GenerateReport(users=users, days=days, seed=seed)
    end = end or date.today()
    start = end - timedelta(days=days - 1)
    joined = datetime.combine(start, dtime(7), tzinfo=UTC)
    password = make_password(BENCH_PASSWORD)  # once: Argon2 per person would take minutes
    templates = _templates()
    answers, disposition, rules, result = _screening_result()
    habit_names = {h.slug: h.name for h in default_library().advice.habits}
    first = User.objects.filter(username__startswith=BENCH_PREFIX).count() + 1
    rows = report.rows
    adapt = _Adapt()
    with _KeepTimestamps():
        for chunk_start in range(0, users, CHUNK):
            numbers = range(first + chunk_start, first + min(users, chunk_start + CHUNK))
            with transaction.atomic():
                people = User.objects.bulk_create(
                    [
                        User(
                            username=f"{BENCH_PREFIX}{n:05d}", password=password, date_joined=joined
                        )
                        for n in numbers
                    ],
                    batch_size=BATCH,
                )
                rngs = [random.Random(f"{seed}:{n}") for n in numbers]
                tpls = [rng.choice(templates) for rng in rngs]
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
                        Plan(
                            owner=p,
                            version=1,
                            created_at=joined,
                            profile_snapshot=tpl.profile,
                            data=tpl.plan,
                        )
                        for p, tpl in zip(people, tpls, strict=True)
                    ],
                    batch_size=BATCH,
                )
                rows.update(
                    auth_user=len(people),
                    account=len(people),
                    screening=len(people),
                    profile=len(people),
                    plan=len(plans),
                )
                checkins: list[tuple[Any, ...]] = []
                breaks: list[tuple[Any, ...]] = []
                sessions: list[Any] = []
                item_lists: list[list[tuple[Any, ...]]] = []
                months: list[Any] = []
                check_lists: list[list[Any]] = []
                for p, plan, tpl, rng in zip(people, plans, tpls, rngs, strict=True):
                    made_checkins, made_breaks, made_sessions = _person_rows(
                        rng, adapt, p.pk, plan.pk, tpl, start, days
                    )
                    checkins += made_checkins
                    breaks += made_breaks
                    for session, items in made_sessions:
                        sessions.append(session)
                        item_lists.append(items)
                    habits = [
                        {"slug": s, "name": habit_names.get(s, s), "own": False}
                        for s in tpl.plan["habits"]
                    ]
                    for month, checks in _habit_rows(rng, p.pk, habits, start, days):
                        months.append(month)
                        check_lists.append(checks)
                _insert_rows(CheckIn, CHECKIN_COLUMNS, checkins)
                _insert_rows(BreakRecord, BREAK_COLUMNS, breaks)
                GuidedSession.objects.bulk_create(sessions, batch_size=BATCH)
                items = [
                    (session.pk, *item)
                    for session, kids in zip(sessions, item_lists, strict=True)
                    for item in kids
                ]
                _insert_rows(GuidedItem, ITEM_COLUMNS, items)
                rows.update(
                    checkin=len(checkins),
                    breakrecord=len(breaks),
                    guidedsession=len(sessions),
                    guideditem=len(items),
                )
                HabitMonth.objects.bulk_create(months, batch_size=BATCH)
                rows["habitmonth"] += len(months)
                checks = _attach(months, check_lists, "month")
                HabitCheck.objects.bulk_create(checks, batch_size=BATCH)
                rows["habitcheck"] += len(checks)
    report.seconds = time.perf_counter() - began
    return report


def _attach(parents: list[Any], children: list[list[Any]], attr: str) -> list[Any]:
    """Point each child at its parent, now that bulk_create has given the parents their ids."""
    out = []
    for parent, kids in zip(parents, children, strict=True):
        for kid in kids:
            setattr(kid, attr, parent)
            out.append(kid)
    return out


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
