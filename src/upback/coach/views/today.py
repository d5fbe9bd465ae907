"""Today: the plan's routine for the person's own date, what is done, and a big Start button."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from upback.coach.selectors.accounts import local_now
from upback.coach.selectors.plans import done_slugs_on, plan_current
from upback.coach.selectors.progress import progress_get
from upback.coach.views.guards import exercise_allowed
from upback.coach.views.plans import show_minutes
from upback.coach.views.progress import TODAY_LEVELS, advice_items
from upback.core import plan_swap as swapping
from upback.core.labels import DAY_NAMES
from upback.core.library import default_library
from upback.core.vocab import WEEK


@exercise_allowed
def today(request: HttpRequest) -> HttpResponse:
    owner = request.user
    now = local_now(owner=owner)  # type: ignore[arg-type]
    day = WEEK[now.weekday()].value
    context: dict[str, Any] = {
        "local_date": now.date(),  # a date, so templates never shift it to the server's zone
        "day_name": DAY_NAMES[day],
        "plan": None,
        # What the progress says needs doing: the safety check, a professional, a review.
        "advice": advice_items(
            progress_get(owner=owner, series=False),  # type: ignore[arg-type]
            levels=TODAY_LEVELS,
        ),
    }
    stored = plan_current(owner=owner)  # type: ignore[arg-type]
    if stored is None:
        return render(request, "coach/today/today.html", context)
    library = default_library()
    data: dict[str, Any] = stored.data
    if request.care.gentle_only and not stored.gentle_only:  # type: ignore[attr-defined]
        data = swapping.gentle_view(data, library)
    empty: dict[str, Any] = {"day": day, "items": [], "minutes": 0, "strength_day": False}
    routine: dict[str, Any] = next((d for d in data["days"] if d["day"] == day), empty)
    done = done_slugs_on(owner=owner, local_date=now.date())  # type: ignore[arg-type]
    items = [
        {**item, "done": item["slug"] in done, "show_minutes": show_minutes(item)}
        for item in routine["items"]
    ]
    context.update(
        {
            "plan": stored,
            "routine": routine,
            "items": items,
            "done_count": sum(1 for item in items if item["done"]),
            "all_done": bool(items) and all(item["done"] for item in items),
        }
    )
    return render(request, "coach/today/today.html", context)


urlpatterns = [path("today/", today, name="today")]
