"""HTTP load on loopback (issue 7, item 2): the pages people open most, under 16 and 64 clients.

For each database (the embedded SQLite default, and PostgreSQL when one is reachable) it fills a
throw-away install with bench people (bench/generate.py, once; kept for the next run), signs in
a few hundred of them (bench/credentials.py), starts the production server (`upback serve`:
gunicorn, whitenoise, the full middleware) on a free loopback port, and drives it with wrk:

- each target alone for `--seconds` at 16 clients: /healthz (the ceiling: the cheapest answer
  the same server and middleware give, with the same session cookie), Today, Progress, Journal,
  the plan page and the API's progress endpoint (with a Bearer token);
- 64 clients for `--seconds` on all targets mixed at random, for errors under load and the
  latency a crowd sees (with `--full`, each target alone at 64 clients too).

Each person is picked at random per request. Requests/s, p50/p95/p99 and errors (anything but a
200, and socket errors) go to bench/results/load.json, with each target's throughput as a share
of the ceiling's at the same concurrency.

    python -m bench.load [--db sqlite|postgres|both] [--users 1000] [--days 730] [--seconds 30]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
SCRATCH = HERE / ".data"  # the bench installs and their sign-ins; kept between runs, git-ignored
LUA = HERE / "wrk" / "signed_in.lua"
UPBACK = str(Path(sys.executable).with_name("upback"))
DEFAULT_PG = "postgres://upback:upback@127.0.0.1:5432/upback_bench_load"
CEILING = "ceiling"
# (name, path, auth): what a signed-in person opens most, and the ceiling first.
TARGETS = (
    (CEILING, "/healthz", "cookie"),
    ("today", "/today/", "cookie"),
    ("progress", "/progress/", "cookie"),
    ("journal", "/journal/", "cookie"),
    ("plan", "/plan/", "cookie"),
    ("api_progress", "/api/v1/progress", "bearer"),
)


def _pg_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG)


def _pg_reachable(url: str) -> bool:
    parts = urlsplit(url)
    with (
        contextlib.suppress(OSError),
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=2),
    ):
        return True
    return False


def _pg_recreate(url: str) -> None:
    """Drop and create the bench database (its name must say bench)."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing: database {name!r} has no 'bench' in its name")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _environment(db: str, scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "UPBACK_DATA_DIR"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["UPBACK_DATA_DIR"] = str(scratch / f"load-{db}")
    if db == "postgres":
        env["DATABASE_URL"] = _pg_url()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE.parent), env.get("PYTHONPATH")]))
    return env


def _prepare(
    db: str, *, users: int, days: int, env: dict[str, str], scratch: Path
) -> dict[str, Any]:
    """Bench people in the install, generated once per size and kept for the next run."""
    marker = scratch / f"load-{db}.json"
    wanted = {"users": users, "days": days, "seed": 1}
    if marker.exists() and json.loads(marker.read_text()).get("data") == wanted:
        return dict(json.loads(marker.read_text()), reused=True)
    marker.unlink(missing_ok=True)
    shutil.rmtree(env["UPBACK_DATA_DIR"], ignore_errors=True)
    Path(env["UPBACK_DATA_DIR"]).mkdir(parents=True)
    if db == "postgres":
        _pg_recreate(env["DATABASE_URL"])
    print(f"load: generating {users} people x {days} days on {db} (once; kept for next runs)")
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bench.generate", "--users", str(users), "--days", str(days)],
        env=env,
        cwd=HERE.parent,
        check=True,
    )
    prepared = {"data": wanted, "generate_s": round(time.perf_counter() - began, 1)}
    marker.write_text(json.dumps(prepared))
    return dict(prepared, reused=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, headers=headers)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as answer:
        return int(answer.code)


@contextlib.contextmanager
def _server(env: dict[str, str], workers: int | None, log_path: Path) -> Iterator[str]:
    """`upback serve` on a free loopback port, stopped (with its workers) on the way out."""
    port = _free_port()
    command = [UPBACK, "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers:
        command += ["--workers", str(workers)]
    log = log_path.open("w")
    child = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if child.poll() is not None:
                raise SystemExit(f"upback serve stopped: see {log_path}")
            with contextlib.suppress(OSError):
                if _get(f"{base}/healthz", {}) == 200:
                    break
            time.sleep(0.1)
        else:
            raise SystemExit("upback serve did not answer within a minute")
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGTERM)
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        log.close()


def _check_pages(base: str, credentials: Path) -> None:
    """Every target answers 200 to a signed-in person before anything is measured."""
    session, token = credentials.read_text().split("\n", 1)[0].split()
    for name, path, auth in TARGETS:
        headers = {"Authorization": f"Bearer {token}"} if auth == "bearer" else {}
        if auth == "cookie":
            headers["Cookie"] = f"sessionid={session}"
        status = _get(base + path, headers)
        if status != 200:
            raise SystemExit(f"load: {name} ({path}) answered {status}, not 200: nothing measured")


def _wrk(base: str, credentials: Path, targets: list[tuple[str, str, str]], *, clients: int,
         seconds: float) -> dict[str, Any]:  # fmt: skip
    spec = ",".join(f"{path}:{auth}" for _, path, auth in targets)
    command = [
        "wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds:g}s", "--timeout", "10s",
        "-s", str(LUA), base, "--", str(credentials), spec,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    raw = json.loads(line.removeprefix("RESULT "))
    socket_errors = raw["connect"] + raw["read"] + raw["write"] + raw["timeout"]
    return {
        "targets": [name for name, _, _ in targets],
        "clients": clients,
        "seconds": round(raw["duration_us"] / 1e6, 1),
        "requests": raw["requests"],
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": raw["not_200"] + socket_errors,
        "not_200": raw["not_200"],
        "socket_errors": socket_errors,
    }


def _one_database(db: str, args: argparse.Namespace) -> dict[str, Any]:
    env = _environment(db, args.scratch)
    prepared = _prepare(db, users=args.users, days=args.days, env=env, scratch=args.scratch)
    credentials = args.scratch / f"credentials-{db}.txt"
    subprocess.run(
        [sys.executable, "-m", "bench.credentials", "--count", str(args.visitors), "--out",
         str(credentials)],
        env=env, cwd=HERE.parent, check=True, capture_output=True,
    )  # fmt: skip
    runs: list[dict[str, Any]] = []
    with _server(env, args.workers, args.scratch / f"server-{db}.log") as base:
        _check_pages(base, credentials)
        # A short warm-up: workers import lazily and fill caches on their first requests.
        _wrk(base, credentials, list(TARGETS), clients=4, seconds=min(3, args.seconds))
        levels = [(16, False), (64, True)]
        for clients, mixed in levels:
            alone = [t for t in TARGETS if not mixed or args.full]
            for target in alone:
                runs.append(
                    _wrk(base, credentials, [target], clients=clients, seconds=args.seconds)
                )
                _say(db, runs[-1])
            if mixed:
                runs.append(_wrk(base, credentials, list(TARGETS), clients=clients,
                                 seconds=args.seconds))  # fmt: skip
                _say(db, runs[-1])
    _add_ratios(runs)
    return {"prepared": prepared, "visitors": args.visitors, "runs": runs}


def _add_ratios(runs: list[dict[str, Any]]) -> None:
    """Each single-target run's throughput as a share of the ceiling's at the same clients."""
    ceilings = {r["clients"]: r["rps"] for r in runs if r["targets"] == [CEILING]}
    for run in runs:
        ceiling = ceilings.get(run["clients"])
        if len(run["targets"]) == 1 and ceiling:
            run["ratio_percent"] = round(100 * run["rps"] / ceiling, 1)


def _say(db: str, run: dict[str, Any]) -> None:
    what = run["targets"][0] if len(run["targets"]) == 1 else "all, mixed"
    print(
        f"load: {db:<8} {what:<12} {run['clients']:>3} clients  {run['rps']:>8.1f} req/s  "
        f"p50 {run['p50_ms']:>7.2f}  p95 {run['p95_ms']:>7.2f}  p99 {run['p99_ms']:>7.2f} ms  "
        f"errors {run['errors']}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--visitors", type=int, default=500, help="people signed in for the run")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (serve's default)"
    )
    parser.add_argument("--full", action="store_true", help="every target alone at 64 clients too")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "load.json")
    parser.add_argument("--scratch", type=Path, default=SCRATCH, help="where the installs live")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("load: wrk is not installed (Debian/Ubuntu: apt-get install wrk): skipped")
        return 0
    args.scratch.mkdir(parents=True, exist_ok=True)
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "wrk_threads": 2,
        },
        "seconds": args.seconds,
        "databases": {},
        "skipped": {},
    }
    for db in databases:
        if db == "postgres" and not _pg_reachable(_pg_url()):
            results["skipped"][db] = "no PostgreSQL server answered (set BENCH_DATABASE_URL)"
            print(f"load: postgres skipped: {results['skipped'][db]}")
            continue
        results["databases"][db] = _one_database(db, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
