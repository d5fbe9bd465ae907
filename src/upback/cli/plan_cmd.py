"""`upback plan`: build a plan from a profile file (the machine contract) or interactively."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from upback.cli import db, flows, render
from upback.cli.app import app, bad_input_is_exit_2, fail
from upback.cli.consoles import console
from upback.cli.jsonfile import dumps, read_objects
from upback.core import planner
from upback.core.library import default_library
from upback.core.profile import parse_profile


@app.command("plan")
@bad_input_is_exit_2
def plan_command(
    profile: Annotated[
        Path | None,
        typer.Option("--profile", help="A JSON file with one profile or a list of them."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
) -> None:
    """Build your personal 7-day plan."""
    if profile is not None:
        objects, was_list = read_objects(profile, what="profile")
        built = []
        for index, raw in enumerate(objects):
            where = f"[{index}]" if was_list else "profile"
            built.append(planner.build_plan(parse_profile(raw, where=where)).to_json())
        if as_json:
            print(dumps(built if was_list else built[0]))
            return
        for data in built:
            console.print(render.plan_view(data, library=default_library()))
        return
    if as_json:
        fail("--json needs --profile FILE")

    db.migrate()
    from upback.coach import selectors, services

    owner = db.local_user()
    try:
        services.plan_gate(owner=owner)
    except services.SafetyStop as stop:
        fail(f"{stop} Run 'upback start' or 'upback screen'.", 1)
    latest = selectors.screening_latest(owner=owner)
    stored = selectors.profile_get(owner=owner)
    previous = None
    if stored is not None:
        previous = {f: getattr(stored, f) for f in planner_fields()}
    chosen = flows.ask_profile(age=latest.age if latest else None, previous=previous)
    services.profile_save(owner=owner, profile=chosen)
    stored_plan = services.plan_create(owner=owner, profile=chosen, reason="profile updated")
    console.print()
    console.print(
        render.plan_view(
            stored_plan.data, library=default_library(), gentle_only=stored_plan.gentle_only
        )
    )


def planner_fields() -> list[str]:
    from upback.core.profile import Profile

    return list(Profile.model_fields)
