"""The home-program handout: the current plan as a printable PDF, one card per exercise.

Behind the same guard as the plan page (it shows exercise): before any safety screen the person
goes to the screen, while it says stop to the stop page, and before a first plan to the profile.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_GET

from upback.coach.handout.build import handout_build
from upback.coach.handout.pdf import handout_pdf
from upback.coach.services.plans import NoPlan, SafetyStop
from upback.coach.views.guards import exercise_allowed


@require_GET
@exercise_allowed
def handout(request: HttpRequest) -> HttpResponse:
    owner: User = request.user  # type: ignore[assignment]
    try:
        built = handout_build(owner=owner)
    except NoPlan:
        return redirect("profile")
    except SafetyStop:  # the screen changed between the guard and here
        return redirect("stop")
    response = HttpResponse(handout_pdf(built), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    # It holds health details: no copy in a shared cache or the browser's.
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("plan/handout.pdf", handout, name="plan_handout"),
]
