"""What every page tells upback's service worker about the person, in two <meta> tags.

The worker labels each page it keeps with these and never shows a kept page to someone else or
in another care state, so they must be right on every page. They are read here from the request
rather than from the template's `care`, which a view may blank to hide the base's banner (the
stop page does, because it says it all itself).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

from upback.coach.selectors.screenings import care_state_get
from upback.core.care import CareState

register = template.Library()


@register.simple_tag(takes_context=True)
def upback_user(context: dict[str, Any]) -> str:
    request: HttpRequest | None = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    return request.user.get_username()


@register.simple_tag(takes_context=True)
def upback_care(context: dict[str, Any]) -> str:
    """The care state in one word: stopped, gentle or ok; empty for anyone not signed in."""
    request: HttpRequest | None = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    state = getattr(request, "care", None)  # set by exercise_allowed: no second query
    if not isinstance(state, CareState):
        state = care_state_get(owner=request.user)
    if state.stopped:
        return "stopped"
    return "gentle" if state.gentle_only else "ok"
