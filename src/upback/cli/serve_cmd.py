"""`upback serve`: the web app on gunicorn, with static files served by whitenoise."""

from __future__ import annotations

import multiprocessing
from typing import Annotated, Any

import typer

from upback.cli import db
from upback.cli.app import app, fail
from upback.cli.consoles import console


def _workers() -> int:
    return max(2, min(4, multiprocessing.cpu_count()))


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="Worker processes (default: 2-4).")
    ] = None,
) -> None:
    """Start the web app: apply migrations, gather static files, serve with gunicorn."""
    db.migrate()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    from django.db import connections

    # Close what migrate opened: gunicorn forks its workers from this process, and workers that
    # shared one database connection would read each other's results.
    connections.close_all()
    from gunicorn.app.base import BaseApplication

    from upback.site.wsgi import application

    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers or _workers(),
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "warning",
        "timeout": 30,
        "graceful_timeout": 10,
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    shown = "localhost" if host in {"127.0.0.1", "::1"} else host
    console.print(
        f"\n[bold]upback is running at[/] [link=http://{shown}:{port}/]http://{shown}:{port}/[/]\n"
        f"Data: {db.database_description()}\nStop it with Ctrl+C.\n"
    )
    try:
        Server().run()
    except SystemExit as stop:
        if stop.code not in (0, None):
            fail(f"the server stopped (is port {port} already in use?)", 1)
