"""The journal generator: seeded, realistic and shaped as each kind says."""

from __future__ import annotations

from statistics import mean

import pytest

from upback.core.journal_gen import KINDS, generate


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_seed_gives_the_same_journal(kind: str) -> None:
    assert generate(kind, seed=7) == generate(kind, seed=7)  # type: ignore[arg-type]


def test_different_seeds_give_different_journals() -> None:
    assert generate("noisy", seed=1) != generate("noisy", seed=2)


@pytest.mark.parametrize("kind", KINDS)
def test_scores_are_in_range_and_dates_within_the_journal(kind: str) -> None:
    j = generate(kind, seed=0)  # type: ignore[arg-type]
    assert j.pain
    for entry in j.pain:
        assert 0 <= entry.pain <= 10 and j.start <= entry.day <= j.today
    for s in j.sessions:
        assert 0 <= s.pain_before <= 10 and j.start <= s.day <= j.today
        assert s.pain_after is None or 0 <= s.pain_after <= 10


def first_and_last_week(kind: str) -> tuple[float, float]:
    j = generate(kind, seed=0)  # type: ignore[arg-type]
    first = [e.pain for e in j.pain if (e.day - j.start).days < 7]
    last = [e.pain for e in j.pain if (j.today - e.day).days < 7]
    return mean(first), mean(last)


def test_the_shapes_go_the_way_their_names_say() -> None:
    before, after = first_and_last_week("improving")
    assert after <= before - 2.5
    before, after = first_and_last_week("flat")
    assert abs(after - before) < 1
    before, after = first_and_last_week("worsening")
    assert after >= before + 2


def test_one_entry_is_one_check_in() -> None:
    j = generate("one_entry")
    assert len(j.pain) == 1 and j.sessions == () and j.today == j.start


def test_sparse_logs_about_a_third_of_days() -> None:
    j = generate("sparse", seed=0)
    days = {e.day for e in j.pain}
    assert 0.2 < len(days) / 60 < 0.5


def test_noisy_has_some_days_with_two_check_ins() -> None:
    j = generate("noisy", seed=0)
    assert len(j.pain) > len({e.day for e in j.pain})


def test_three_years_is_three_years_and_days_can_stretch_it() -> None:
    j = generate("three_years")
    assert (j.today - j.start).days + 1 == 3 * 365
    assert (generate("three_years", days=3650).today - j.start).days == 3649
