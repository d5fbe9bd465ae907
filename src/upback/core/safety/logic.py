"""Conditions as small expressions over the answers, evaluated with Kleene three-valued logic.

`yes` is true, `no` is false, and `not_sure` or no answer is unknown (None). `all_of` is false as
soon as one part is false, `any_of` true as soon as one part is true, and otherwise an unknown
part keeps the whole unknown, so a missing answer can never quietly make a rule false.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass

from upback.core.safety.answers import Screening
from upback.core.safety.questions import AGE, SYMPTOM_KEYS

Truth = bool | None
_TRUTH: dict[str, bool] = {"yes": True, "no": False}


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """The items in first-seen order, without repeats."""
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
        return unique(k for part in self.parts for k in part.reads())

    def open_keys(self, s: Screening) -> tuple[str, ...]:
        if self.evaluate(s) is not None:
            return ()
        return unique(k for p in self.parts if p.evaluate(s) is None for k in p.open_keys(s))


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
