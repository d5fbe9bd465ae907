"""The interactive steps shared by `upback start`, `upback screen` and `upback plan`."""

from __future__ import annotations

from typing import Any

from rich.rule import Rule

from upback.cli import prompts
from upback.cli.consoles import console
from upback.core import safety
from upback.core.labels import (
    EQUIPMENT_CHOICES,
    PAIN_CHOICES,
    SLEEP_CHOICES,
    TRIGGER_CHOICES,
    WHO_CHOICES,
)
from upback.core.profile import Profile
from upback.core.vocab import Disposition, Equipment, PainCharacter, SleepPosition, Trigger, Who


def ask_screen(*, age: int | None = None) -> tuple[safety.Screening, safety.ScreenResult]:
    """Ask the safety questions one at a time, warning signs first; stop at an emergency."""
    console.print(Rule("[bold]Safety check[/]"))
    console.print(
        "A few yes/no questions first, so upback only suggests exercise when it is sensible. "
        "The most important ones come first. Answer [bold]?[/] if you are not sure.",
    )
    if age is None:
        age = prompts.whole_number("\nHow old are you?", low=1, high=120)
    answers: dict[str, str] = {}
    number = 0
    while True:
        screening = safety.Screening(age=age, answers=answers)
        result = safety.screen(screening)
        if result.disposition is Disposition.EMERGENCY:
            return screening, result
        key = safety.next_question(screening)
        if key is None:
            return screening, result
        number += 1
        question = safety.question(key)
        answers = {
            **answers,
            key: prompts.yes_no_not_sure(question.text, question.help, number=number),
        }


def ask_profile(*, age: int | None, previous: dict[str, Any] | None = None) -> Profile:
    """Ask for the profile, offering the previous answers as defaults."""
    before = previous or {}
    console.print(Rule("[bold]About you[/]"))
    who = prompts.one_of("Which sounds most like you?", WHO_CHOICES, default=before.get("who"))
    if age is None or age < 18:
        age = prompts.whole_number("How old are you?", low=18, high=110, default=before.get("age"))
    triggers = prompts.some_of(
        "What seems to set your pain off? Pick any that fit.",
        TRIGGER_CHOICES,
        default=before.get("triggers", ()),
    )
    pain = prompts.one_of(
        "How does the pain feel right now?",
        PAIN_CHOICES,
        default=before.get("pain_character", PainCharacter.TIGHT_ACHY_STIFF.value),
    )
    weeks = prompts.whole_number(
        "\nRoughly how many weeks have you had it? (0 if it started this week)",
        low=0,
        high=1040,
        default=int(before.get("duration_weeks", 2)),
    )
    minutes = prompts.whole_number(
        "\nHow many minutes a day can you give it? (5 to 30)",
        low=5,
        high=30,
        default=int(before.get("minutes_per_day", 15)),
    )
    strength = prompts.whole_number(
        "\nOn how many days a week would you like a short strength session? (0 to 3)",
        low=0,
        high=3,
        default=int(before.get("strength_days_per_week", 2)),
    )
    equipment = prompts.some_of(
        "What do you have at home? (A chair, wall, doorway, towel and book are assumed.)",
        EQUIPMENT_CHOICES,
        default=before.get("equipment", ()),
    )
    floor_ok = prompts.yes_no(
        "Can you get down to the floor and back up comfortably?",
        default=bool(before.get("floor_ok", True)),
    )
    sleep = prompts.one_of(
        "How do you usually sleep?", SLEEP_CHOICES, default=before.get("sleep_position", "side")
    )
    return Profile(
        who=Who(who),
        age=age,
        triggers=[Trigger(t) for t in triggers],
        pain_character=PainCharacter(pain),
        duration_weeks=weeks,
        minutes_per_day=minutes,
        strength_days_per_week=strength,
        equipment=[Equipment(e) for e in equipment],
        floor_ok=floor_ok,
        sleep_position=SleepPosition(sleep),
    )
