"""Progress: the verdict in words, the figures, and three charts (each with a text summary and
its numbers behind a toggle), over 2 weeks, 6 weeks or everything.

Shown even while exercise is paused: it shows no exercise, and the stop banner stays on top.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.breaks import BreakSummary, break_summary
from upback.coach.selectors.progress import progress_get
from upback.core.charts import (
    adherence_chart_svg,
    adherence_summary,
    pain_chart_svg,
    pain_summary,
    relief_chart_svg,
    relief_summary,
)
from upback.core.progress import VERDICT_LABELS, Advice, Progress, verdict_sentence
from upback.core.review import NEXT_STEPS

# ?range= value → (days shown, words); DEFAULT_RANGE when none is given.
RANGES: dict[str, tuple[int | None, str]] = {
    "6w": (42, "6 weeks"),
    "2w": (14, "2 weeks"),
    "all": (None, "All"),
}
DEFAULT_RANGE = "6w"
WIDE = (640, 240)
NARROW = (340, 240)
RANGE_ORDER = ("2w", "6w", "all")
LEVEL_TITLES = {
    "safety": "Take the safety check again",
    "refer": "Time to see a professional",
    "review": "Time to look at your plan",
    "info": "Good to know",
}
ADVICE_TITLES = {
    "worsening": "Please take the safety check again",
    "see_professional": "Time to see a professional",
    "review_at_2_weeks": "Time to look at your plan",
    "review_due": "Time for your 4-6-week review",
    "low_baseline": "Good to know",
}
REVIEW_DUE = Advice(
    code="review_due",
    level="review",
    text="It has been a few weeks: time for a short review of how things are going.",
)
TODAY_LEVELS = ("safety", "refer", "review")  # Today shows what needs doing, not the notes
LEVEL_ORDER = {"safety": 0, "refer": 1, "review": 2, "info": 3}
TENTH = Decimal("0.1")


def advice_items(
    progress: Progress, *, levels: tuple[str, ...] | None = None
) -> list[tuple[Advice, str]]:
    """The progress advice with a title each, safety first; `levels` keeps only those levels."""
    found = list(progress.advice)
    if progress.review_due and not any(a.code == "review_due" for a in found):
        found.append(REVIEW_DUE)
    kept = [a for a in found if levels is None or a.level in levels]
    kept.sort(key=lambda a: LEVEL_ORDER.get(a.level, 9))
    return [(a, ADVICE_TITLES.get(a.code, LEVEL_TITLES.get(a.level, ""))) for a in kept]


def _number(value: float | None, digits: int = 1) -> str | None:
    if value is None:
        return None
    text = f"{value:.{digits}f}"
    return text[:-2] if text.endswith(".0") else text


def figures(progress: Progress) -> dict[str, Any]:
    """Baseline, now and the change, as words a person reads: 'down 2.5 points (38%)'."""
    change: str | None = None
    direction = "same"
    if progress.change_points is not None:
        points = _number(abs(progress.change_points))
        if points != "0":  # less than a twentieth of a point is no change
            direction = "down" if progress.change_points < 0 else "up"
        change = (
            "no change"
            if direction == "same"
            else f"{direction} {points} point{'s' if points != '1' else ''}"
        )
        if progress.change_percent is not None and direction != "same":
            change += f" ({_number(abs(progress.change_percent), 0)}%)"
    return {
        "baseline": _number(progress.baseline),
        "now": _number(progress.current_7day),
        "change": change,
        "direction": direction,
        "adherence": None if progress.adherence is None else round(progress.adherence * 100),
    }


def verdict_words(progress: Progress) -> dict[str, str]:
    """The verdict as a headline, what it means and what to do next."""
    return {
        "code": progress.verdict,
        "label": VERDICT_LABELS[progress.verdict],
        "meaning": verdict_sentence(progress),
        "next": NEXT_STEPS[progress.verdict],
    }


ChartFn = Callable[..., str]
_CHART_ID = re.compile(r'id="(chart-[a-z]+-[0-9a-f]+)-title"')


def chart(draw: ChartFn, progress: Progress, title: str) -> str:
    """A chart drawn twice, wide and narrow; the stylesheet shows the one that fits the screen
    (the hidden one is display: none, so it is hidden from screen readers too)."""
    wide = draw(progress, title=title, width=WIDE[0], height=WIDE[1])
    narrow = draw(progress, title=title, width=NARROW[0], height=NARROW[1])
    found = _CHART_ID.search(narrow)
    if found:  # the same title gives the same ids: keep them unique on the page
        narrow = narrow.replace(found.group(1), f"{found.group(1)}-narrow")
    # Built by core.charts from numbers and escaped words only: safe to put in the page.
    return mark_safe(
        f'<div class="chart-wide">{wide}</div><div class="chart-narrow">{narrow}</div>'
    )


def table_number(value: float, *, whole_as_integer: bool) -> str:
    """`value|floatformat:1` (or `floatformat:"-1"` with whole_as_integer) without the template
    filter: a table of years of days calls it thousands of times. Same rounding (half up, on
    the shortest decimal form of the float), same text, for the 0-10 values shown here."""
    exact = Decimal(str(value))
    if whole_as_integer and exact == int(exact):
        return str(int(exact))
    rounded = exact.quantize(TENTH, ROUND_HALF_UP)
    return str(rounded if rounded else abs(rounded))  # "0.0", never "-0.0", as floatformat


class DayWords:
    """`day|date:"D j M Y"` ("Mon 2 Mar 2026") without the template filter, in the active
    language's abbreviations (read once per page, not once per row)."""

    def __init__(self) -> None:
        self.weekdays = {number: str(name) for number, name in WEEKDAYS_ABBR.items()}
        self.months = {number: str(name).title() for number, name in MONTHS_3.items()}

    def __call__(self, day: dt.date) -> str:
        return f"{self.weekdays[day.weekday()]} {day.day} {self.months[day.month]} {day.year:04d}"


def table_rows(progress: Progress) -> dict[str, list[tuple[Any, ...]]]:
    """The numbers behind the three charts, newest first and already in words."""
    day_words = DayWords()
    pain = [
        (
            day_words(point.day),
            None if point.value is None else table_number(point.value, whole_as_integer=True),
            None if mean.value is None else table_number(mean.value, whole_as_integer=False),
        )
        for point, mean in zip(progress.daily, progress.rolling_7day, strict=False)
    ]
    relief = [(day_words(day), points) for day, points in progress.relief.per_session]
    weeks = [(day_words(week.week_start), week.done, week.planned) for week in progress.weeks]
    return {"pain_rows": pain[::-1], "relief_rows": relief[::-1], "week_rows": weeks[::-1]}


def break_rows(summary: BreakSummary) -> list[dict[str, Any]]:
    """The week of movement breaks, a row a day, with the share taken as a bar (0-100)."""
    rows = []
    for day in summary.days:
        scale = max(day.planned, day.taken)
        rows.append(
            {
                "day": day.day,
                "taken": day.taken,
                "snoozed": day.snoozed,
                "skipped": day.skipped,
                "planned": day.planned,
                "bar": round(100 * day.taken / scale) if scale else None,
            }
        )
    return rows


def break_section(owner: User) -> dict[str, Any]:
    """Movement breaks over the last 7 days, for the section at the foot of the page."""
    summary = break_summary(owner=owner, last_day=local_today(owner=owner))
    share = summary.share_taken
    return {
        "summary": summary,
        "rows": break_rows(summary),
        "share": None if share is None else round(share * 100),
        "recorded": bool(summary.taken or summary.snoozed or summary.skipped),
    }


def _owner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware: only signed-in people get here
    return user


@require_http_methods(["GET"])
def progress(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    chosen = request.GET.get("range", DEFAULT_RANGE)
    unknown = chosen not in RANGES
    if unknown:
        chosen = DEFAULT_RANGE
    days, words = RANGES[chosen]
    found = progress_get(owner=owner, days=days)
    span = "all your check-ins" if days is None else f"the last {words}"
    context: dict[str, Any] = {
        "progress": found,
        "empty": found.days_tracked == 0,
        "range": chosen,
        "range_words": words,
        "span": span,
        "unknown_range": unknown,
        "ranges": [(key, RANGES[key][1]) for key in RANGE_ORDER],
        "verdict": verdict_words(found),
        "advice": advice_items(found),
        "figures": figures(found),
        "pain_svg": chart(pain_chart_svg, found, f"Daily pain over {span}"),
        "relief_svg": chart(relief_chart_svg, found, f"Pain before and after sessions, {span}"),
        "adherence_svg": chart(
            adherence_chart_svg, found, f"Sessions per week against your plan, {span}"
        ),
        "pain_summary": pain_summary(found),
        "relief_summary": relief_summary(found),
        "adherence_summary": adherence_summary(found),
        **table_rows(found),
        "breaks": break_section(owner),
    }
    return render(request, "coach/progress/progress.html", context, status=400 if unknown else 200)


urlpatterns = [path("progress/", progress, name="progress")]
