"""The urgent rules U1-U12 (reference.md §1.8, with the detail of §1.3-§1.7): get care today.

U12 is an upback addition (see the package docstring). Each rule is named by its stable id;
`URGENT_RULES` lists them in asking order.
"""

from __future__ import annotations

from upback.core.safety.logic import age_at_least, all_of, any_of, key, not_
from upback.core.safety.rules import (
    BILIARY,
    CANCER,
    MECHANICAL_BEHAVIOUR,
    NO_TRIGGER,
    SUDDEN,
    URGENT,
    Rule,
    branched,
)

U1 = Rule(
    "U1",
    URGENT,
    any_of("fever", "chills_or_rigors", "feels_systemically_unwell"),
    "A fever, shivering attacks or feeling generally unwell along with back pain can be a sign of "
    "an infection that needs checking today.",
)
U2 = Rule(
    "U2",
    URGENT,
    any_of("iv_drug_use", "immunosuppression"),
    "Injecting drugs or a weakened immune system makes an infection in the spine more likely, so "
    "new back pain needs checking today.",
)
U3 = Rule(
    "U3",
    URGENT,
    any_of(
        all_of(
            "minor_trauma",
            any_of(
                "osteoporosis",
                "long_term_corticosteroid_use",
                age_at_least(50),
                "bruising_or_abrasion_over_spine",
            ),
        ),
        all_of("pain_eases_lying_down", any_of("osteoporosis", "long_term_corticosteroid_use")),
    ),
    "Pain after a fall or strain, or pain that eases lying down, in someone with weaker bones, "
    "on steroid tablets, aged 50 or over or bruised over the spine can be a sign of a broken bone "
    "in the spine that needs checking today.",
    next_steps=("Until then, move carefully and avoid lifting, bending or twisting.",),
)
U4 = Rule(
    "U4",
    URGENT,
    any_of(
        "active_cancer",
        all_of("history_of_cancer", not_(all_of(MECHANICAL_BEHAVIOUR, "improving_since_onset"))),
    ),
    "Back pain with current cancer, or after cancer when the pain is not clearly from movement "
    "and getting better, needs checking today to make sure the spine is not affected.",
    next_steps=("If you have a cancer care team or helpline, call them first.",),
    # NICE CG75/NG234: cancer with thoracic pain is urgent; only pain shown to be mechanical and
    # improving steps down to S7, so unknown answers keep it urgent.
    presumed_when=key("history_of_cancer"),
)
U5 = Rule(
    "U5",
    URGENT,
    key("unexplained_weight_loss"),
    "Losing weight without trying, along with back pain, can be a sign of an illness that needs "
    "checking today.",
)
U6 = Rule(
    "U6",
    URGENT,
    any_of("night_pain_unrelieved_by_position_change", "constant_progressive_pain"),
    "Pain that wakes you and does not ease when you move, or constant pain that keeps getting "
    "worse, can be a sign of something other than a strain and needs checking today.",
)
U7 = Rule(
    "U7",
    URGENT,
    any_of("unilateral_rash_or_blisters", "burning_or_tingling_skin_one_side"),
    "A burning or tingling strip of skin, or a rash or blisters on one side of the body, can be a "
    "sign of shingles, and treatment works best when it starts early.",
    next_steps=("Mention the skin changes: shingles medicine works best within 3 days of a rash.",),
)
U8 = branched(
    "U8",
    URGENT,
    "Pain under the right ribs that lasts over 8 hours or comes with fever, chills or yellow skin, "
    "or tummy pain with fever or sickness, can be a sign of a gallbladder or pancreas problem.",
    (
        all_of(
            BILIARY,
            any_of(
                "pain_lasting_over_8_hours", "fever", "chills_or_rigors", "jaundice", "severe_pain"
            ),
        ),
        "Pain under the right ribs that lasts over 8 hours, is very bad, or comes with fever, "
        "chills or yellow skin can be a sign of a gallbladder problem that needs checking today.",
    ),
    (
        "jaundice",
        "Yellowing of the skin or eyes can be a sign of a liver or gallbladder problem that needs "
        "checking today.",
    ),
    (
        all_of("upper_abdominal_pain", any_of("fever", "nausea_or_vomiting", "heavy_alcohol_use")),
        "Pain at the top of the tummy with fever, sickness or heavy drinking can be a sign of a "
        "pancreas or stomach problem that needs checking today.",
    ),
)
U9 = Rule(
    "U9",
    URGENT,
    key("arm_weakness"),
    "New weakness in an arm or hand can be a sign of a pinched or irritated nerve that needs "
    "checking today.",
)
U10 = Rule(
    "U10",
    URGENT,
    all_of(
        "flank_pain",
        any_of("fever", "chills_or_rigors", "painful_urination_or_urinary_frequency"),
    ),
    "Pain in the side below the ribs with a fever or a burning or frequent need to pee can be a "
    "sign of a kidney infection that needs checking today.",
)
U11 = branched(
    "U11",
    URGENT,
    "A lump or change of shape over the spine, symptoms in both arms, a band of pain around the "
    "body, or pain between the shoulder blades that movement does not change can be a sign of a "
    "problem in the spine that needs checking today.",
    (
        "visible_deformity_or_lump",
        "A new lump or change of shape over the spine needs checking today.",
    ),
    (
        "bilateral_arm_symptoms_or_hand_clumsiness",
        "Symptoms in both arms or newly clumsy hands can be a sign of pressure on the spinal cord "
        "that needs checking today.",
    ),
    (
        "band_like_pain_around_trunk",
        "Pain that wraps around the body like a band can be a sign of an irritated nerve or "
        "spinal cord that needs checking today.",
    ),
    (
        all_of("pain_between_shoulder_blades", not_(MECHANICAL_BEHAVIOUR)),
        "Pain between the shoulder blades that movement and position do not change can come from "
        "something other than muscles and joints, so it needs checking today.",
    ),
    (
        all_of(
            "pain_worse_sneeze_cough_strain",
            any_of(
                CANCER,
                "osteoporosis",
                "long_term_corticosteroid_use",
                age_at_least(50),
                NO_TRIGGER,
            ),
        ),
        "Pain that is clearly worse on sneezing, coughing or straining, together with your other "
        "answers, can be a sign of a problem in the spine that needs checking today.",
    ),
)
U12 = branched(
    "U12",
    URGENT,
    "Sharp pain on breathing in that began suddenly or comes with a cough can be a sign of a "
    "collapsed lung or chest infection, and a swollen, painful calf can be a sign of a clot.",
    (
        all_of("pleuritic_pain", any_of(SUDDEN, "cough", "tall_thin_build", "smoker")),
        "Sharp pain on breathing in, with a sudden start, a cough, smoking or a tall, slim build, "
        "can be a sign of a collapsed lung or a chest infection that needs checking today.",
    ),
    (
        "unilateral_leg_swelling_or_calf_pain",
        "A swollen, painful calf on one side can be a sign of a blood clot that needs checking "
        "today.",
    ),
    next_steps=("If you become short of breath, call your local emergency number.",),
)

URGENT_RULES: tuple[Rule, ...] = (U1, U2, U3, U4, U5, U6, U7, U8, U9, U10, U11, U12)
