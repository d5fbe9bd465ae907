"""The progress engine on generated, realistic journals (several seeds each) and years of data."""

from __future__ import annotations

from datetime import timedelta

import pytest

from upback.core.journal_gen import Journal, generate
from upback.core.progress import Progress, assess

SEEDS = range(6)


def assessed(kind: str, seed: int, **kwargs: object) -> Progress:
    j = generate(kind, seed=seed, **kwargs)  # type: ignore[arg-type]
    return assess(
        pain=j.pain, sessions=j.sessions, today=j.today, planned_per_week=j.planned_per_week
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_an_improving_journal_is_steady_improvement(seed: int) -> None:
    progress = assessed("improving", seed)
    assert progress.verdict == "steady_improvement"
    assert progress.change_points is not None and progress.change_points <= -2


@pytest.mark.parametrize("seed", SEEDS)
def test_a_flat_journal_is_no_change_and_refers_after_four_weeks(seed: int) -> None:
    progress = assessed("flat", seed)
    assert progress.verdict == "no_change"
    assert "see_professional" in [a.code for a in progress.advice]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_flat_journal_at_two_weeks_prompts_a_review(seed: int) -> None:
    progress = assessed("flat", seed, days=16)
    assert progress.verdict == "no_change"
    assert [a.code for a in progress.advice] == ["review_at_2_weeks"]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_worsening_journal_is_worsening_with_the_safety_advice(seed: int) -> None:
    progress = assessed("worsening", seed)
    assert progress.verdict == "worsening"
    assert progress.advice[0].code == "worsening"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_noisy_journal_is_judged_on_the_averages_not_single_days(seed: int) -> None:
    progress = assessed("noisy", seed)
    assert progress.verdict in ("minimal_improvement", "steady_improvement", "no_change")
    assert progress.verdict != "worsening"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_sparse_journal_still_gets_a_baseline_and_a_verdict(seed: int) -> None:
    progress = assessed("sparse", seed)
    assert progress.baseline is not None
    assert progress.verdict in ("minimal_improvement", "steady_improvement")
    assert any(p.value is None for p in progress.daily)


def test_a_one_entry_journal_is_not_enough_data() -> None:
    progress = assessed("one_entry", 0)
    assert progress.verdict == "not_enough_data"
    assert progress.advice == ()


@pytest.mark.parametrize("seed", SEEDS)
def test_a_flare_is_worsening_and_the_recovery_is_improvement(seed: int) -> None:
    journal = generate("flare_recovery", seed=seed)
    peak = journal.start + timedelta(days=26)
    during = assess(pain=journal.pain, sessions=journal.sessions, today=peak, planned_per_week=7)
    after = assess(
        pain=journal.pain, sessions=journal.sessions, today=journal.today, planned_per_week=7
    )
    assert during.verdict == "worsening"
    assert after.verdict in ("minimal_improvement", "steady_improvement")


@pytest.mark.parametrize("seed", SEEDS)
def test_three_years_of_data(seed: int) -> None:
    progress = assessed("three_years", seed)
    assert len(progress.daily) == 3 * 365
    assert len(progress.weeks) in (157, 158)
    assert progress.verdict == "steady_improvement"
    assert progress.adherence is not None and 0.6 < progress.adherence <= 1.0
    assert progress.review_due


def _assess(journal: Journal) -> Progress:
    return assess(
        pain=journal.pain, sessions=journal.sessions, today=journal.today, planned_per_week=7
    )


def test_ten_years_of_daily_entries_are_assessed_in_full() -> None:
    # Speed is measured by the benchmarks (make bench), not asserted here.
    journal = generate("three_years", seed=1, days=3650)
    progress = _assess(journal)
    assert len(progress.daily) >= 3600
    assert progress.baseline is not None
    assert progress.verdict != "not_enough_data"
