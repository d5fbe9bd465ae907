"""The calendar page (routine time, the .ics download, the private link) and the feed itself.

The feed is the one page here that needs no login: its secret token is the key. It answers an
unknown and a turned-off token the same way, sets no cookie, and lets calendars cache it a
little. While a red flag is active the feed and the download hold no exercise at all (the core
decides); the page still lets a person turn their link off.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from upback.coach.selectors.accounts import time_zone_get
from upback.coach.selectors.calendar import (
    calendar_feed_by_token,
    calendar_feed_get,
    calendar_inputs,
    routine_time_get,
)
from upback.coach.selectors.plans import plan_current
from upback.coach.services.calendar import (
    account_routine_time_set,
    calendar_feed_create,
    calendar_feed_revoke,
    calendar_feed_used,
)
from upback.core.calendar_feed import Links, calendar_ics, plan_events, when_words

CONTENT_TYPE = "text/calendar; charset=utf-8"
FEED_CACHE = "private, max-age=900"
TIME_MESSAGE = "Please give the routine time as hours and minutes, for example 07:30."
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


class RoutineTimeForm(forms.Form):
    routine_time = forms.TimeField(
        label="Routine time",
        required=False,
        input_formats=["%H:%M", "%H:%M:%S", "%H.%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": TIME_MESSAGE},
    )

    def show_as_typed(self) -> None:
        """After a refusal, a plain text box: a time box would blank what the person typed."""
        widget = self.fields["routine_time"].widget
        widget.input_type = "text"
        widget.attrs.update({"type": "text", "placeholder": "07:30", "autocomplete": "off"})


def _links(request: HttpRequest) -> Links:
    return Links(
        today=request.build_absolute_uri(reverse("today")),
        review=request.build_absolute_uri(reverse("review")),
        screen=request.build_absolute_uri(reverse("screen_start")),
    )


def _events(request: HttpRequest, owner: User) -> list[dict[str, Any]]:
    inputs = calendar_inputs(owner=owner, links=_links(request))
    return [{"event": event, "when": when_words(event)} for event in plan_events(inputs)]


def _page(
    request: HttpRequest,
    form: RoutineTimeForm | None = None,
    *,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    owner: User = request.user  # type: ignore[assignment]
    routine_time = routine_time_get(owner=owner)
    if form is None:
        form = RoutineTimeForm(initial={"routine_time": routine_time})
    form.fields["routine_time"].help_text = (
        f"In your time zone ({time_zone_get(owner=owner).key}). Leave it empty to keep the "
        "routine out of your calendar."
    )
    events = _events(request, owner)
    context: dict[str, Any] = {
        "form": form,
        "routine_time": routine_time,
        "events": events,
        "kinds": {row["event"].kind for row in events},
        "has_plan": plan_current(owner=owner) is not None,
        "feed": calendar_feed_get(owner=owner),
        "local_only": request.get_host().rsplit(":", 1)[0] in LOCAL_HOSTS,
        **extra,
    }
    return render(request, "coach/calendar/calendar.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def calendar_page(request: HttpRequest) -> HttpResponse:
    """The page; a POST saves the routine time (a bad one is a 400 with the input kept)."""
    if request.method != "POST":
        return _page(request)
    form = RoutineTimeForm(request.POST)
    if not form.is_valid():
        form.show_as_typed()
        return _page(request, form, status=400)
    chosen: dt.time | None = form.cleaned_data["routine_time"]
    account_routine_time_set(owner=request.user, routine_time=chosen)  # type: ignore[arg-type]
    if chosen is None:
        messages.success(request, "Saved: your calendar will have no routine in it.")
    else:
        messages.success(request, f"Saved: your routine is at {chosen:%H:%M} each day.")
    return redirect("calendar")


@require_POST
@never_cache  # the page holds the new secret: no cache, and no copy in the browser's history
def calendar_link_make(request: HttpRequest) -> HttpResponse:
    token = calendar_feed_create(owner=request.user)  # type: ignore[arg-type]
    url = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
    webcal = "webcal://" + url.split("://", 1)[1]
    return _page(request, new_link={"url": url, "webcal": webcal})


@require_POST
def calendar_link_revoke(request: HttpRequest) -> HttpResponse:
    turned_off = calendar_feed_revoke(owner=request.user)  # type: ignore[arg-type]
    return _page(request, revoked=turned_off)


@require_safe
def calendar_download(request: HttpRequest) -> HttpResponse:
    owner: User = request.user  # type: ignore[assignment]
    body = calendar_ics(calendar_inputs(owner=owner, links=_links(request)))
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="upback.ics"'
    response["Cache-Control"] = "private, no-cache"
    return response


@login_not_required
@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription: the owner of the token's calendar, or the same 404 for any other."""
    feed = calendar_feed_by_token(token=token)
    if feed is None:
        return HttpResponseNotFound(
            "This calendar link is not active.", content_type="text/plain; charset=utf-8"
        )
    calendar_feed_used(feed=feed)
    body = calendar_ics(calendar_inputs(owner=feed.owner, links=_links(request)))
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Cache-Control"] = FEED_CACHE
    response["Content-Disposition"] = 'inline; filename="upback.ics"'
    return response


urlpatterns = [
    path("calendar/", calendar_page, name="calendar"),
    path("calendar/link/", calendar_link_make, name="calendar_link_make"),
    path("calendar/link/off/", calendar_link_revoke, name="calendar_link_revoke"),
    path("calendar/upback.ics", calendar_download, name="calendar_download"),
    path("calendar/feed/<str:token>.ics", calendar_feed, name="calendar_feed"),
]
