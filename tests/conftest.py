"""Test set-up shared by every suite.

The data directory is made private to each run by the early plugin `tests.isolation`. When
`UPBACK_REQUIRE_POSTGRES=1` (CI), a run that is not actually on PostgreSQL fails loudly instead
of quietly testing SQLite twice.
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _require_postgres_when_asked() -> None:
    if os.environ.get("UPBACK_REQUIRE_POSTGRES") != "1":
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.exit(
            "UPBACK_REQUIRE_POSTGRES=1 but the database is not PostgreSQL: set DATABASE_URL",
            returncode=3,
        )
