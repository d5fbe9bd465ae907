"""The side-view diagram: accessible, drawn from the numbers, and safe under a strict CSP."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from upback.core.desk import calculate
from upback.core.desk_diagram import desk_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_it_is_one_labelled_image_with_a_title_and_a_description() -> None:
    root = ET.fromstring(desk_svg(calculate(height_cm=170)))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "desk-diagram-title desk-diagram-desc"
    assert root.find(f"{SVG}title").text == "Your set-up from the side, to scale"
    desc = root.find(f"{SVG}desc").text
    assert "seat 45.1 cm" in desc and "desk at 69.5 cm" in desc


def test_it_shows_each_figure_and_never_uses_inline_style() -> None:
    svg = desk_svg(calculate(height_cm=170))
    labels = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert {"45.1 cm", "69.5 cm", "122.8 cm", "99–105 cm"} <= set(labels)
    assert "Screen 50–75 cm away" in labels
    assert "style=" not in svg


def test_it_is_drawn_to_scale_so_the_desk_keeps_its_share_of_eye_height() -> None:
    def desk_line_y(height: float) -> float:
        root = ET.fromstring(desk_svg(calculate(height_cm=height)))
        lines = [line for line in root.iter(f"{SVG}line") if line.get("class") == "d-furniture"]
        return float(lines[0].get("y1") or 0)

    # Drawn to the eye height's scale, so the desk sits at the same share of it.
    assert abs(desk_line_y(150) - desk_line_y(190)) < 5
