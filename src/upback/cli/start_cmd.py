"""`upback start`: the whole first run — safety screen, profile, plan — in the terminal."""

from __future__ import annotations

from rich.panel import Panel

from upback.cli import db, flows, render
from upback.cli.app import app, bad_input_is_exit_2
from upback.cli.consoles import console
from upback.core.library import default_library
from upback.core.vocab import Disposition

WELCOME = (
    "upback helps you ease upper back pain with a short daily routine of stretches, strength, "
    "release and breathing, built around you.\n\n"
    "First, a short safety check. Then a few questions about you, and your plan."
)


@app.command("start")
@bad_input_is_exit_2
def start_command() -> None:
    """Start here: the safety check, your profile and your personal plan."""
    db.migrate()
    from upback.coach import selectors, services

    owner = db.local_user()
    library = default_library()
    console.print(
        Panel(
            f"{WELCOME}\n\n[dim]{library.advice.disclaimer}[/]",
            title="[bold]Welcome to upback[/]",
            border_style="cyan",
            padding=(1, 2),
        )
    )
    screening, result = flows.ask_screen()
    services.screening_record(owner=owner, screening=screening, source="cli")
    console.print()
    console.print(render.screen_result(result))
    if result.disposition in (Disposition.EMERGENCY, Disposition.URGENT):
        console.print(
            "\nupback will not suggest any exercise until you have been checked. When you have, "
            "run [bold]upback start[/] again."
        )
        return

    stored = selectors.profile_get(owner=owner)
    previous = None
    if stored is not None:
        previous = {
            "who": stored.who,
            "age": stored.age,
            "triggers": stored.triggers,
            "pain_character": stored.pain_character,
            "duration_weeks": stored.duration_weeks,
            "minutes_per_day": stored.minutes_per_day,
            "strength_days_per_week": stored.strength_days_per_week,
            "equipment": stored.equipment,
            "floor_ok": stored.floor_ok,
            "sleep_position": stored.sleep_position,
        }
    profile = flows.ask_profile(age=screening.age, previous=previous)
    services.profile_save(owner=owner, profile=profile)
    plan = services.plan_create(owner=owner, profile=profile)
    console.print()
    console.print(render.plan_view(plan.data, library=library, gentle_only=plan.gentle_only))
    console.print(
        f"\n[dim]Saved as plan version {plan.version} in {db.database_description()}.[/]",
    )
