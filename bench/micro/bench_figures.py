"""Microbenchmarks of the exercise pictures (issue 8): drawing an animation and the strips.

The web draws each animation once per process and keeps it, so these are the cost of the first
view of a technique, and of a handout (which draws a strip for every exercise in the plan).
Each round starts from the technique's data, so no solved pose or drawing is reused.
"""

from __future__ import annotations

from pytest_benchmark.fixture import BenchmarkFixture

from upback.core.exercise_figure import animation_svg, has_figure, strip_svg
from upback.core.library import Technique, default_library


def _fresh(slug: str) -> Technique:
    data = default_library().get(slug).model_dump(exclude={"minutes"})
    return Technique.model_validate(data)


def test_drawing_the_longest_animation_from_its_keyframes(benchmark: BenchmarkFixture) -> None:
    # The foam-roller lat release: per side, timed, planted points solved on every frame.
    svg = benchmark(lambda: animation_svg(_fresh("foam_roller_lats")))
    assert svg.count('class="fa"') > 50


def test_drawing_every_strip_in_the_library(benchmark: BenchmarkFixture) -> None:
    slugs = [t.slug for t in default_library() if has_figure(t)]
    total = benchmark(lambda: sum(len(strip_svg(_fresh(slug))) for slug in slugs))
    assert total > 0 and len(slugs) > 30
