"""A technique's picture in the terminal: an SVG file a browser opens, and a link to it.

A terminal cannot play the animation, so `upback library SLUG` and `upback session` save it
under the data directory (`figures/<slug>.svg`) and print its address as a link that terminals
which understand links open with a click. The file is rewritten only when the picture changed
(a new release), so showing a technique again leaves it alone.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from upback.core.exercise_figure import (
    KINDS_WITHOUT_FIGURES,
    animation_svg,
    has_figure,
    strip_svg,
)
from upback.core.library import Technique
from upback.site.paths import data_dir


def write_if_changed(path: Path, text: str) -> bool:
    """Write `text` to `path` unless it already holds exactly that; True when it wrote."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    path.write_text(text, encoding="utf-8")
    return True


def figures_dir() -> Path:
    return data_dir() / "figures"


def saved_figure(technique: Technique) -> Path | None:
    """The technique's moving picture as a file in the data directory; None when it has none.

    Returns None too when the file cannot be written (a full or read-only disk): the picture
    is a help, not a reason for a command to fail.
    """
    if not has_figure(technique):
        return None
    path = figures_dir() / f"{technique.slug}.svg"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(path, animation_svg(technique))
    except OSError:
        return None
    return path


def picture_line(path: Path, *, indent: str = "") -> Text:
    """'Picture: file:///…/cat_cow.svg  (opens in a browser)', the address a clickable link."""
    uri = path.resolve().as_uri()
    return Text.assemble(
        (f"{indent}Picture: ", "bold"),
        (uri, f"link {uri}"),
        ("  (opens in a browser)", "dim"),
    )


def no_figure_reason(technique: Technique) -> str:
    """Why a technique has no picture, for a person who asked to save one."""
    if technique.kind in KINDS_WITHOUT_FIGURES:
        return f"'{technique.slug}' has no picture: there is no movement to draw"
    return f"'{technique.slug}' has no picture yet"


def picture_svg(technique: Technique, *, strip: bool) -> str:
    """The moving picture, or the still strip of numbered steps."""
    return strip_svg(technique) if strip else animation_svg(technique)
