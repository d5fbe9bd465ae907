"""Shared inputs for the microbenchmarks: built once, so only the measured call counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from upback.core.journal_gen import generate
from upback.core.progress import PainEntry, Progress, SessionEntry, assess

TEN_YEARS = 3650


@dataclass(frozen=True)
class TenYears:
    pain: tuple[PainEntry, ...]
    sessions: tuple[SessionEntry, ...]
    today: date


@pytest.fixture(scope="session")
def ten_years() -> TenYears:
    """One check-in a day for 10 years and a session on about 4 days in 7 (~2,000 sessions).

    Seeded: the `three_years` curve (improving, then maintenance with flares) stretched to 10 years,
    with every day logged so the verdict sees the full 3,650 entries the issue asks for."""
    journal = generate("three_years", seed=7, days=TEN_YEARS, planned_per_week=4)
    logged = {entry.day: entry for entry in journal.pain}
    pain = tuple(
        logged.get(day, PainEntry(day=day, pain=4))
        for day in (journal.start + timedelta(days=n) for n in range(TEN_YEARS))
    )
    sessions = tuple(s for i, s in enumerate(journal.sessions) if i % 4 != 3)
    return TenYears(pain=pain, sessions=sessions, today=journal.today)


@pytest.fixture(scope="session")
def ten_year_progress(ten_years: TenYears) -> Progress:
    return assess(
        pain=ten_years.pain, sessions=ten_years.sessions, today=ten_years.today, planned_per_week=4
    )
