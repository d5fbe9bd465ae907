"""The soon rules S1-S8 (reference.md §1.8, with the detail of §1.3-§1.7): see a clinician within
days, at most two weeks.

Each rule is named by its stable id; `SOON_RULES` lists them in asking order.
"""

from __future__ import annotations

from upback.core.safety.logic import age_at_least, all_of, any_of, count_at_least, not_
from upback.core.safety.rules import BILIARY, CANCER, NO_TRIGGER, SOON, Rule

S1 = Rule(
    "S1",
    SOON,
    any_of(
        all_of("pain_duration_over_2_weeks", not_("improving_since_onset")),
        "no_improvement_after_2_to_4_weeks_self_care",
    ),
    "Pain that has lasted over 2 weeks without getting better, or has not eased after 2 to 4 "
    "weeks of home care, is worth checking with a professional.",
)
S2 = Rule(
    "S2",
    SOON,
    any_of("arm_numbness_or_tingling_one_side", "pain_radiating_to_arm"),
    "Pain or tingling spreading down an arm can come from an irritated nerve; a professional can "
    "check it and tailor your exercises.",
)
S3 = Rule(
    "S3",
    SOON,
    all_of(
        "pain_duration_over_3_months",
        not_(age_at_least(45)),
        count_at_least(
            3,
            not_(age_at_least(35)),
            "wakes_second_half_of_night",
            "improves_with_exercise",
            "psoriasis_or_family_history_spondyloarthritis",
            "morning_stiffness_over_30_min",
        ),
    ),
    "Long-lasting back pain that began young, with morning stiffness or night waking that eases "
    "with activity, can be a sign of inflammatory back pain that a doctor can look into.",
    next_steps=("Ask whether an inflammatory cause of back pain should be looked into.",),
)
S4 = Rule(
    "S4",
    SOON,
    all_of(age_at_least(50), NO_TRIGGER, not_("previously_assessed_same_pattern")),
    "New back pain without a clear cause at 50 or over is worth checking with a GP before you "
    "start a programme.",
)
S5 = Rule(
    "S5",
    SOON,
    any_of("minor_trauma", "bruising_or_abrasion_over_spine"),
    "Pain that began with a fall, slip or strain is worth checking to make sure nothing was hurt.",
    shadowed_by=("E5", "U3"),
)
S6 = Rule(
    "S6",
    SOON,
    any_of(BILIARY, "upper_abdominal_pain"),
    "Pain in the upper tummy or under the right ribs, or spreading to the right shoulder blade, "
    "can be a sign of gallstones or a stomach problem that a GP can check.",
    next_steps=(
        "If tummy pain lasts over 8 hours, or you get a fever or yellow skin, get care today.",
    ),
    shadowed_by=("E7", "U8"),
)
S7 = Rule(
    "S7",
    SOON,
    CANCER,
    "Because you have had cancer, new back pain is worth checking with your GP or cancer team, "
    "even when it seems to come from movement and is easing.",
    shadowed_by=("E6", "U4"),
)
S8 = Rule(
    "S8",
    SOON,
    NO_TRIGGER,
    "Back pain without a clear physical cause is worth checking with a professional before you "
    "start a programme.",
    shadowed_by=("S4",),
)

SOON_RULES: tuple[Rule, ...] = (S1, S2, S3, S4, S5, S6, S7, S8)
