"""The two-habit month on Today (its ticks and runs), and small helpers for the habit templates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.contrib.auth.models import User

from upback.coach.selectors.habits import HabitLine, habit_catalogue, habit_status
from upback.coach.views.habits import month_context
from upback.core import habits as core
from upback.core.care import CareState

register = template.Library()


@register.inclusion_tag("coach/habits/_today_widget.html", takes_context=True)
def habit_checkoff(context: template.Context) -> dict[str, Any]:
    """Today's two habits with tick buttons and runs; an invitation when no month is running."""
    request = context.get("request")
    user = getattr(request, "user", None)
    shown: dict[str, Any] = {"csrf_token": context.get("csrf_token"), "status": None}
    if not isinstance(user, User):
        return shown
    care = context.get("care")
    care = care if isinstance(care, CareState) else None
    status = habit_status(owner=user, care=care)
    if status is not None:
        shown.update(month_context(status))
    elif care is None or care.may_exercise:
        offers = habit_catalogue(owner=user, care=care).offers
        shown["suggested"] = [offer for offer in offers if offer.suggested]
    return shown


@register.filter
def progress_words(item: core.HabitProgress) -> str:
    return core.progress_words(item)


@register.filter
def kept_on(line: HabitLine, day: dt.date) -> bool:
    return day in line.progress.kept


@register.simple_tag
def day_state(line: HabitLine, day: dt.date, today: dt.date) -> str:
    """How a day of the grid reads: kept, today (not ticked yet), later, or missed."""
    if day in line.progress.kept:
        return "kept"
    if day == today:
        return "today"
    return "later" if day > today else "missed"
