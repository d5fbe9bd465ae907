"""Two habits for a month: choosing them, ticking them off, streaks, and the month's summary.

The guides ask people to pick two small habits and keep them for a month. A habit comes from the
guides' list (`Advice.habits`, by slug) or is the person's own, in their own words. The month
starts on the day of the pick and lasts 30 days: `ends_on` is the day after the last one, so a
month is `started_on <= day < ends_on`, and on `ends_on` the summary is ready.

Everything here is pure: dates come in, dataclasses come out, so the web, the terminal and the
tests share one set of rules.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from upback.core.care import CareState
from upback.core.errors import InputProblem
from upback.core.library import Habit, Technique

HABIT_COUNT = 2
MONTH_DAYS = 30
OWN_MIN = 3
OWN_MAX = 80
SLUG_MAX = 40
# Days kept out of 30 for each verdict: two thirds or more looks like a habit now; a third to two
# thirds is about half, a real start; fewer suggests the step was too big for now.
MOST_DAYS = 20
HALF_DAYS = 10

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


class HabitProblem(InputProblem):
    """Bad input about habits; `field` names what was wrong so each interface can say it its way."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(f"{field}: {detail}")
        self.field = field
        self.detail = detail


class MonthRunning(HabitProblem):
    """A new pick while the month is still running, without asking to start over."""


@dataclass(frozen=True)
class Chosen:
    """One of the month's two habits, as stored: `own` is True for the person's own words."""

    slug: str
    name: str
    own: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"slug": self.slug, "name": self.name, "own": self.own}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Chosen:
        return cls(slug=str(data["slug"]), name=str(data["name"]), own=bool(data.get("own")))


@dataclass(frozen=True)
class Offer:
    """A habit from the guides' list as the pick shows it."""

    slug: str
    name: str
    text: str
    technique: str | None
    suggested: bool
    """The person's plan suggests this one."""


# --- choosing -----------------------------------------------------------------------------------


def held(technique: Technique | None, care: CareState | None) -> bool:
    """Whether a habit built on this exercise waits for now.

    Before the safety check, and while a red flag is active, no exercise is suggested anywhere, so
    habits tied to one wait too; while only gentle items are allowed, those tied to a movement
    that is not flare-safe wait.
    """
    if technique is None or care is None:
        return False
    return not care.may_exercise or (care.gentle_only and not technique.suitability.flare_ok)


def held_reason(care: CareState | None) -> str:
    """Why habits built on an exercise wait, to finish a sentence ('… built on an exercise, and
    {reason}')."""
    if care is not None and care.needs_screen:
        return "exercises come after the safety check, so please take it first"
    if care is not None and care.stopped:
        return "upback is holding exercises until you have been checked"
    return "only gentle movements are suggested until you have seen a clinician"


def offers(
    habits: Sequence[Habit],
    *,
    suggested: Sequence[str] = (),
    techniques: Mapping[str, Technique] | None = None,
    care: CareState | None = None,
) -> list[Offer]:
    """The guides' habits to pick from: the plan's suggestions first (in the plan's order), then
    the rest by priority. Habits whose exercise is on hold for this person are left out."""
    techniques = techniques or {}
    order = {slug: i for i, slug in enumerate(suggested)}
    usable = [
        h for h in habits if not held(techniques.get(h.technique) if h.technique else None, care)
    ]
    usable.sort(key=lambda h: (order.get(h.slug, len(order)), -h.priority, h.slug))
    return [
        Offer(
            slug=h.slug,
            name=h.name,
            text=h.text,
            technique=h.technique,
            suggested=h.slug in order,
        )
        for h in usable
    ]


def tidy(text: str) -> str:
    """A person's words with the spaces tidied: no runs of blanks, none at the ends."""
    return " ".join(text.split())


def own_slug(name: str, taken: Collection[str]) -> str:
    """A short, readable slug for the person's own habit that is not one of `taken`.

    'Drink a glass of water at lunch' → 'drink_a_glass_of_water_at_lunch'; a clash with a
    habit from the guides' list (or the other pick) gets '_own', then a number.
    """
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        longer = f"{slug}_{word}" if slug else word
        if len(longer) > SLUG_MAX:
            break
        slug = longer
    if not slug:
        slug = words[0][:SLUG_MAX] if words else "own"
    if not slug[0].isalpha():
        slug = f"own_{slug}"[:SLUG_MAX]
    if slug not in taken:
        return slug
    candidate = f"{slug}_own"
    number = 2
    while candidate in taken:
        candidate = f"{slug}_{number}"
        number += 1
    return candidate


def read_pick(text: str, habits: Sequence[Habit], *, field: str = "habits") -> Chosen:
    """One pick: a habit from the list by its slug or its name, or else the person's own words."""
    words = tidy(text)
    if not words:
        raise HabitProblem(field, "write a habit, or pick one from the list")
    key = words.casefold().replace("-", "_")
    for habit in habits:
        if key == habit.slug or words.casefold() == habit.name.casefold():
            return Chosen(slug=habit.slug, name=habit.name)
    if " " not in words and "_" in words and _SLUG.match(key):
        # Looks like a slug from the list, but is not one: most likely a typo, not a new habit.
        raise HabitProblem(field, f"'{words}' is not a habit in the list")
    if len(words) < OWN_MIN:
        raise HabitProblem(field, f"your own habit needs at least {OWN_MIN} characters")
    if len(words) > OWN_MAX:
        raise HabitProblem(
            field,
            f"please keep your own habit to {OWN_MAX} characters (it has {len(words)}): "
            "a short name is easier to remember",
        )
    return Chosen(slug=own_slug(words, {h.slug for h in habits}), name=words, own=True)


def choose(picks: Sequence[Chosen], *, field: str = "habits") -> tuple[Chosen, ...]:
    """Exactly two different habits; an own habit's slug is kept apart from the other's."""
    if len(picks) != HABIT_COUNT:
        got = "none" if not picks else str(len(picks))
        raise HabitProblem(field, f"please pick two habits (you picked {got})")
    first, second = picks
    same_words = tidy(first.name).casefold() == tidy(second.name).casefold()
    if same_words or (first.slug == second.slug and not (first.own or second.own)):
        raise HabitProblem(field, "the two habits are the same: please pick two different ones")
    if first.slug == second.slug:
        # Different words that made the same slug (a long name cut short): keep the slugs apart.
        if second.own:
            second = Chosen(own_slug(second.name, {first.slug}), second.name, own=True)
        else:
            first = Chosen(own_slug(first.name, {second.slug}), first.name, own=True)
    return (first, second)


# --- the month ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    started_on: dt.date
    ends_on: dt.date
    """The day after the month's last day: the day its summary is ready."""
    habits: tuple[Chosen, ...]

    @property
    def last_day(self) -> dt.date:
        return self.ends_on - dt.timedelta(days=1)

    @property
    def length(self) -> int:
        return (self.ends_on - self.started_on).days

    def contains(self, day: dt.date) -> bool:
        return self.started_on <= day < self.ends_on

    def ended(self, today: dt.date) -> bool:
        return today >= self.ends_on

    def day_number(self, today: dt.date) -> int:
        """Today's day of the month, 1 to 30 (30 after the end, 0 before the start)."""
        return max(0, min((today - self.started_on).days + 1, self.length))

    def days_left(self, today: dt.date) -> int:
        """Days still to come in the month, today included (0 once it has ended)."""
        return max(0, min((self.ends_on - today).days, self.length))

    def days(self) -> list[dt.date]:
        return [self.started_on + dt.timedelta(days=i) for i in range(self.length)]

    def find(self, text: str) -> Chosen | None:
        """One of the month's habits by its slug or its name (any case)."""
        words = tidy(text).casefold()
        key = words.replace("-", "_")
        return next(
            (h for h in self.habits if h.slug in (words, key) or words == h.name.casefold()), None
        )


def new_month(habits: Sequence[Chosen], start: dt.date) -> Month:
    return Month(
        started_on=start, ends_on=start + dt.timedelta(days=MONTH_DAYS), habits=tuple(habits)
    )


def check_day(month: Month, day: dt.date, today: dt.date, *, field: str = "date") -> None:
    """A tick is for a day of the month that has come: refuse any other, saying why."""
    if day > today:
        raise HabitProblem(field, "that day is still to come: tick today or an earlier day")
    if not month.contains(day):
        raise HabitProblem(
            field,
            f"that day is outside your habit month, which runs from {day_words(month.started_on)}"
            f" to {day_words(month.last_day)}",
        )


def day_words(day: dt.date) -> str:
    """'21 November': a month is short enough that the year goes without saying."""
    return f"{day.day} {day:%B}"


# --- streaks ------------------------------------------------------------------------------------


def streak(kept: Collection[dt.date], today: dt.date) -> int:
    """Days in a row kept, ending today; or ending yesterday while today is not ticked yet, so a
    streak is not 'lost' in the morning before there was a chance to keep it."""
    day = today if today in kept else today - dt.timedelta(days=1)
    count = 0
    while day in kept:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def best_streak(kept: Iterable[dt.date]) -> int:
    """The longest run of days in a row."""
    best = run = 0
    previous: dt.date | None = None
    for day in sorted(set(kept)):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best = max(best, run)
        previous = day
    return best


@dataclass(frozen=True)
class HabitProgress:
    habit: Chosen
    kept: frozenset[dt.date]
    """Days of the month ticked so far."""
    done_today: bool
    streak: int
    best_streak: int
    so_far: int
    """Days of the month up to today, today included."""

    @property
    def kept_count(self) -> int:
        return len(self.kept)


def progress(
    month: Month, kept: Mapping[str, Iterable[dt.date]], today: dt.date
) -> tuple[HabitProgress, ...]:
    """Each habit's ticks, streak, best streak and days kept so far, as of `today`.

    After the month's end everything is counted as of its last day.
    """
    as_of = min(today, month.last_day)
    so_far = max(0, (as_of - month.started_on).days + 1)
    result = []
    for habit in month.habits:
        days = frozenset(d for d in kept.get(habit.slug, ()) if month.contains(d) and d <= as_of)
        result.append(
            HabitProgress(
                habit=habit,
                kept=days,
                done_today=today in days,
                streak=streak(days, as_of),
                best_streak=best_streak(days),
                so_far=so_far,
            )
        )
    return tuple(result)


def calendar_weeks(month: Month) -> list[list[dt.date | None]]:
    """The month laid out Monday to Sunday, a row per week; days outside it are None."""
    first = month.started_on - dt.timedelta(days=month.started_on.weekday())
    weeks: list[list[dt.date | None]] = []
    day = first
    while day <= month.last_day:
        weeks.append(
            [
                d if month.contains(d) else None
                for d in (day + dt.timedelta(days=i) for i in range(7))
            ]
        )
        day += dt.timedelta(days=7)
    return weeks


# --- the summary --------------------------------------------------------------------------------


class Verdict(StrEnum):
    HABIT = "habit"
    ANOTHER_MONTH = "another_month"
    SMALLER = "smaller"


def verdict_for(kept: int) -> Verdict:
    if kept >= MOST_DAYS:
        return Verdict.HABIT
    if kept >= HALF_DAYS:
        return Verdict.ANOTHER_MONTH
    return Verdict.SMALLER


def verdict_sentence(verdict: Verdict, kept: int) -> str:
    """The month's result for one habit in plain, kind words: no guilt, and a next step. (The
    days kept are shown beside it, so the sentence does not repeat them.)"""
    if verdict is Verdict.HABIT:
        return "You kept it on most days: it has probably become a habit by now. Keep it going."
    if verdict is Verdict.ANOTHER_MONTH:
        return (
            "You kept it on many of the days, a real start. It is worth another month to let it "
            "settle in."
        )
    start = "It did not find a place in your days yet." if not kept else "A few days is a start."
    return (
        f"{start} That usually means it was a big step for a busy month, not that you failed: "
        "pick something smaller that fits easily into your day."
    )


@dataclass(frozen=True)
class HabitResult:
    habit: Chosen
    kept: int
    of: int
    best_streak: int
    verdict: Verdict
    sentence: str


@dataclass(frozen=True)
class MonthSummary:
    month: Month
    complete: bool
    """False while the month is still running: the numbers are so far, with no verdict yet."""
    results: tuple[HabitResult, ...]


def summarise(month: Month, kept: Mapping[str, Iterable[dt.date]], today: dt.date) -> MonthSummary:
    complete = month.ended(today)
    results = []
    for item in progress(month, kept, today):
        verdict = verdict_for(item.kept_count)
        results.append(
            HabitResult(
                habit=item.habit,
                kept=item.kept_count,
                of=month.length,
                best_streak=item.best_streak,
                verdict=verdict,
                sentence=verdict_sentence(verdict, item.kept_count),
            )
        )
    return MonthSummary(month=month, complete=complete, results=tuple(results))


def progress_words(item: HabitProgress) -> str:
    """A habit's progress in a line: the run, days kept so far, the best run. Nothing about a
    run that ended: a missed day is part of a month, not a failure."""
    if not item.kept:
        return "No ticks yet."
    parts = []
    if item.streak > 1:
        parts.append(f"{item.streak} days in a row")
    parts.append(
        f"kept {item.kept_count} of {item.so_far} day{'s' if item.so_far > 1 else ''} so far"
    )
    if item.best_streak > max(item.streak, 1):
        parts.append(f"best run {item.best_streak} days")
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]
