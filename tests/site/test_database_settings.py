"""Web workers keep their database connection between requests, on SQLite as on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

READ = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps(settings.DATABASES["default"]["CONN_MAX_AGE"]))
"""


def conn_max_age(tmp_path: Path, **env: str) -> int:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("UPBACK_")}
    clean.pop("DATABASE_URL", None)
    clean.update(
        {"UPBACK_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "upback.site.settings", **env}
    )
    done = subprocess.run(
        [sys.executable, "-c", READ], env=clean, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    value: int = json.loads(done.stdout)
    return value


@pytest.mark.parametrize("url", [None, "postgres://u:p@127.0.0.1:5432/upback"])
def test_a_connection_is_kept_for_a_minute_unless_told_otherwise(
    tmp_path: Path, url: str | None
) -> None:
    database = {"DATABASE_URL": url} if url else {}
    assert conn_max_age(tmp_path, **database) == 60
    assert conn_max_age(tmp_path, UPBACK_DB_CONN_MAX_AGE="0", **database) == 0
