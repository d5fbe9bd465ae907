"""How the terminal shows techniques, screening results and plans, with Rich.

Rendering only: every decision has been made by the core before anything arrives here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from upback.core.labels import DAY_NAMES
from upback.core.library import Library, Technique
from upback.core.safety import ScreenResult
from upback.core.vocab import Disposition

_DISPOSITION_STYLE: dict[Disposition, tuple[str, str]] = {
    Disposition.EMERGENCY: ("bold white on red", "Get emergency help now"),
    Disposition.URGENT: ("bold black on dark_orange", "Get medical care today"),
    Disposition.SOON: ("bold black on yellow", "See a clinician soon"),
    Disposition.SELF_CARE: ("bold black on green", "Safe to start gentle self-care"),
}


def words(value: str) -> str:
    """A vocabulary value as words: 'resistance_band' -> 'resistance band'."""
    return value.replace("_", " ")


def _bullets(lines: Iterable[str | Text], marker: str = "•") -> Table:
    """A bulleted list whose wrapped lines hang under the text, not under the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right", style="dim")
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row(marker, line)
    return grid


def _numbered(lines: Sequence[str]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=4, justify="right", style="bold")
    grid.add_column(ratio=1)
    for index, line in enumerate(lines, start=1):
        grid.add_row(f"{index}.", line)
    return grid


def _heading(title: str) -> Text:
    return Text(title, style="bold cyan")


def equipment_words(equipment: Sequence[str]) -> str:
    return ", ".join(words(e) for e in equipment) if equipment else "no equipment"


def technique_table(techniques: Sequence[Technique]) -> Table:
    """One row per technique: name with its slug beneath, then what it is and what it needs."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, expand=True)
    table.add_column("Technique", min_width=24, ratio=3, overflow="fold")
    table.add_column("Kind", min_width=14, ratio=2)
    table.add_column("Needs", min_width=10, ratio=2)
    table.add_column("Dose", min_width=12, ratio=2)
    table.add_column("Min", justify="right", width=4)
    for t in techniques:
        name = Text(t.name, style="bold")
        name.append(f"\n{t.slug}", style="cyan")
        table.add_row(
            name,
            Text(words(t.kind)).append(f"\n{words(t.position)}", style="dim"),
            equipment_words(t.equipment) if t.equipment else Text("nothing", style="dim"),
            t.dose.describe(),
            f"{t.minutes:g}",
        )
    return table


def technique_detail(technique: Technique, library: Library) -> Panel:
    t = technique

    def names(slugs: Sequence[str]) -> str:
        found = [library.techniques[s].name for s in slugs if s in library.techniques]
        return ", ".join(found) if found else "—"

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Dose", f"{t.dose.describe()}  (about {t.minutes:g} min)")
    facts.add_row("Works on", ", ".join(t.targets))
    facts.add_row("Position", words(t.position))
    facts.add_row("Equipment", equipment_words(t.equipment))
    facts.add_row(
        "During a flare", "fine, gently" if t.suitability.flare_ok else "wait until it settles"
    )
    facts.add_row("At the desk", "yes" if t.suitability.desk_ok else "no")
    facts.add_row("Easier", names(t.easier))
    facts.add_row("Harder", names(t.harder))
    body = Group(
        facts,
        Text(),
        _heading("How to do it"),
        _numbered(t.steps),
        Text(),
        _heading("Why it helps"),
        Padding(Text(t.why), (0, 2)),
        Text(),
        _heading("Take care"),
        _bullets(t.cautions),
    )
    subtitle = f"{words(t.kind)} · {t.slug}"
    return Panel(
        body, title=f"[bold]{t.name}[/]", subtitle=subtitle, box=box.ROUNDED, padding=(1, 2)
    )


def screen_result(result: ScreenResult) -> Panel:
    style, headline = _DISPOSITION_STYLE[result.disposition]
    parts: list[RenderableType] = [Text(f" {headline} ", style=style), Text()]
    if result.reasons:
        parts += [_heading("Why"), _bullets(result.reasons), Text()]
    parts += [_heading("What to do"), _bullets(result.next_steps)]
    if result.unanswered:
        parts += [
            Text(),
            _heading("Questions still open"),
            _bullets(words(key) for key in result.unanswered),
        ]
    border = style.split(" on ")[-1]
    return Panel(
        Group(*parts),
        title="[bold]Your safety check[/]",
        subtitle=", ".join(result.rules) if result.rules else None,
        border_style=border,
        box=box.HEAVY if result.disposition is Disposition.EMERGENCY else box.ROUNDED,
        padding=(1, 2),
    )


def _exercise_table(plan: dict[str, Any]) -> Table:
    """Every exercise in the plan once, in routine order, with its days and its reason."""
    table = Table(
        title="What each exercise is for",
        title_style="bold",
        box=box.ROUNDED,
        header_style="bold",
        expand=True,
    )
    table.add_column("Exercise", style="bold", ratio=3)
    table.add_column("Dose", ratio=3)
    table.add_column("Days", ratio=2)
    table.add_column("Why it is in your plan", ratio=6)
    rows: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for day in plan["days"]:
        for item in day["items"]:
            rows.setdefault(item["slug"], (item, []))[1].append(day["day"])
    for item, days in rows.values():
        every = len(days) == len(plan["days"])
        table.add_row(
            Text(item["name"]).append(f"\n{item['slug']}", style="cyan not bold"),
            f"{item['dose'].get('text', '')}\n[dim]about {item['minutes']:g} min[/]",
            "every day" if every else " ".join(d.capitalize() for d in days),
            item["reason"],
        )
    return table


def plan_view(
    plan: dict[str, Any], *, library: Library | None = None, gentle_only: bool = False
) -> Group:
    """The whole plan: the week at a glance, what each exercise is for, habits and advice."""
    parts: list[RenderableType] = []
    strength_days = [
        d["day"] for d in plan["days"] if any(i["kind"] == "strength" for i in d["items"])
    ]
    summary = f"{plan['minutes_per_day']} minutes a day"
    if strength_days:
        summary += ", strength on " + ", ".join(DAY_NAMES[d] for d in strength_days)
    if gentle_only:
        parts.append(
            Panel(
                "Until a clinician has seen you, this plan keeps to gentle items that are fine "
                "during a flare. Take the safety screen again once you have been checked.",
                title="[bold]Gentle items only[/]",
                border_style="yellow",
            )
        )
    week = Table(title="Your week", title_style="bold", box=box.ROUNDED, header_style="bold")
    week.add_column("Day", no_wrap=True)
    week.add_column("Min", justify="right")
    week.add_column("Routine, in order")
    for day in plan["days"]:
        week.add_row(
            DAY_NAMES[day["day"]],
            f"{day['minutes']:.0f}",
            ", ".join(item["name"] for item in day["items"]),
        )
    parts += [Text(summary, style="bold"), week, _exercise_table(plan)]
    parts.append(advice_view(plan, library=library))
    return Group(*parts)


def _habit_names(slugs: Sequence[str], library: Library | None) -> list[str | Text]:
    if library is None:
        return [words(s) for s in slugs]
    habits = {h.slug: h for h in library.advice.habits}
    return [
        Text.assemble((habits[s].name, "bold"), f" — {habits[s].text}") if s in habits else words(s)
        for s in slugs
    ]


def advice_view(plan: dict[str, Any], *, library: Library | None = None) -> Panel:
    advice = plan["advice"]
    heat_cold = advice.get("heat_cold") or {}
    parts: list[RenderableType] = [
        _heading("Your two habits for this month"),
        _bullets(_habit_names(plan.get("habits", []), library)),
        Text(),
        _heading("Desk fixes"),
        _bullets(advice.get("desk", [])),
    ]
    if heat_cold:
        use = str(heat_cold.get("use", "")).capitalize()
        parts += [
            Text(),
            _heading(f"{use} for comfort"),
            Padding(Text(str(heat_cold.get("minutes", ""))), (0, 2)),
            _bullets(heat_cold.get("how", [])),
        ]
    parts += [
        Text(),
        _heading("Sleep"),
        Padding(Text(str(advice.get("sleep", ""))), (0, 2)),
        Text(),
        _heading("What to expect"),
        Padding(Text(str(advice.get("timeline", ""))), (0, 2)),
        Text(),
        _heading("Stop and get checked if"),
        _bullets(advice.get("safety_net", [])),
    ]
    return Panel(
        Group(*parts), title="[bold]Around the routine[/]", box=box.ROUNDED, padding=(1, 2)
    )
