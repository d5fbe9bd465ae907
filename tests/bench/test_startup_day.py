"""The reminder's simulated working day, shrunk to seconds: the real `upback remind` on a
pseudo-terminal with its test clock running fast, a prompt answered, the answer saved through
the lean loop's database children, and the figures the report reads."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bench.startup import prepared_env, remind_day

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_a_short_fast_day_answers_its_breaks_saves_them_and_reports_the_footprint(
    tmp_path: Path,
) -> None:
    env = prepared_env(str(tmp_path))
    day = remind_day(
        env,
        speed=300,
        start=datetime(2026, 3, 2, 9, 25, tzinfo=UTC),
        end=datetime(2026, 3, 2, 10, 10, tzinfo=UTC),
    )
    assert "error" not in day, day["error"]
    assert day["exit_code"] == 0
    assert day["prompts"] >= 1 and day["answers"]["start"] >= 1
    assert day["saved"]["taken"] >= 1  # written by a short-lived child, not the loop itself
    assert 0.6 <= day["simulated_hours"] <= 1.0
    assert 0 < day["rss_start_mb"] <= day["rss_peak_mb"]
    assert day["rss_end_mb"] <= day["rss_peak_mb"]
    assert day["cpu_s"] == pytest.approx(day["cpu_loop_s"] + day["cpu_store_s"], abs=0.02)
    assert day["cpu_percent_real_speed"] == pytest.approx(
        100 * day["cpu_s_per_sim_hour"] / 3600, rel=0.05, abs=1e-4
    )
