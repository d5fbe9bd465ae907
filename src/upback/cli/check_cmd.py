"""`upback check --deploy`: Django's own checks, including its deployment checklist, run against
the settings this environment gives (the same environment variables the server runs with).

Exit 0 when nothing is wrong, 1 with each problem listed otherwise, so a deploy script can stop.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from upback.cli.app import app, fail
from upback.cli.consoles import console

EXIT_PROBLEMS = 1


def _level(issue: Any) -> str:
    from django.core import checks

    if issue.level >= checks.ERROR:
        return "error"
    if issue.level >= checks.WARNING:
        return "warning"
    return "note"


def _describe(issue: Any) -> str:
    where = "" if issue.obj is None else f" ({issue.obj})"
    line = f"[bold]{_level(issue)} {issue.id}[/]{escape(where)}: {escape(str(issue.msg))}"
    if issue.hint:
        line += f"\n    [dim]{escape(str(issue.hint))}[/]"
    return line


@app.command("check")
def check_command(
    deploy: Annotated[
        bool,
        typer.Option("--deploy", help="Also run Django's deployment checklist (for a server)."),
    ] = False,
) -> None:
    """Check upback's configuration; with --deploy, whether it is safe to serve on a network."""
    from django.core.exceptions import ImproperlyConfigured

    from upback.cli import db

    try:
        db.setup()
    except ImproperlyConfigured as problem:
        # A bad environment variable is exactly what this command is for: one line naming it.
        fail(str(problem))
    from django.conf import settings
    from django.core import checks

    found = checks.run_checks(include_deployment_checks=deploy)
    issues = [issue for issue in found if not issue.is_silenced() and issue.level >= checks.INFO]
    silenced = len(found) - len([issue for issue in found if not issue.is_silenced()])
    what = "deployment checks" if deploy else "checks"
    if deploy:
        console.print(
            f"Settings: debug {'on' if settings.DEBUG else 'off'}, "
            f"https {'on' if settings.SECURE_SSL_REDIRECT else 'off'}, "
            f"hosts {escape(', '.join(settings.ALLOWED_HOSTS))}."
        )
    if not issues:
        note = f" ({silenced} silenced on purpose; see settings.py)" if silenced else ""
        console.print(f"[green]Django's {what} found no problem{note}.[/]", soft_wrap=True)
        return
    count = len(issues)
    console.print(f"[red]Django's {what} found {count} problem{'s' if count != 1 else ''}:[/]")
    for issue in issues:
        console.print(_describe(issue), soft_wrap=True)
    if deploy and getattr(settings, "LOCAL_ONLY", False) and not settings.SECURE_SSL_REDIRECT:
        console.print(
            "upback answers only this machine (every name in UPBACK_ALLOWED_HOSTS is a loopback "
            "one), so https is off. On a server, set UPBACK_ALLOWED_HOSTS to its name.",
            soft_wrap=True,
        )
    if deploy:
        console.print(
            "See docs/configuration.md for the environment variables that set these "
            "(UPBACK_DEBUG, UPBACK_SECRET_KEY, UPBACK_ALLOWED_HOSTS, UPBACK_HTTPS).",
            soft_wrap=True,
        )
    raise typer.Exit(EXIT_PROBLEMS)
