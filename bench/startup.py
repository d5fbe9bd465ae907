"""Start-up and footprint (issue 7, item 4): cold wall time of `upback --help` and `upback log`,
and the real `upback remind --no-desktop` process's resident memory and CPU while it idles.

Every run is a fresh process against a throw-away UPBACK_DATA_DIR (migrated first), so nothing a
person keeps is touched. Writes bench/results/startup.json. Linux only (reads /proc).

    python bench/startup.py [--runs 10] [--idle-seconds 25]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
UPBACK = str(Path(sys.executable).with_name("upback"))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CLEAR_SCREEN = """
from upback.cli import db
db.setup()
from tests.examples import cleared_answers
from upback.coach.services.screenings import screening_record
from upback.core.safety import Screening
screening_record(owner=db.local_user(), screening=Screening(age=35, answers=cleared_answers()))
"""


def _spread(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "min_ms": round(ordered[0] * 1000, 1),
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "runs": len(ordered),
    }


def _cold(args: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    samples: list[float] = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([UPBACK, *args], env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - began)
    return _spread(samples)


def _rss_kb(pid: int) -> tuple[int, int]:
    """(current, peak) resident set size in KiB, from /proc/<pid>/status."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def _cpu_seconds(pid: int) -> float:
    # utime and stime are fields 14 and 15; split after the command name, which may hold spaces.
    after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(after_name[11]) + int(after_name[12])) / CLOCK_TICKS


def _remind_idle(env: dict[str, str], idle_seconds: float) -> dict[str, Any]:
    """Start the real reminder with working hours around now, let it settle, then watch it idle."""
    # Hours that cover the whole day, so it waits for the next break rather than for tomorrow.
    args = ["remind", "--no-desktop", "--start", "00:00", "--end", "23:59", "--interval", "60"]
    with subprocess.Popen(
        [UPBACK, *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as child:
        try:
            time.sleep(3.0)  # imports and set-up are start-up, not idling
            if child.poll() is not None:
                problem = child.stderr.read().decode() if child.stderr else ""
                return {"error": f"remind exited with {child.returncode}: {problem.strip()}"}
            cpu_before, began = _cpu_seconds(child.pid), time.perf_counter()
            time.sleep(idle_seconds)
            cpu_after, wall = _cpu_seconds(child.pid), time.perf_counter() - began
            rss, peak = _rss_kb(child.pid)
        finally:
            child.terminate()
            child.wait(timeout=10)
    return {
        "idle_wall_s": round(wall, 1),
        "rss_mb": round(rss / 1024, 1),
        "peak_rss_mb": round(peak / 1024, 1),
        "cpu_s": round(cpu_after - cpu_before, 3),
        "cpu_percent": round(100 * (cpu_after - cpu_before) / wall, 3),
        "note": f"CPU resolution is one clock tick (1/{CLOCK_TICKS} s)",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--idle-seconds", type=float, default=25.0)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "startup.json")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="upback-bench-") as data_dir:
        env = {**os.environ, "UPBACK_DATA_DIR": data_dir, "UPBACK_USER": "bench"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        # One `log` first migrates the new database; the timed runs then see a ready one.
        subprocess.run([UPBACK, "log", "--pain", "3"], env=env, check=True, capture_output=True)
        # The reminder asks for a cleared safety screen first; record one for the bench user.
        subprocess.run([sys.executable, "-c", CLEAR_SCREEN], env=env, check=True, cwd=HERE.parent)
        results: dict[str, Any] = {
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
            },
            "help": _cold(["--help"], env, options.runs),
            "log": _cold(["log", "--pain", "3"], env, options.runs),
            "remind_idle": _remind_idle(env, options.idle_seconds),
        }
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
