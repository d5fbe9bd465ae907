"""Decorators that put the safety screen in front of every page that could show exercise."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from upback.coach import selectors

View = Callable[..., HttpResponse]


def exercise_allowed(view: View) -> View:
    """No screening yet → the screen; emergency or urgent → the stop page; otherwise the view.

    Applied to every view that shows or records exercise, so a stopped person cannot reach one
    by typing its address either.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        state = selectors.care_state_get(owner=request.user)  # type: ignore[arg-type]
        if state.needs_screen:
            return redirect("screen_start")
        if state.stopped:
            return redirect("stop")
        request.care = state  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper
