"""One test per triage rule (every branch of it), the registry, and properties of the rule set."""

from __future__ import annotations

import pytest

from tests.examples import MECHANICAL_TRIGGER
from upback.core.safety import (
    LEVEL_STEPS,
    RULES,
    SYMPTOM_KEYS,
    Rule,
    Screening,
    ScreenResult,
    key,
    register,
    screen,
)
from upback.core.safety.rules import EMERGENCY, SELF_CARE, SOON, URGENT
from upback.core.vocab import Disposition

TRIGGER = MECHANICAL_TRIGGER


def run(*yes: str, age: int | None = 30, no: tuple[str, ...] = ()) -> ScreenResult:
    answers = dict.fromkeys(SYMPTOM_KEYS, "no")
    answers.update(dict.fromkeys(TRIGGER, "yes"))
    answers.update(dict.fromkeys(yes, "yes"))
    answers.update(dict.fromkeys(no, "no"))
    return screen(Screening(age=age, answers=answers))


def fires(result: ScreenResult, rule_id: str, level: Disposition) -> bool:
    return rule_id in result.rules and result.disposition is level


def test_the_baseline_person_is_cleared_for_self_care() -> None:
    result = run()
    assert result.disposition is SELF_CARE
    assert result.rules == () and result.unanswered == ()


# --- emergency -----------------------------------------------------------------------------------


@pytest.mark.parametrize("yes", [("chest_pain_or_pressure",), ("pain_radiating_to_chest",)])
def test_e1_chest_pain_is_an_emergency(yes: tuple[str, ...]) -> None:
    assert fires(run(*yes), "E1", EMERGENCY)


@pytest.mark.parametrize(
    "yes",
    [
        ("shortness_of_breath",),
        ("pleuritic_pain", "unilateral_leg_swelling_or_calf_pain"),
        ("pleuritic_pain", "recent_long_haul_travel_or_immobility"),
        ("pleuritic_pain", "oral_contraceptive_or_hormone_therapy"),
        ("pleuritic_pain", "coughing_blood"),
    ],
)
def test_e2_breathlessness_or_breathing_pain_with_clot_signs_is_an_emergency(
    yes: tuple[str, ...],
) -> None:
    assert fires(run(*yes), "E2", EMERGENCY)


def test_e3_coughing_blood_is_an_emergency() -> None:
    assert fires(run("coughing_blood"), "E3", EMERGENCY)


@pytest.mark.parametrize(
    "yes",
    [
        ("sudden_onset_severe_pain", "tearing_or_ripping_pain"),
        ("sudden_onset_severe_pain", "lightheaded_or_fainting"),
        ("sudden_onset_severe_pain", "history_of_hypertension"),
        ("sudden_onset_severe_pain", "connective_tissue_disorder"),
        ("sudden_onset_severe_pain", "upper_abdominal_pain"),
        ("sudden_onset_pain", "severe_pain", "history_of_hypertension"),
        ("tearing_or_ripping_pain", "sudden_onset_pain"),
        ("tearing_or_ripping_pain", "severe_pain"),
        ("sudden_onset_severe_pain",),
        ("tearing_or_ripping_pain",),
    ],
)
def test_e4_sudden_severe_or_tearing_pain_is_an_emergency(yes: tuple[str, ...]) -> None:
    assert fires(run(*yes), "E4", EMERGENCY)


def test_e4_sudden_pain_that_is_not_severe_is_not_on_its_own_an_emergency() -> None:
    assert "E4" not in run("sudden_onset_pain", "history_of_hypertension").rules
    assert "E4" not in run("sudden_onset_pain").rules


def test_e4_fires_on_a_worst_ever_or_tearing_pain_even_when_nothing_else_was_asked() -> None:
    for key_ in ("sudden_onset_severe_pain", "tearing_or_ripping_pain"):
        result = screen(Screening(age=None, answers={key_: "yes"}))
        assert result.disposition is EMERGENCY and "E4" in result.rules


def test_e7_the_pancreatitis_pattern_is_an_emergency_without_a_sudden_onset() -> None:
    yes = (
        "upper_abdominal_pain",
        "nausea_or_vomiting",
        "pain_worse_lying_flat_better_leaning_forward",
    )
    assert fires(run(*yes), "E7", EMERGENCY)


def test_u4_a_cancer_history_stays_urgent_until_the_pain_is_shown_to_be_mechanical() -> None:
    sparse = screen(Screening(age=60, answers={"history_of_cancer": "yes"}))
    assert sparse.disposition is URGENT and "U4" in sparse.rules
    unsure = screen(
        Screening(
            age=60,
            answers={"history_of_cancer": "yes", "improving_since_onset": "not_sure"},
        )
    )
    assert unsure.disposition is URGENT


def test_u4_the_interactive_flow_still_asks_what_could_lower_a_presumed_cancer_rule() -> None:
    from upback.core.safety import next_question

    answers = dict.fromkeys(SYMPTOM_KEYS, "no")
    answers["history_of_cancer"] = "yes"
    for open_key in ("improving_since_onset", "pain_reproduced_by_movement_or_pressure"):
        del answers[open_key]
    asked = next_question(Screening(age=60, answers=answers))
    assert asked in {"improving_since_onset", "pain_reproduced_by_movement_or_pressure"}


@pytest.mark.parametrize(
    "yes",
    [
        ("major_trauma",),
        ("minor_trauma", "arm_weakness"),
        ("minor_trauma", "arm_numbness_or_tingling_one_side"),
        ("minor_trauma", "bilateral_arm_symptoms_or_hand_clumsiness"),
    ],
)
def test_e5_major_trauma_or_injury_with_nerve_symptoms_is_an_emergency(
    yes: tuple[str, ...],
) -> None:
    assert fires(run(*yes), "E5", EMERGENCY)


@pytest.mark.parametrize(
    "yes",
    [
        ("bilateral_leg_numbness_or_tingling",),
        ("leg_weakness",),
        ("unsteady_gait_or_balance_loss",),
        ("saddle_numbness",),
        ("urinary_retention_or_difficulty",),
        ("bowel_incontinence",),
        ("arm_weakness", "bilateral_arm_symptoms_or_hand_clumsiness"),
        ("history_of_cancer", "arm_numbness_or_tingling_one_side"),
        ("active_cancer", "arm_weakness"),
        ("band_like_pain_around_trunk", "leg_weakness"),
    ],
)
def test_e6_leg_bladder_bowel_or_spinal_cord_signs_are_an_emergency(yes: tuple[str, ...]) -> None:
    assert fires(run(*yes), "E6", EMERGENCY)


@pytest.mark.parametrize(
    "yes",
    [
        ("upper_abdominal_pain", "nausea_or_vomiting", "sudden_onset_pain"),
        ("upper_abdominal_pain", "pain_worse_lying_flat_better_leaning_forward", "severe_pain"),
    ],
)
def test_e7_sudden_severe_upper_tummy_pain_with_vomiting_is_an_emergency(
    yes: tuple[str, ...],
) -> None:
    assert fires(run(*yes), "E7", EMERGENCY)


@pytest.mark.parametrize(
    ("yes", "age"),
    [
        (("sweating_clammy",), 30),
        (("lightheaded_or_fainting",), 30),
        (("nausea_or_vomiting", "unusual_fatigue"), 30),
        (("palpitations", "pain_radiating_to_arm"), 30),
        (("exertional_symptoms", "diabetes"), 30),
        (("exertional_symptoms", "history_of_hypertension"), 30),
        (("exertional_symptoms", "smoker"), 30),
        (("exertional_symptoms",), 50),
        (("nausea_or_vomiting", "diabetes"), 30),
        (("unusual_fatigue", "diabetes"), 30),
    ],
)
def test_e8_cardiac_warning_signs_are_an_emergency(yes: tuple[str, ...], age: int) -> None:
    assert fires(run(*yes, age=age), "E8", EMERGENCY)


@pytest.mark.parametrize(
    "yes", [("nausea_or_vomiting",), ("unusual_fatigue",), ("exertional_symptoms",)]
)
def test_e8_a_single_vague_symptom_without_risk_factors_is_not_an_emergency(
    yes: tuple[str, ...],
) -> None:
    assert run(*yes, age=30).disposition is not EMERGENCY


@pytest.mark.parametrize("yes", [("stroke_like_symptoms",), ("sepsis_signs",)])
def test_e9_stroke_or_sepsis_signs_are_an_emergency(yes: tuple[str, ...]) -> None:
    assert fires(run(*yes), "E9", EMERGENCY)


# --- urgent --------------------------------------------------------------------------------------


@pytest.mark.parametrize("yes", ["fever", "chills_or_rigors", "feels_systemically_unwell"])
def test_u1_fever_rigors_or_feeling_unwell_need_care_today(yes: str) -> None:
    assert fires(run(yes), "U1", URGENT)


@pytest.mark.parametrize("yes", ["iv_drug_use", "immunosuppression"])
def test_u2_injecting_drugs_or_a_weak_immune_system_need_care_today(yes: str) -> None:
    assert fires(run(yes), "U2", URGENT)


@pytest.mark.parametrize(
    ("yes", "age"),
    [
        (("minor_trauma", "osteoporosis"), 30),
        (("minor_trauma", "long_term_corticosteroid_use"), 30),
        (("minor_trauma",), 50),
        (("minor_trauma", "bruising_or_abrasion_over_spine"), 30),
        (("pain_eases_lying_down", "osteoporosis"), 30),
        (("pain_eases_lying_down", "long_term_corticosteroid_use"), 30),
    ],
)
def test_u3_a_possible_fragility_fracture_needs_care_today(yes: tuple[str, ...], age: int) -> None:
    assert fires(run(*yes, age=age), "U3", URGENT)


@pytest.mark.parametrize(
    ("yes", "no"),
    [
        (("active_cancer", "improving_since_onset"), ()),
        (("history_of_cancer",), ()),  # mechanical but not improving
        (("history_of_cancer", "improving_since_onset"), TRIGGER),  # improving but not mechanical
    ],
)
def test_u4_cancer_with_pain_not_clearly_mechanical_and_improving_needs_care_today(
    yes: tuple[str, ...], no: tuple[str, ...]
) -> None:
    assert fires(run(*yes, no=no), "U4", URGENT)


def test_u4_past_cancer_with_mechanical_improving_pain_is_left_to_s7() -> None:
    result = run("history_of_cancer", "improving_since_onset")
    assert result.disposition is SOON and result.rules == ("S7",)


def test_u5_unexplained_weight_loss_needs_care_today() -> None:
    assert fires(run("unexplained_weight_loss"), "U5", URGENT)


@pytest.mark.parametrize(
    "yes", ["night_pain_unrelieved_by_position_change", "constant_progressive_pain"]
)
def test_u6_unrelenting_night_pain_or_constant_worsening_pain_needs_care_today(yes: str) -> None:
    assert fires(run(yes), "U6", URGENT)


@pytest.mark.parametrize(
    "yes", ["unilateral_rash_or_blisters", "burning_or_tingling_skin_one_side"]
)
def test_u7_a_shingles_pattern_needs_care_today(yes: str) -> None:
    result = run(yes)
    assert fires(result, "U7", URGENT)
    assert any("3 days" in step for step in result.next_steps)


@pytest.mark.parametrize(
    "yes",
    [
        ("right_upper_abdominal_pain", "pain_lasting_over_8_hours"),
        ("right_upper_abdominal_pain", "fever"),
        ("pain_after_fatty_meal", "chills_or_rigors"),
        ("pain_radiating_to_right_shoulder_blade", "severe_pain"),
        ("jaundice",),
        ("upper_abdominal_pain", "fever"),
        ("upper_abdominal_pain", "nausea_or_vomiting"),
        ("upper_abdominal_pain", "heavy_alcohol_use"),
    ],
)
def test_u8_complicated_gallbladder_or_upper_tummy_pain_needs_care_today(
    yes: tuple[str, ...],
) -> None:
    assert fires(run(*yes), "U8", URGENT)


def test_u9_arm_weakness_needs_care_today() -> None:
    assert fires(run("arm_weakness"), "U9", URGENT)


@pytest.mark.parametrize(
    "with_", ["fever", "chills_or_rigors", "painful_urination_or_urinary_frequency"]
)
def test_u10_side_pain_with_fever_or_urinary_symptoms_needs_care_today(with_: str) -> None:
    assert fires(run("flank_pain", with_), "U10", URGENT)


@pytest.mark.parametrize(
    ("yes", "no", "age"),
    [
        (("visible_deformity_or_lump",), (), 30),
        (("bilateral_arm_symptoms_or_hand_clumsiness",), (), 30),
        (("band_like_pain_around_trunk",), (), 30),
        (("pain_between_shoulder_blades",), ("pain_reproduced_by_movement_or_pressure",), 30),
        (("pain_worse_sneeze_cough_strain", "osteoporosis"), (), 30),
        (("pain_worse_sneeze_cough_strain", "long_term_corticosteroid_use"), (), 30),
        (("pain_worse_sneeze_cough_strain", "history_of_cancer"), (), 30),
        (("pain_worse_sneeze_cough_strain",), (), 50),
        (("pain_worse_sneeze_cough_strain", "no_mechanical_trigger"), (), 30),
    ],
)
def test_u11_spinal_warning_signs_need_care_today(
    yes: tuple[str, ...], no: tuple[str, ...], age: int
) -> None:
    assert fires(run(*yes, no=no, age=age), "U11", URGENT)


def test_u11_pain_between_the_shoulder_blades_that_movement_changes_is_not_a_flag() -> None:
    assert run("pain_between_shoulder_blades").disposition is SELF_CARE


@pytest.mark.parametrize(
    "yes",
    [
        ("pleuritic_pain", "sudden_onset_pain"),
        ("pleuritic_pain", "cough"),
        ("pleuritic_pain", "tall_thin_build"),
        ("pleuritic_pain", "smoker"),
        ("unilateral_leg_swelling_or_calf_pain",),
    ],
)
def test_u12_breathing_pain_with_lung_risks_or_a_swollen_calf_needs_care_today(
    yes: tuple[str, ...],
) -> None:
    assert fires(run(*yes), "U12", URGENT)


# --- soon ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "yes", [("pain_duration_over_2_weeks",), ("no_improvement_after_2_to_4_weeks_self_care",)]
)
def test_s1_pain_not_improving_after_two_weeks_needs_a_check_soon(yes: tuple[str, ...]) -> None:
    assert fires(run(*yes), "S1", SOON)


def test_s1_pain_over_two_weeks_that_is_improving_stays_self_care() -> None:
    assert run("pain_duration_over_2_weeks", "improving_since_onset").disposition is SELF_CARE


@pytest.mark.parametrize("yes", ["arm_numbness_or_tingling_one_side", "pain_radiating_to_arm"])
def test_s2_one_sided_arm_symptoms_without_cardiac_features_need_a_check_soon(yes: str) -> None:
    assert fires(run(yes), "S2", SOON)


@pytest.mark.parametrize(
    ("age", "extra", "expected"),
    [
        (30, ("wakes_second_half_of_night", "improves_with_exercise"), True),
        (
            40,
            (
                "wakes_second_half_of_night",
                "improves_with_exercise",
                "psoriasis_or_family_history_spondyloarthritis",
            ),
            True,
        ),
        (40, ("morning_stiffness_over_30_min", "improves_with_exercise"), False),
        (
            45,
            (
                "wakes_second_half_of_night",
                "improves_with_exercise",
                "morning_stiffness_over_30_min",
            ),
            False,
        ),
    ],
)
def test_s3_an_inflammatory_back_pain_pattern_needs_a_check_soon(
    age: int, extra: tuple[str, ...], expected: bool
) -> None:
    result = run("pain_duration_over_3_months", *extra, age=age)
    assert ("S3" in result.rules) is expected
    assert result.disposition is (SOON if expected else SELF_CARE)


def test_s4_new_unexplained_pain_at_fifty_or_over_needs_a_check_soon() -> None:
    result = run("no_mechanical_trigger", age=55)
    assert fires(result, "S4", SOON)
    assert "S8" not in result.rules  # S4 already says it
    assert (
        "S4" not in run("no_mechanical_trigger", "previously_assessed_same_pattern", age=55).rules
    )


@pytest.mark.parametrize("yes", ["minor_trauma", "bruising_or_abrasion_over_spine"])
def test_s5_any_other_injury_needs_a_check_soon(yes: str) -> None:
    assert fires(run(yes), "S5", SOON)


@pytest.mark.parametrize(
    "yes",
    [
        "right_upper_abdominal_pain",
        "pain_radiating_to_right_shoulder_blade",
        "pain_after_fatty_meal",
        "upper_abdominal_pain",
    ],
)
def test_s6_an_uncomplicated_gallbladder_or_tummy_pattern_needs_a_check_soon(yes: str) -> None:
    assert fires(run(yes), "S6", SOON)


def test_s7_any_other_cancer_history_needs_a_check_soon() -> None:
    assert fires(run("history_of_cancer", "improving_since_onset"), "S7", SOON)


@pytest.mark.parametrize(
    ("yes", "no"),
    [
        (("no_mechanical_trigger",), ()),
        ((), TRIGGER),
    ],
)
def test_s8_pain_without_an_identifiable_trigger_needs_a_check_soon(
    yes: tuple[str, ...], no: tuple[str, ...]
) -> None:
    assert fires(run(*yes, no=no), "S8", SOON)


# --- the registry and the result -----------------------------------------------------------------


def test_the_registry_holds_the_reference_rules_plus_u12() -> None:
    expected = (
        [f"E{n}" for n in range(1, 10)]
        + [f"U{n}" for n in range(1, 13)]
        + [f"S{n}" for n in range(1, 9)]
    )
    assert list(RULES) == expected
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert rule.level is {"E": EMERGENCY, "U": URGENT, "S": SOON}[rule_id[0]]


def test_every_rule_reads_known_keys_and_explains_itself_plainly() -> None:
    for rule in RULES.values():
        assert rule.condition.reads() and set(rule.condition.reads()) <= SYMPTOM_KEYS
        explanations = (rule.reason, *(text for _, text in rule.branches))
        for line in (*explanations, *rule.next_steps):
            assert line.endswith(".") and "_" not in line and "\n" not in line
        for line in explanations:
            # Guidance, never a diagnosis: "this can be a sign of ...", never "you have a ...".
            assert "you have a " not in line.lower() and "you have an " not in line.lower()
            assert "sign of" in line or "check" in line


def test_a_person_reads_the_line_for_what_they_reported_not_the_whole_rule() -> None:
    result = run("pain_between_shoulder_blades", no=("pain_reproduced_by_movement_or_pressure",))
    assert result.rules == ("U11",)
    assert result.reasons[0].startswith("Pain between the shoulder blades that movement")
    calf = run("unilateral_leg_swelling_or_calf_pain")
    assert calf.reasons == (
        "A swollen, painful calf on one side can be a sign of a blood clot "
        "that needs checking today.",
    )


def test_a_branched_rule_fires_exactly_when_one_of_its_branches_does() -> None:
    for rule in (r for r in RULES.values() if r.branches):
        for part, _ in rule.branches:
            assert set(part.reads()) <= set(rule.condition.reads())
        s = Screening(age=60, answers=dict.fromkeys(rule.condition.reads(), "yes"))
        assert rule.condition.evaluate(s) is True
        assert rule.explain(s) == rule.branches[0][1]


def test_a_rule_id_cannot_be_registered_twice() -> None:
    with pytest.raises(ValueError, match="E1"):
        register(Rule("E1", EMERGENCY, key("fever"), "A duplicate."))


def test_fired_rules_are_listed_most_severe_first_with_a_reason_each() -> None:
    result = run("fever", "chest_pain_or_pressure", "pain_radiating_to_arm")
    assert result.rules == ("E1", "U1", "S2")
    assert len(result.reasons) == 3


@pytest.mark.parametrize("level", list(Disposition))
def test_next_steps_come_from_the_winning_level(level: Disposition) -> None:
    yes = {
        EMERGENCY: "chest_pain_or_pressure",
        URGENT: "fever",
        SOON: "minor_trauma",
        SELF_CARE: "stiffness_after_sleep",
    }[level]
    result = run(yes)
    assert result.disposition is level
    assert result.next_steps[0] == LEVEL_STEPS[level][0]


def test_an_emergency_says_call_now_do_not_drive_and_offers_no_exercise() -> None:
    steps = run("chest_pain_or_pressure").next_steps
    assert steps[:2] == (
        "Call your local emergency number now (for example 999, 911 or 112).",
        "Do not drive yourself.",
    )
    assert not any("programme" in step for step in steps)


def test_self_care_always_carries_the_safety_net() -> None:
    steps = " ".join(run().next_steps)
    assert "Take this screen again" in steps and "2 weeks" in steps and "4 weeks" in steps
