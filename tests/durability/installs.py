"""Fresh, separate upback installs for tests that need more than pytest-django's test database:
a real server, a backup taken from one install and restored into another.

An install is an environment: its own UPBACK_DATA_DIR and, for PostgreSQL, its own scratch
database made on the server DATABASE_URL names (never that database itself) and dropped after.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
KINDS = ["sqlite", "postgresql"]


def configured_postgres() -> str:
    """DATABASE_URL when it names a PostgreSQL server; otherwise the test is skipped."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("PostgreSQL run: set DATABASE_URL to a PostgreSQL server to include it")
    return url


@contextmanager
def scratch_postgres(configured: str) -> Iterator[str]:
    import psycopg

    name = f"upback_scratch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(configured, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(configured)._replace(path=f"/{name}"))
    finally:
        _drop(configured, name)


def _drop(configured: str, name: str) -> None:
    """Drop a scratch database. A session of another role (a server worker or autovacuum that
    has not quite gone) can make even FORCE fail for a moment, so try a few times; a leftover
    scratch database is only a warning, never a failed test."""
    import psycopg

    for attempt in range(20):
        try:
            with psycopg.connect(configured, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.Error as problem:
            last = problem
            time.sleep(0.25 * (attempt + 1))
    warnings.warn(f"scratch database {name} was left behind: {last}", stacklevel=2)


class Installs:
    """Makes fresh installs of one kind; their scratch databases go when the test ends."""

    def __init__(self, kind: str, tmp_path: Path, stack: ExitStack) -> None:
        self.kind = kind
        self.tmp_path = tmp_path
        self.stack = stack
        self.configured = configured_postgres() if kind == "postgresql" else ""

    def new(self, name: str) -> dict[str, str]:
        env = {**os.environ, "UPBACK_DATA_DIR": str(self.tmp_path / name), "DATABASE_URL": ""}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
        if self.kind == "postgresql":
            env["DATABASE_URL"] = self.stack.enter_context(scratch_postgres(self.configured))
        return env


@contextmanager
def installs_of(kind: str, tmp_path: Path) -> Iterator[Installs]:
    with ExitStack() as stack:
        yield Installs(kind, tmp_path, stack)


def child(
    env: dict[str, str], *args: str, module: str = "tests.durability.install"
) -> subprocess.CompletedProcess[str]:
    """Run `python -m MODULE ARGS` in the install; the answer, whatever its exit code."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def ok(env: dict[str, str], *args: str) -> str:
    """Run an install command that must succeed; its output."""
    done = child(env, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout
