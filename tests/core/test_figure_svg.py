"""One posed frame as an SVG: an accessible picture, fitted to the figure and its props."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from upback.core.figure import VIEWS, Chair, Doorway, Floor, Pose, View, both, figure_svg

SVG = "{http://www.w3.org/2000/svg}"
SEATED = Pose(height=53, angles=both(hip_flexion=90, knee_flexion=90, ankle_dorsiflexion=-10))


def _root(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _view_box(root: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in (root.get("viewBox") or "").split())
    return x, y, x + w, y + h


def test_it_is_one_labelled_image_with_a_title_and_a_description() -> None:
    root = _root(figure_svg(Pose(), title="Standing tall", desc="A person stands at ease."))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "figure-title figure-desc"
    assert root.find(f"{SVG}title").text == "Standing tall"
    assert root.find(f"{SVG}desc").text == "A person stands at ease."


@pytest.mark.parametrize("view", VIEWS)
def test_the_picture_is_fitted_to_the_figure_and_the_chair(view: View) -> None:
    root = _root(figure_svg(SEATED, [Floor(), Chair(x=9)], view=view))
    x0, y0, x1, y1 = _view_box(root)
    width, height = x1 - x0, y1 - y0
    assert 60 < width < 200 and 60 < height < 200  # a sitting person and a chair, not a room
    for circle in root.iter(f"{SVG}circle"):
        assert x0 < float(circle.get("cx") or 0) < x1 and y0 < float(circle.get("cy") or 0) < y1


def test_the_body_is_drawn_with_round_caps_and_the_head_as_a_disc() -> None:
    root = _root(figure_svg(Pose()))
    body = [e for e in root.iter() if "f-body" in (e.get("class") or "")]
    lines = [e for e in body if e.tag == f"{SVG}line"]
    discs = [e for e in body if e.tag == f"{SVG}circle"]
    assert len(lines) == 18 and all(e.get("stroke-linecap") == "round" for e in lines)
    assert len(discs) == 1 and float(discs[0].get("r") or 0) == pytest.approx(10.5)
    assert len({e.get("stroke") or e.get("fill") for e in body}) == 1  # one colour


def test_standing_upright_the_head_is_drawn_at_the_top_of_the_side_view() -> None:
    root = _root(figure_svg(Pose()))
    head = next(e for e in root.iter(f"{SVG}circle") if "f-body" in (e.get("class") or ""))
    lowest_line = max(
        float(e.get("y1") or 0) for e in root.iter(f"{SVG}line") if e.get("class") == "f-body"
    )
    assert float(head.get("cy") or 0) < -150 < lowest_line  # SVG's y grows downwards


def test_props_have_a_light_fill_and_the_floor_shows_except_from_above() -> None:
    svg = figure_svg(SEATED, [Floor(), Chair(x=9)])
    props = [e for e in _root(svg).iter() if e.get("class") == "f-prop" and e.get("fill")]
    assert props and all(e.get("fill") == "#e3efeb" for e in props if e.tag == f"{SVG}rect")
    assert 'class="f-floor"' in svg
    assert 'class="f-floor"' not in figure_svg(SEATED, [Floor(), Chair(x=9)], view="top")
    assert "style=" not in svg


def test_the_near_side_of_a_doorway_is_cut_away_so_it_never_hides_the_person() -> None:
    def rects(view: View) -> int:
        root = _root(figure_svg(Pose(), [Doorway(x=-6)], view=view))
        return sum(1 for e in root.iter(f"{SVG}rect") if e.get("class") == "f-prop")

    assert rects("side") == 2  # the far side and the lintel; the near side would hide the person
    assert rects("top") == 2  # both sides; the lintel is above the head
    assert rects("front") == 3  # seen from the front the whole frame is behind
