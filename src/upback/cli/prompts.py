"""Interactive questions for the terminal flow: one question at a time, re-asked until valid."""

from __future__ import annotations

from collections.abc import Sequence

from rich.prompt import IntPrompt, Prompt

from upback.cli.consoles import console

YES_NO_NOT_SURE = {"y": "yes", "n": "no", "?": "not_sure"}


def yes_no_not_sure(text: str, help_text: str | None, *, number: int) -> str:
    console.print()
    console.print(f"[bold]{number}.[/] {text}")
    if help_text:
        console.print(f"   [dim]{help_text}[/]")
    answer = Prompt.ask(
        "   \\[y] yes  \\[n] no  \\[?] not sure",
        choices=list(YES_NO_NOT_SURE),
        show_choices=False,
        console=console,
    )
    return YES_NO_NOT_SURE[answer]


def whole_number(text: str, *, low: int, high: int, default: int | None = None) -> int:
    while True:
        value = IntPrompt.ask(text, default=default, console=console)
        if value is not None and low <= value <= high:
            return int(value)
        console.print(f"[red]Please give a whole number from {low} to {high}.[/]")


def one_of(text: str, options: Sequence[tuple[str, str]], *, default: str | None = None) -> str:
    """Pick one option by its number; returns the option's value."""
    console.print(f"\n[bold]{text}[/]")
    for index, (_, label) in enumerate(options, start=1):
        console.print(f"  [cyan]{index}[/]  {label}")
    values = [value for value, _ in options]
    default_number = str(values.index(default) + 1) if default in values else None
    answer = Prompt.ask(
        "Your choice",
        choices=[str(i) for i in range(1, len(options) + 1)],
        default=default_number,
        show_choices=False,
        console=console,
    )
    return values[int(answer or 1) - 1]


def some_of(
    text: str, options: Sequence[tuple[str, str]], *, default: Sequence[str] = ()
) -> list[str]:
    """Pick any number of options: numbers separated by commas or spaces, Enter for none."""
    console.print(f"\n[bold]{text}[/]")
    for index, (_, label) in enumerate(options, start=1):
        console.print(f"  [cyan]{index}[/]  {label}")
    values = [value for value, _ in options]
    default_text = " ".join(str(values.index(v) + 1) for v in default if v in values)
    while True:
        raw = Prompt.ask(
            "Numbers separated by spaces (Enter for none)",
            default=default_text,
            show_default=bool(default_text),
            console=console,
        )
        picked: list[str] = []
        tokens = raw.replace(",", " ").split()
        if all(t.isdigit() and 1 <= int(t) <= len(options) for t in tokens):
            for token in tokens:
                value = values[int(token) - 1]
                if value not in picked:
                    picked.append(value)
            return picked
        console.print(f"[red]Please use numbers from 1 to {len(options)}.[/]")


def yes_no(text: str, *, default: bool) -> bool:
    answer = Prompt.ask(
        f"\n[bold]{text}[/]", choices=["y", "n"], default="y" if default else "n", console=console
    )
    return answer == "y"
