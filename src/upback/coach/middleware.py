"""Middleware of the coach app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from upback.coach.selectors.request_memo import remembering

# Reads only: a request that writes reads afresh after its write (see selectors.request_memo).
MEMO_METHODS = frozenset({"GET", "HEAD"})


class RequestMemoMiddleware:
    """Lets a GET or HEAD request read the person's account, care state and plan once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in MEMO_METHODS:
            return self.get_response(request)
        with remembering():
            return self.get_response(request)
