"""Progress charts: accessible SVG for the web and the PDF, sparklines for the terminal.

Every SVG chart is one self-contained ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
(a plain-text summary of what it shows, also available as ``*_summary()`` for pages that print it
next to the chart). Colours are presentation attributes, so the chart renders without any CSS and
never needs ``style=""`` (the site's Content-Security-Policy forbids it); each part also has a
class a stylesheet can restyle (for dark mode, say):

* ``chart-axis``, ``chart-grid``, ``chart-label`` (axes, grid lines, tick labels: currentColor)
* ``chart-dot`` (daily pain), ``chart-avg`` (7-day average line)
* ``chart-bar-relief``, ``chart-bar-worse``, ``chart-bar-same`` (per session: pain down / up / same)
* ``chart-bar-done``, ``chart-bar-planned`` (sessions per week / the plan)
* ``chart-empty`` (the "nothing to show yet" note)

Pure: no Django, no I/O. Charts draw what the Progress holds; cut it to a range first with
``progress.within``.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from upback.core.progress import Point, Progress

DOT_COLOUR = "#5b8f86"
AVG_COLOUR = "#0d6b5e"
RELIEF_COLOUR = "#1f6b2e"
WORSE_COLOUR = "#a3261b"
PLANNED_COLOUR = "#9aa8a2"
DONE_COLOUR = "#0d6b5e"

BLOCKS = "▁▂▃▄▅▆▇█"

_LEFT = 40.0
_RIGHT = 14.0
_TOP = 30.0
_BOTTOM = 30.0
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _n(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros (keeps the SVG small)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _uid(kind: str, title: str) -> str:
    digest = hashlib.sha1(f"{kind}:{title}".encode()).hexdigest()[:8]
    return f"chart-{kind}-{digest}"


def _date(day: date, *, with_year: bool = False) -> str:
    text = f"{day.day} {day:%b}"
    return f"{text} {day.year}" if with_year else text


def _span(first: date, last: date) -> str:
    if first == last:
        return _date(first, with_year=True)
    with_year = first.year != last.year
    return f"{_date(first, with_year=with_year)} to {_date(last, with_year=True)}"


def _open(kind: str, title: str, desc: str, width: int, height: int) -> list[str]:
    uid = _uid(kind, title)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" class="chart chart-{kind}">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
    ]


def _y_axis(
    lines: list[str], *, low: float, high: float, step: float, width: int, height: int
) -> None:
    bottom = height - _BOTTOM
    value = low
    while value <= high + 1e-9:
        y = _y(value, low=low, high=high, height=height)
        lines.append(
            f'<line class="chart-grid" x1="{_n(_LEFT)}" x2="{_n(width - _RIGHT)}" '
            f'y1="{_n(y)}" y2="{_n(y)}" stroke="currentColor" stroke-opacity="0.15"/>'
        )
        lines.append(
            f'<text class="chart-label" x="{_n(_LEFT - 8)}" y="{_n(y + 4)}" '
            f'text-anchor="end" fill="currentColor" {_FONT}>{value:g}</text>'
        )
        value += step
    lines.append(
        f'<line class="chart-axis" x1="{_n(_LEFT)}" x2="{_n(width - _RIGHT)}" '
        f'y1="{_n(bottom)}" y2="{_n(bottom)}" stroke="currentColor" stroke-opacity="0.6"/>'
    )


def _y(value: float, *, low: float, high: float, height: int) -> float:
    plot = height - _TOP - _BOTTOM
    return _TOP + plot * (1 - (value - low) / (high - low))


def _x(index: int, count: int, width: int) -> float:
    plot = width - _LEFT - _RIGHT
    if count <= 1:
        return _LEFT + plot / 2
    return _LEFT + plot * index / (count - 1)


def _label_text(day: date, first: date, last: date) -> str:
    """A tick label: "3 Mar", "3 Mar 2024" when the range crosses a year, "Mar 2024" when long."""
    if (last - first).days > 180:
        return f"{day:%b %Y}"
    return _date(day, with_year=first.year != last.year)


def _tick_indexes(count: int, spacing: float, label: str) -> list[int]:
    """Label positions every k-th index so labels `spacing` px apart never touch; last included."""
    if count <= 1:
        return [0]
    room = 9.75 * len(label) + 16  # an end-anchored label next to a centred one
    step = max(1, math.ceil(room / max(spacing, 1e-9)))
    indexes = list(range(0, count, step))
    if indexes[-1] != count - 1:
        if len(indexes) > 1 and count - 1 - indexes[-1] < step:
            indexes.pop()
        indexes.append(count - 1)
    return indexes


def _x_labels(lines: list[str], days: Sequence[date], width: int, height: int) -> None:
    """A handful of date labels under the axis: first, last and evenly spaced ones between."""
    if not days:
        return
    count = len(days)
    first, last = days[0], days[-1]
    plot = width - _LEFT - _RIGHT
    indexes = _tick_indexes(count, plot / max(1, count - 1), _label_text(last, first, last))
    y = height - _BOTTOM + 18
    for position, index in enumerate(indexes):
        anchor = "middle"
        if count > 1 and position == 0:
            anchor = "start"
        elif count > 1 and position == len(indexes) - 1:
            anchor = "end"
        lines.append(
            f'<text class="chart-label" x="{_n(_x(index, count, width))}" y="{_n(y)}" '
            f'text-anchor="{anchor}" fill="currentColor" {_FONT}>'
            f"{escape(_label_text(days[index], first, last))}</text>"
        )


def _legend(lines: list[str], entries: Sequence[tuple[str, str]], width: int) -> None:
    """Legend along the top right: (svg swatch, label) pairs drawn right to left."""
    x = width - _RIGHT
    for swatch, label in reversed(entries):
        text_width = 7 * len(label)
        lines.append(
            f'<text class="chart-label" x="{_n(x)}" y="16" text-anchor="end" '
            f'fill="currentColor" {_FONT}>{escape(label)}</text>'
        )
        x -= text_width + 6
        lines.append(swatch.format(x=_n(x - 14), cx=_n(x - 7), x2=_n(x)))
        x -= 30


def _empty(lines: list[str], message: str, width: int, height: int) -> None:
    lines.append(
        f'<text class="chart-empty" x="{_n(width / 2)}" y="{_n(height / 2)}" '
        f'text-anchor="middle" fill="currentColor" {_FONT}>{escape(message)}</text>'
    )


def _values(points: Sequence[Point]) -> list[float]:
    return [p.value for p in points if p.value is not None]


def pain_summary(progress: Progress) -> str:
    """The pain chart in words (its `<desc>`)."""
    logged = _values(progress.daily)
    if not logged:
        return "Daily pain, 0 to 10: no check-ins in this period yet."
    first, last = progress.daily[0].day, progress.daily[-1].day
    days = len(logged)
    parts = [
        f"Daily pain, 0 to 10, from {_span(first, last)}: "
        f"{days} {'day' if days == 1 else 'days'} logged, "
        f"lowest {min(logged):g}, highest {max(logged):g}."
    ]
    averages = [p for p in progress.rolling_7day if p.value is not None]
    if len(averages) >= 2 and averages[0].day != averages[-1].day:
        parts.append(
            f"The 7-day average went from {averages[0].value:.1f} on {_date(averages[0].day)} "
            f"to {averages[-1].value:.1f} on {_date(averages[-1].day)}."
        )
    elif averages:
        parts.append(f"The 7-day average is {averages[-1].value:.1f}.")
    return " ".join(parts)


def pain_chart_svg(progress: Progress, *, title: str, width: int = 640, height: int = 240) -> str:
    """Daily pain as dots and its 7-day average as a line, on a fixed 0-10 scale."""
    lines = _open("pain", title, pain_summary(progress), width, height)
    _y_axis(lines, low=0, high=10, step=2, width=width, height=height)
    days = [p.day for p in progress.daily]
    count = len(days)
    if not _values(progress.daily):
        _empty(lines, "No check-ins yet", width, height)
        lines.append("</svg>")
        return "\n".join(lines)
    _legend(
        lines,
        [
            (
                f'<circle cx="{{cx}}" cy="12" r="3.5" fill="{DOT_COLOUR}"/>',
                "Daily pain",
            ),
            (
                f'<line x1="{{x}}" x2="{{x2}}" y1="12" y2="12" stroke="{AVG_COLOUR}" '
                'stroke-width="3"/>',
                "7-day average",
            ),
        ],
        width,
    )
    radius = 3.5 if count <= 60 else 2.5 if count <= 200 else 1.5
    dots = []
    for index, point in enumerate(progress.daily):
        if point.value is None:
            continue
        cx = _x(index, count, width)
        cy = _y(point.value, low=0, high=10, height=height)
        dots.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{radius}"/>')
    lines.append(f'<g class="chart-dot" fill="{DOT_COLOUR}">')
    lines.extend(dots)
    lines.append("</g>")

    path: list[str] = []
    run = 0  # points in the current unbroken stretch of the line
    for index, point in enumerate(progress.rolling_7day):
        if point.value is None:
            if run == 1:
                path.append("h0.1")  # a lone point: a tiny stroke that the round cap shows
            run = 0
            continue
        cx = _x(index, count, width)
        cy = _y(point.value, low=0, high=10, height=height)
        path.append(f"{'L' if run else 'M'}{_n(cx)} {_n(cy)}")
        run += 1
    if run == 1:
        path.append("h0.1")
    if path:
        lines.append(
            f'<path class="chart-avg" d="{" ".join(path)}" fill="none" stroke="{AVG_COLOUR}" '
            'stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>'
        )
    _x_labels(lines, days, width, height)
    lines.append("</svg>")
    return "\n".join(lines)


def relief_summary(progress: Progress) -> str:
    """The relief chart in words (its `<desc>`)."""
    pairs = progress.relief.per_session
    if not pairs:
        return "Pain before minus pain after each session: no sessions with both scores yet."
    count = len(pairs)
    average = progress.relief.average or 0.0
    if average > 0.05:
        trend = f"on average pain was {average:.1f} points lower after a session than before"
    elif average < -0.05:
        trend = f"on average pain was {-average:.1f} points higher after a session than before"
    else:
        trend = "on average pain was about the same before and after a session"
    worse = sum(1 for _, value in pairs if value < 0)
    tail = f" Pain went up after {worse} of them." if worse else " Pain did not go up after any."
    return (
        f"Pain before minus pain after, for {count} {'session' if count == 1 else 'sessions'} "
        f"from {_span(pairs[0][0], pairs[-1][0])}: {trend}.{tail}"
    )


def _relief_bars(
    pairs: Sequence[tuple[date, int]], most: int
) -> tuple[list[tuple[date, float]], int]:
    """At most `most` bars: one per session, or the mean of each run of k sessions when many."""
    per_bar = max(1, math.ceil(len(pairs) / max(1, most)))
    if per_bar == 1:
        return [(day, float(value)) for day, value in pairs], 1
    bars = []
    for start in range(0, len(pairs), per_bar):
        chunk = pairs[start : start + per_bar]
        bars.append((chunk[0][0], math.fsum(v for _, v in chunk) / len(chunk)))
    return bars, per_bar


def relief_chart_svg(progress: Progress, *, title: str, width: int = 640, height: int = 240) -> str:
    """One bar per session: how many points pain went down (up, below the line) with it.

    With more sessions than fit (over one per 4 pixels), each bar is the mean of a run of
    consecutive sessions, and the description says so.
    """
    pairs = progress.relief.per_session
    plot = width - _LEFT - _RIGHT
    bars, per_bar = _relief_bars(pairs, int(plot // 4))
    values = [value for _, value in bars]
    high = float(max(3, math.ceil(max(values, default=0))))
    low = float(min(0, math.floor(min(values, default=0))))
    step = 1.0 if high - low <= 6 else 2.0
    high = step * math.ceil(high / step)
    low = step * math.floor(low / step)
    desc = relief_summary(progress)
    if per_bar > 1:
        desc += f" Each bar is the average of {per_bar} sessions in a row."
    lines = _open("relief", title, desc, width, height)
    _y_axis(lines, low=low, high=high, step=step, width=width, height=height)
    if not bars:
        _empty(lines, "No sessions with pain before and after yet", width, height)
        lines.append("</svg>")
        return "\n".join(lines)
    slot = plot / len(bars)
    bar = max(1.0, min(24.0, slot * 0.7))
    zero = _y(0, low=low, high=high, height=height)
    lines.append(
        f'<line class="chart-axis" x1="{_n(_LEFT)}" x2="{_n(width - _RIGHT)}" '
        f'y1="{_n(zero)}" y2="{_n(zero)}" stroke="currentColor" stroke-opacity="0.6"/>'
    )
    for index, (_, value) in enumerate(bars):
        centre = _LEFT + slot * (index + 0.5)
        y = _y(value, low=low, high=high, height=height)
        top, bottom = min(y, zero), max(y, zero)
        if abs(value) < 0.05:  # no change: a small grey mark on the line, so it is not missed
            cls, colour = "chart-bar-same", PLANNED_COLOUR
            top, bottom = zero - 3, zero
        elif value < 0:
            cls, colour = "chart-bar-worse", WORSE_COLOUR
        else:
            cls, colour = "chart-bar-relief", RELIEF_COLOUR
        lines.append(
            f'<rect class="{cls}" x="{_n(centre - bar / 2)}" y="{_n(top)}" '
            f'width="{_n(bar)}" height="{_n(bottom - top)}" fill="{colour}"/>'
        )
    _legend(
        lines,
        [
            (
                f'<rect x="{{x}}" y="6" width="12" height="12" fill="{RELIEF_COLOUR}"/>',
                "Pain down",
            ),
            (
                f'<rect x="{{x}}" y="6" width="12" height="12" fill="{WORSE_COLOUR}"/>',
                "Pain up",
            ),
        ],
        width,
    )
    _bar_labels(lines, [day for day, _ in bars], width, height)
    lines.append("</svg>")
    return "\n".join(lines)


def _bar_labels(lines: list[str], days: Sequence[date], width: int, height: int) -> None:
    """Date labels under the first and last bar (and a few evenly spaced between)."""
    count = len(days)
    plot = width - _LEFT - _RIGHT
    slot = plot / count
    first, last = days[0], days[-1]
    indexes = _tick_indexes(count, slot, _label_text(last, first, last))
    y = height - _BOTTOM + 18
    for position, index in enumerate(indexes):
        anchor = "middle"
        if position == 0 and count > 1:
            anchor = "start"
        elif position == len(indexes) - 1 and count > 1:
            anchor = "end"
        x = _LEFT + slot * (index + 0.5)
        if anchor == "start":
            x = max(_LEFT, x - slot / 2)
        elif anchor == "end":
            x = min(width - _RIGHT, x + slot / 2)
        lines.append(
            f'<text class="chart-label" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" '
            f'fill="currentColor" {_FONT}>{escape(_label_text(days[index], first, last))}</text>'
        )


def adherence_summary(progress: Progress) -> str:
    """The adherence chart in words (its `<desc>`)."""
    weeks = progress.weeks
    if not weeks:
        return "Sessions per week against the plan: nothing logged yet."
    done = sum(week.done for week in weeks)
    planned = sum(week.planned for week in weeks)
    count = len(weeks)
    text = (
        f"Sessions per week against the plan, {count} {'week' if count == 1 else 'weeks'} "
        f"from the week of {_date(weeks[0].week_start, with_year=True)}: "
        f"{done} done of {planned} planned"
    )
    if progress.adherence is not None:
        text += f" ({round(progress.adherence * 100)} % overall)"
    last = weeks[-1]
    return f"{text}. This week so far: {last.done} done of {last.planned} planned."


def adherence_chart_svg(
    progress: Progress, *, title: str, width: int = 640, height: int = 240
) -> str:
    """One pair per week: the sessions planned (outline) and done (filled)."""
    weeks = progress.weeks
    top_value = max([1, *(w.planned for w in weeks), *(w.done for w in weeks)])
    step = 1.0 if top_value <= 7 else float(math.ceil(top_value / 7))
    high = step * math.ceil(top_value / step)
    lines = _open("adherence", title, adherence_summary(progress), width, height)
    _y_axis(lines, low=0, high=high, step=step, width=width, height=height)
    if not weeks:
        _empty(lines, "No sessions yet", width, height)
        lines.append("</svg>")
        return "\n".join(lines)
    count = len(weeks)
    slot = (width - _LEFT - _RIGHT) / count
    bar = max(1.0, min(28.0, slot * 0.7))
    zero = _y(0, low=0, high=high, height=height)
    outlines = bar >= 6  # with many weeks, the plan is drawn as one step line instead
    step_line: list[str] = []
    for index, week in enumerate(weeks):
        centre = _LEFT + slot * (index + 0.5)
        planned_top = _y(week.planned, low=0, high=high, height=height)
        done_top = _y(week.done, low=0, high=high, height=height)
        if outlines:
            lines.append(
                f'<rect class="chart-bar-planned" x="{_n(centre - bar / 2)}" '
                f'y="{_n(planned_top)}" width="{_n(bar)}" height="{_n(zero - planned_top)}" '
                f'fill="none" stroke="{PLANNED_COLOUR}" stroke-width="1.5" '
                'stroke-dasharray="3 2"/>'
            )
        else:
            left = _LEFT + slot * index
            step_line.append(
                f"{'M' if index == 0 else 'L'}{_n(left)} {_n(planned_top)} "
                f"L{_n(left + slot)} {_n(planned_top)}"
            )
        if week.done:
            inner = max(1.0, bar - 6) if outlines else bar
            lines.append(
                f'<rect class="chart-bar-done" x="{_n(centre - inner / 2)}" '
                f'y="{_n(done_top)}" width="{_n(inner)}" height="{_n(zero - done_top)}" '
                f'fill="{DONE_COLOUR}"/>'
            )
    if step_line:
        lines.append(
            f'<path class="chart-bar-planned" d="{" ".join(step_line)}" fill="none" '
            f'stroke="{PLANNED_COLOUR}" stroke-width="1.5" stroke-dasharray="3 2"/>'
        )
    _legend(
        lines,
        [
            (
                f'<rect x="{{x}}" y="6" width="12" height="12" fill="none" '
                f'stroke="{PLANNED_COLOUR}" stroke-width="1.5" stroke-dasharray="3 2"/>',
                "Planned",
            ),
            (f'<rect x="{{x}}" y="6" width="12" height="12" fill="{DONE_COLOUR}"/>', "Done"),
        ],
        width,
    )
    _bar_labels(lines, [week.week_start for week in weeks], width, height)
    lines.append("</svg>")
    return "\n".join(lines)


def bucket_means(values: Sequence[float | None], width: int) -> list[float | None]:
    """Squeeze a series into at most `width` buckets (mean of each; None for an empty bucket)."""
    if width <= 0:
        return []
    count = len(values)
    if count <= width:
        return list(values)
    out: list[float | None] = []
    for bucket in range(width):
        lo = bucket * count // width
        hi = (bucket + 1) * count // width
        found = [v for v in values[lo:hi] if v is not None]
        out.append(math.fsum(found) / len(found) if found else None)
    return out


def sparkline(values: Sequence[float | None], *, low: float = 0.0, high: float = 10.0) -> str:
    """One Unicode block per value on a fixed scale (0-10 by default); a space for a gap."""
    span = high - low
    chars = []
    for value in values:
        if value is None or not math.isfinite(value):
            chars.append(" ")
            continue
        fraction = 0.0 if span <= 0 else (min(max(value, low), high) - low) / span
        chars.append(BLOCKS[math.floor(fraction * (len(BLOCKS) - 1) + 0.5)])
    return "".join(chars)


__all__ = [
    "adherence_chart_svg",
    "adherence_summary",
    "bucket_means",
    "pain_chart_svg",
    "pain_summary",
    "relief_chart_svg",
    "relief_summary",
    "sparkline",
]
