"""Turn validation failures into the one clear line a person or a script can act on."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError


class InputProblem(ValueError):
    """Bad input, with a single human-readable message that names the field."""


def _where(loc: tuple[int | str, ...], prefix: str) -> str:
    parts: list[str] = [prefix] if prefix else []
    for part in loc:
        if isinstance(part, int) and parts:
            parts[-1] = f"{parts[-1]}[{part}]"
        else:
            parts.append(str(part))
    return ".".join(parts) or "input"


def _friendly(item: dict[str, Any]) -> str:
    kind = item["type"]
    ctx = item.get("ctx") or {}
    if kind == "extra_forbidden":
        return "is not a known field"
    if kind == "missing":
        return "is required"
    if kind in {"less_than_equal", "greater_than_equal", "less_than", "greater_than"}:
        bound = next(iter(ctx.values()), "")
        words = {
            "less_than_equal": "at most",
            "greater_than_equal": "at least",
            "less_than": "below",
            "greater_than": "above",
        }[kind]
        return f"must be {words} {bound} (got {item.get('input')!r})"
    if kind == "enum":
        return f"must be one of {ctx.get('expected', '')} (got {item.get('input')!r})"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')} (got {item.get('input')!r})"
    message = str(item["msg"])
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return message[0].lower() + message[1:] if message else "is not valid"


def describe_validation(error: ValidationError, prefix: str = "") -> str:
    """The first problem, as 'field: what is wrong'."""
    item = error.errors()[0]
    return f"{_where(tuple(item['loc']), prefix)}: {_friendly(dict(item))}"
