"""Reading the JSON files the machine contracts take: one object, or a list of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from upback.core.errors import InputProblem


def read_objects(path: Path, *, what: str) -> tuple[list[Any], bool]:
    """The objects in `path` and whether the file held a list (so output mirrors input)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputProblem(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputProblem(f"{path}: cannot be read ({error.__class__.__name__})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputProblem(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    if isinstance(data, list):
        if not data:
            raise InputProblem(f"{path}: the list is empty; give at least one {what}")
        return data, True
    if isinstance(data, dict):
        return [data], False
    raise InputProblem(f"{path}: must hold a {what} object or a list of them")


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
