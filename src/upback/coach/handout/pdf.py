"""The home-program handout as a PDF: its template rendered by Django, printed by WeasyPrint.

As the clinician report: no network (the stylesheet is read from the app's own static folder,
the pictures are inline SVG, and any other URL is refused), and WeasyPrint is imported only when
a handout is printed, so the pages and commands that never print one do not pay for it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from upback.coach.handout.build import Handout

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "coach" / "handout.css"


def handout_html(handout: Handout) -> str:
    return render_to_string("coach/handout/handout.html", {"h": handout})


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"the handout does not load anything from outside ({url})")


@cache
def _stylesheet() -> Any:
    from weasyprint import CSS

    return CSS(string=STYLESHEET.read_text(encoding="utf-8"))


def handout_pdf(handout: Handout) -> bytes:
    """The handout as PDF bytes (A4, portrait)."""
    from weasyprint import HTML

    document = HTML(
        string=handout_html(handout), base_url=str(STYLESHEET.parent), url_fetcher=_no_fetching
    )
    pdf: bytes = document.write_pdf(stylesheets=[_stylesheet()])
    return pdf
