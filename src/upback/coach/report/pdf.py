"""The clinician report as a PDF: the report template rendered by Django, printed by WeasyPrint.

No network: the stylesheet is read from the app's own static folder, the charts are inline SVG,
and any other URL the HTML might hold is refused.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from upback.coach.report.build import Report

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "coach" / "report.css"


def report_html(report: Report) -> str:
    return render_to_string("coach/report/report.html", {"r": report})


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"the report does not load anything from outside ({url})")


@cache
def _stylesheet() -> Any:
    from weasyprint import CSS

    return CSS(string=STYLESHEET.read_text(encoding="utf-8"))


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4)."""
    from weasyprint import HTML

    document = HTML(
        string=report_html(report), base_url=str(STYLESHEET.parent), url_fetcher=_no_fetching
    )
    pdf: bytes = document.write_pdf(stylesheets=[_stylesheet()])
    return pdf
