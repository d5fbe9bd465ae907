"""A decision about one plan item, and the whole adaptation: the new plan and every decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# ---------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """What happens to one plan item, and why, in plain words. `changed` when the plan changes."""

    slug: str
    name: str
    rule: str
    reason: str
    before: str
    after: str | None = None
    new_slug: str | None = None
    new_name: str | None = None
    changed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "rule": self.rule,
            "reason": self.reason,
            "before": self.before,
            "after": self.after,
            "new_slug": self.new_slug,
            "new_name": self.new_name,
        }


REASON_MAX = 200


def names_words(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Adaptation:
    """The plan after adapting (the same JSON when nothing changed) and every decision made."""

    plan: dict[str, Any]
    decisions: tuple[Decision, ...]
    frozen: bool
    flare_due: bool  # two red sessions within 7 days: time for the flare-up plan

    @property
    def changes(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.changed)

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.rule for d in self.changes))

    @property
    def reason(self) -> str:
        """A one-line summary for the plan version, at most 200 characters."""
        ups = [d.name for d in self.changes if d.rule.startswith("adapt.progress_")]
        downs = [d.name for d in self.changes if d.rule.startswith("adapt.step_back_")]
        parts = []
        for words, names in (("a step up for", ups), ("a step back for", downs)):
            if names:
                parts.append(f"{words} {names_words(names)}")
        text = "after your sessions: " + "; ".join(parts)
        if len(text) <= REASON_MAX:
            return text
        counted = [
            f"{words} {count_words(len(names), 'exercises')}"
            for words, names in (("a step up for", ups), ("a step back for", downs))
            if names
        ]
        return ("after your sessions: " + "; ".join(counted))[:REASON_MAX]


_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def count_words(n: int, word: str) -> str:
    singular = word[:-1] if n == 1 and word.endswith("s") else word
    return f"{_NUMBER_WORDS.get(n, str(n))} {singular}"
