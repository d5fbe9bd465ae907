"""Every benchmark figure against its issue 7 target: met, not met, or not measured yet.

Reads bench/results/*.json (micro.json from pytest-benchmark, startup.json from bench/startup.py,
load.json from bench/load.py, scale.json from bench/scale.py), prints one table and writes
bench/results/summary.json.
Never fails: a missed target is reported, not raised (exit 0 unless a results file is unreadable).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
Results = dict[str, Any]


@dataclass(frozen=True)
class Target:
    name: str
    limit: str
    figure: Callable[[Results], float | None]  # None: not measured yet
    unit: str
    met: Callable[[float], bool]


@dataclass(frozen=True)
class Row:
    name: str
    target: str
    figure: str
    status: str  # "met", "not met" or "not measured yet"


def _load() -> Results:
    return {p.stem: json.loads(p.read_text()) for p in sorted(RESULTS.glob("*.json"))
            if p.stem != "summary"}  # fmt: skip


def _micro(results: Results, test: str) -> dict[str, Any] | None:
    for bench in results.get("micro", {}).get("benchmarks", []):
        if bench["name"] == test:
            stats: dict[str, Any] = bench["stats"]
            return stats
    return None


def _micro_ms(test: str, stat: str) -> Callable[[Results], float | None]:
    def figure(results: Results) -> float | None:
        stats = _micro(results, test)
        if stats is None:
            return None
        if stat == "p99":
            data = sorted(stats["data"])
            return 1000 * float(data[min(len(data) - 1, math.ceil(0.99 * len(data)) - 1)])
        return 1000 * float(stats[stat])

    return figure


def _at(source: str, *path: str) -> Callable[[Results], float | None]:
    """The number at `path` in one results file (startup.json, scale.json ...), if it is there."""

    def figure(results: Results) -> float | None:
        value: Any = results.get(source)
        for step in path:
            if not isinstance(value, dict) or step not in value:
                return None
            value = value[step]
        return float(value)

    return figure


def _startup(*path: str) -> Callable[[Results], float | None]:
    return _at("startup", *path)


def _scale(*path: str) -> Callable[[Results], float | None]:
    return _at("scale", *path)


def _scale_mib(*path: str) -> Callable[[Results], float | None]:
    def figure(results: Results) -> float | None:
        value = _scale(*path)(results)
        return None if value is None else value / 2**20

    return figure


DATABASES = (("sqlite", "SQLite"), ("postgres", "PostgreSQL"))


def _load_runs(results: Results, db: str) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = (
        results.get("load", {}).get("databases", {}).get(db, {}).get("runs", [])
    )
    return runs


def _page(db: str, target: str, clients: int, key: str) -> Callable[[Results], float | None]:
    """One figure of one page measured alone (target "mixed": all pages together)."""

    def figure(results: Results) -> float | None:
        for run in _load_runs(results, db):
            alone = run["targets"] == [target]
            if run["clients"] == clients and (
                alone or (target == "mixed" and len(run["targets"]) > 1)
            ):
                return None if run.get(key) is None else float(run[key])
        return None

    return figure


def _errors_at(db: str, clients: int) -> Callable[[Results], float | None]:
    def figure(results: Results) -> float | None:
        runs = [r for r in _load_runs(results, db) if r["clients"] == clients]
        return float(sum(r["errors"] for r in runs)) if runs else None

    return figure


def _load_targets() -> list[Target]:
    out = []
    for db, shown in DATABASES:
        for page, name in (("today", "Today"), ("progress", "Progress")):
            out.append(Target(f"{name} p95 at 16 clients, {shown}", "≤ 50 ms",
                              _page(db, page, 16, "p95_ms"), "ms", lambda v: v <= 50))  # fmt: skip
            share = _page(db, page, 16, "ratio_percent")
            out.append(Target(f"{name} throughput vs trivial view, {shown}", "≥ 50 %", share, "%",
                              lambda v: v >= 50))  # fmt: skip
        out.append(Target(f"errors at 64 clients, {shown}", "= 0", _errors_at(db, 64), "",
                          lambda v: v == 0))  # fmt: skip
    return out


def load_table(results: Results) -> list[list[str]]:
    """Every HTTP load run: one line per database, page and concurrency."""
    lines = [["database", "page", "clients", "req/s", "p50 ms", "p95 ms", "p99 ms", "vs trivial",
              "errors"]]  # fmt: skip
    for db, shown in DATABASES:
        for run in _load_runs(results, db):
            page = run["targets"][0] if len(run["targets"]) == 1 else "all, mixed"
            share = run.get("ratio_percent")
            shares = "-" if share is None else f"{share:.0f} %"
            lines.append([shown, page, str(run["clients"]), f"{run['rps']:.1f}",
                          f"{run['p50_ms']:.1f}", f"{run['p95_ms']:.1f}", f"{run['p99_ms']:.1f}",
                          shares, str(run["errors"])])  # fmt: skip
    return lines if len(lines) > 1 else []


TARGETS = [
    Target("plan building (p99)", "≤ 5 ms",
           _micro_ms("test_building_a_plan_for_the_guide_profile", "p99"), "ms",
           lambda v: v <= 5),
    Target("progress verdict, 10 years (median)", "≤ 20 ms",
           _micro_ms("test_the_progress_verdict_over_ten_years", "median"), "ms",
           lambda v: v <= 20),
    Target("upback --help, cold (median)", "≤ 300 ms", _startup("help", "median_ms"), "ms",
           lambda v: v <= 300),
    Target("upback remind, resident memory idle", "≤ 40 MB",
           _startup("remind_idle", "rss_mb"), "MB", lambda v: v <= 40),
    Target("upback remind, CPU idle", "< 0.1 %",
           _startup("remind_idle", "cpu_percent"), "%", lambda v: v < 0.1),
    Target("upback remind, peak memory over a working day", "≤ 40 MB",
           _startup("remind_day", "rss_peak_mb"), "MB", lambda v: v <= 40),
    Target("upback remind, CPU over a working day", "< 0.1 %",
           _startup("remind_day", "cpu_percent_real_speed"), "%", lambda v: v < 0.1),
    *_load_targets(),
    Target("per-user progress query p95 at 16 clients, scale run", "≤ 5 ms",
           _scale("checkins_query", "p95_ms"), "ms", lambda v: v <= 5),
]  # fmt: skip

# Figures measured but without a target of their own: shown for context.
CONTEXT = [
    ("safety screen, cleared (median)", _micro_ms("test_screening_a_full_cleared_answer_set",
                                                  "median"), "ms"),
    ("safety screen, red flag (median)", _micro_ms("test_screening_an_answer_set_with_a_red_flag",
                                                   "median"), "ms"),
    ("three progress charts, 10 years (median)",
     _micro_ms("test_rendering_the_three_progress_charts_for_ten_years", "median"), "ms"),
    ("longest exercise animation, drawn from keyframes (median)",
     _micro_ms("test_drawing_the_longest_animation_from_its_keyframes", "median"), "ms"),
    ("every strip in the library, drawn (median)",
     _micro_ms("test_drawing_every_strip_in_the_library", "median"), "ms"),
    ("upback log --pain 3, cold (median)", _startup("log", "median_ms"), "ms"),
    ("upback --help, cold (p95)", _startup("help", "p95_ms"), "ms"),
    ("upback remind, memory growth over the day", _startup("remind_day", "rss_growth_mb"), "MB"),
    ("scale run: check-in rows", _scale("checkin_rows"), "rows"),
    ("scale run: check-ins loaded per second (COPY)",
     _scale("load", "checkins_rows_per_second"), "rows/s"),
    ("scale run: index build after the load", _scale("load", "index_build_seconds"), "s"),
    ("scale run: check-in table with indexes", _scale_mib("sizes", "total_bytes"), "MiB"),
    ("scale run: every progress query together, p95",
     _scale("progress_queries", "p95_ms"), "ms"),
]  # fmt: skip


def _shown(value: float, unit: str) -> str:
    text = f"{value:.3f}" if value < 1 else f"{value:,.0f}" if value >= 1000 else f"{value:.1f}"
    return f"{text} {unit}".strip()


def rows(results: Results) -> list[Row]:
    out: list[Row] = []
    for t in TARGETS:
        value = t.figure(results)
        if value is None:
            out.append(Row(t.name, t.limit, "-", "not measured yet"))
        else:
            out.append(
                Row(t.name, t.limit, _shown(value, t.unit), "met" if t.met(value) else "NOT MET")
            )
    for name, figure, unit in CONTEXT:
        value = figure(results)
        out.append(Row(name, "-", "-" if value is None else _shown(value, unit), "(context)"))
    return out


def main() -> None:
    results = _load()
    table = rows(results)
    widths = [max(len(getattr(r, f)) for r in table) for f in ("name", "target", "figure")]
    heads = ("figure", "target", "measured", "status")
    print("  ".join(h.ljust(w) for h, w in zip(heads, [*widths, 0], strict=True)).rstrip())
    for r in table:
        cells = (r.name, r.target, r.figure)
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)), r.status)
    load = load_table(results)
    if load:
        print("\nHTTP load (bench/load.py), each page alone unless mixed:")
        widths = [max(len(line[i]) for line in load) for i in range(len(load[0]))]
        for line in load:
            cells = zip(line, widths, strict=True)
            print("  ".join(c.rjust(w) if i > 1 else c.ljust(w) for i, (c, w) in enumerate(cells)))
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = {"rows": [asdict(r) for r in table]}
    (RESULTS / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
