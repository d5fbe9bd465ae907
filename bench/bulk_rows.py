"""Writing many rows fast: PostgreSQL's COPY, SQLite's prepared executemany.

Django's bulk_create spends most of its time compiling each value of each row (about 0.5 s per
two-year person), and on PostgreSQL its multi-row INSERTs are still far slower than COPY. The
high-volume tables therefore go through `insert_rows`, with values adapted once by `Adapt` the
same way the ORM would.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

EXECUTEMANY_BATCH = 10_000  # rows per executemany call on SQLite

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
SESSION_COLUMNS = (
    "owner_id",
    "plan_id",
    "day",
    "local_date",
    "started_at",
    "finished_at",
    "pain_before",
    "pain_after",
    "next_morning_pain",
    "source",
    "stopped_for_symptoms",
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


class Adapt:
    """Values as the database driver wants them, computed once per value kind."""

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
        key = id(item)  # the plan templates live for the whole run, so ids are stable
        if key not in self.doses:
            if self.connection.vendor == "postgresql":
                # COPY takes JSON as text: encoded once here, not once per row by the driver.
                self.doses[key] = json.dumps(item["dose"], cls=self.dose_field.encoder)
            else:
                self.doses[key] = self.dose_field.get_db_prep_save(item["dose"], self.connection)
        return self.doses[key]


def _quoted(model: Any, columns: Sequence[str]) -> tuple[str, str]:
    from django.db import connection

    qn = connection.ops.quote_name
    return qn(model._meta.db_table), ", ".join(qn(c) for c in columns)


def insert_rows(model: Any, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Add `rows` (values in `columns` order) to `model`'s table in the current transaction."""
    from django.db import connection

    if not rows:
        return
    table, names = _quoted(model, columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The driver's own cursor: Django's wrapper does not expose COPY.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        for at in range(0, len(rows), EXECUTEMANY_BATCH):
            cursor.executemany(sql, rows[at : at + EXECUTEMANY_BATCH])


def copy_lines(cursor: Any, table: str, columns: Iterable[str], lines: Iterable[str]) -> None:
    """COPY tab-separated text lines (each ending in a newline) into `table`, in chunks.

    The scale run formats its own lines: for plain integers and dates that is several times
    faster than adapting Python objects row by row.
    """
    names = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= 20_000:
                copy.write("".join(chunk))
                chunk.clear()
        if chunk:
            copy.write("".join(chunk))


class KeepTimestamps:
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
