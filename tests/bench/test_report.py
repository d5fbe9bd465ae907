"""The benchmark report: every target met, not met or not measured, and the load table."""

from __future__ import annotations

from typing import Any

from bench import report


def run(target: str, clients: int, rps: float, p95: float, **extra: Any) -> dict[str, Any]:
    return {"targets": [target], "clients": clients, "rps": rps, "p50_ms": p95 / 2,
            "p95_ms": p95, "p99_ms": p95 * 1.2, "errors": 0, **extra}  # fmt: skip


RESULTS = {
    "startup": {"help": {"median_ms": 250.0}, "remind_idle": {"rss_mb": 55.0}},
    "load": {
        "databases": {
            "sqlite": {
                "runs": [
                    run("ceiling", 16, 1000, 20, ratio_percent=100.0),
                    run("today", 16, 600, 30, ratio_percent=60.0),
                    run("progress", 16, 300, 70, ratio_percent=30.0),
                    {**run("ceiling", 64, 900, 90), "targets": ["ceiling", "today"], "errors": 2},
                ]
            }
        }
    },
}


def by_name() -> dict[str, report.Row]:
    return {row.name: row for row in report.rows(RESULTS)}


def test_each_figure_is_judged_against_its_target() -> None:
    rows = by_name()
    assert rows["upback --help, cold (median)"].status == "met"
    assert rows["upback remind, resident memory idle"].status == "NOT MET"
    assert rows["Today p95 at 16 clients, SQLite"].figure == "30.0 ms"
    assert rows["Today throughput vs trivial view, SQLite"].status == "met"
    assert rows["Progress p95 at 16 clients, SQLite"].status == "NOT MET"
    assert rows["Progress throughput vs trivial view, SQLite"].status == "NOT MET"
    assert rows["errors at 64 clients, SQLite"].status == "NOT MET"


def test_a_figure_with_no_results_is_not_measured_rather_than_met() -> None:
    rows = by_name()
    assert rows["Today p95 at 16 clients, PostgreSQL"].status == "not measured yet"
    assert rows["plan building (p99)"].status == "not measured yet"


def test_the_load_table_has_a_line_per_run_with_the_share_of_the_ceiling() -> None:
    table = report.load_table(RESULTS)
    assert table[0][:3] == ["database", "page", "clients"]
    assert ["SQLite", "today", "16", "600.0", "15.0", "30.0", "36.0", "60 %", "0"] in table
    assert table[-1][1] == "all, mixed" and table[-1][-1] == "2"
