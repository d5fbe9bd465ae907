"""The clinician report as a PDF: the report template rendered by Django, printed by WeasyPrint
(see `upback.coach.printing`: no network, the charts are inline SVG)."""

from __future__ import annotations

from django.template.loader import render_to_string

from upback.coach.printing import print_pdf
from upback.coach.report.build import Report


def report_html(report: Report) -> str:
    return render_to_string("coach/report/report.html", {"r": report})


def report_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4)."""
    return print_pdf(report_html(report), "report.css")
