"""Words for people: how each vocabulary value is asked about and shown, in the terminal and on
the web alike, so both interfaces ask the same questions in the same words."""

from __future__ import annotations

from upback.core.vocab import Equipment, PainCharacter, SleepPosition, Trigger, Who

DAY_NAMES: dict[str, str] = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}

WHO_CHOICES: list[tuple[str, str]] = [
    (Who.DESK_WORKER.value, "I sit at a desk or a screen most of the day"),
    (Who.LIFTER.value, "I lift weights or train hard"),
    (Who.OLDER_ADULT.value, "I'm an older adult and my upper back has got stiff"),
    (Who.OTHER.value, "None of these quite fits me"),
]

TRIGGER_CHOICES: list[tuple[str, str]] = [
    (Trigger.SITTING_SCREENS.value, "Long hours sitting at a screen"),
    (Trigger.PHONE_USE.value, "Looking down at my phone a lot"),
    (Trigger.LIFTING_OVERUSE.value, "Lifting, training or doing the same movement over and over"),
    (Trigger.STRESS_BREATHING.value, "Stress, tense shoulders or shallow breathing"),
    (Trigger.SLEEP_POSITION.value, "The way I sleep"),
    (Trigger.HEAVY_BAGS.value, "Carrying heavy bags"),
    (Trigger.WEAK_UNDERUSED.value, "Not much exercise lately; my muscles feel weak"),
]

PAIN_CHOICES: list[tuple[str, str]] = [
    (PainCharacter.TIGHT_ACHY_STIFF.value, "Tight, achy or stiff"),
    (PainCharacter.SHARP_NEW_OR_SWOLLEN.value, "Sharp, brand new, or swollen (a fresh flare)"),
]

EQUIPMENT_CHOICES: list[tuple[str, str]] = [
    (Equipment.RESISTANCE_BAND.value, "Resistance band"),
    (Equipment.FOAM_ROLLER.value, "Foam roller"),
    (Equipment.MASSAGE_BALL.value, "Massage ball (a tennis or lacrosse ball works)"),
    (Equipment.DUMBBELLS.value, "Light dumbbells"),
    (Equipment.STABILITY_BALL.value, "Stability (gym) ball"),
    (Equipment.MASSAGE_GUN.value, "Massage gun"),
    (Equipment.HEAT_PACK.value, "Heat pack or hot-water bottle"),
    (Equipment.COLD_PACK.value, "Cold pack (a bag of frozen peas works)"),
]

SLEEP_CHOICES: list[tuple[str, str]] = [
    (SleepPosition.SIDE.value, "On my side"),
    (SleepPosition.BACK.value, "On my back"),
    (SleepPosition.STOMACH.value, "On my stomach"),
    (SleepPosition.MIXED.value, "It changes through the night"),
]
