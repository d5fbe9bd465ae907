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

The package, one responsibility a module:
- `questions`: the symptom keys and their wording (content/screen.toml), the daily re-check keys.
- `answers`: one person's answers (`Screening`) and parsing raw input into them.
- `logic`: the three-valued condition expressions.
- `rules`: what a rule is, and the answer groups the definitions share; the definitions are in
  `rules_emergency`, `rules_urgent` and `rules_soon`, and `registry` registers them in `RULES`.
- `outcomes`: the Q1/Q2 safeguards, the self-care reason and each level's next steps.
- `engine`: `screen` and `next_question`.
docs/safety-screen.md lists every rule in plain words with its source in reference.md.
"""

from upback.core.safety.answers import Answer, Screening, parse_screening
from upback.core.safety.engine import ScreenResult, next_question, screen
from upback.core.safety.logic import (
    AgeAtLeast,
    AllOf,
    AnyOf,
    Condition,
    CountAtLeast,
    Key,
    Not,
    Truth,
    age_at_least,
    all_of,
    any_of,
    count_at_least,
    key,
    not_,
)
from upback.core.safety.outcomes import LEVEL_STEPS, SAFEGUARDS, SELF_CARE_REASON, Safeguard
from upback.core.safety.questions import (
    AGE,
    AGE_QUESTION,
    RECHECK_KEYS,
    SYMPTOM_KEYS,
    Question,
    question,
)
from upback.core.safety.registry import RULES, register
from upback.core.safety.rules import (
    ABRUPT_SEVERE,
    ARM_SIGNS,
    BILIARY,
    CANCER,
    EMERGENCY,
    LEG_SIGNS,
    MECHANICAL_BEHAVIOUR,
    MECHANICAL_PAIN,
    NO_TRIGGER,
    SELF_CARE,
    SOON,
    SUDDEN,
    URGENT,
    Rule,
)

__all__ = [
    "ABRUPT_SEVERE",
    "AGE",
    "AGE_QUESTION",
    "ARM_SIGNS",
    "BILIARY",
    "CANCER",
    "EMERGENCY",
    "LEG_SIGNS",
    "LEVEL_STEPS",
    "MECHANICAL_BEHAVIOUR",
    "MECHANICAL_PAIN",
    "NO_TRIGGER",
    "RECHECK_KEYS",
    "RULES",
    "SAFEGUARDS",
    "SELF_CARE",
    "SELF_CARE_REASON",
    "SOON",
    "SUDDEN",
    "SYMPTOM_KEYS",
    "URGENT",
    "AgeAtLeast",
    "AllOf",
    "Answer",
    "AnyOf",
    "Condition",
    "CountAtLeast",
    "Key",
    "Not",
    "Question",
    "Rule",
    "Safeguard",
    "ScreenResult",
    "Screening",
    "Truth",
    "age_at_least",
    "all_of",
    "any_of",
    "count_at_least",
    "key",
    "next_question",
    "not_",
    "parse_screening",
    "question",
    "register",
    "screen",
]
