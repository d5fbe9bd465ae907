"""The PostgreSQL side of a bench run: which database, making and dropping it, its sizes, and
the server settings worth quoting next to a figure."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

# Settings that decide how a figure should be read (memory for caching, durability, planner).
QUOTED_SETTINGS = (
    "server_version",
    "shared_buffers",
    "effective_cache_size",
    "work_mem",
    "maintenance_work_mem",
    "max_wal_size",
    "synchronous_commit",
    "random_page_cost",
    "max_parallel_workers_per_gather",
    "jit",
)


@dataclass(frozen=True)
class Target:
    """Where the bench database lives, from Django's settings (so from DATABASE_URL)."""

    name: str
    host: str
    port: str
    user: str
    password: str

    @classmethod
    def from_settings(cls) -> Target:
        from django.conf import settings

        db = settings.DATABASES["default"]
        if "postgresql" not in db["ENGINE"]:
            raise SystemExit("refusing: the scale run is PostgreSQL only (set DATABASE_URL)")
        name = str(db["NAME"])
        if "bench" not in name:
            raise SystemExit(f"refusing: database {name!r} has no 'bench' in its name")
        return cls(
            name=name,
            host=str(db.get("HOST") or "localhost"),
            port=str(db.get("PORT") or "5432"),
            user=str(db.get("USER") or ""),
            password=str(db.get("PASSWORD") or ""),
        )

    def conninfo(self, dbname: str | None = None) -> str:
        from psycopg.conninfo import make_conninfo

        return make_conninfo(
            dbname=dbname or self.name,
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
        )

    def client_env(self) -> dict[str, str]:
        """Environment for the PostgreSQL client programs (pgbench): the password stays out of
        the command line."""
        return {**os.environ, "PGPASSWORD": self.password}

    def client_args(self) -> list[str]:
        return ["-h", self.host, "-p", self.port, "-U", self.user, self.name]


def _maintenance(target: Target) -> Any:
    import psycopg

    return psycopg.connect(target.conninfo("postgres"), autocommit=True)


def database_exists(target: Target) -> bool:
    with _maintenance(target) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target.name]).fetchone()
            is not None
        )


def database_create(target: Target) -> None:
    from psycopg import sql

    with _maintenance(target) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target.name)))


def database_drop(target: Target) -> None:
    """Drop the bench database, ending any session still on it (ours are closed first)."""
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    with _maintenance(target) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target.name))
        )


def server_settings(cursor: Any) -> dict[str, str]:
    out = {}
    for name in QUOTED_SETTINGS:
        cursor.execute(f"SHOW {name}")
        out[name] = str(cursor.fetchone()[0])
    return out


def table_sizes(cursor: Any, table: str) -> dict[str, Any]:
    """Heap, indexes (each and all) and total with TOAST, in bytes, plus the database's size."""
    cursor.execute(
        "SELECT pg_relation_size(%s::regclass), pg_indexes_size(%s::regclass),"
        " pg_total_relation_size(%s::regclass), pg_database_size(current_database())",
        [table, table, table],
    )
    heap, indexes, total, database = cursor.fetchone()
    cursor.execute(
        "SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index"
        " WHERE indrelid = %s::regclass ORDER BY 1",
        [table],
    )
    return {
        "table_bytes": heap,
        "indexes_bytes": indexes,
        "total_bytes": total,
        "database_bytes": database,
        "each_index_bytes": dict(cursor.fetchall()),
    }
