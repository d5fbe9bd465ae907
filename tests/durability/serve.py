"""`upback serve` for the durability test, minus collecting the static files.

The very same command (migrations, then gunicorn with its own options and the same app) runs;
only `collectstatic` is skipped, because it re-compresses every static file on each start (many
CPU-seconds) and static files play no part in whether a check-in survives a kill.
"""

from __future__ import annotations

import sys
from typing import Any

import django.core.management as management

_call_command = management.call_command


def _without_collectstatic(name: str, *args: Any, **options: Any) -> Any:
    if name == "collectstatic":
        return None
    return _call_command(name, *args, **options)


if __name__ == "__main__":
    management.call_command = _without_collectstatic  # serve imports it when it runs
    from upback.cli.main import run

    sys.argv = ["upback", "serve", *sys.argv[1:]]
    run()
