"""Signed-in visitors for the HTTP load run: a browser session and an API token per bench person.

Run inside the benchmark's own install (its UPBACK_DATA_DIR or bench DATABASE_URL):

    python -m bench.credentials --count 500 --out FILE

writes one "session_key token" line per person, picked at random among the bench people. Any
session or "bench load" token left by an earlier run is removed first, so the tables the pages
read do not grow from run to run. Sessions are made the way Django's login makes them (the
user id, backend and password hash), so each request is checked exactly as a real one is.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

TOKEN_NAME = "bench load"


def make(*, count: int, seed: int = 1) -> list[tuple[str, str]]:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from bench.generate import BENCH_PREFIX, guard
    from upback.coach.models import AccessToken
    from upback.coach.services.tokens import access_token_create

    guard()
    people = list(User.objects.filter(username__startswith=BENCH_PREFIX).order_by("pk"))
    if not people:
        raise SystemExit(
            "no bench people here: run python -m bench.generate first"
            " (for make bench-load: remove bench/.data so they are generated again)"
        )
    chosen = random.Random(seed).sample(people, min(count, len(people)))
    Session.objects.all().delete()  # a bench install has no one else's sessions to keep
    AccessToken.objects.filter(name=TOKEN_NAME).delete()
    pairs = []
    for person in chosen:
        session = SessionStore()
        session[SESSION_KEY] = str(person.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = person.get_session_auth_hash()
        session.create()
        _, secret = access_token_create(owner=person, name=TOKEN_NAME)
        pairs.append((str(session.session_key), secret))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upback.site.settings")
    import django

    django.setup()
    pairs = make(count=args.count, seed=args.seed)
    args.out.write_text("".join(f"{s} {t}\n" for s, t in pairs))
    print(f"{len(pairs)} signed-in visitors written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
