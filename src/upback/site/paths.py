"""Where upback keeps a person's data: the platform's user data directory, or UPBACK_DATA_DIR."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """The data directory, created on first use with permissions only its owner can read."""
    configured = os.environ.get("UPBACK_DATA_DIR", "").strip()
    path = (
        Path(configured).expanduser() if configured else Path(platformdirs.user_data_dir("upback"))
    )
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def secret_key(directory: Path) -> str:
    """A secret key generated once and kept beside the data, so sessions survive restarts."""
    key_file = directory / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def database_description() -> str:
    """Where the data lives, in words for a person: the SQLite file or the PostgreSQL server."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if str(db["ENGINE"]).endswith("sqlite3"):
        return f"an SQLite database at {db['NAME']}"
    return f"the PostgreSQL database '{db.get('NAME')}' on {db.get('HOST') or 'this machine'}"
