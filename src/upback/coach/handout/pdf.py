"""The home-program handout as a PDF: its template rendered by Django, printed by WeasyPrint
(see `upback.coach.printing`: no network, the pictures are inline SVG)."""

from __future__ import annotations

from django.template.loader import render_to_string

from upback.coach.handout.build import Handout
from upback.coach.printing import print_pdf


def handout_html(handout: Handout) -> str:
    return render_to_string("coach/handout/handout.html", {"h": handout})


def handout_pdf(handout: Handout) -> bytes:
    """The handout as PDF bytes (A4, portrait)."""
    return print_pdf(handout_html(handout), "handout.css")
