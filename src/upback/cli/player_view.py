"""What the person sees during `upback session`: a live panel in a terminal, plain lines anywhere
else, and the panels shown before the routine starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.markup import escape
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from upback.cli.consoles import console
from upback.cli.figure_files import picture_line, saved_figure
from upback.cli.terminal_player import Item, Moment
from upback.core.library import default_library
from upback.core.session_steps import Step, StepKind

STOP_NOTE = (
    "Go gently and stay within a comfortable range. Stop at once for sharp pain, numbness or "
    "tingling, or pain spreading into your chest or arm."
)


_GLYPHS = {
    "0": ["███", "█ █", "█ █", "█ █", "███"],
    "1": [" █ ", "██ ", " █ ", " █ ", "███"],
    "2": ["███", "  █", "███", "█  ", "███"],
    "3": ["███", "  █", " ██", "  █", "███"],
    "4": ["█ █", "█ █", "███", "  █", "  █"],
    "5": ["███", "█  ", "███", "  █", "███"],
    "6": ["███", "█  ", "███", "█ █", "███"],
    "7": ["███", "  █", "  █", "  █", "  █"],
    "8": ["███", "█ █", "███", "█ █", "███"],
    "9": ["███", "█ █", "███", "  █", "███"],
    ":": [" ", "█", " ", "█", " "],
    "/": ["  █", "  █", " █ ", "█  ", "█  "],
}


def big(text: str, style: str) -> Text:
    """`text` (digits, ':' and '/') in large block letters, two cells per pixel."""
    rows = [
        "  ".join(
            "".join(pixel * 2 for pixel in _GLYPHS[char][row]) for char in text if char in _GLYPHS
        )
        for row in range(5)
    ]
    return Text("\n".join(rows), style=style, justify="center")


def cue_words(step: Step) -> tuple[str, str]:
    """The step's cue and hint for a keyboard: Enter where the web player says tap."""
    cue = step.cue
    if step.kind is StepKind.READY:
        cue = cue.split(". ", 1)[-1]  # the item's name is already on screen
    cue = cue.replace("Tap after each one.", "Press Enter after each one.")
    hint = step.hint.replace("then tap.", "then press Enter.")
    if hint.startswith("Tap once"):
        hint = "Or type how many you did, then Enter."
    return cue, hint


def clock_text(seconds: float) -> str:
    whole = max(int(seconds + 0.999), 0)
    return f"{whole // 60}:{whole % 60:02d}"


def whole_minutes(seconds: float) -> int:
    return int(seconds / 60 + 0.5)


def minutes_left(seconds: float) -> str:
    minutes = whole_minutes(seconds)
    if seconds < 60:
        return "under a minute left"
    return f"about {minutes} minute{'s' if minutes != 1 else ''} left"


_STEP_STYLE = {
    StepKind.READY: "bold yellow",
    StepKind.SWITCH: "bold yellow",
    StepKind.REST: "bold green",
}


def _keys_line(moment: Moment) -> Text:
    if moment.paused:
        pairs = [("Enter", "carry on"), ("q", "stop and save")]
    elif moment.step.kind is StepKind.REPS:
        pairs = [("Enter", "one more"), ("s", "skip"), ("p", "pause"), ("q", "stop and save")]
    else:
        pairs = [("Enter", "next"), ("s", "skip"), ("p", "pause"), ("q", "stop and save")]
    line = Text(justify="center")
    for number, (key, meaning) in enumerate(pairs):
        if number:
            line.append("   ")
        line.append(key, style="bold")
        line.append(f" {meaning}", style="dim")
    return line


def moment_panel(moment: Moment) -> Panel:
    step = moment.step
    style = _STEP_STYLE.get(step.kind, "bold cyan")
    head = Table.grid(expand=True)
    head.add_column(ratio=1)
    head.add_column(justify="right")
    head.add_row(Text(moment.item.name, style="bold"), Text(moment.item.dose, style="dim"))
    parts: list[RenderableType] = [head, Text()]
    label = Text(step.label, style=style)
    if step.detail:
        label.append(f"  ·  {step.detail}", style="dim")
    parts += [label, Text()]
    if step.kind is StepKind.REPS:
        parts.append(big(f"{moment.count}/{step.count}", "dim" if moment.paused else style))
        below = Text(f"{step.unit} done", style="dim", justify="center")
        if moment.typed:
            below = Text.assemble(
                ("You typed ", "dim"), (moment.typed, "bold"), (" — press Enter", "dim")
            )
            below.justify = "center"
    else:
        parts.append(big(clock_text(moment.remaining or 0), "dim" if moment.paused else style))
        below = Text()
        if step.kind is StepKind.PACED and step.count and step.seconds_per_count:
            spent = (step.seconds or 0) - (moment.remaining or 0)
            breath = min(int(spent // step.seconds_per_count) + 1, step.count)
            into = (spent % step.seconds_per_count) / step.seconds_per_count
            phase = "breathe in" if into < 0.5 else "breathe out"
            below = Text(f"Breath {breath} of {step.count}: {phase}", style="dim")
            below.justify = "center"
    if moment.paused:
        below = Text("Paused. Take your time.", style="bold yellow", justify="center")
    parts.append(below)
    parts.append(Text())
    cue, hint = cue_words(step)
    parts.append(Text(cue))
    if hint or moment.hint:
        parts.append(Text(moment.hint or hint, style="yellow" if moment.hint else "dim"))
    parts.append(Text())
    bar = Table.grid(expand=True, padding=(0, 1))
    bar.add_column(ratio=1)
    bar.add_column(justify="right", no_wrap=True)
    bar.add_row(
        ProgressBar(total=1.0, completed=moment.progress, complete_style="cyan"),
        Text(minutes_left(moment.seconds_left), style="dim"),
    )
    parts.append(bar)
    parts.append(_keys_line(moment))
    return Panel(
        Group(*parts),
        title=f"[bold]Today's routine[/] · {moment.position} of {moment.of}",
        title_align="left",
        box=box.ROUNDED,
        border_style="yellow" if moment.paused else "cyan",
        padding=(1, 3),
        width=min(console.width, 76),
    )


def _picture(item: Item) -> Text | None:
    """A link to the item's moving picture, saved in the data directory; None without one."""
    technique = default_library().techniques.get(item.slug) if item.slug else None
    path = saved_figure(technique) if technique is not None else None
    return picture_line(path, indent="  ") if path is not None else None


def item_intro(item: Item, position: int, of: int) -> Group:
    """The technique's heading, how to do it and its picture: printed once, above the panel."""
    heading = Text.assemble(
        (f"\n{position} of {of}  ", "dim"), (item.name, "bold cyan"), (f"   {item.dose}", "")
    )
    how = Table.grid(padding=(0, 1))
    how.add_column(width=4, justify="right", style="dim")
    how.add_column(ratio=1, max_width=70)
    for number, line in enumerate(item.how, start=1):
        how.add_row(f"{number}.", Text(line, style="dim"))
    picture = _picture(item)
    return Group(heading, how, picture) if picture is not None else Group(heading, how)


def _ended_line(item: Item, status: str) -> Text:
    if status == "done":
        return Text.assemble(("  ✓ ", "green"), (item.name, "bold"), ("  done", "dim"))
    return Text.assemble(("  – ", "dim"), (item.name, "bold"), ("  skipped", "dim"))


class LiveView:
    """A live panel that redraws in place (a real terminal)."""

    def __init__(self, live: Live) -> None:
        self.live = live

    def item_started(self, item: Item, position: int, of: int) -> None:
        self.live.console.print(item_intro(item, position, of))

    def show(self, moment: Moment) -> None:
        self.live.update(moment_panel(moment), refresh=True)

    def item_ended(self, item: Item, status: str) -> None:
        self.live.console.print(_ended_line(item, status))


class PlainView:
    """One line per step, for a pipe or a log: nothing redraws."""

    def __init__(self, out: Console) -> None:
        self.out = out
        self.step: Step | None = None
        self.count = -1

    def item_started(self, item: Item, position: int, of: int) -> None:
        self.out.print(item_intro(item, position, of))

    def show(self, moment: Moment) -> None:
        step = moment.step
        if moment.paused:
            self.out.print("  Paused. Press Enter to carry on, or q to stop and save.")
            return
        if step is not self.step:
            self.step, self.count = step, -1
            cue, hint = cue_words(step)
            if cue.startswith(f"{step.label}. "):
                cue = cue[len(step.label) + 2 :]
            hint = f"  [dim]{escape(hint)}[/]" if hint else ""
            self.out.print(f"  [bold]{escape(step.label)}[/]  {escape(cue)}{hint}")
        if step.kind is StepKind.REPS and moment.count != self.count:
            self.count = moment.count
            if moment.count:
                self.out.print(f"    {moment.count} of {step.count} {step.unit}")
        if moment.hint:
            self.out.print(f"  [yellow]{escape(moment.hint)}[/]")

    def item_ended(self, item: Item, status: str) -> None:
        self.out.print(_ended_line(item, status))


def stop_panel(screening: Any) -> Panel:
    result = screening.result or {}
    emergency = screening.disposition == "emergency"
    lines: list[RenderableType] = [
        Text(
            " Call your local emergency number now " if emergency else " Get medical care today ",
            style="bold white on red" if emergency else "bold black on dark_orange",
        ),
        Text(),
        Text(
            "Your latest safety check found a warning sign, so upback is not showing any "
            "exercises until a clinician has checked you."
        ),
    ]
    for heading, entries in (
        ("Why", result.get("reasons", [])),
        ("What to do now", result.get("next_steps", [])),
    ):
        if entries:
            lines += [Text(), Text(heading, style="bold cyan")]
            lines += [Text(f"  • {entry}") for entry in entries]
    lines += [
        Text(),
        Text("When you have been checked and feel well enough, run `upback start` again."),
    ]
    return Panel(
        Group(*lines), title="[bold]Please get checked first[/]", border_style="red", padding=(1, 2)
    )


def overview_panel(items: Sequence[Item], seconds: float, resumed: int) -> Panel:
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="dim")
    table.add_column(style="bold")
    table.add_column(style="dim")
    for number, item in enumerate(items, start=1):
        mark = {"done": "✓", "skipped": "–"}.get(item.status, str(number))
        table.add_row(mark, item.name, item.dose)
    count = len(items)
    lead = f"{count} exercise{'s' if count != 1 else ''}, about {whole_minutes(seconds)} minutes."
    if resumed:
        lead = (
            f"Carrying on from exercise {resumed + 1} of {count}, "
            f"about {whole_minutes(seconds)} minutes to go."
        )
    return Panel(
        Group(Text(lead), Text(), table, Text(), Text(STOP_NOTE, style="dim")),
        title="[bold]Today's routine[/]",
        title_align="left",
        border_style="cyan",
        padding=(1, 2),
        width=min(console.width, 76),
    )
