"""Printing a page to PDF with WeasyPrint, the same way for every document upback prints.

No network: stylesheets are read from the app's own static folder, pictures and charts are
inline SVG, and any other URL a page might hold is refused. WeasyPrint is imported only when
something is printed, so the pages and commands that never print do not pay for it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parent / "static" / "coach"


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError(f"a printed page does not load anything from outside ({url})")


@cache
def _stylesheet(name: str) -> Any:
    from weasyprint import CSS

    return CSS(string=(STATIC / name).read_text(encoding="utf-8"))


SHARED = "print.css"  # A4, the running header and footer, the body text: see the file


def print_pdf(html: str, stylesheet: str) -> bytes:
    """The page as PDF bytes, styled by the shared print sheet and then its own (by file name)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(STATIC), url_fetcher=_no_fetching)
    pdf: bytes = document.write_pdf(stylesheets=[_stylesheet(SHARED), _stylesheet(stylesheet)])
    return pdf
