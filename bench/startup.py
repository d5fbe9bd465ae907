"""Start-up and footprint (issue 7, item 4): cold wall time of `upback --help` and `upback log`,
the real `upback remind --no-desktop` process's resident memory and CPU while it idles, and the
same reminder driven through a whole simulated working day.

Every run is a fresh process against a throw-away UPBACK_DATA_DIR (migrated first, SQLite), so
nothing a person keeps is touched. Writes bench/results/startup.json. Linux only (reads /proc).

The working day: the real command in a child process on a pseudo-terminal, its test clock
(`UPBACK_CLOCK_START`, `UPBACK_SPEED`) starting on a Monday at 08:55 and running `--day-speed`
times faster, with the default settings (09:00-17:30, a break every 30 minutes, an active one
each hour). Each prompt is answered as a person might (mostly Enter, now and then a snooze or a
skip), so routines play and answers are saved. Resident memory is sampled all day; CPU is the
process's own plus that of the short-lived children it ran for the database, per simulated hour,
and what that means at real speed. The countdowns of the routines themselves redraw a fixed
number of times per real second, so at a fast clock their (not idle) cost is understated.

    python bench/startup.py [--runs 10] [--idle-seconds 25] [--day-speed 120]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import platform
import pty
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from datetime import UTC, datetime
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


def _cpu_seconds(pid: int, *, children: bool = False) -> float:
    # utime and stime are fields 14 and 15, and the waited-for children's cutime and cstime 16
    # and 17; split after the command name, which may hold spaces.
    after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    fields = (13, 14) if children else (11, 12)
    return sum(int(after_name[field]) for field in fields) / CLOCK_TICKS


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


DAY_START = datetime(2026, 3, 2, 8, 55, tzinfo=UTC)
"""A Monday, five minutes before the default working day starts."""
DAY_END = datetime(2026, 3, 2, 17, 35, tzinfo=UTC)
ANSWERS = ("\r", "\r", "5", "\r", "s")
"""Keys for successive prompts, round and round: mostly Enter, a snooze, a skip."""
ANSWER_NAMES = {"\r": "start", "5": "snooze5", "s": "skip"}
PROMPT_MARK = "snooze 10 min"
"""In every break's block (its keys line), and nowhere else the reminder prints."""
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]")
SAVED = """
import json, sys
from upback.cli import db
db.setup()
from upback.coach.models import BreakRecord
day = BreakRecord.objects.filter(owner=db.local_user(), channel="cli", at__date=sys.argv[1])
print(json.dumps({o: day.filter(outcome=o).count() for o in ("taken", "snoozed", "skipped")}))
"""


class _Terminal:
    """The reminder's pseudo-terminal: everything it prints, gathered on a thread."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.chunks: list[str] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the child closed the terminal
                return
            if not data:
                return
            with self.lock:
                self.chunks.append(data.decode(errors="replace"))

    def text(self) -> str:
        with self.lock:
            return ANSI.sub("", "".join(self.chunks))

    def press(self, key: str) -> None:
        os.write(self.fd, key.encode())


def remind_day(
    env: dict[str, str],
    *,
    speed: float = 120.0,
    start: datetime = DAY_START,
    end: datetime = DAY_END,
    sample_every: float = 0.2,
) -> dict[str, Any]:
    """Run the real reminder from `start` to `end` on its fast test clock; see the module doc."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 100, 0, 0))
    day_env = {**env, "UPBACK_SPEED": str(speed), "UPBACK_CLOCK_START": start.isoformat()}
    args = [UPBACK, "remind", "--no-desktop", "--tz", "UTC"]
    with subprocess.Popen(
        args, env=day_env, stdin=follower, stdout=follower, stderr=follower
    ) as child:
        os.close(follower)
        screen = _Terminal(leader)
        answered: list[str] = []
        rss: list[int] = []
        try:
            deadline = time.perf_counter() + 120
            while "Break reminders on" not in screen.text():  # start-up is not the day
                if child.poll() is not None or time.perf_counter() > deadline:
                    return {"error": f"remind did not start: {screen.text()[-500:]}"}
                time.sleep(0.05)
            began = time.perf_counter()
            own_before = _cpu_seconds(child.pid)
            children_before = _cpu_seconds(child.pid, children=True)
            day_ends = began + (end - start).total_seconds() / speed
            while time.perf_counter() < day_ends:
                if child.poll() is not None:
                    return {"error": f"remind stopped mid-day: {screen.text()[-500:]}"}
                rss.append(_rss_kb(child.pid)[0])
                if screen.text().count(PROMPT_MARK) > len(answered):
                    key = ANSWERS[len(answered) % len(ANSWERS)]
                    screen.press(key)
                    answered.append(ANSWER_NAMES[key])
                time.sleep(sample_every)
            wall = time.perf_counter() - began
            own = _cpu_seconds(child.pid) - own_before
            store = _cpu_seconds(child.pid, children=True) - children_before
            rss.append(_rss_kb(child.pid)[0])
            peak = max(max(rss), _rss_kb(child.pid)[1])
            for _ in range(10):  # q while a routine plays stops the routine; then q again
                screen.press("q")
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(timeout=6)
                    break
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    time.sleep(0.2)  # the last words on the terminal
    os.close(leader)
    saved = subprocess.run(
        [sys.executable, "-c", SAVED, start.date().isoformat()],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=HERE.parent,
    )
    simulated_hours = wall * speed / 3600
    cpu = own + store
    return {
        "simulated": f"{start:%a %Y-%m-%d %H:%M}-{end:%H:%M} UTC, default settings",
        "speed": speed,
        "simulated_hours": round(simulated_hours, 2),
        "wall_s": round(wall, 1),
        "prompts": screen.text().count(PROMPT_MARK),
        "answers": {name: answered.count(name) for name in ANSWER_NAMES.values()},
        "saved": json.loads(saved.stdout),
        "exit_code": child.returncode,
        "rss_start_mb": round(rss[0] / 1024, 1),
        "rss_mid_mb": round(rss[len(rss) // 2] / 1024, 1),
        "rss_end_mb": round(rss[-1] / 1024, 1),
        "rss_peak_mb": round(peak / 1024, 1),
        "rss_growth_mb": round((rss[-1] - rss[0]) / 1024, 1),
        "cpu_s": round(cpu, 2),
        "cpu_loop_s": round(own, 2),
        "cpu_store_s": round(store, 2),
        "cpu_s_per_sim_hour": round(cpu / simulated_hours, 3),
        "cpu_percent_real_speed": round(100 * cpu / simulated_hours / 3600, 4),
    }


def prepared_env(data_dir: str) -> dict[str, str]:
    """The environment for a throw-away install in `data_dir`: migrated, with a bench user whose
    safety screen is cleared (the reminder asks for one first)."""
    env = {**os.environ, "UPBACK_DATA_DIR": data_dir, "UPBACK_USER": "bench"}
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL"):  # SQLite in data_dir, always
        env.pop(name, None)
    # One `log` first migrates the new database; the timed runs then see a ready one.
    subprocess.run([UPBACK, "log", "--pain", "3"], env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", CLEAR_SCREEN], env=env, check=True, cwd=HERE.parent)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--idle-seconds", type=float, default=25.0)
    parser.add_argument("--day-speed", type=float, default=120.0)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "startup.json")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="upback-bench-") as data_dir:
        env = prepared_env(data_dir)
        results: dict[str, Any] = {
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
            },
            "help": _cold(["--help"], env, options.runs),
            "log": _cold(["log", "--pain", "3"], env, options.runs),
            "remind_idle": _remind_idle(env, options.idle_seconds),
            "remind_day": remind_day(env, speed=options.day_speed),
        }
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
