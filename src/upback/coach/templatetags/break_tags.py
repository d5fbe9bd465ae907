"""The break timer's widget on Today: the next break, breaks taken today, the way to the timer."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

from upback.coach.views.breaks import timer_view

register = template.Library()


@register.inclusion_tag("coach/breaks/_widget.html", takes_context=True)
def break_widget(context: dict[str, Any]) -> dict[str, Any]:
    request: HttpRequest | None = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"timer": None}
    timer = timer_view(request)
    return {"timer": timer, "coming": timer.coming, "words": timer.words}
