"""The page shown when sign-in is paused after too many wrong passwords (django-axes calls it).

Not a route of its own: `AXES_LOCKOUT_CALLABLE` in settings points here, and axes calls it in
place of the sign-in page while the pause lasts. It answers 429 (too many requests).
"""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

STATUS = 429


def minutes_words(minutes: int) -> str:
    if minutes <= 1:
        return "a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = math.ceil(minutes / 60)
    return "an hour" if hours == 1 else f"{hours} hours"


def locked_out(
    request: HttpRequest,
    response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    # The pause counts from the last wrong password, which has just happened, so the whole
    # cool-off time is the honest answer to "when can I try again".
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
    wait = minutes_words(minutes) if minutes else ""
    response = render(request, "registration/lockout.html", {"wait": wait}, status=STATUS)
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response
