"""The toolkit: one page that leads to every everyday tool beyond the exercises.

The desk tools (break timer, workstation check and calculator), the two-habit month, the heat
or cold and sleep helpers, the calendar, and the advice topics. Each tool is its own views
module; this page only lists them, so the main navigation stays short on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse


@dataclass(frozen=True)
class Tool:
    url_name: str
    title: str
    summary: str


GROUPS: tuple[tuple[str, tuple[Tool, ...]], ...] = (
    (
        "At your desk",
        (
            Tool(
                "breaks",
                "Break timer",
                "A gentle nudge to move every 30 minutes or so, with a one-minute routine.",
            ),
            Tool(
                "desk_check",
                "Check your workstation",
                "Ten quick questions, a score, and the fixes that matter most first.",
            ),
            Tool(
                "desk_calc",
                "Desk calculator",
                "Chair, desk and screen heights worked out from your height.",
            ),
        ),
    ),
    (
        "Every day",
        (
            Tool(
                "habits",
                "Two habits for a month",
                "Pick two small habits, tick them off each day and watch the streak.",
            ),
            Tool(
                "heat_cold",
                "Heat or cold?",
                "A few questions, then which to use, for how long, and how to stay safe.",
            ),
            Tool(
                "sleep",
                "Sleep and your back",
                "Pillow, mattress and position tips for the way you sleep.",
            ),
            Tool(
                "calendar",
                "Your calendar",
                "Your routine, strength days, habits and reviews in the calendar you already use.",
            ),
        ),
    ),
    (
        "Read",
        (
            Tool(
                "advice",
                "Advice",
                "Desk set-up, habits, sleep, heat and cold, common mistakes, and when to get help.",
            ),
        ),
    ),
)

URL_NAMES = frozenset(tool.url_name for _, tools in GROUPS for tool in tools) | {
    "toolkit",
    "advice_topic",
    "break_settings",
    "break_routine",
    "desk_neck",
}
"""Pages that count as the toolkit in the main navigation."""


def _links(tools: tuple[Tool, ...]) -> list[tuple[Tool, str]]:
    links = []
    for tool in tools:
        try:
            links.append((tool, reverse(tool.url_name)))
        except NoReverseMatch:  # a tool this install does not have
            continue
    return links


def toolkit(request: HttpRequest) -> HttpResponse:
    groups = [(title, links) for title, tools in GROUPS if (links := _links(tools))]
    return render(request, "coach/toolkit/toolkit.html", {"groups": groups})


urlpatterns = [path("toolkit/", toolkit, name="toolkit")]
