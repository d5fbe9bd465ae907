"""Template context shared by every page: the care state (banners) and the navigation section."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from upback.coach import selectors
from upback.coach.views.toolkit import URL_NAMES as TOOLKIT_PAGES


def care(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"care": None}
    return {"care": selectors.care_state_get(owner=user)}


# Which main-navigation entry a page belongs to, by URL name (pages not listed belong to none).
_SECTIONS: dict[str, tuple[str, ...]] = {
    "today": ("today",),
    "plan": ("plan", "profile", "plan_history"),
    "checkin": ("checkin",),
    "journal": ("journal", "checkin_edit", "checkin_delete"),
    "progress": ("progress", "review", "review_result"),
    "library": ("library", "library_detail"),
    "account": (
        "account",
        "data",
        "data_import",
        "data_delete",
        "report",
        "password_change",
    ),
}
NAV_SECTION: dict[str, str] = {
    name: section for section, names in _SECTIONS.items() for name in names
}


def nav(request: HttpRequest) -> dict[str, Any]:
    """`nav_section`: the navigation entry to mark as the current page."""
    match = getattr(request, "resolver_match", None)
    name = match.url_name if match is not None else None
    if name in TOOLKIT_PAGES:
        return {"nav_section": "toolkit"}
    return {"nav_section": NAV_SECTION.get(name or "", "")}
