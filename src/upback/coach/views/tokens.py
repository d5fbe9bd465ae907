"""The "API access" page: a person's personal access tokens for the REST API.

A token is shown once, right after it is made (upback keeps only its hash), so the page that
shows it is never cached. Revoking asks first, on its own page, so it works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from upback.coach.selectors.tokens import access_token_get, access_token_list
from upback.coach.services.tokens import NAME_MAX, access_token_create, access_token_revoke
from upback.core.errors import InputProblem


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=NAME_MAX,
        help_text="What will use it, to tell your tokens apart: “laptop script”, “clinic app”.",
        error_messages={
            "required": "Please give the token a name.",
            "max_length": f"Please keep the name to {NAME_MAX} characters.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def _page(
    request: HttpRequest, form: TokenForm | None = None, *, status: int = 200, **extra: Any
) -> HttpResponse:
    owner: User = request.user  # type: ignore[assignment]
    context: dict[str, Any] = {
        "form": form or TokenForm(),
        "tokens": access_token_list(owner=owner),
        "api_root": request.build_absolute_uri(reverse("api:api-root")),
        "docs_url": reverse("api:openapi-view"),
        **extra,
    }
    return render(request, "coach/tokens/tokens.html", context, status=status)


@never_cache  # after a POST the page holds the new secret: no copy in any cache
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The list; a POST makes a token and shows its secret this once (bad name: 400, kept)."""
    if request.method != "POST":
        return _page(request)
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        token, secret = access_token_create(
            owner=request.user,  # type: ignore[arg-type]
            name=form.cleaned_data["name"],
        )
    except InputProblem as problem:
        said = str(problem).split(": ", 1)[-1]
        form.add_error("name", f"{said[:1].upper()}{said[1:]}.")
        return _page(request, form, status=400)
    return _page(request, made={"token": token, "secret": secret})


@require_http_methods(["GET", "HEAD", "POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then revoke: scripts using the token stop working at once. Another's is a 404."""
    owner: User = request.user  # type: ignore[assignment]
    token = access_token_get(owner=owner, pk=pk)
    if token is None:
        raise Http404("No such token")
    if request.method != "POST":
        return render(request, "coach/tokens/revoke.html", {"token": token})
    access_token_revoke(owner=owner, pk=pk)
    messages.success(
        request, f"The token “{token.name}” is revoked. Anything using it stops working now."
    )
    return redirect("tokens")


urlpatterns = [
    path("account/tokens/", tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", token_revoke, name="token_revoke"),
]
