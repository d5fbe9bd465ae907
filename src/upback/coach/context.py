"""Template context shared by every page: the person's care state, for banners and navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from upback.coach import selectors


def care(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"care": None}
    return {"care": selectors.care_state_get(owner=user)}
