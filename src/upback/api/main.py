"""The API object: every router added under `/api/v1`, errors turned into one clear line, and
the docs page served from django-ninja's bundled files (no inline script, so the strict CSP holds).

Every endpoint needs a personal access token or the browser session (see `auth.py`); the
schema and the docs page are open, as they hold no one's data.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import ValidationError

from upback.api import breaks, checkins, export, habits, plans, profile, progress, screen, sessions
from upback.api.auth import API_AUTH
from upback.core.errors import InputProblem


class UpbackAPI(NinjaAPI):
    def _get_urls(self) -> list[URLPattern | URLResolver]:
        """The API does its own auth (401 JSON), so the site's sign-in redirect skips it."""
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = login_not_required(pattern.callback)
        return patterns


api = UpbackAPI(
    title="upback API",
    version="1",
    urls_namespace="api",
    auth=API_AUTH,
    description=(
        "Your upback data: safety screen, profile, plan, sessions, check-ins, progress, habits "
        "and breaks. Send a personal access token (made on the account page) as "
        "`Authorization: Bearer ub_…`, or call from the signed-in browser with its CSRF token. "
        "upback gives self-care guidance, not a diagnosis; while a safety screen says to get "
        "checked, the plan and session endpoints answer 409 and show no exercise."
    ),
)


def _first_problem(errors: list[dict[str, Any]]) -> str:
    """ninja's list of problems as one line: 'field: what is wrong'."""
    if not errors:
        return "input: is not valid"
    item = errors[0]
    loc = [str(part) for part in item.get("loc", ()) if part not in ("body", "query", "path")]
    if loc and loc[0] == "payload":
        loc = loc[1:]
    field = ".".join(loc) or "input"
    message = str(item.get("msg", "is not valid")).removeprefix("Value error, ")
    return f"{field}: {message[:1].lower()}{message[1:]}"


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": _first_problem(error.errors)}, status=422)


@api.exception_handler(InputProblem)
def _bad_input(request: HttpRequest, error: InputProblem) -> HttpResponse:
    return api.create_response(request, {"detail": str(error)}, status=400)


for _module in (screen, profile, plans, sessions, checkins, progress, habits, breaks, export):
    api.add_router("/", _module.router)
