"""Commands run in a child process against one install (its own UPBACK_DATA_DIR, or the
DATABASE_URL of a scratch PostgreSQL database), for the durability and backup tests:

    python -m tests.durability.install seed N PASSWORD   sign up N people who passed the screen
    python -m tests.durability.install fill USERNAME     one person with a bit of everything
    python -m tests.durability.install write USERNAME    check-ins, one a day back in time, until
                                                         stdin closes; prints each day written
    python -m tests.durability.install dump              every check-in (+ SQLite integrity) as JSON
    python -m tests.durability.install export USERNAME   the person's data export, minus envelope
    python -m tests.durability.install backup FILE       the backup service
    python -m tests.durability.install restore FILE      the restore service (exit 2 if refused)

A child process, not the test's own Django, because pytest-django points the test process at its
own throwaway test database, which a server or another install would never see.
"""

from __future__ import annotations

import json
import os
import select
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

FIRST_DAY = date(2025, 12, 31)  # the writer's first check-in; each next one a day earlier


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upback.site.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def seed(count: int, password: str) -> None:
    from django.contrib.auth.models import User

    from tests.examples import cleared_answers
    from upback.coach.services.screenings import screening_record
    from upback.core.safety import parse_screening

    _migrate()
    for n in range(count):
        user = User.objects.create_user(f"durable{n}", password=password)
        screening = parse_screening({"age": 40, "sex": "female", "answers": cleared_answers()})
        screening_record(owner=user, screening=screening, source="web")


def fill(username: str) -> None:
    from django.contrib.auth.models import User

    from tests.coach.data_examples import fill as fill_account

    _migrate()
    user = User.objects.create_user(username, email=f"{username}@example.org", password="pw 2026")
    fill_account(user)


def write(username: str) -> None:
    """Keep adding check-ins until the parent closes stdin: a writer busy during a backup."""
    from django.contrib.auth.models import User

    from upback.coach.services.checkins import Scores, checkin_record

    owner, _ = User.objects.get_or_create(username=username)
    for n in range(100_000):
        day = FIRST_DAY - timedelta(days=n)
        scores = Scores(pain=n % 11, stiffness=(n + 1) % 11, sleep_quality=5, stress=(n + 2) % 11)
        checkin_record(owner=owner, scores=scores, note=f"write {n}", local_date=day)
        print(day.isoformat(), flush=True)
        if select.select([sys.stdin], [], [], 0)[0] and not sys.stdin.read(1):
            return


def dump() -> dict[str, Any]:
    from django.db import connection

    from upback.coach.models import CheckIn

    rows = [
        {
            "username": row.owner.username,
            "local_date": row.local_date.isoformat(),
            "pain": row.pain,
            "stiffness": row.stiffness,
            "sleep_quality": row.sleep_quality,
            "stress": row.stress,
            "note": row.note,
        }
        for row in CheckIn.objects.select_related("owner").order_by("id")
    ]
    integrity = "ok"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            integrity = ", ".join(str(found[0]) for found in cursor.fetchall())
    return {"checkins": rows, "integrity": integrity}


def export(username: str) -> dict[str, Any]:
    from django.contrib.auth.models import User

    from tests.coach.data_examples import without_envelope
    from upback.coach.services.data import data_export_document

    return without_envelope(data_export_document(owner=User.objects.get(username=username)))


def main(command: str, *args: str) -> None:
    _setup()
    from upback.coach.services.backup import BackupProblem, database_backup, database_restore

    if command == "seed":
        seed(int(args[0]), args[1])
    elif command == "fill":
        fill(args[0])
    elif command == "write":
        write(args[0])
    elif command == "dump":
        print(json.dumps(dump()))
    elif command == "export":
        print(json.dumps(export(args[0]), sort_keys=True))
    elif command == "backup":
        print(database_backup(target=Path(args[0])))
    elif command == "restore":
        try:
            print(database_restore(source=Path(args[0])))
        except BackupProblem as problem:
            print(problem, file=sys.stderr)
            sys.exit(2)
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main(*sys.argv[1:])
