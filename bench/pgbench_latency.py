"""Run SQL under concurrent clients with pgbench and read its per-transaction log.

pgbench's summary gives throughput and a mean; the percentiles a target is stated in come
from its per-transaction log (`-l`), one line per script run with the latency in microseconds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.postgres_admin import Target


def find_pgbench() -> str | None:
    """pgbench on PATH, else the newest one Debian's PostgreSQL packages install."""
    found = shutil.which("pgbench")
    if found:
        return found
    candidates = list(Path("/usr/lib/postgresql").glob("*/bin/pgbench"))

    def major(path: Path) -> int:
        version = path.parent.parent.name
        return int(version) if version.isdigit() else 0

    return str(max(candidates, key=major)) if candidates else None


@dataclass(frozen=True)
class Latency:
    transactions: int
    failed: int
    tps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    clients: int
    seconds: int
    # Mean latency of each statement of the script (pgbench -r), to see which one costs.
    statement_ms: dict[str, float]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def script(sql_statements: list[str], first_id: int, last_id: int) -> str:
    """A pgbench script: a random person's id in `:uid`, then the statements, as sent."""
    lines = [f"\\set uid random({first_id}, {last_id})"]
    lines += [statement.rstrip().rstrip(";") + ";" for statement in sql_statements]
    return "\n".join(lines) + "\n"


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `fraction` of all at or below."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * fraction // 1))  # ceil without float surprises
    return sorted_values[int(rank) - 1]


def run(
    target: Target,
    script_text: str,
    *,
    clients: int = 16,
    threads: int = 2,
    seconds: int = 30,
    per_statement: bool = False,
    pgbench: str | None = None,
) -> Latency:
    """Run `script_text` for `seconds` under `clients` connections; latency from the log.

    `per_statement` adds pgbench's mean per statement (-r), at the cost of a little timing
    overhead, so it is for scripts of several statements rather than the headline figure.
    """
    program = pgbench or find_pgbench()
    if program is None:
        raise SystemExit("pgbench not found: install postgresql-client (it ships pgbench)")
    with tempfile.TemporaryDirectory(prefix="upback-pgbench-") as work:
        path = Path(work) / "progress.sql"
        path.write_text(script_text)
        prefix = Path(work) / "tx"
        done = subprocess.run(
            [
                program, "-n", "-f", str(path), "-c", str(clients),
                "-j", str(min(threads, clients)), "-T", str(seconds),
                "-l", f"--log-prefix={prefix}", *(["-r"] if per_statement else []),
                *target.client_args(),
            ],
            env=target.client_env(), capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"pgbench failed ({done.returncode}): {done.stderr.strip()}")
        latencies: list[float] = []
        for log in Path(work).glob("tx.*"):
            for line in log.read_text().splitlines():
                fields = line.split()
                if len(fields) >= 3 and fields[2].isdigit():
                    latencies.append(int(fields[2]) / 1000)
    latencies.sort()
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout)
    failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
    return Latency(
        transactions=len(latencies),
        failed=int(failed.group(1)) if failed else 0,
        tps=float(tps.group(1)) if tps else len(latencies) / seconds,
        p50_ms=round(percentile(latencies, 0.50), 3),
        p95_ms=round(percentile(latencies, 0.95), 3),
        p99_ms=round(percentile(latencies, 0.99), 3),
        max_ms=round(latencies[-1], 3) if latencies else float("nan"),
        clients=clients,
        seconds=seconds,
        statement_ms=statement_means(done.stdout),
    )


def statement_means(report: str) -> dict[str, float]:
    """pgbench -r's per-statement mean latencies (ms), keyed by the statement's text."""
    out: dict[str, float] = {}
    lines = report.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("statement latencies")]
    for line in lines[starts[0] + 1 :] if starts else []:
        match = re.match(r"\s+([\d.]+)\s+(?:\d+\s+)?(\S.*)$", line)
        if match is None:
            break
        if not match.group(2).startswith("\\"):  # the meta-command that picks the person
            out[match.group(2)] = float(match.group(1))
    return out
