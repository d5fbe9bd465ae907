"""The plan's history: every version, newest first, with what changed and the rule behind it.

So a person, or their therapist, can see why the plan is what it is. It names exercises and
doses, so like every page that shows exercise it is behind `exercise_allowed`.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET

from upback.coach.selectors.adaptation import plan_history as history_get
from upback.coach.views.guards import exercise_allowed


def _owner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware: only signed-in people get here
    return user


@require_GET
@exercise_allowed
def plan_history(request: HttpRequest) -> HttpResponse:
    found = history_get(owner=_owner(request), page=request.GET.get("page", 1))
    if not found.versions:
        return redirect("profile")
    return render(
        request,
        "coach/plan_history/history.html",
        {"versions": found.versions, "page": found.page},
    )


urlpatterns = [
    path("plan/history/", plan_history, name="plan_history"),
]
