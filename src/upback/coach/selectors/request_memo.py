"""Reads remembered for the length of one web request, so a page asks the database once.

A page's guard, its view, the banners and the widgets each want the same few rows: the
person's time zone, the care state their latest screening puts them in, their current plan.
Passing them down through every layer would tie the widgets to the views; remembering them
here keeps each selector self-contained and still reads each row once per request.

The memo exists only inside `remembering()`, which `RequestMemoMiddleware` opens around GET and
HEAD requests (reads only: a form that records a screening and then reads the care state
again must see the new one). Anything else (the terminal, tests calling selectors, workers,
POST requests) sees no memo and reads the database every time, so nothing can go stale there.
Services that write one of these rows call `forget()` all the same, so a GET that writes (or a
later caller) never sees the value from before the write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.contrib.auth.models import User

T = TypeVar("T")

# (what, owner id) → the value read; None outside a request (nothing remembered).
_memo: ContextVar[dict[tuple[str, int], Any] | None] = ContextVar(
    "upback_request_memo", default=None
)


@contextmanager
def remembering() -> Iterator[None]:
    """Remember reads until the block ends (one request); nested blocks share nothing."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(what: str, owner: User, read: Callable[[], T]) -> T:
    """`read()`'s value, read once per request and owner; read every time outside a request."""
    memo = _memo.get()
    if memo is None or owner.pk is None:
        return read()
    key = (what, owner.pk)
    if key not in memo:
        memo[key] = read()
    value: T = memo[key]
    return value


def forget() -> None:
    """Drop everything remembered in this request (called by every service that writes an
    account, a screening, a clearance or a plan)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()
