"""A side view of the desk set-up as one accessible SVG, drawn to scale from the calculator's
numbers and labelled with them.

Pure: numbers in, an SVG string out. Like `core.charts`, the SVG is a single ``<svg role="img">``
with a ``<title>`` and a ``<desc>`` that says in words what the picture shows, colours are
presentation attributes (no ``style=""``, which the Content-Security-Policy forbids), and every
part has a class a stylesheet can restyle (``d-floor``, ``d-furniture``, ``d-body``, ``d-eye``,
``d-dim``, ``d-label``, ``d-sight``). The screen is on the left so the labels for the screen and
desk sit beside them, and the seat and eye labels sit to the right of the chair and head.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from upback.core.desk import DeskNumbers, Figure

WIDTH = 420.0
HEIGHT = 400.0
FLOOR_Y = 380.0
EYE_SPAN = 300.0  # pixels from the floor to the eyes
LINE = "#4a5752"
BODY = "#0d6b5e"
FONT = 17


def _cm(figure: Figure) -> str:
    if figure.is_range:
        return f"{figure.low_mm / 10:.0f}–{figure.high_mm / 10:.0f} cm"
    return f"{figure.mm / 10:.1f} cm"


def _text(x: float, y: float, text: str, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="700"' if bold else ""
    return (
        f'<text class="d-label" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
        f'font-size="{FONT}" fill="currentColor"{weight}>{escape(text)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, cls: str, colour: str, width: float) -> str:
    dash = ' stroke-dasharray="4 4"' if cls in ("d-dim", "d-sight") else ""
    return (
        f'<line class="{cls}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="{width}" stroke-linecap="round"{dash}/>'
    )


def desk_svg(numbers: DeskNumbers, *, ident: str = "desk-diagram") -> str:
    """The set-up seen from the side, to scale, with the seat, desk, eye and screen figures."""
    eye_mm = numbers.eye.mm
    scale = EYE_SPAN / eye_mm

    def y(mm: float) -> float:
        return FLOOR_Y - mm * scale

    stature = numbers.height_cm * 10
    seat_y, desk_y, eye_y = y(numbers.seat.mm), y(numbers.desk.mm), y(eye_mm)
    top_y, centre_y = y(numbers.monitor_top.mm), y(numbers.monitor_centre.mm)
    bottom_y = centre_y + (centre_y - top_y)
    distance_px = numbers.viewing_distance_mm * scale

    screen_x = 112.0
    eye_x = screen_x + distance_px
    head_x = eye_x + 14
    hip_x = eye_x + 34
    back_x = hip_x + 16  # the chair's backrest
    knee_x = hip_x - 0.25 * stature * scale
    shoulder_y = y(numbers.seat.mm + 0.34 * stature)
    elbow = (hip_x - 6, desk_y - 6)
    hand_x = elbow[0] - 0.19 * stature * scale
    desk_left, desk_right = screen_x - 14, knee_x + 34  # the knees go under the desk
    head_r = 0.06 * stature * scale

    parts = [
        # floor
        _line(8, FLOOR_Y, WIDTH - 8, FLOOR_Y, "d-floor", LINE, 2),
        # desk: top, one leg at the front edge
        _line(desk_left, desk_y, desk_right, desk_y, "d-furniture", LINE, 5),
        _line(desk_left + 6, desk_y, desk_left + 6, FLOOR_Y, "d-furniture", LINE, 3),
        # screen and its stand
        _line(screen_x, top_y, screen_x, bottom_y, "d-furniture", LINE, 7),
        _line(screen_x, bottom_y, screen_x, desk_y, "d-furniture", LINE, 3),
        # keyboard
        _line(hand_x - 8, desk_y - 5, hand_x + 22, desk_y - 5, "d-furniture", LINE, 4),
        # chair: seat, backrest, legs
        _line(knee_x + 12, seat_y, back_x, seat_y, "d-furniture", LINE, 6),
        _line(back_x, seat_y, back_x + 6, shoulder_y + 10, "d-furniture", LINE, 5),
        _line(knee_x + 18, seat_y, knee_x + 18, FLOOR_Y, "d-furniture", LINE, 3),
        _line(back_x, seat_y, back_x, FLOOR_Y, "d-furniture", LINE, 3),
        # person: thigh, shin, foot, torso, upper arm, forearm, head
        _line(hip_x, seat_y - 8, knee_x, seat_y - 8, "d-body", BODY, 9),
        _line(knee_x, seat_y - 8, knee_x - 4, FLOOR_Y - 5, "d-body", BODY, 8),
        _line(knee_x - 4, FLOOR_Y - 5, knee_x - 24, FLOOR_Y - 5, "d-body", BODY, 6),
        _line(hip_x, seat_y - 8, hip_x - 2, shoulder_y, "d-body", BODY, 11),
        _line(hip_x - 2, shoulder_y, elbow[0], elbow[1], "d-body", BODY, 7),
        _line(elbow[0], elbow[1], hand_x, desk_y - 9, "d-body", BODY, 6),
        _line(hip_x - 2, shoulder_y, head_x, eye_y + 26, "d-body", BODY, 7),
        f'<circle class="d-body" cx="{head_x:.1f}" cy="{eye_y - 4:.1f}" r="{head_r:.1f}" '
        f'fill="none" stroke="{BODY}" stroke-width="4"/>',
        f'<circle class="d-eye" cx="{eye_x:.1f}" cy="{eye_y:.1f}" r="3" fill="{BODY}"/>',
        # line of sight to the screen's centre
        _line(eye_x, eye_y, screen_x + 5, centre_y, "d-sight", BODY, 2),
        # distance from the eyes to the screen
        _line(screen_x, 40, eye_x, 40, "d-dim", LINE, 1.5),
        _line(screen_x, 34, screen_x, 46, "d-dim", LINE, 1.5),
        _line(eye_x, 34, eye_x, 46, "d-dim", LINE, 1.5),
        _text((screen_x + eye_x) / 2, 28, f"Screen {_cm(numbers.screen_distance)} away", "middle"),
        # labels on the left: the screen and the desk
        _text(screen_x - 10, top_y + 4, "Top line", "end"),
        _text(screen_x - 10, top_y + 23, _cm(numbers.monitor_top), "end", bold=True),
        _text(screen_x - 10, centre_y + 22, "Centre", "end"),
        _text(screen_x - 10, centre_y + 41, _cm(numbers.monitor_centre), "end", bold=True),
        _text(desk_left - 4, desk_y + 26, "Desk", "end"),
        _text(desk_left - 4, desk_y + 45, _cm(numbers.desk), "end", bold=True),
        # labels on the right: the eyes and the seat
        _text(back_x + 12, eye_y - 6, "Eyes"),
        _text(back_x + 12, eye_y + 13, _cm(numbers.eye), bold=True),
        _text(back_x + 12, seat_y - 6, "Seat"),
        _text(back_x + 12, seat_y + 13, _cm(numbers.seat), bold=True),
    ]
    title = "Your set-up from the side, to scale"
    desc = (
        f"A person sits with the seat {_cm(numbers.seat)} from the floor and the desk at "
        f"{_cm(numbers.desk)}, level with the elbows. The eyes are at about {_cm(numbers.eye)}. "
        f"The screen's top line is at {_cm(numbers.monitor_top)}, its centre at "
        f"{_cm(numbers.monitor_centre)}, and it stands {_cm(numbers.screen_distance)} from "
        "the eyes."
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="desk-diagram">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>' + "".join(parts) + "</svg>"
    )
