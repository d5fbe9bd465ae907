"""Every rule registered under its stable id in `RULES`, most severe level first.

Registration order is the order rules are asked and listed in: E1..E9, U1..U12, S1..S8.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from upback.core.safety.rules import Rule
from upback.core.safety.rules_emergency import EMERGENCY_RULES
from upback.core.safety.rules_soon import SOON_RULES
from upback.core.safety.rules_urgent import URGENT_RULES

_REGISTRY: dict[str, Rule] = {}
RULES: Mapping[str, Rule] = MappingProxyType(_REGISTRY)


def register(rule: Rule) -> Rule:
    """Add a rule to `RULES` under its stable id; ids are never reused."""
    if rule.id in _REGISTRY:
        raise ValueError(f"rule {rule.id} is registered twice")
    _REGISTRY[rule.id] = rule
    return rule


for _rule in (*EMERGENCY_RULES, *URGENT_RULES, *SOON_RULES):
    register(_rule)
