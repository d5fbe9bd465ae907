"""One posed frame as a static SVG: friendly line art to look at poses while authoring them.

Pure: a pose and props in, an SVG string out. The body is a pictogram of round-capped strokes
in one colour with the head as a disc; each limb is cut out from what lies behind it by a thin
halo in the background colour, and the limbs on the far side are drawn fainter, so crossed arms
and legs still read. Props are outlined in the same colour with a light fill. Props that stand
wholly between the viewer and the figure (the near side of a doorway, a lintel seen from above)
are cut away, as in an architect's section. Like `desk_diagram`, colours are presentation
attributes (no ``style=""``) and parts carry classes (``f-body``, ``f-far``, ``f-halo``,
``f-prop``, ``f-band``, ``f-floor``) for a stylesheet to restyle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from upback.core.figure.geometry import Vec3
from upback.core.figure.kinematics import (
    Body,
    Segment,
    View,
    nearness,
    pose_bones,
    project,
    project_body,
)
from upback.core.figure.props import Ball, Box, Cord, Cylinder, Prop, Rod, Shape
from upback.core.figure.skeleton import Pose

INK = "#0d6b5e"
PROP_FILL = "#e3efeb"
PAPER = "#ffffff"
HALO = 2.0  # cm of background around each limb
PROP_LINE = 1.2  # cm
FAR_OPACITY = 0.45
MARGIN = 12.0  # cm around everything drawn
_DEPTH_AXIS = {"side": 1, "front": 0, "top": 2}
_AXIS_INDEX = {"x": 0, "y": 1, "z": 2}
_CHAIN_OF = {
    "upper_arm": "arm",
    "forearm": "arm",
    "hand": "arm",
    "thigh": "leg",
    "shin": "leg",
    "foot": "leg",
}


@dataclass(frozen=True)
class _Item:
    near: float
    svg: str
    box: tuple[float, float, float, float]  # u0, v0, u1, v1 for the viewBox


def _chain(name: str) -> str:
    side, _, part = name.partition("_")
    return f"{side}_{_CHAIN_OF[part]}" if part in _CHAIN_OF else "torso"


def _stroke(seg: Segment, colour: str, extra: float, cls: str, opacity: str) -> str:
    (x1, y1), (x2, y2) = (seg.start[0], -seg.start[1]), (seg.end[0], -seg.end[1])
    width = seg.thickness + extra
    if seg.shape == "ball":
        return (
            f'<circle class="{cls}" cx="{x2:.1f}" cy="{y2:.1f}" r="{width / 2:.1f}" '
            f'fill="{colour}"{opacity}/>'
        )
    return (
        f'<line class="{cls}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="{width:.1f}" stroke-linecap="round"{opacity}/>'
    )


def _body_items(body: Body, view: View) -> list[_Item]:
    segments = project_body(body, view)
    chains: dict[str, list[Segment]] = {}
    for seg in segments:
        chains.setdefault(_chain(seg.name), []).append(seg)
    centre = next(s.near for s in segments if s.name == "pelvis")
    items = []
    for name, members in chains.items():
        near = sum(s.near for s in members) / len(members)
        far = name != "torso" and near < centre - 6
        cls = "f-body f-far" if far else "f-body"
        opacity = f' opacity="{FAR_OPACITY}"' if far else ""
        halos = [_stroke(s, PAPER, 2 * HALO, "f-halo", "") for s in members]
        inks = [_stroke(s, INK, 0, cls, opacity) for s in members]
        items.append(_Item(near, "".join(halos + inks), _bounds_of(members)))
    return items


def _bounds_of(segments: Sequence[Segment]) -> tuple[float, float, float, float]:
    us, vs = [], []
    for s in segments:
        r = s.thickness / 2 + HALO
        ends = (s.end,) if s.shape == "ball" else (s.start, s.end)
        for u, v in ends:
            us += [u - r, u + r]
            vs += [v - r, v + r]
    return (min(us), min(vs), max(us), max(vs))


def _prop_svg(shape: Shape, view: View) -> tuple[str, tuple[float, float, float, float]] | None:
    line = f'stroke="{INK}" stroke-width="{PROP_LINE}" stroke-linejoin="round"'
    if isinstance(shape, Box | Cylinder) and not (
        isinstance(shape, Cylinder) and _AXIS_INDEX[shape.axis] == _DEPTH_AXIS[view]
    ):
        if isinstance(shape, Box):
            corners = [project(shape.lo, view), project(shape.hi, view)]
        else:
            i = _AXIS_INDEX[shape.axis]
            lo = [c - shape.radius for c in shape.centre]
            hi = [c + shape.radius for c in shape.centre]
            lo[i], hi[i] = shape.centre[i] - shape.length / 2, shape.centre[i] + shape.length / 2
            corners = [project((lo[0], lo[1], lo[2]), view), project((hi[0], hi[1], hi[2]), view)]
        u0, u1 = sorted(c[0] for c in corners)
        v0, v1 = sorted(c[1] for c in corners)
        svg = (
            f'<rect class="f-prop" x="{u0:.1f}" y="{-v1:.1f}" width="{u1 - u0:.1f}" '
            f'height="{v1 - v0:.1f}" rx="1" fill="{PROP_FILL}" {line}/>'
        )
        return svg, (u0, v0, u1, v1)
    if isinstance(shape, Ball | Cylinder):
        (u, v), r = project(shape.centre, view), shape.radius
        svg = (
            f'<circle class="f-prop" cx="{u:.1f}" cy="{-v:.1f}" r="{r:.1f}" '
            f'fill="{PROP_FILL}" {line}/>'
        )
        return svg, (u - r, v - r, u + r, v + r)
    if isinstance(shape, Rod):
        (u1, v1), (u2, v2) = project(shape.start, view), project(shape.end, view)
        r = shape.thickness / 2
        svg = (
            f'<line class="f-prop" x1="{u1:.1f}" y1="{-v1:.1f}" x2="{u2:.1f}" y2="{-v2:.1f}" '
            f'stroke="{INK}" stroke-width="{shape.thickness:.1f}" stroke-linecap="round"/>'
        )
        return svg, (min(u1, u2) - r, min(v1, v2) - r, max(u1, u2) + r, max(v1, v2) + r)
    if isinstance(shape, Cord):
        points = [project(p, view) for p in shape.points]
        text = " ".join(f"{u:.1f},{-v:.1f}" for u, v in points)
        svg = (
            f'<polyline class="f-band" points="{text}" fill="none" stroke="{INK}" '
            f'stroke-width="1.2" stroke-linecap="round" stroke-linejoin="round"/>'
        )
        us, vs = [p[0] for p in points], [p[1] for p in points]
        return svg, (min(us), min(vs), max(us), max(vs))
    return None  # the floor is drawn once the picture's width is known


def _shape_near(shape: Shape, view: View) -> tuple[float, float]:
    """The nearest and the mean nearness of a shape, for cutting away and for ordering."""
    if isinstance(shape, Box):
        a, b = nearness(shape.lo, view), nearness(shape.hi, view)
        return min(a, b), (a + b) / 2
    if isinstance(shape, Ball | Cylinder):
        n = nearness(shape.centre, view)
        return n, n
    if isinstance(shape, Rod):
        points: tuple[Vec3, ...] = (shape.start, shape.end)
    else:
        points = shape.points if isinstance(shape, Cord) else ()
    values = [nearness(p, view) for p in points] or [0.0]
    return min(values), sum(values) / len(values)


def _prop_items(props: Iterable[Prop], body: Body, view: View, front: float) -> list[_Item]:
    items = []
    for prop in props:
        for shape in prop.shapes(body):
            nearest, mean = _shape_near(shape, view)
            if isinstance(shape, Box) and nearest > front:
                continue  # wholly between the viewer and the figure: cut away
            drawn = _prop_svg(shape, view)
            if drawn is not None:
                # Props sit just behind a body part at the same depth: the back on the roller.
                items.append(_Item(mean - 0.5, drawn[0], drawn[1]))
    return items


@dataclass(frozen=True)
class Drawing:
    """A posed figure among its props as SVG elements, farthest first, and what they cover."""

    svg: str
    box: tuple[float, float, float, float]  # u0, v0, u1, v1 in picture centimetres, v up


def draw(pose: Pose, props: Iterable[Prop], view: View) -> Drawing:
    """The pose and its props, without the floor line or the `<svg>` around them."""
    props = list(props)
    body = pose_bones(pose)
    front = max(
        max(nearness(b.start, view), nearness(b.end, view)) + b.radius for b in body.values()
    )
    items = sorted(
        _body_items(body, view) + _prop_items(props, body, view, front), key=lambda i: i.near
    )
    box = (
        min(i.box[0] for i in items),
        min(i.box[1] for i in items),
        max(i.box[2] for i in items),
        max(i.box[3] for i in items),
    )
    return Drawing("".join(i.svg for i in items), box)


def framed(
    box: tuple[float, float, float, float], view: View
) -> tuple[tuple[float, float, float, float], str]:
    """The box with a margin (down to the floor in side and front views) and the floor line."""
    u0, v0, u1, v1 = box[0] - MARGIN, box[1] - MARGIN, box[2] + MARGIN, box[3] + MARGIN
    if view == "top":
        return (u0, v0, u1, v1), ""
    v0 = min(v0, -MARGIN / 2)
    floor = (
        f'<line class="f-floor" x1="{u0 + 2:.1f}" y1="0" x2="{u1 - 2:.1f}" y2="0" '
        f'stroke="{INK}" stroke-width="{PROP_LINE}" stroke-linecap="round"/>'
    )
    return (u0, v0, u1, v1), floor


def svg_open(
    box: tuple[float, float, float, float],
    *,
    title: str,
    desc: str | None,
    ident: str,
    classes: str,
) -> str:
    """The opening `<svg>` with its title and description, as an accessible image."""
    u0, v0, u1, v1 = box
    labelled = f"{ident}-title" + (f" {ident}-desc" if desc else "")
    desc_el = f'<desc id="{ident}-desc">{escape(desc)}</desc>' if desc else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{u0:.1f} {-v1:.1f} {u1 - u0:.1f} '
        f'{v1 - v0:.1f}" role="img" aria-labelledby="{labelled}" class="{classes}">'
        f'<title id="{ident}-title">{escape(title)}</title>{desc_el}'
    )


def figure_svg(
    pose: Pose,
    props: Iterable[Prop] = (),
    *,
    view: View = "side",
    title: str = "An exercise figure",
    desc: str | None = None,
    ident: str = "figure",
) -> str:
    """The pose among its props, seen from `view`, as one accessible SVG in centimetres."""
    drawing = draw(pose, props, view)
    box, floor = framed(drawing.box, view)
    head = svg_open(box, title=title, desc=desc, ident=ident, classes=f"figure figure-{view}")
    return head + floor + drawing.svg + "</svg>"
