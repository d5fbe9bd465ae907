"""The progress charts: well-formed, accessible SVG that copes with gaps and empty data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from upback.core.charts import (
    adherence_chart_svg,
    adherence_summary,
    bucket_means,
    pain_chart_svg,
    pain_summary,
    relief_chart_svg,
    relief_summary,
    sparkline,
)
from upback.core.journal_gen import generate
from upback.core.progress import PainEntry, Progress, SessionEntry, assess

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2025, 3, 30)
Chart = Callable[..., str]
CHARTS: list[Chart] = [pain_chart_svg, relief_chart_svg, adherence_chart_svg]


def progress_of(kind: str = "improving") -> Progress:
    j = generate(kind, seed=3)  # type: ignore[arg-type]
    return assess(pain=j.pain, sessions=j.sessions, today=j.today, planned_per_week=5)


EMPTY = assess(pain=[], sessions=[], today=TODAY, planned_per_week=5)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.parametrize("kind", ["improving", "sparse", "one_entry", "three_years"])
def test_each_chart_is_xml_with_role_title_and_desc(chart: Chart, kind: str) -> None:
    root = parse(chart(progress_of(kind), title="Your pain & more <2 weeks>"))
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "Your pain & more <2 weeks>"
    assert desc is not None and desc.text
    labelled = (root.get("aria-labelledby") or "").split()
    assert labelled == [title.get("id"), desc.get("id")]
    assert root.get("viewBox") == "0 0 640 240"


@pytest.mark.parametrize("chart", CHARTS)
def test_an_empty_journal_gives_axes_and_a_note(chart: Chart) -> None:
    root = parse(chart(EMPTY, title="Empty"))
    notes = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-empty"]
    assert len(notes) == 1 and notes[0]
    assert "yet" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


@pytest.mark.parametrize("chart", CHARTS)
def test_no_inline_styles_so_the_content_security_policy_holds(chart: Chart) -> None:
    svg = chart(progress_of(), title="t")
    assert "style=" not in svg and "<script" not in svg


def test_the_pain_chart_has_a_dot_per_logged_day_and_breaks_the_line_at_gaps() -> None:
    start = TODAY - timedelta(days=29)
    pain = [PainEntry(day=start + timedelta(days=n), pain=5) for n in range(30) if not 8 <= n < 20]
    progress = assess(pain=pain, sessions=[], today=TODAY, planned_per_week=5)
    root = parse(pain_chart_svg(progress, title="Pain"))
    dots = root.find(f"{SVG}g[@class='chart-dot']")
    assert dots is not None and len(dots) == 18
    path = root.find(f"{SVG}path[@class='chart-avg']")
    assert path is not None
    assert path.get("d", "").count("M") == 2  # one stretch before the gap, one after


def test_the_pain_chart_uses_a_fixed_zero_to_ten_scale() -> None:
    root = parse(pain_chart_svg(progress_of(), title="Pain"))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-label"]
    assert "0" in labels and "10" in labels


def test_a_single_average_point_is_still_drawn() -> None:
    progress = assess(
        pain=[PainEntry(day=TODAY, pain=4)], sessions=[], today=TODAY, planned_per_week=5
    )
    path = parse(pain_chart_svg(progress, title="p")).find(f"{SVG}path[@class='chart-avg']")
    assert path is not None and "h0.1" in path.get("d", "")


def test_relief_bars_below_the_line_when_pain_went_up() -> None:
    sessions = [
        SessionEntry(day=TODAY - timedelta(days=2), pain_before=5, pain_after=2),
        SessionEntry(day=TODAY - timedelta(days=1), pain_before=4, pain_after=6),
    ]
    progress = assess(pain=[], sessions=sessions, today=TODAY, planned_per_week=5)
    root = parse(relief_chart_svg(progress, title="Relief"))
    classes = [r.get("class") for r in root.iter(f"{SVG}rect") if r.get("class")]
    assert classes == ["chart-bar-relief", "chart-bar-worse"]
    assert "higher" not in relief_summary(progress)
    assert "Pain went up after 1 of them" in relief_summary(progress)


def test_the_adherence_chart_has_a_bar_per_week() -> None:
    progress = progress_of()
    root = parse(adherence_chart_svg(progress, title="Sessions"))
    planned = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart-bar-planned"]
    assert len(planned) == len(progress.weeks)


def test_many_weeks_draw_the_plan_as_one_line() -> None:
    root = parse(adherence_chart_svg(progress_of("three_years"), title="Sessions"))
    assert root.find(f"{SVG}path[@class='chart-bar-planned']") is not None


def test_the_summaries_say_what_the_charts_show() -> None:
    progress = progress_of()
    assert "Daily pain, 0 to 10, from 1 Jan to 11 Feb 2024" in pain_summary(progress)
    assert "7-day average went from" in pain_summary(progress)
    assert "lower after a session" in relief_summary(progress)
    assert "planned" in adherence_summary(progress) and "% overall" in adherence_summary(progress)
    assert pain_summary(EMPTY).endswith("no check-ins in this period yet.")


def test_sizes_are_respected() -> None:
    root = parse(pain_chart_svg(progress_of(), title="p", width=390, height=200))
    assert root.get("viewBox") == "0 0 390 200"


def test_a_long_journal_keeps_the_svg_small() -> None:
    assert len(pain_chart_svg(progress_of("three_years"), title="p")) < 120_000


def test_sparkline_maps_zero_to_ten_onto_blocks_and_gaps_to_spaces() -> None:
    assert sparkline([0, 5, 10, None, 15, -1]) == "▁▅█ █▁"
    assert sparkline([]) == ""
    assert sparkline([2, 4], low=2, high=4) == "▁█"


def test_bucket_means_squeezes_a_series() -> None:
    assert bucket_means([1, 3, None, None, 5, 7], 3) == [2.0, None, 6.0]
    assert bucket_means([1, 2], 5) == [1, 2]
    assert bucket_means([1, 2], 0) == []


def test_a_session_with_no_change_gets_a_small_grey_mark() -> None:
    sessions = [SessionEntry(day=TODAY, pain_before=5, pain_after=5)]
    progress = assess(pain=[], sessions=sessions, today=TODAY, planned_per_week=5)
    root = parse(relief_chart_svg(progress, title="Relief"))
    assert [r.get("class") for r in root.iter(f"{SVG}rect") if r.get("class")] == ["chart-bar-same"]


def test_many_sessions_are_shown_as_averages_of_runs_and_the_desc_says_so() -> None:
    root = parse(relief_chart_svg(progress_of("three_years"), title="Relief"))
    bars = [r for r in root.iter(f"{SVG}rect") if (r.get("class") or "").startswith("chart-bar")]
    assert len(bars) <= (640 - 54) // 4
    assert "Each bar is the average of" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]
