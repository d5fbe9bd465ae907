"""Microbenchmarks of the pure core (issue 7, item 3): plan, safety screen, verdict, charts."""

from __future__ import annotations

from typing import Any

from pytest_benchmark.fixture import BenchmarkFixture
from tests.examples import GUIDE_PROFILE, cleared_answers

from bench.micro.conftest import TEN_YEARS, TenYears
from upback.core.charts import adherence_chart_svg, pain_chart_svg, relief_chart_svg
from upback.core.library import default_library
from upback.core.planner import build_plan
from upback.core.profile import parse_profile
from upback.core.progress import Progress, assess
from upback.core.safety import Screening, screen


def test_building_a_plan_for_the_guide_profile(benchmark: BenchmarkFixture) -> None:
    profile = parse_profile(GUIDE_PROFILE)
    library = default_library()  # loaded once at start-up in the app, so not part of the figure
    plan = benchmark(build_plan, profile, library)
    assert plan.days


def test_screening_a_full_cleared_answer_set(benchmark: BenchmarkFixture) -> None:
    answers: dict[str, Any] = cleared_answers()
    screening = Screening(age=35, sex="female", answers=answers)
    result = benchmark(screen, screening)
    assert result.unanswered == ()


def test_screening_an_answer_set_with_a_red_flag(benchmark: BenchmarkFixture) -> None:
    answers: dict[str, Any] = cleared_answers()
    answers.update({"chest_pain_or_pressure": "yes", "lightheaded_or_fainting": "yes"})
    screening = Screening(age=58, sex="male", answers=answers)
    result = benchmark(screen, screening)
    assert result.disposition.severity > 0


def test_the_progress_verdict_over_ten_years(
    benchmark: BenchmarkFixture, ten_years: TenYears
) -> None:
    assert len(ten_years.pain) == TEN_YEARS
    assert 1800 <= len(ten_years.sessions) <= 2300
    progress = benchmark(
        assess,
        pain=ten_years.pain,
        sessions=ten_years.sessions,
        today=ten_years.today,
        planned_per_week=4,
    )
    assert progress.verdict is not None


def _all_charts(progress: Progress) -> int:
    return sum(
        len(chart(progress, title="Ten years"))
        for chart in (pain_chart_svg, relief_chart_svg, adherence_chart_svg)
    )


def test_rendering_the_three_progress_charts_for_ten_years(
    benchmark: BenchmarkFixture, ten_year_progress: Progress
) -> None:
    size = benchmark(_all_charts, ten_year_progress)
    assert size > 0
