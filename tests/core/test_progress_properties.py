"""Properties of the progress engine over any journal hypothesis can think of."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upback.core.charts import adherence_chart_svg, pain_chart_svg, relief_chart_svg, sparkline
from upback.core.progress import VERDICTS, PainEntry, SessionEntry, assess

TODAY = date(2025, 6, 30)
days = st.integers(min_value=-400, max_value=10).map(lambda n: TODAY + timedelta(days=n))
scores = st.integers(min_value=-3, max_value=13)
pain_entries = st.lists(st.builds(PainEntry, day=days, pain=scores), max_size=120)
session_entries = st.lists(
    st.builds(SessionEntry, day=days, pain_before=scores, pain_after=st.none() | scores),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(
    pain=pain_entries,
    sessions=session_entries,
    planned=st.integers(min_value=-1, max_value=14),
    psfs=st.none() | st.floats(min_value=-10, max_value=10),
    pgic=st.none() | st.integers(min_value=1, max_value=7),
    last_review=st.none() | days,
)
def test_it_never_crashes_and_its_figures_agree(
    pain: list[PainEntry],
    sessions: list[SessionEntry],
    planned: int,
    psfs: float | None,
    pgic: int | None,
    last_review: date | None,
) -> None:
    progress = assess(
        pain=pain,
        sessions=sessions,
        today=TODAY,
        planned_per_week=planned,
        psfs_change=psfs,
        pgic=pgic,
        last_review=last_review,
    )
    assert progress.verdict in VERDICTS
    if progress.baseline is not None and progress.current_7day is not None:
        assert progress.change_points == pytest.approx(progress.current_7day - progress.baseline)
        if progress.baseline > 0:
            assert progress.change_percent == pytest.approx(
                100 * progress.change_points / progress.baseline
            )
    else:
        assert progress.change_points is None and progress.change_percent is None
        assert progress.verdict == "not_enough_data"
    for value in (progress.baseline, progress.current_7day):
        assert value is None or 0 <= value <= 10
    assert progress.adherence is None or 0 <= progress.adherence <= 1
    assert all(p.day <= TODAY for p in progress.daily)
    assert len(progress.daily) == len(progress.rolling_7day)
    assert progress.streak_days <= progress.days_tracked
    if progress.daily:
        assert progress.daily[-1].day == TODAY
    assert set(progress.to_json()) >= {"baseline", "verdict", "advice", "adherence", "relief"}
    for chart in (pain_chart_svg, relief_chart_svg, adherence_chart_svg):
        assert chart(progress, title="t").startswith("<svg")
    assert len(sparkline([p.value for p in progress.daily])) == len(progress.daily)


@settings(max_examples=200, deadline=None)
@given(
    level=st.integers(min_value=4, max_value=10),
    drop=st.integers(min_value=0, max_value=4),
    weeks=st.integers(min_value=1, max_value=8),
)
def test_a_steady_journal_never_gets_a_worse_verdict_than_one_that_dropped_less(
    level: int, drop: int, weeks: int
) -> None:
    def verdict(fall: int) -> str:
        pain = [
            PainEntry(day=TODAY - timedelta(days=n), pain=level - fall) for n in range(7 * weeks)
        ]
        pain += [PainEntry(day=TODAY - timedelta(days=7 * weeks + n), pain=level) for n in range(7)]
        return assess(pain=pain, sessions=[], today=TODAY, planned_per_week=7).verdict

    order = ["no_change", "minimal_improvement", "steady_improvement"]
    assert order.index(verdict(drop)) >= order.index(verdict(max(0, drop - 1)))
