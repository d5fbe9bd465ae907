"""Who is calling: a personal access token (`Authorization: Bearer ub_…`) or the browser session.

Every endpoint takes either. A token needs no CSRF token (a script cannot be tricked into
sending a header); the browser session does for anything that changes data, as the web's forms
do. Anything else is a 401 with a JSON body, never a redirect to the sign-in page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from upback.coach.selectors.tokens import access_token_by_secret
from upback.coach.services.tokens import access_token_touch


class TokenAuth(HttpBearer):
    """A personal access token made on the account page."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = access_token_by_secret(token.strip())
        if found is None:
            return None
        access_token_touch(token=found)
        return found.owner


class BrowserSession(SessionAuth):
    """The signed-in browser; CSRF is checked on unsafe methods, but only for a signed-in person,
    so an anonymous call is a plain 401 rather than a CSRF failure.

    A call that sends an `Authorization` header is judged by that header alone: a revoked or
    mistyped token is refused even from a browser that is signed in, so the caller finds out.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if "Authorization" in request.headers or not request.user.is_authenticated:
            return None
        return super().__call__(request)


# The token first: a script with a token never meets the CSRF check meant for browsers.
API_AUTH = [TokenAuth(), BrowserSession()]


def owner_of(request: HttpRequest) -> User:
    """The person the call is for (set by one of the two authenticators above)."""
    user: User = request.auth  # type: ignore[attr-defined]
    return user
