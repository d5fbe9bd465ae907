"""Realistic vignettes, written from public clinical guidance (NHS, NICE, reference.md §1).

Each vignette lists what the person says yes to; everything else is answered no, as at the end
of a completed screen. The disposition must be at least the expected minimum, exactly self_care
for the benign cases, and the same whether the person answers the whole list, sends only their
'yes' answers, or goes through the interactive flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pytest

from upback.core.safety import SYMPTOM_KEYS, Answer, Screening, next_question, screen
from upback.core.vocab import Disposition

EMERGENCY, URGENT, SOON, SELF_CARE = (
    Disposition.EMERGENCY,
    Disposition.URGENT,
    Disposition.SOON,
    Disposition.SELF_CARE,
)


@dataclass(frozen=True)
class Case:
    name: str
    age: int
    sex: Literal["female", "male", "other"]
    yes: tuple[str, ...]
    minimum: Disposition
    rules: tuple[str, ...] = ()  # rule ids that must be among the fired ones


CASES = [
    # Heart
    Case("heart attack: crushing chest pain with sweating", 58, "male",
         ("upper_back_pain", "chest_pain_or_pressure", "pain_radiating_to_arm", "sweating_clammy",
          "nausea_or_vomiting", "smoker", "history_of_hypertension"), EMERGENCY, ("E1", "E8")),
    Case("heart attack, atypical: woman with diabetes, back pain, nausea, unusual tiredness", 64,
         "female", ("upper_back_pain", "pain_between_shoulder_blades", "nausea_or_vomiting",
                    "unusual_fatigue", "diabetes"), EMERGENCY, ("E8",)),
    Case("heart attack, atypical: woman with diabetes, only unusual tiredness", 59, "female",
         ("upper_back_pain", "unusual_fatigue", "diabetes"), EMERGENCY, ("E8",)),
    Case("angina-like: back pain on stairs with high blood pressure", 55, "male",
         ("upper_back_pain", "exertional_symptoms", "history_of_hypertension"), EMERGENCY, ("E8",)),
    Case("heart attack, older woman: breathless and worn out", 74, "female",
         ("upper_back_pain", "shortness_of_breath", "unusual_fatigue"), EMERGENCY, ("E2",)),
    # Aorta
    Case("aortic dissection: sudden tearing pain between the shoulder blades", 67, "male",
         ("pain_between_shoulder_blades", "sudden_onset_severe_pain", "tearing_or_ripping_pain",
          "severe_pain", "history_of_hypertension"), EMERGENCY, ("E4",)),
    Case("aortic dissection in a young person with Marfan syndrome", 31, "male",
         ("upper_back_pain", "sudden_onset_severe_pain", "connective_tissue_disorder",
          "tall_thin_build"), EMERGENCY, ("E4",)),
    Case("aortic dissection with a faint", 72, "female",
         ("sudden_onset_pain", "severe_pain", "lightheaded_or_fainting"), EMERGENCY, ("E4", "E8")),
    # Lungs
    Case("pulmonary embolism after a long flight, on the combined pill", 34, "female",
         ("pleuritic_pain", "recent_long_haul_travel_or_immobility",
          "oral_contraceptive_or_hormone_therapy", "shortness_of_breath"), EMERGENCY, ("E2",)),
    Case("pulmonary embolism after surgery, swollen calf, not breathless", 46, "male",
         ("pleuritic_pain", "unilateral_leg_swelling_or_calf_pain",
          "recent_long_haul_travel_or_immobility"), EMERGENCY, ("E2",)),
    Case("pneumothorax in a tall, thin smoker who is breathless", 21, "male",
         ("sudden_onset_pain", "pleuritic_pain", "tall_thin_build", "smoker",
          "shortness_of_breath"), EMERGENCY, ("E2",)),
    Case("small pneumothorax, sharp breathing pain but not breathless", 24, "male",
         ("sudden_onset_pain", "pleuritic_pain", "tall_thin_build"), URGENT, ("U12",)),
    Case("pneumonia: cough, fever, pain on breathing in", 63, "male",
         ("cough", "fever", "pleuritic_pain", "feels_systemically_unwell"), URGENT, ("U1", "U12")),
    Case("pneumonia with breathlessness", 70, "female",
         ("cough", "fever", "shortness_of_breath"), EMERGENCY, ("E2",)),
    # Tummy, kidneys, skin
    Case("acute pancreatitis in a heavy drinker", 48, "male",
         ("upper_abdominal_pain", "sudden_onset_severe_pain", "nausea_or_vomiting",
          "pain_worse_lying_flat_better_leaning_forward", "heavy_alcohol_use"), EMERGENCY, ("E7",)),
    Case("gallstones, simple: pain under the right ribs after a fatty meal, settled", 41, "female",
         ("right_upper_abdominal_pain", "pain_radiating_to_right_shoulder_blade",
          "pain_after_fatty_meal", "nausea_or_vomiting", "no_mechanical_trigger"), SOON, ("S6",)),
    Case("gallstones, complicated: pain over 8 hours with fever and chills", 56, "female",
         ("right_upper_abdominal_pain", "pain_radiating_to_right_shoulder_blade",
          "pain_lasting_over_8_hours", "fever", "chills_or_rigors"), URGENT, ("U8",)),
    Case("gallstones, complicated: yellow eyes", 60, "male",
         ("right_upper_abdominal_pain", "jaundice"), URGENT, ("U8",)),
    Case("shingles: burning band of skin, then a rash", 72, "female",
         ("burning_or_tingling_skin_one_side", "unilateral_rash_or_blisters"), URGENT, ("U7",)),
    Case("shingles before the rash", 66, "male",
         ("upper_back_pain", "burning_or_tingling_skin_one_side"), URGENT, ("U7",)),
    Case("kidney infection: side pain, fever, burning when peeing", 29, "female",
         ("flank_pain", "fever", "painful_urination_or_urinary_frequency",
          "feels_systemically_unwell"), URGENT, ("U10",)),
    # Bone
    Case("osteoporotic fracture after a fall from standing", 76, "female",
         ("minor_trauma", "osteoporosis", "pain_eases_lying_down", "severe_pain"), URGENT, ("U3",)),
    Case("fracture after a coughing fit, on long-term steroids", 61, "male",
         ("minor_trauma", "long_term_corticosteroid_use", "pain_worse_sneeze_cough_strain"), URGENT,
         ("U3",)),
    Case("major trauma: motorway collision", 35, "male",
         ("major_trauma", "pain_reproduced_by_movement_or_pressure"), EMERGENCY, ("E5",)),
    Case("slip on ice, now tingling down one arm", 39, "female",
         ("minor_trauma", "arm_numbness_or_tingling_one_side"), EMERGENCY, ("E5",)),
    Case("young adult slipped, no other flags, getting better", 24, "male",
         ("minor_trauma", "pain_reproduced_by_movement_or_pressure", "improving_since_onset"), SOON,
         ("S5",)),
    # Cancer
    Case("metastatic cancer: past breast cancer, constant worsening night pain, weight loss", 62,
         "female", ("history_of_cancer", "constant_progressive_pain",
                    "night_pain_unrelieved_by_position_change", "unexplained_weight_loss"), URGENT,
         ("U4", "U5", "U6")),
    Case("spinal cord compression: prostate cancer and weak legs", 71, "male",
         ("active_cancer", "leg_weakness", "band_like_pain_around_trunk"), EMERGENCY, ("E6",)),
    Case("past lung cancer with new tingling in one arm", 66, "female",
         ("history_of_cancer", "arm_numbness_or_tingling_one_side"), EMERGENCY, ("E6",)),
    Case("long-ago cancer, gardening strain that is already easing", 52, "female",
         ("history_of_cancer", "new_or_unaccustomed_activity",
          "pain_reproduced_by_movement_or_pressure", "improving_since_onset"), SOON, ("S7",)),
    # Infection
    Case("spinal infection: injects drugs, fever, constant pain", 36, "male",
         ("iv_drug_use", "fever", "constant_progressive_pain",
          "night_pain_unrelieved_by_position_change"), URGENT, ("U1", "U2", "U6")),
    Case("injects drugs, pain looks mechanical and there is no fever yet", 33, "female",
         ("iv_drug_use", "pain_reproduced_by_movement_or_pressure"), URGENT, ("U2",)),
    Case("transplant recipient who strained lifting", 50, "male",
         ("immunosuppression", "heavy_lifting_or_carrying",
          "pain_reproduced_by_movement_or_pressure"), URGENT, ("U2",)),
    Case("sepsis from a kidney infection", 68, "female",
         ("sepsis_signs", "flank_pain", "fever"), EMERGENCY, ("E9",)),
    # Nerves and cord
    Case("cauda equina after lifting: saddle numbness and trouble peeing", 42, "female",
         ("heavy_lifting_or_carrying", "saddle_numbness", "urinary_retention_or_difficulty",
          "bilateral_leg_numbness_or_tingling"), EMERGENCY, ("E6",)),
    Case("thoracic myelopathy: band of pain, unsteady walking, tingling legs", 61, "male",
         ("band_like_pain_around_trunk", "unsteady_gait_or_balance_loss",
          "bilateral_leg_numbness_or_tingling"), EMERGENCY, ("E6",)),
    Case("early myelopathy: clumsy hands and a band of pain", 57, "female",
         ("bilateral_arm_symptoms_or_hand_clumsiness", "band_like_pain_around_trunk",
          "prolonged_sitting_or_screen_use"), URGENT, ("U11",)),
    Case("stroke-like symptoms with sudden back pain", 69, "male",
         ("sudden_onset_severe_pain", "stroke_like_symptoms"), EMERGENCY, ("E9",)),
    # Longer-standing or unexplained pain
    Case("axial spondyloarthritis: young man, months of stiffness eased by exercise", 27, "male",
         ("pain_duration_over_3_months", "pain_duration_over_2_weeks",
          "morning_stiffness_over_30_min", "wakes_second_half_of_night", "improves_with_exercise",
          "no_mechanical_trigger"), SOON, ("S3",)),
    Case("axial spondyloarthritis: psoriasis, morning stiffness, better with activity", 38,
         "female", ("pain_duration_over_3_months", "psoriasis_or_family_history_spondyloarthritis",
                    "improves_with_exercise", "morning_stiffness_over_30_min",
                    "pain_eases_with_movement_or_position_change"), SOON, ("S3",)),
    Case("weight loss and night pain in an older man", 73, "male",
         ("unexplained_weight_loss", "night_pain_unrelieved_by_position_change",
          "no_mechanical_trigger"), URGENT, ("U5", "U6")),
    Case("older adult, new pain with no cause", 63, "male",
         ("upper_back_pain", "no_mechanical_trigger", "first_episode"), SOON, ("S4",)),
    Case("desk worker not better after four weeks of home care", 45, "female",
         ("prolonged_sitting_or_screen_use", "pain_reproduced_by_movement_or_pressure",
          "pain_duration_over_2_weeks", "no_improvement_after_2_to_4_weeks_self_care"), SOON,
         ("S1",)),
    Case("desk worker with tingling down one arm", 37, "male",
         ("prolonged_sitting_or_screen_use", "pain_reproduced_by_movement_or_pressure",
          "arm_numbness_or_tingling_one_side"), SOON, ("S2",)),
    # Benign: must be cleared for the programme
    Case("desk worker: tight between the shoulder blades after long screen days", 32, "female",
         ("upper_back_pain", "pain_between_shoulder_blades", "prolonged_sitting_or_screen_use",
          "pain_reproduced_by_movement_or_pressure", "pain_eases_with_movement_or_position_change",
          "stress_related_muscle_tension", "recurrent_similar_episodes"), SELF_CARE),
    Case("developer: ache after a release crunch, already easing", 41, "male",
         ("upper_back_pain", "prolonged_sitting_or_screen_use", "mechanical_trigger_identified",
          "pain_eases_with_movement_or_position_change", "improving_since_onset",
          "night_pain_relieved_by_position_change"), SELF_CARE),
    Case("lifter: heavy bench block, too little pulling", 26, "male",
         ("new_or_unaccustomed_activity", "heavy_lifting_or_carrying",
          "mechanical_trigger_identified", "pain_reproduced_by_movement_or_pressure"), SELF_CARE),
    Case("sore muscles two days after a first rowing class", 38, "female",
         ("delayed_onset_muscle_soreness", "new_or_unaccustomed_activity",
          "pain_eases_with_movement_or_position_change"), SELF_CARE),
    Case("slept awkwardly on a sofa", 35, "male",
         ("stiffness_after_sleep", "mechanical_trigger_identified",
          "night_pain_relieved_by_position_change", "pain_eases_with_movement_or_position_change"),
         SELF_CARE),
    Case("moved house three weeks ago, steadily improving", 29, "other",
         ("heavy_lifting_or_carrying", "pain_duration_over_2_weeks", "improving_since_onset",
          "pain_reproduced_by_movement_or_pressure"), SELF_CARE),
    Case("older desk worker, same old pattern already checked by a GP", 58, "female",
         ("prolonged_sitting_or_screen_use", "mechanical_trigger_identified",
          "pain_reproduced_by_movement_or_pressure", "previously_assessed_same_pattern",
          "recurrent_similar_episodes"), SELF_CARE),
    Case("parent carrying a toddler on one hip", 33, "female",
         ("heavy_lifting_or_carrying", "pain_reproduced_by_movement_or_pressure",
          "stress_related_muscle_tension", "pain_between_shoulder_blades"), SELF_CARE),
]  # fmt: skip


def completed(case: Case) -> dict[str, Answer]:
    answers: dict[str, Answer] = {k: "no" for k in SYMPTOM_KEYS}
    answers.update(dict.fromkeys(case.yes, "yes"))
    return answers


def check(case: Case, result_disposition: Disposition) -> None:
    if case.minimum is SELF_CARE:
        assert result_disposition is SELF_CARE, case.name
    else:
        assert result_disposition.severity >= case.minimum.severity, case.name


def test_there_are_enough_vignettes_of_each_kind() -> None:
    assert len(CASES) >= 30
    assert len({case.name for case in CASES}) == len(CASES)
    assert sum(case.minimum is SELF_CARE for case in CASES) >= 6
    assert all(set(case.yes) <= SYMPTOM_KEYS for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_completed_screen_reaches_at_least_the_expected_disposition(case: Case) -> None:
    result = screen(Screening(age=case.age, sex=case.sex, answers=completed(case)))
    check(case, result.disposition)
    assert set(case.rules) <= set(result.rules), result.rules
    assert result.unanswered == ()


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.minimum is not SELF_CARE], ids=lambda case: case.name
)
def test_only_the_yes_answers_are_enough_to_escalate(case: Case) -> None:
    """A sparse JSON input with just the 'yes' answers never comes out lower."""
    result = screen(Screening(age=case.age, answers=dict.fromkeys(case.yes, "yes")))
    assert result.disposition.severity >= case.minimum.severity


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_interactive_flow_reaches_the_same_disposition(case: Case) -> None:
    truth = completed(case)
    answers: dict[str, Answer] = {}
    while (k := next_question(Screening(age=case.age, answers=answers))) is not None:
        answers[k] = truth[k]
    flow = screen(Screening(age=case.age, answers=answers)).disposition
    full = screen(Screening(age=case.age, answers=truth)).disposition
    assert flow is full
    check(case, flow)
