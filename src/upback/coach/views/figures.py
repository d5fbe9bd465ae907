"""A technique's pictures as images of their own: the moving figure and the numbered strip.

The moving picture animates with CSS inside the SVG, and the site's CSP forbids inline style on
pages, so it is served as its own resource (`<img src=...>`) with a policy of its own that allows
only that style. The pictures show exercise, so they sit behind the same guards as the
technique's page: no picture for someone who has been told to stop, and none of a technique that
the gentle-only state holds back.

The moving picture draws every frame of the loop, a few hundred kB of very repetitive text, so
both pictures are sent gzipped to browsers that accept it (about twentyfold smaller); they hold
no secret for compression to leak.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from typing import Any, cast

from csp.decorators import csp
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from upback.coach.views.guards import View, exercise_allowed
from upback.core.care import CareState
from upback.core.exercise_figure import (
    animation_svg,
    captions,
    figure_text,
    has_figure,
    sides_note,
    strip_svg,
)
from upback.core.library import Technique, default_library

SVG = "image/svg+xml"
# Nothing may load, run or be embedded; only the picture's own <style> applies.
PICTURE_POLICY = {"default-src": ["'none'"], "style-src": ["'unsafe-inline'"]}
# The pictures change only with a release; a day's caching spares every page view a fetch,
# and the ETag makes the next check a 304. Private: they sit behind sign-in.
MAX_AGE = 24 * 60 * 60

# django-csp types its decorators for views that take only the request; these take a slug too.
picture_policy = cast(Callable[[Callable[..., HttpResponseBase]], View], csp(PICTURE_POLICY))


@cache
def _picture(slug: str, which: str) -> tuple[str, str]:
    """The picture's SVG and its ETag, drawn once per process: the content is fixed per release."""
    technique = default_library().techniques[slug]
    svg = animation_svg(technique) if which == "moving" else strip_svg(technique)
    return svg, '"' + hashlib.sha256(svg.encode()).hexdigest()[:32] + '"'


def _may_show(technique: Technique, care: CareState) -> bool:
    """A picture exists, exercise is allowed, and the gentle-only state does not hold it back.

    The routes already sit behind `exercise_allowed`; asking again here keeps a page that
    forgets the guard from showing a picture to someone who has been told to stop.
    """
    held_back = care.gentle_only and not technique.suitability.flare_ok
    return care.may_exercise and has_figure(technique) and not held_back


def _shown(request: HttpRequest, slug: str) -> Technique:
    """The technique whose picture may be shown to this person, or a 404."""
    technique = default_library().techniques.get(slug)
    if technique is None or not _may_show(technique, request.care):  # type: ignore[attr-defined]
        raise Http404("No picture for that technique.")
    return technique


def _picture_response(request: HttpRequest, slug: str, which: str) -> HttpResponseBase:
    svg, etag = _picture(_shown(request, slug).slug, which)
    response = get_conditional_response(request, etag=etag) or HttpResponse(svg, content_type=SVG)
    response["ETag"] = etag
    patch_cache_control(response, private=True, max_age=MAX_AGE)
    return response


@exercise_allowed
@require_safe
@gzip_page
@picture_policy
def moving_svg(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The movement, looping at the dose's tempo (still, under reduced motion)."""
    return _picture_response(request, slug, "moving")


@exercise_allowed
@require_safe
@gzip_page
@picture_policy
def steps_svg(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The keyframes side by side, numbered: the picture for reduced motion."""
    return _picture_response(request, slug, "steps")


def figure_context(technique: Technique, care: CareState) -> dict[str, Any] | None:
    """What a page needs to show a technique's pictures, or None when there is none to show."""
    if not _may_show(technique, care):
        return None
    return {
        "moving_url": reverse("library_moving", args=[technique.slug]),
        "steps_url": reverse("library_steps", args=[technique.slug]),
        "text": figure_text(technique),
        "strip": _picture(technique.slug, "steps")[0],
        "captions": captions(technique),
        "sides_note": sides_note(technique),
    }
