"""What a rule is, and the groups of answers that several rule definitions share.

The definitions themselves live in `rules_emergency`, `rules_urgent` and `rules_soon`, one module
per level; `registry` registers them under their stable ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from upback.core.safety.answers import Screening
from upback.core.safety.logic import AnyOf, Condition, all_of, any_of, key, not_
from upback.core.vocab import Disposition

EMERGENCY, URGENT, SOON, SELF_CARE = (
    Disposition.EMERGENCY,
    Disposition.URGENT,
    Disposition.SOON,
    Disposition.SELF_CARE,
)


@dataclass(frozen=True)
class Rule:
    """A triage rule under a stable id.

    `branches` pairs parts of the condition with a line about just that part, so a person reads
    about what they reported; `shadowed_by` names rules whose reason already says this one's.
    `presumed_when` makes the rule fire when its condition is still unknown but this guard is
    definitely true: for warning signs that hold "unless shown otherwise" (a cancer history with
    pain not yet shown to be mechanical and improving). The interactive flow still asks the open
    questions, so an answer can lower it; a missing answer cannot.
    """

    id: str
    level: Disposition
    condition: Condition
    reason: str
    next_steps: tuple[str, ...] = ()
    shadowed_by: tuple[str, ...] = ()
    branches: tuple[tuple[Condition, str], ...] = ()
    presumed_when: Condition | None = None

    def fires(self, s: Screening, value: bool | None) -> bool:
        """Whether the rule counts as fired, given its condition's value for `s`."""
        if value is True:
            return True
        return (
            value is None
            and self.presumed_when is not None
            and (self.presumed_when.evaluate(s) is True)
        )

    def explain(self, s: Screening) -> str:
        """The line for the first branch that fired, or the rule's own reason."""
        return next((text for part, text in self.branches if part.evaluate(s)), self.reason)


def branched(
    rule_id: str,
    level: Disposition,
    reason: str,
    *branches: tuple[Condition | str, str],
    **more: Any,
) -> Rule:
    """A rule that fires when any branch does, each branch with its own plain line."""
    parts = tuple((key(part) if isinstance(part, str) else part, text) for part, text in branches)
    condition = AnyOf(tuple(part for part, _ in parts))
    return Rule(rule_id, level, condition, reason, branches=parts, **more)


# Pain that behaves like a strain: provoked by or eased with movement, position or pressure.
MECHANICAL_BEHAVIOUR = any_of(
    "pain_reproduced_by_movement_or_pressure", "pain_eases_with_movement_or_position_change"
)
# The self-care condition: a physical trigger or mechanical behaviour.
MECHANICAL_PAIN = any_of(
    "mechanical_trigger_identified",
    "pain_reproduced_by_movement_or_pressure",
    "pain_eases_with_movement_or_position_change",
    "prolonged_sitting_or_screen_use",
    "new_or_unaccustomed_activity",
    "heavy_lifting_or_carrying",
    "delayed_onset_muscle_soreness",
    "stress_related_muscle_tension",
    "stiffness_after_sleep",
)
NO_TRIGGER = any_of("no_mechanical_trigger", not_(MECHANICAL_PAIN))
CANCER = any_of("active_cancer", "history_of_cancer")
LEG_SIGNS = any_of(
    "bilateral_leg_numbness_or_tingling",
    "leg_weakness",
    "unsteady_gait_or_balance_loss",
    "saddle_numbness",
    "urinary_retention_or_difficulty",
    "bowel_incontinence",
)
ARM_SIGNS = any_of(
    "arm_weakness", "arm_numbness_or_tingling_one_side", "bilateral_arm_symptoms_or_hand_clumsiness"
)
SUDDEN = any_of("sudden_onset_pain", "sudden_onset_severe_pain")
ABRUPT_SEVERE = any_of("sudden_onset_severe_pain", all_of("sudden_onset_pain", "severe_pain"))
BILIARY = any_of(
    "right_upper_abdominal_pain", "pain_radiating_to_right_shoulder_blade", "pain_after_fatty_meal"
)
