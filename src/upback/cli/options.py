"""Options shared by several commands (dates, times, files to write), read the same way with
the same message.

A bad value raises InputProblem, which `bad_input_is_exit_2` turns into one line and exit 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from upback.core.errors import InputProblem


def date_option(value: str | None, flag: str) -> dt.date | None:
    """A YYYY-MM-DD option; None when it was not given (or given empty)."""
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputProblem(
            f"{flag}: use the form YYYY-MM-DD, for example 2026-03-14 (got {value!r})"
        ) from None


def time_option(value: str | None, flag: str) -> dt.time | None:
    """An HH:MM option (seconds allowed); None when it was not given."""
    if value is None:
        return None
    try:
        return dt.time.fromisoformat(value.strip())
    except ValueError:
        raise InputProblem(f"{flag}: '{value}' is not a time like 09:00") from None


def file_to_write(value: Path, flag: str, example: str) -> Path:
    """A file the command will write: not a folder, and in a folder that exists.

    `example` is a sensible file name, offered when a folder was given instead.
    """
    path = value.expanduser()
    if path.is_dir():
        raise InputProblem(
            f"{flag}: {path} is a folder; give a file name, for example {path / example}."
        )
    if not path.parent.is_dir():
        raise InputProblem(f"{flag}: the folder {path.parent} does not exist.")
    return path
