"""The emergency rules E1-E9 (reference.md §1.8, with the detail of §1.3-§1.7): call for help now.

Each rule is named by its stable id; `EMERGENCY_RULES` lists them in asking order.
"""

from __future__ import annotations

from upback.core.safety.logic import age_at_least, all_of, any_of, count_at_least, key
from upback.core.safety.rules import (
    ABRUPT_SEVERE,
    ARM_SIGNS,
    CANCER,
    EMERGENCY,
    LEG_SIGNS,
    SUDDEN,
    Rule,
    branched,
)

E1 = Rule(
    "E1",
    EMERGENCY,
    any_of("chest_pain_or_pressure", "pain_radiating_to_chest"),
    "Pain, pressure or tightness in the chest, or back pain spreading into the chest, can be a "
    "sign of a heart or lung problem that needs checking straight away.",
)
E2 = branched(
    "E2",
    EMERGENCY,
    "New breathlessness, or sharp pain on breathing in along with signs of a possible blood "
    "clot, can be a sign of a lung or heart problem that needs checking straight away.",
    (
        "shortness_of_breath",
        "New breathlessness with back pain can be a sign of a lung or heart problem that needs "
        "checking straight away.",
    ),
    (
        all_of(
            "pleuritic_pain",
            any_of(
                "unilateral_leg_swelling_or_calf_pain",
                "recent_long_haul_travel_or_immobility",
                "oral_contraceptive_or_hormone_therapy",
                "coughing_blood",
            ),
        ),
        "Sharp pain on breathing in along with signs of a possible blood clot can be a sign of a "
        "clot in the lung that needs checking straight away.",
    ),
)
E3 = Rule(
    "E3",
    EMERGENCY,
    key("coughing_blood"),
    "Coughing up blood can be a sign of a problem in the lungs, such as a blood clot, that needs "
    "checking straight away.",
)
E4 = Rule(
    "E4",
    EMERGENCY,
    # A sudden worst-ever pain, or a tearing one, is the textbook description of an aortic
    # dissection; the app cannot feel a pulse or take blood pressure, so either alone escalates.
    any_of(
        "sudden_onset_severe_pain",
        "tearing_or_ripping_pain",
        all_of(
            ABRUPT_SEVERE,
            any_of(
                "lightheaded_or_fainting",
                "history_of_hypertension",
                "connective_tissue_disorder",
                "upper_abdominal_pain",
            ),
        ),
    ),
    "Sudden, severe or tearing pain, especially with fainting, high blood pressure or an "
    "inherited blood vessel condition, can be a sign of a tear in the body's main blood vessel.",
)
E5 = branched(
    "E5",
    EMERGENCY,
    "Pain after a serious accident, or numbness or weakness after any injury, can be a sign of a "
    "broken bone or an injured nerve that needs checking straight away.",
    (
        "major_trauma",
        "Pain after a serious accident can be a sign of a broken bone or another injury that "
        "needs checking straight away.",
    ),
    (
        all_of("minor_trauma", any_of(ARM_SIGNS, LEG_SIGNS)),
        "Numbness, tingling or weakness after a fall or strain can be a sign of an injured nerve "
        "or spinal cord that needs checking straight away.",
    ),
)
E6 = branched(
    "E6",
    EMERGENCY,
    "New numbness or weakness in the legs or in both arms, unsteady walking, numbness around the "
    "bottom or genitals, bladder or bowel changes, or nerve symptoms after cancer can be a sign "
    "of pressure on the spinal cord or nerves that needs checking straight away.",
    (
        LEG_SIGNS,  # band-like pain with leg symptoms is covered here as well
        "Numbness, weakness or unsteadiness in the legs, numbness around the bottom or genitals, "
        "or new bladder or bowel problems can be a sign of pressure on the spinal cord or nerves "
        "that needs checking straight away.",
    ),
    (
        all_of("arm_weakness", "bilateral_arm_symptoms_or_hand_clumsiness"),
        "Weakness in both arms can be a sign of pressure on the spinal cord that needs checking "
        "straight away.",
    ),
    (
        all_of(ARM_SIGNS, CANCER),
        "New numbness, tingling or weakness after cancer can be a sign that the spine is "
        "affected, which needs checking straight away.",
    ),
    next_steps=("If you have a cancer care team, let them know as well once help is on its way.",),
)
E7 = Rule(
    "E7",
    EMERGENCY,
    all_of(
        "upper_abdominal_pain",
        any_of(
            # Sickness plus pain eased by leaning forward is the pancreatitis pattern on its own.
            all_of("nausea_or_vomiting", "pain_worse_lying_flat_better_leaning_forward"),
            all_of(
                any_of("nausea_or_vomiting", "pain_worse_lying_flat_better_leaning_forward"),
                any_of(SUDDEN, "severe_pain"),
            ),
        ),
    ),
    "Sudden or severe pain at the top of the tummy with sickness, or pain eased by leaning "
    "forward, can be a sign of an inflamed pancreas or another problem that needs care now.",
)
E8 = Rule(
    "E8",
    EMERGENCY,
    any_of(
        "sweating_clammy",
        "lightheaded_or_fainting",
        count_at_least(
            2,
            "pain_radiating_to_arm",
            "nausea_or_vomiting",
            "unusual_fatigue",
            "exertional_symptoms",
            "palpitations",
        ),
        all_of(
            "exertional_symptoms",
            any_of("diabetes", "history_of_hypertension", "smoker", age_at_least(50)),
        ),
        all_of(any_of("nausea_or_vomiting", "unusual_fatigue"), "diabetes"),
    ),
    "A cold sweat, feeling faint, or a mix of sickness, unusual tiredness, symptoms on effort, a "
    "racing heart or arm pain can be a sign of a heart attack, which in women, older people and "
    "people with diabetes often comes without chest pain.",
)
E9 = Rule(
    "E9",
    EMERGENCY,
    any_of("stroke_like_symptoms", "sepsis_signs"),
    "A drooping face, slurred speech or sudden one-sided weakness, or confusion, blotchy skin and "
    "very fast breathing, can be a sign of a stroke or a severe infection that needs care now.",
)

EMERGENCY_RULES: tuple[Rule, ...] = (E1, E2, E3, E4, E5, E6, E7, E8, E9)
