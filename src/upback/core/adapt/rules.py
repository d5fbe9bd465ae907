"""The adaptation rules under their stable ids, the thresholds they use, and the symptoms that
stop a session. A rule's id is stored with every decision and every plan version it changes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from upback.core.errors import InputProblem
from upback.core.plan_models import PHASE_OF_KIND
from upback.core.safety import Answer
from upback.core.vocab import Kind

# ---------------------------------------------------------------------------------------------
# Rules, under stable ids
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdaptRule:
    id: str
    title: str
    when: str


_REGISTRY: dict[str, AdaptRule] = {}
RULES: Mapping[str, AdaptRule] = MappingProxyType(_REGISTRY)


def register(rule: AdaptRule) -> AdaptRule:
    """Add a rule to `RULES` under its stable id; ids are never reused."""
    if rule.id in _REGISTRY:
        raise ValueError(f"rule {rule.id} is registered twice")
    _REGISTRY[rule.id] = rule
    return rule


_GREENS = (
    "two sessions in a row with pain of 3 or less during it, back to usual the next morning, "
    "and it felt easy or about right; at most once a week"
)
PROGRESS_REPS = register(
    AdaptRule("adapt.progress_reps", "A step up: more repetitions", f"After {_GREENS}.")
)
PROGRESS_SETS = register(
    AdaptRule(
        "adapt.progress_sets",
        "A step up: one more set",
        f"After {_GREENS}, once the repetitions are at the top of their range.",
    )
)
PROGRESS_HOLD = register(
    AdaptRule(
        "adapt.progress_hold",
        "A step up: a longer hold",
        f"After {_GREENS}, once the sets are at the top of their range.",
    )
)
PROGRESS_VARIANT = register(
    AdaptRule(
        "adapt.progress_variant",
        "A step up: the harder version",
        f"After {_GREENS}, once the dose is at the top of its range, when the harder version "
        "suits the person's equipment and the floor, and not during a flare.",
    )
)
REPEAT = register(
    AdaptRule(
        "adapt.repeat",
        "The same again",
        "Pain of 4 or 5 during it, or a little sorer than usual the next morning: the same dose "
        "until that settles.",
    )
)
STEP_BACK_DOSE = register(
    AdaptRule(
        "adapt.step_back_dose",
        "A step back: a lighter dose",
        "Pain above 5 during it, 2 or more above usual the next morning, or it felt too hard "
        "with pain of 4 or more: one set fewer, or about 30 % less.",
    )
)
STEP_BACK_VARIANT = register(
    AdaptRule(
        "adapt.step_back_variant",
        "A step back: the easier version",
        "As for a lighter dose, when the dose is already at its lightest.",
    )
)
FREEZE = register(
    AdaptRule(
        "adapt.freeze",
        "No steps up for now",
        "Two red sessions within 7 days, or pain that has gone up over the last few days: no "
        "step up until 7 days pass without a red session. Steps back still apply.",
    )
)
FLARE = register(
    AdaptRule(
        "adapt.flare",
        "The flare-up plan",
        "Pain 2 or more above usual on a check-in, or two red sessions within 7 days: gentle "
        "items, slow breathing and heat for a few days, strength work at half; built back up "
        "over about a week once the pain has been back to usual for two days.",
    )
)
STOP_SYMPTOMS = register(
    AdaptRule(
        "adapt.stop_symptoms",
        "Stop and get checked",
        "Chest pain, breathlessness, dizziness, or new numbness, tingling or weakness in an arm "
        "or leg during a session: stop at once; the safety check decides what happens next.",
    )
)


# ---------------------------------------------------------------------------------------------
# Thresholds (reference.md §3.2-§3.3)
# ---------------------------------------------------------------------------------------------

GREEN_PAIN_MAX = 3
AMBER_PAIN_MAX = 5
TOO_HARD_RED_PAIN = 4
RED_MORNING_RISE = 2.0
GREENS_TO_STEP_UP = 2
STEP_UP_EVERY_DAYS = 7
FREEZE_DAYS = 7
FLARE_RISE = 2.0
FLARE_RECENT_DAYS = (
    2  # a red session this recent (today, or a next morning told late) can start one
)
FLARE_SETTLED_DAYS = 2  # back to usual on two days running (48 h) → build back up
FLARE_NO_BASELINE_DAYS = 3  # without a usual pain to compare with, a flare plan lasts 3 days
REBUILD_DAYS = 7

PROGRESSING_KINDS = frozenset({Kind.STRENGTH, Kind.MOBILITY, Kind.STRETCH, Kind.YOGA})
"""Kinds that step up. Warm-ups, self-massage and breathing stay as they are."""
STEPPING_BACK_KINDS = frozenset(PHASE_OF_KIND) - {Kind.BREATHING}
"""Kinds that step back when they hurt; the slow-breathing finish is never cut."""

REP_RUNGS = (8, 12, 15)
REP_STEP_MAX = 4
SETS_TOP = 3
HOLD_RUNGS = (10, 20, 30)
LIGHTER_SHARE = 0.7  # about 30 % less
REPS_FLOOR = 5
HOLD_FLOOR = 10
DURATION_FLOOR = 30
FLARE_SUBSTITUTE_DEPTH = 3

TOO_EASY, ABOUT_RIGHT, TOO_HARD = "too_easy", "about_right", "too_hard"
FLARE_PHASE, REBUILD_PHASE = "flare", "rebuilding"
EPS = 1e-9


# ---------------------------------------------------------------------------------------------
# Symptoms that stop a session
# ---------------------------------------------------------------------------------------------

SESSION_SYMPTOMS: tuple[tuple[str, str], ...] = (
    ("chest_pain_or_pressure", "Pain, pressure or tightness in your chest"),
    ("shortness_of_breath", "Short of breath, far more than the exercise explains"),
    ("lightheaded_or_fainting", "Dizzy or faint"),
    ("arm_numbness_or_tingling_one_side", "New numbness or pins and needles down one arm or hand"),
    (
        "bilateral_arm_symptoms_or_hand_clumsiness",
        "New numbness, tingling or weakness in both arms, or clumsy hands",
    ),
    ("arm_weakness", "An arm or hand that suddenly feels weak"),
    ("bilateral_leg_numbness_or_tingling", "New numbness or pins and needles in both legs"),
    ("leg_weakness", "A leg that feels newly weak or heavy, or gives way"),
)
"""What the end of a session asks, each with the safety screen's key for it (`adapt.stop_symptoms`).

A leg symptom on one side only has no key of its own in the screen; it is asked as weakness, the
sign the screen treats as most serious."""
SESSION_SYMPTOM_KEYS: frozenset[str] = frozenset(key for key, _ in SESSION_SYMPTOMS)


def stop_answers(symptoms: Iterable[str]) -> dict[str, Answer]:
    """The screen's answers for the symptoms ticked at the end of a session (each one `yes`).

    Raises InputProblem naming `symptoms` for anything that is not one of `SESSION_SYMPTOMS`.
    """
    chosen = list(dict.fromkeys(symptoms))
    unknown = [key for key in chosen if key not in SESSION_SYMPTOM_KEYS]
    if unknown:
        raise InputProblem(f"symptoms: {unknown[0]!r} is not one of the symptoms asked about")
    return dict.fromkeys(chosen, "yes")
