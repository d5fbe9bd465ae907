"""The Typer application object and the rules every command shares.

Bad input anywhere in the terminal gets one line on stderr naming the field and the problem, and
exit code 2 — never a traceback. Usage errors from the argument parser are folded into the same
one-line form.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit, TyperException

from upback.core.errors import InputProblem

P = ParamSpec("P")
R = TypeVar("R")

EXIT_BAD_INPUT = 2

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print one clear line and stop with the given exit code."""
    errors.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


def bad_input_is_exit_2(func: Callable[P, R]) -> Callable[P, R]:
    """Turn InputProblem raised anywhere in a command into the one-line, exit-2 answer."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputProblem as problem:
            fail(str(problem))

    return wrapper


class OneLineErrorsGroup(TyperGroup):
    """A command group whose usage errors print a single 'error: …' line and exit 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except TyperException as problem:
            errors.print(f"[bold red]error:[/] {escape(problem.format_message())}", soft_wrap=True)
            sys.exit(getattr(problem, "exit_code", EXIT_BAD_INPUT))
        except Abort:
            errors.print("Stopped.")
            sys.exit(1)
        except Exit as done:
            sys.exit(done.exit_code)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=OneLineErrorsGroup,
    name="upback",
    help="upback: a self-care coach for upper back pain. Guidance, not a diagnosis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
