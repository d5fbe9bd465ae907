"""The screen engine: apply every rule to the answers, and choose the next question to ask."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from upback.core.safety.answers import Screening
from upback.core.safety.logic import unique
from upback.core.safety.outcomes import LEVEL_STEPS, SAFEGUARDS, SELF_CARE_REASON, Safeguard
from upback.core.safety.questions import AGE
from upback.core.safety.registry import RULES
from upback.core.safety.rules import EMERGENCY, SELF_CARE, SOON, URGENT, Rule
from upback.core.vocab import Disposition


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
    fired = [rule for rule in rules if rule.fires(s, values[rule.id])]
    unknown = [rule for rule in rules if values[rule.id] is None and rule not in fired]
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
        next_steps=unique([lead, *specific, *rest]),
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
