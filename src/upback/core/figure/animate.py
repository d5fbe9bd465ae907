"""A technique's keyframes as pictures: a looping animation and a static strip for print.

The animation is a flip-book: every distinct frame of the loop is drawn once as a group, and a
CSS `@keyframes` rule per group shows it exactly when it is on screen. Flip-book rather than
animating coordinates because CSS cannot move the ends of an SVG line in every browser (Safari
has no animatable `d` or `x1`), while switching `visibility` works everywhere, including in an
`<img>`. Frames that recur (the way back retraces the way there) are drawn once and shown again.
Under `prefers-reduced-motion` nothing moves and the keyframe that shows the exercise best, the
last, stays on screen; pages offer the strip instead.

The strip puts the keyframes side by side at one scale, standing on one floor line, each with
its number in a badge, for the technique page, for print and for the handout. It has no
`<style>`, so it can be inlined in a page whose policy forbids inline styles, and WeasyPrint
draws it as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from upback.core.figure.motion import Frame, Tempo, frames, loop, mirrored_prop
from upback.core.figure.render import INK, PAPER, Drawing, draw, framed, svg_open
from upback.core.figure.spec import FigureSpec

STRIP_GAP = 14.0  # cm between panels
BADGE_RADIUS = 10.0  # cm: a strip of three people fills a phone's width, so about 16 px


Box = tuple[float, float, float, float]


def _union(boxes: Sequence[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _percent(seconds: float, total: float) -> str:
    return f"{100 * seconds / total:.3f}".rstrip("0").rstrip(".") + "%"


def loop_seconds(spec: FigureSpec, tempo: Tempo) -> float:
    return sum(frame.seconds for frame in frames(loop(spec, tempo)))


def animation_svg(
    spec: FigureSpec, tempo: Tempo, *, title: str, desc: str, ident: str = "fig"
) -> str:
    """The movement looping at the dose's tempo, as a standalone SVG with its own `<style>`."""
    shown = frames(loop(spec, tempo))
    total = sum(frame.seconds for frame in shown)
    props = spec.built_props()
    placed = {False: props, True: [mirrored_prop(p) for p in props]}

    drawings: dict[tuple[object, ...], tuple[int, Drawing]] = {}
    intervals: dict[int, list[tuple[float, float]]] = {}
    clock = 0.0
    for frame in shown:
        if frame.key not in drawings:
            drawing = draw(frame.pose, placed[frame.mirrored], spec.view)
            drawings[frame.key] = (len(drawings), drawing)
        index = drawings[frame.key][0]
        spans = intervals.setdefault(index, [])
        if spans and abs(spans[-1][1] - clock) < 1e-9:
            spans[-1] = (spans[-1][0], clock + frame.seconds)
        else:
            spans.append((clock, clock + frame.seconds))
        clock += frame.seconds

    still = drawings[Frame(spec.poses()[-1], 0).key][0]
    box, floor = framed(_union([d.box for _, d in drawings.values()]), spec.view)
    rules = [
        f".fa{{visibility:hidden;animation:{total:.2f}s step-end infinite}}",
    ]
    for index, spans in intervals.items():
        steps = []
        if spans[0][0] > 0:
            steps.append("0%{visibility:hidden}")
        for start, end in spans:
            steps.append(f"{_percent(start, total)}{{visibility:visible}}")
            if end < total - 1e-9:
                steps.append(f"{_percent(end, total)}{{visibility:hidden}}")
        rules.append(f"#{ident}-f{index}{{animation-name:{ident}-k{index}}}")
        rules.append(f"@keyframes {ident}-k{index}{{{''.join(steps)}}}")
    rules.append(
        f"@media (prefers-reduced-motion:reduce){{.fa{{animation:none}}"
        f"#{ident}-f{still}{{visibility:visible}}}}"
    )
    groups = "".join(
        f'<g id="{ident}-f{index}" class="fa">{drawing.svg}</g>'
        for index, drawing in sorted(drawings.values(), key=lambda item: item[0])
    )
    head = svg_open(
        box, title=title, desc=desc, ident=ident, classes=f"figure figure-moving figure-{spec.view}"
    )
    return head + f"<style>{''.join(rules)}</style>" + floor + groups + "</svg>"


def strip_svg(spec: FigureSpec, *, title: str, desc: str, ident: str = "strip") -> str:
    """The keyframes side by side, numbered, on one floor: a still picture for page and print."""
    props = spec.built_props()
    drawings = [draw(pose, props, spec.view) for pose in spec.poses()]
    low = min(d.box[1] for d in drawings)
    high = max(d.box[3] for d in drawings)
    panels: list[str] = []
    left = 0.0
    for number, drawing in enumerate(drawings, start=1):
        u0, _, u1, _ = drawing.box
        shift = left - u0
        badge_u, badge_v = left + BADGE_RADIUS, high + BADGE_RADIUS + 4
        panels.append(
            f'<g class="f-panel" transform="translate({shift:.1f} 0)">{drawing.svg}</g>'
            f'<circle class="f-badge" cx="{badge_u:.1f}" cy="{-badge_v:.1f}" '
            f'r="{BADGE_RADIUS}" fill="{INK}"/>'
            f'<text class="f-number" x="{badge_u:.1f}" y="{-badge_v + 4.8:.1f}" '
            f'text-anchor="middle" font-family="sans-serif" font-size="14" font-weight="bold" '
            f'fill="{PAPER}">{number}</text>'
        )
        left += (u1 - u0) + STRIP_GAP
    box, floor = framed((0.0, low, left - STRIP_GAP, high + 2 * BADGE_RADIUS + 4), spec.view)
    head = svg_open(
        box, title=title, desc=desc, ident=ident, classes=f"figure figure-strip figure-{spec.view}"
    )
    return head + floor + "".join(panels) + "</svg>"
