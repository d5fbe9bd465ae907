"""The terminal's two Rich consoles: `console` for what a command says, `errors` for stderr.

They live apart from the Typer application so that the long-running reminder loop, which never
imports Typer, prints through the same consoles as every command.
"""

from __future__ import annotations

from rich.console import Console

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)
