"""Django set-up for the commands that touch the database, done lazily to keep `--help` fast."""

from __future__ import annotations

import getpass
import os
from typing import Any


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upback.site.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as problem:  # a bad UPBACK_* variable: one line, not a traceback
        from upback.cli.app import fail

        fail(str(problem))


def migrate(*, verbosity: int = 0) -> None:
    """Bring the database schema up to date (a no-op when it already is)."""
    setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def local_user() -> Any:
    """The terminal's account: UPBACK_USER, or the name you log in to this computer with."""
    from upback.coach import services

    username = os.environ.get("UPBACK_USER", "").strip() or getpass.getuser() or "me"
    return services.local_user_get_or_create(username=username)


def database_description() -> str:
    from upback.site.paths import database_description as describe

    return describe()
