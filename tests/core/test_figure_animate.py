"""The animation shows exactly one frame at a time for the whole loop, and the strip numbers
its keyframes, with nothing a page's style policy would block."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from upback.core.figure.animate import animation_svg, loop_seconds, strip_svg
from upback.core.figure.motion import Tempo
from upback.core.figure.spec import FigureSpec

SVG = "{http://www.w3.org/2000/svg}"
SPEC = FigureSpec.model_validate(
    {
        "view": "front",
        "keyframes": [
            {"caption": "Stand tall"},
            {"caption": "Reach your left arm up", "angles": {"left_shoulder_abduction": 160}},
            {"caption": "Lean to the right", "hold": "dose", "angles": {"thoracic_side_bend": -15}},
        ],
    }
)
TEMPO = Tempo("hold", hold_seconds=20, per_side=True)


def _timeline(svg: str) -> dict[str, list[tuple[float, bool]]]:
    """Each frame group's id and its (percent, visible) steps, read back from the CSS."""
    style = ET.fromstring(svg).find(f"{SVG}style")
    assert style is not None and style.text
    names = dict(re.findall(r"#([\w-]+)\{animation-name:([\w-]+)\}", style.text))
    rules = dict(re.findall(r"@keyframes ([\w-]+)\{((?:[\d.]+%\{visibility:\w+\})+)\}", style.text))
    out = {}
    for group, rule in names.items():
        steps = re.findall(r"([\d.]+)%\{visibility:(\w+)\}", rules[rule])
        out[group] = [(float(p), v == "visible") for p, v in steps]
    return out


def _visible_at(steps: list[tuple[float, bool]], percent: float) -> bool:
    shown = False  # frames are hidden until their first step
    for at, visible in steps:
        if at <= percent:
            shown = visible
    return shown


def test_exactly_one_frame_is_on_screen_at_every_moment_of_the_loop() -> None:
    timeline = _timeline(animation_svg(SPEC, TEMPO, title="Side reach", desc="A side reach."))
    changes = sorted({at for steps in timeline.values() for at, _ in steps} | {0.0, 100.0})
    moments = [(a + b) / 2 for a, b in itertools.pairwise(changes)]
    assert len(moments) > 20
    for moment in moments:
        showing = [g for g, steps in timeline.items() if _visible_at(steps, moment)]
        assert len(showing) == 1, (moment, showing)


def test_the_loop_lasts_as_long_as_the_holds_and_moves_on_both_sides() -> None:
    svg = animation_svg(SPEC, TEMPO, title="Side reach", desc="A side reach.")
    seconds = float(re.search(r"animation:([\d.]+)s step-end infinite", svg).group(1))  # type: ignore[union-attr]
    assert seconds == pytest.approx(loop_seconds(SPEC, TEMPO), abs=0.01)
    assert 2 * 20 < seconds < 2 * 20 + 10


def test_with_reduced_motion_nothing_moves_and_the_held_keyframe_stays() -> None:
    svg = animation_svg(SPEC, TEMPO, title="Side reach", desc="A side reach.", ident="sr")
    media = re.search(
        r"@media \(prefers-reduced-motion:reduce\)\{(.*)\}$", svg.split("</style>")[0]
    )
    assert media is not None and ".fa{animation:none}" in media.group(1)
    still = re.search(r"#(sr-f\d+)\{visibility:visible\}", media.group(1)).group(1)  # type: ignore[union-attr]
    held = next(e for e in ET.fromstring(svg).iter(f"{SVG}g") if e.get("id") == still)
    assert len(list(held.iter(f"{SVG}line"))) > 10  # a whole figure, not an empty group


def test_the_animation_is_an_accessible_image_with_its_words() -> None:
    root = ET.fromstring(animation_svg(SPEC, TEMPO, title="Side reach", desc="Stand, reach, lean."))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Side reach"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "Stand, reach, lean."  # type: ignore[union-attr]


def test_the_strip_numbers_each_keyframe_and_has_no_style_or_motion() -> None:
    svg = strip_svg(SPEC, title="Side reach", desc="Stand, reach, lean.")
    root = ET.fromstring(svg)
    numbers = [e.text for e in root.iter(f"{SVG}text") if e.get("class") == "f-number"]
    assert numbers == ["1", "2", "3"]
    assert len([e for e in root.iter(f"{SVG}g") if e.get("class") == "f-panel"]) == 3
    assert "<style" not in svg and "style=" not in svg and "animation" not in svg


def test_the_strip_stands_every_panel_on_one_floor_left_to_right() -> None:
    root = ET.fromstring(strip_svg(SPEC, title="Side reach", desc="x"))
    shifts = [
        float(re.match(r"translate\(([-\d.]+) 0\)", e.get("transform") or "").group(1))  # type: ignore[union-attr]
        for e in root.iter(f"{SVG}g")
        if e.get("class") == "f-panel"
    ]
    assert shifts == sorted(shifts) and len(set(shifts)) == 3
    floors = [e for e in root.iter(f"{SVG}line") if e.get("class") == "f-floor"]
    assert len(floors) == 1 and floors[0].get("y1") == floors[0].get("y2") == "0"
