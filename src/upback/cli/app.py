"""The Typer application object and the rules every command shares.

Bad input anywhere in the terminal gets one line on stderr naming the field and the problem, and
exit code 2 — never a traceback. Usage errors from the argument parser are folded into the same
one-line form.

Commands are loaded lazily: `upback --help` lists them from `command_index` without importing
any, and `upback log` imports only `log_cmd` (and what it needs), which keeps start-up short.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort, Exit, TyperException

from upback.cli.command_index import COMMANDS

P = ParamSpec("P")
R = TypeVar("R")

EXIT_BAD_INPUT = 2


def _error_line(message: str) -> None:
    # Rich is imported only when there is something to say: `upback --help` never needs it.
    from rich.markup import escape

    from upback.cli.consoles import errors

    errors.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print one clear line and stop with the given exit code."""
    _error_line(message)
    raise typer.Exit(code)


def bad_input_is_exit_2(func: Callable[P, R]) -> Callable[P, R]:
    """Turn InputProblem raised anywhere in a command into the one-line, exit-2 answer."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        # Imported here: the errors module brings in pydantic, which `--help` does not need.
        from upback.core.errors import InputProblem

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
            _error_line(problem.format_message())
            sys.exit(getattr(problem, "exit_code", EXIT_BAD_INPUT))
        except Abort:
            from upback.cli.consoles import errors

            errors.print("Stopped.")
            sys.exit(1)
        except Exit as done:
            sys.exit(done.exit_code)
        sys.exit(result if isinstance(result, int) else 0)


class LazyCommandsGroup(OneLineErrorsGroup):
    """The `upback` group: each command's module is imported the first time it is asked for.

    Each module registers its commands on `app` when imported; the click command is then built
    from that registration, exactly as if it had been there from the start.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = self.commands.get(cmd_name)
        if found is None and cmd_name in COMMANDS:
            importlib.import_module(COMMANDS[cmd_name].module)
            found = typer.main.get_group(app).commands.get(cmd_name)
            if found is not None:
                self.commands[cmd_name] = found
        return found

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS and args[0] not in self.commands:
            # A mistyped name: load every command so "Did you mean ...?" can suggest any of them.
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands section of `upback --help`, from the index for those not yet loaded."""
        shown = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None:
                # A stand-in that shortens the summary just as the real command would.
                command = TyperCommand(name=name, help=COMMANDS[name].summary)
            if not command.hidden:
                shown.append((name, command))
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in shown)
        with formatter.section("Commands"):
            formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in shown])


app = typer.Typer(
    cls=LazyCommandsGroup,
    name="upback",
    help="upback: a self-care coach for upper back pain. Guidance, not a diagnosis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
