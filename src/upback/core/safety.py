"""The safety screen: yes / no / not-sure answers in, a disposition with its reasons out.

The rules are reference.md §1.8 (E1-E9 emergency, U1-U11 urgent, S1-S8 soon) with the detail of
§1.3-§1.7 folded in, erring towards escalation because the app cannot examine anyone. `U12` is an
upback addition: sharp pain on breathing in with a sudden start, a cough, a tall thin build or
smoking (possible collapsed lung or chest infection), or one swollen, painful calf on its own
(possible clot), both for a same-day check. Every rule is registered under its stable id in `RULES`.

How it decides:
- Answers are three-valued: `yes` is true, `no` is false, `not_sure` or no answer is unknown.
  Conditions are small expressions (`key`, `any_of`, `all_of`, `not_`, `age_at_least`,
  `count_at_least`) evaluated with Kleene logic, so a rule is true, false or unknown.
- The most severe fired rule wins. `self_care` needs no rule fired and pain that behaves
  mechanically (`MECHANICAL_PAIN`); self-care always carries the safety net.
- Unknowns never clear a person. Of the rules more severe than the result that stay unknown:
  `Q1` (at least urgent) covers emergency rules left unknown by a `not_sure` answer (not asked
  again); `Q2` (at least soon) covers the rest, all of them unknown through missing answers or a
  missing age, including soon rules and the self-care condition. `unanswered` lists the keys
  behind them, sorted, with `age` when a rule needed it.
- Sex is recorded but read by no rule: the quieter heart-attack pattern (back pain, sickness,
  tiredness, no chest pain) is screened for in everyone. "other" covers intersex and any other
  answer; `None` means not said.

Choices beyond §1.8 (all towards escalation): U1 also fires on feeling generally unwell; U8 also
counts biliary pain that is severe, and upper tummy pain with heavy drinking; a rule hidden by a
more specific one that fired (`Rule.shadowed_by`, e.g. S7 under U4) is not listed twice.

Wording is guidance, never a diagnosis: "this can be a sign of ... that needs checking".
"""

from __future__ import annotations

import difflib
import tomllib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from upback.core.errors import InputProblem, describe_validation
from upback.core.vocab import Disposition

EMERGENCY, URGENT, SOON, SELF_CARE = (
    Disposition.EMERGENCY,
    Disposition.URGENT,
    Disposition.SOON,
    Disposition.SELF_CARE,
)

Answer = Literal["yes", "no", "not_sure"]
Truth = bool | None
_TRUTH: dict[str, bool] = {"yes": True, "no": False}
AGE = "age"  # listed in `unanswered` when a rule needed the age and none was given


# --- questions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    help: str | None


class _QuestionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str = Field(min_length=10)
    help: str | None = Field(default=None, min_length=10)


@cache
def _questions() -> dict[str, Question]:
    raw = tomllib.loads(files("upback").joinpath("content", "screen.toml").read_text("utf-8"))
    found: dict[str, Question] = {}
    for key, entry in raw.get("questions", {}).items():
        try:
            parsed = _QuestionEntry.model_validate(entry)
        except ValidationError as error:
            raise InputProblem(
                describe_validation(error, f"screen.toml: questions.{key}")
            ) from error
        found[key] = Question(key=key, text=parsed.text, help=parsed.help)
    return found


# The symptom keys are the question file's keys; a test pins them to the clinical vocabulary.
SYMPTOM_KEYS: frozenset[str] = frozenset(_questions())
AGE_QUESTION = Question(AGE, "How old are you?", None)


def question(key: str) -> Question:
    """The plain-language question for a symptom key, or for `age` (it can be in `unanswered`)."""
    if key == AGE:
        return AGE_QUESTION
    try:
        return _questions()[key]
    except KeyError:
        raise KeyError(f"{key!r} is not a known symptom key") from None


# --- input ---------------------------------------------------------------------------------------


class Screening(BaseModel):
    """One person's answers. Absent keys were not answered; `age` None means not given."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    age: Annotated[int, Field(strict=True, ge=0, le=120)] | None = None
    sex: Literal["female", "male", "other"] | None = None
    answers: dict[str, Answer] = Field(default_factory=dict)

    @field_validator("answers")
    @classmethod
    def _known_keys(cls, value: dict[str, Answer]) -> dict[str, Answer]:
        for key in value:
            if key not in SYMPTOM_KEYS:
                raise ValueError(f"{key} is not a known symptom key")
        return value


def parse_screening(data: Any, *, where: str = "answers") -> Screening:
    """Validate raw data into a Screening or raise InputProblem with one clear line.

    `where` is where the answers sit in the input: `answers` for one object, `[2].answers` for the
    third of a list. Problems name the true path: `answers.fevr: ...`, `[2].age: ...`.
    """
    prefix = where.removesuffix("answers").rstrip(".")
    if not isinstance(data, dict):
        raise InputProblem(f"{prefix or 'input'}: must be a JSON object, got {type(data).__name__}")
    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        raise InputProblem(f"{where}: must be an object of symptom keys and answers")
    for key, value in answers.items():
        if key not in SYMPTOM_KEYS:
            close = difflib.get_close_matches(str(key), sorted(SYMPTOM_KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InputProblem(f"{where}.{key}: is not a known symptom key{hint}")
        if not isinstance(value, str) or value not in ("yes", "no", "not_sure"):
            raise InputProblem(f"{where}.{key}: must be 'yes', 'no' or 'not_sure' (got {value!r})")
    try:
        return Screening.model_validate(data)
    except ValidationError as error:
        raise InputProblem(describe_validation(error, prefix)) from error


# --- conditions (Kleene three-valued logic) ------------------------------------------------------


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


class Condition(ABC):
    @abstractmethod
    def evaluate(self, s: Screening) -> Truth:
        """True, False, or None when the answers so far cannot decide."""

    @abstractmethod
    def reads(self) -> tuple[str, ...]:
        """Every symptom key this condition reads, in asking order."""

    @abstractmethod
    def open_keys(self, s: Screening) -> tuple[str, ...]:
        """When undecided: the unknown inputs that could still decide it (symptom keys or `age`)."""


@dataclass(frozen=True)
class Key(Condition):
    name: str

    def evaluate(self, s: Screening) -> Truth:
        return _TRUTH.get(s.answers.get(self.name, "not_sure"))

    def reads(self) -> tuple[str, ...]:
        return (self.name,)

    def open_keys(self, s: Screening) -> tuple[str, ...]:
        return (self.name,) if self.evaluate(s) is None else ()


@dataclass(frozen=True)
class AgeAtLeast(Condition):
    years: int

    def evaluate(self, s: Screening) -> Truth:
        return None if s.age is None else s.age >= self.years

    def reads(self) -> tuple[str, ...]:
        return ()

    def open_keys(self, s: Screening) -> tuple[str, ...]:
        return (AGE,) if s.age is None else ()


@dataclass(frozen=True)
class Not(Condition):
    part: Condition

    def evaluate(self, s: Screening) -> Truth:
        value = self.part.evaluate(s)
        return None if value is None else not value

    def reads(self) -> tuple[str, ...]:
        return self.part.reads()

    def open_keys(self, s: Screening) -> tuple[str, ...]:
        return self.part.open_keys(s)


@dataclass(frozen=True)
class _Group(Condition):
    parts: tuple[Condition, ...]

    def reads(self) -> tuple[str, ...]:
        return _unique(k for part in self.parts for k in part.reads())

    def open_keys(self, s: Screening) -> tuple[str, ...]:
        if self.evaluate(s) is not None:
            return ()
        return _unique(k for p in self.parts if p.evaluate(s) is None for k in p.open_keys(s))


class AllOf(_Group):
    def evaluate(self, s: Screening) -> Truth:
        values = [part.evaluate(s) for part in self.parts]
        return False if False in values else (None if None in values else True)


class AnyOf(_Group):
    def evaluate(self, s: Screening) -> Truth:
        values = [part.evaluate(s) for part in self.parts]
        return True if True in values else (None if None in values else False)


@dataclass(frozen=True)
class CountAtLeast(_Group):
    need: int = 1

    def evaluate(self, s: Screening) -> Truth:
        values = [part.evaluate(s) for part in self.parts]
        if values.count(True) >= self.need:
            return True
        return None if values.count(True) + values.count(None) >= self.need else False


def key(name: str) -> Key:
    if name not in SYMPTOM_KEYS:
        raise ValueError(f"{name!r} is not a known symptom key")
    return Key(name)


def any_of(*parts: Condition | str) -> AnyOf:
    return AnyOf(tuple(key(p) if isinstance(p, str) else p for p in parts))


def all_of(*parts: Condition | str) -> AllOf:
    return AllOf(tuple(key(p) if isinstance(p, str) else p for p in parts))


def not_(part: Condition | str) -> Not:
    return Not(key(part) if isinstance(part, str) else part)


def age_at_least(years: int) -> AgeAtLeast:
    return AgeAtLeast(years)


def count_at_least(need: int, *parts: Condition | str) -> CountAtLeast:
    return CountAtLeast(tuple(key(p) if isinstance(p, str) else p for p in parts), need)


# --- rules ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A triage rule under a stable id.

    `branches` pairs parts of the condition with a line about just that part, so a person reads
    about what they reported; `shadowed_by` names rules whose reason already says this one's.
    """

    id: str
    level: Disposition
    condition: Condition
    reason: str
    next_steps: tuple[str, ...] = ()
    shadowed_by: tuple[str, ...] = ()
    branches: tuple[tuple[Condition, str], ...] = ()

    def explain(self, s: Screening) -> str:
        """The line for the first branch that fired, or the rule's own reason."""
        return next((text for part, text in self.branches if part.evaluate(s)), self.reason)


_REGISTRY: dict[str, Rule] = {}
RULES: Mapping[str, Rule] = MappingProxyType(_REGISTRY)


def register(rule: Rule) -> Rule:
    """Add a rule to `RULES` under its stable id; ids are never reused."""
    if rule.id in _REGISTRY:
        raise ValueError(f"rule {rule.id} is registered twice")
    _REGISTRY[rule.id] = rule
    return rule


def _rule(rule_id: str, level: Disposition, condition: Condition, reason: str, **more: Any) -> None:
    register(Rule(rule_id, level, condition, reason, **more))


def _branched(
    rule_id: str,
    level: Disposition,
    reason: str,
    *branches: tuple[Condition | str, str],
    **more: Any,
) -> None:
    """A rule that fires when any branch does, each branch with its own plain line."""
    parts = tuple((key(part) if isinstance(part, str) else part, text) for part, text in branches)
    condition = AnyOf(tuple(part for part, _ in parts))
    register(Rule(rule_id, level, condition, reason, branches=parts, **more))


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

_rule(
    "E1",
    EMERGENCY,
    any_of("chest_pain_or_pressure", "pain_radiating_to_chest"),
    "Pain, pressure or tightness in the chest, or back pain spreading into the chest, can be a "
    "sign of a heart or lung problem that needs checking straight away.",
)
_branched(
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
_rule(
    "E3",
    EMERGENCY,
    key("coughing_blood"),
    "Coughing up blood can be a sign of a problem in the lungs, such as a blood clot, that needs "
    "checking straight away.",
)
_rule(
    "E4",
    EMERGENCY,
    any_of(
        all_of(
            ABRUPT_SEVERE,
            any_of(
                "tearing_or_ripping_pain",
                "lightheaded_or_fainting",
                "history_of_hypertension",
                "connective_tissue_disorder",
                "upper_abdominal_pain",
            ),
        ),
        all_of("tearing_or_ripping_pain", any_of(SUDDEN, "severe_pain")),
    ),
    "Sudden, severe or tearing pain, especially with fainting, high blood pressure or an "
    "inherited blood vessel condition, can be a sign of a tear in the body's main blood vessel.",
)
_branched(
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
_branched(
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
_rule(
    "E7",
    EMERGENCY,
    all_of(
        "upper_abdominal_pain",
        any_of("nausea_or_vomiting", "pain_worse_lying_flat_better_leaning_forward"),
        any_of(SUDDEN, "severe_pain"),
    ),
    "Sudden or severe pain at the top of the tummy with sickness, or pain eased by leaning "
    "forward, can be a sign of an inflamed pancreas or another problem that needs care now.",
)
_rule(
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
_rule(
    "E9",
    EMERGENCY,
    any_of("stroke_like_symptoms", "sepsis_signs"),
    "A drooping face, slurred speech or sudden one-sided weakness, or confusion, blotchy skin and "
    "very fast breathing, can be a sign of a stroke or a severe infection that needs care now.",
)

_rule(
    "U1",
    URGENT,
    any_of("fever", "chills_or_rigors", "feels_systemically_unwell"),
    "A fever, shivering attacks or feeling generally unwell along with back pain can be a sign of "
    "an infection that needs checking today.",
)
_rule(
    "U2",
    URGENT,
    any_of("iv_drug_use", "immunosuppression"),
    "Injecting drugs or a weakened immune system makes an infection in the spine more likely, so "
    "new back pain needs checking today.",
)
_rule(
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
_rule(
    "U4",
    URGENT,
    any_of(
        "active_cancer",
        all_of("history_of_cancer", not_(all_of(MECHANICAL_BEHAVIOUR, "improving_since_onset"))),
    ),
    "Back pain with current cancer, or after cancer when the pain is not clearly from movement "
    "and getting better, needs checking today to make sure the spine is not affected.",
    next_steps=("If you have a cancer care team or helpline, call them first.",),
)
_rule(
    "U5",
    URGENT,
    key("unexplained_weight_loss"),
    "Losing weight without trying, along with back pain, can be a sign of an illness that needs "
    "checking today.",
)
_rule(
    "U6",
    URGENT,
    any_of("night_pain_unrelieved_by_position_change", "constant_progressive_pain"),
    "Pain that wakes you and does not ease when you move, or constant pain that keeps getting "
    "worse, can be a sign of something other than a strain and needs checking today.",
)
_rule(
    "U7",
    URGENT,
    any_of("unilateral_rash_or_blisters", "burning_or_tingling_skin_one_side"),
    "A burning or tingling strip of skin, or a rash or blisters on one side of the body, can be a "
    "sign of shingles, and treatment works best when it starts early.",
    next_steps=("Mention the skin changes: shingles medicine works best within 3 days of a rash.",),
)
_branched(
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
_rule(
    "U9",
    URGENT,
    key("arm_weakness"),
    "New weakness in an arm or hand can be a sign of a pinched or irritated nerve that needs "
    "checking today.",
)
_rule(
    "U10",
    URGENT,
    all_of(
        "flank_pain",
        any_of("fever", "chills_or_rigors", "painful_urination_or_urinary_frequency"),
    ),
    "Pain in the side below the ribs with a fever or a burning or frequent need to pee can be a "
    "sign of a kidney infection that needs checking today.",
)
_branched(
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
_branched(
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
_rule(
    "S1",
    SOON,
    any_of(
        all_of("pain_duration_over_2_weeks", not_("improving_since_onset")),
        "no_improvement_after_2_to_4_weeks_self_care",
    ),
    "Pain that has lasted over 2 weeks without getting better, or has not eased after 2 to 4 "
    "weeks of home care, is worth checking with a professional.",
)
_rule(
    "S2",
    SOON,
    any_of("arm_numbness_or_tingling_one_side", "pain_radiating_to_arm"),
    "Pain or tingling spreading down an arm can come from an irritated nerve; a professional can "
    "check it and tailor your exercises.",
)
_rule(
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
_rule(
    "S4",
    SOON,
    all_of(age_at_least(50), NO_TRIGGER, not_("previously_assessed_same_pattern")),
    "New back pain without a clear cause at 50 or over is worth checking with a GP before you "
    "start a programme.",
)
_rule(
    "S5",
    SOON,
    any_of("minor_trauma", "bruising_or_abrasion_over_spine"),
    "Pain that began with a fall, slip or strain is worth checking to make sure nothing was hurt.",
    shadowed_by=("E5", "U3"),
)
_rule(
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
_rule(
    "S7",
    SOON,
    CANCER,
    "Because you have had cancer, new back pain is worth checking with your GP or cancer team, "
    "even when it seems to come from movement and is easing.",
    shadowed_by=("E6", "U4"),
)
_rule(
    "S8",
    SOON,
    NO_TRIGGER,
    "Back pain without a clear physical cause is worth checking with a professional before you "
    "start a programme.",
    shadowed_by=("S4",),
)


@dataclass(frozen=True)
class Safeguard:
    """Applied by `screen` when rules more severe than the result stay unknown."""

    id: str
    level: Disposition
    reason: str
    next_steps: tuple[str, ...] = ()


SAFEGUARDS: Mapping[str, Safeguard] = MappingProxyType(
    {
        "Q1": Safeguard(
            "Q1",
            URGENT,
            "We can't rule out a warning sign you weren't sure about, so please get checked today.",
        ),
        "Q2": Safeguard(
            "Q2",
            SOON,
            "Some questions that matter for your safety were not answered, so we can't rule "
            "everything out: please answer them, or see a clinician who can check.",
            ("Answer the questions you skipped, or go through them with a GP or physiotherapist.",),
        ),
    }
)

# Emergency and urgent keys that can change from day to day: re-asked at the daily check-in.
RECHECK_KEYS: tuple[str, ...] = (
    "chest_pain_or_pressure",
    "shortness_of_breath",
    "coughing_blood",
    "sweating_clammy",
    "lightheaded_or_fainting",
    "stroke_like_symptoms",
    "bilateral_leg_numbness_or_tingling",
    "leg_weakness",
    "unsteady_gait_or_balance_loss",
    "saddle_numbness",
    "urinary_retention_or_difficulty",
    "bowel_incontinence",
    "arm_weakness",
    "bilateral_arm_symptoms_or_hand_clumsiness",
    "fever",
    "night_pain_unrelieved_by_position_change",
    "constant_progressive_pain",
    "unexplained_weight_loss",
    "unilateral_rash_or_blisters",
    "unilateral_leg_swelling_or_calf_pain",
)

SELF_CARE_REASON = (
    "Nothing you told us points to a warning sign, and your pain behaves like a muscle or joint "
    "strain, which usually settles with gentle, regular movement."
)
_SAFETY_NET = (
    "Take this screen again straight away if new symptoms appear, such as chest pain, "
    "breathlessness, fever, or numbness or weakness in your arms or legs.",
    "Review how you are doing at 2 weeks and again at 4 weeks; if the pain is not getting better, "
    "see a GP or physiotherapist.",
)
# The first line of each level leads; rule-specific steps follow it, then the rest.
LEVEL_STEPS: Mapping[Disposition, tuple[str, ...]] = MappingProxyType(
    {
        EMERGENCY: (
            "Call your local emergency number now (for example 999, 911 or 112).",
            "Do not drive yourself.",
            "Stop what you are doing and do no exercises; rest in the position that is easiest.",
            "If you can, unlock the door and ask someone to stay with you until help arrives.",
        ),
        URGENT: (
            "Get medical care today: an urgent GP appointment, an urgent care centre, or your "
            "local non-emergency medical helpline (for example NHS 111).",
            "Hold off the exercises in this app until a clinician has checked you.",
            "If you get chest pain, trouble breathing, or weakness or numbness in your legs, or "
            "lose control of your bladder or bowel, call your local emergency number.",
        ),
        SOON: (
            "See a GP or physiotherapist within the next few days, and no later than two weeks.",
            "Meanwhile keep to gentle movement only, such as short walks and easy, comfortable "
            "stretches; wait for that check before starting the full programme.",
            _SAFETY_NET[0],
        ),
        SELF_CARE: (
            "You can start the upback programme: begin gently and let your pain guide the pace.",
            *_SAFETY_NET,
        ),
    }
)


# --- screening -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenResult:
    disposition: Disposition
    rules: tuple[str, ...]
    reasons: tuple[str, ...]
    next_steps: tuple[str, ...]
    unanswered: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "disposition": self.disposition.value,
            "rules": list(self.rules),
            "reasons": list(self.reasons),
            "next_steps": list(self.next_steps),
            "unanswered": list(self.unanswered),
        }


def _ordered_rules() -> list[Rule]:
    """Most severe first; registration order within a level (E1..E9, U1..U12, S1..S8)."""
    return sorted(RULES.values(), key=lambda rule: -rule.level.severity)


def _not_sure(s: Screening, rule: Rule) -> bool:
    """The rule is unknown partly through a `not_sure` answer, which the flow does not ask again."""
    return any(s.answers.get(k) == "not_sure" for k in rule.condition.open_keys(s))


def _safeguards(
    s: Screening, unknown: Iterable[Rule], base: Disposition
) -> tuple[list[Rule], list[Rule], Disposition]:
    """The unknown rules behind Q1 and Q2 for a result at `base`, and the level they lift it to."""
    pending = [rule for rule in unknown if rule.level.severity > base.severity]
    q1 = [rule for rule in pending if rule.level is EMERGENCY and _not_sure(s, rule)]
    level = URGENT if q1 and base.severity < URGENT.severity else base
    q2 = [rule for rule in pending if rule not in q1 and rule.level.severity > level.severity]
    return q1, q2, SOON if q2 and level.severity < SOON.severity else level


def screen(s: Screening) -> ScreenResult:
    """Apply every rule; the most severe level wins and unknowns never clear a person."""
    rules = _ordered_rules()
    values = {rule.id: rule.condition.evaluate(s) for rule in rules}
    fired = [rule for rule in rules if values[rule.id]]
    unknown = [rule for rule in rules if values[rule.id] is None]
    # With no rule fired, S8 (no trigger) is unknown exactly when the self-care condition is, so
    # an unknown self-care condition always lands in Q2 and never clears anyone.
    q1, q2, level = _safeguards(s, unknown, fired[0].level if fired else SELF_CARE)
    open_keys = [k for rule in q1 + q2 for k in rule.condition.open_keys(s)]

    fired_ids = {rule.id for rule in fired}
    listed: list[Rule | Safeguard] = [r for r in fired if not fired_ids & set(r.shadowed_by)]
    listed += [SAFEGUARDS[q] for q, hit in (("Q1", q1), ("Q2", q2)) if hit]
    listed.sort(key=lambda item: -item.level.severity)

    lead, *rest = LEVEL_STEPS[level]
    specific = [step for item in listed if item.level is level for step in item.next_steps]
    reasons = [i.explain(s) if isinstance(i, Rule) else i.reason for i in listed]
    return ScreenResult(
        disposition=level,
        rules=tuple(item.id for item in listed),
        reasons=tuple(reasons or [SELF_CARE_REASON]),
        next_steps=_unique([lead, *specific, *rest]),
        unanswered=tuple(sorted(set(open_keys))),
    )


def next_question(s: Screening) -> str | None:
    """The next symptom key worth asking, or None when no answer could change the disposition.

    Rules are walked from the most severe; for the first one still unknown, its first unanswered
    key is returned (keys answered `not_sure` are not asked again, and age is never asked here:
    collect it up front). Once an emergency rule fires the flow stops at once.
    """
    rules = _ordered_rules()
    values = {rule.id: rule.condition.evaluate(s) for rule in rules}
    fired = [rule.level for rule in rules if values[rule.id]]
    floor = fired[0] if fired else SELF_CARE
    for level in (EMERGENCY, URGENT, SOON):
        # Every unknown rule above this level has nothing left to ask: it settles the floor.
        higher = [r for r in rules if values[r.id] is None and r.level.severity > level.severity]
        floor = _safeguards(s, higher, floor)[2]
        if level.severity <= floor.severity:
            return None
        for rule in rules:
            if rule.level is level and values[rule.id] is None:
                for k in rule.condition.open_keys(s):
                    if k != AGE and k not in s.answers:
                        return k
    return None  # the self-care condition's keys are asked through S8
