"""Heat or cold: a few questions about the pain and about safety -> heat, cold, or neither for now.

Pure: answers in, a decision with its reasons and the safe way to use it out. Facts come from the
clinical reference §5 (heat and cold: evidence and safety) and the guides:
- cold for pain that is new, sharp or swollen; heat for tight, achy or stiff muscles;
- heat 15-20 minutes at most, cold 10-15 minutes with at least an hour between goes;
- always a cloth layer, a look at the skin every 5 minutes, stop at burning or numbness;
- no heat or cold with reduced feeling, diabetes or nerve damage, poor circulation, a cold
  allergy (cold only), drowsiness or sleeping tablets, opioids or alcohol, or broken skin;
- chest pain is not a heat-or-cold question: it goes to getting medical help.

Safety answers that are missing or "not sure" never clear a person (§5.3: screen before any
suggestion); they lead to "neither for now", and the answer says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from upback.core.errors import InputProblem

Choice = Literal["heat", "cold", "neither", "get_help"]
CHOICES: tuple[Choice, ...] = ("heat", "cold", "neither", "get_help")

FEELS: tuple[str, ...] = ("tight", "achy", "stiff", "new", "swollen", "sharp")
FRESH_FEELS = frozenset({"new", "swollen", "sharp"})
SAFETY_ANSWERS: tuple[str, ...] = ("yes", "no", "not_sure")
# Cold helps most in the first two or three days after a fresh strain (§5.1: 48-72 hours).
FRESH_DAYS = 3
# Past four weeks without improvement, the advice is to have it looked at (advice when_to_get_help).
CHECK_AFTER_DAYS = 28
SINCE_DAYS_MAX = 3650

FEEL_LABELS: dict[str, str] = {
    "tight": "Tight",
    "achy": "Achy",
    "stiff": "Stiff",
    "new": "Brand new",
    "swollen": "Swollen",
    "sharp": "Sharp",
}


@dataclass(frozen=True)
class SafetyQuestion:
    key: str
    text: str
    help: str
    blocks: Literal["both", "cold"]
    reason: str  # why a "yes" rules heat or cold out, in plain words


CHEST_PAIN = SafetyQuestion(
    "chest_pain",
    "Do you have any pain, pressure or tightness in your chest right now?",
    "Chest pain is never something to treat with a heat or cold pack.",
    "both",
    "Chest pain or pressure needs a doctor, not a heat or cold pack.",
)

# The "who must not" questions (§5.3), in the order they are asked.
SAFETY_QUESTIONS: tuple[SafetyQuestion, ...] = (
    CHEST_PAIN,
    SafetyQuestion(
        "reduced_feeling",
        "Is the skin where it hurts less able to feel touch, heat or cold than usual?",
        "For example numb patches, or after a spinal cord injury or a stroke.",
        "both",
        "Skin that feels less can burn or get too cold before you notice.",
    ),
    SafetyQuestion(
        "diabetes",
        "Do you have diabetes, or nerve damage (neuropathy)?",
        "Diabetes can dull the feeling in the skin without you noticing.",
        "both",
        "With diabetes or nerve damage, the skin may not warn you in time, so a pack can harm "
        "it. Ask your doctor or diabetes nurse whether heat or cold is safe for you.",
    ),
    SafetyQuestion(
        "poor_circulation",
        "Do you have poor circulation, or Raynaud's (fingers or toes turning white or blue "
        "in the cold)?",
        "",
        "both",
        "With poor circulation the skin cannot carry heat or cold away well, so it is more "
        "easily harmed.",
    ),
    SafetyQuestion(
        "cold_allergy",
        "Does cold bring you out in hives or a rash (a cold allergy)?",
        "This only rules out cold.",
        "cold",
        "A cold allergy means cold packs are not for you.",
    ),
    SafetyQuestion(
        "drowsy",
        "Today, have you taken sleeping tablets, strong painkillers such as opioids, or "
        "alcohol, or might you doze off?",
        "Heat and cold are only safe while you are wide awake.",
        "both",
        "Drowsiness, sleeping tablets, opioids or alcohol make it easy to miss the warning "
        "signs, or to fall asleep on the pack. Try another time, when you are wide awake.",
    ),
    SafetyQuestion(
        "broken_skin",
        "Is there broken skin, a wound or a rash where it hurts?",
        "",
        "both",
        "Broken skin or a rash should not have heat or cold on it. A painful rash in a band "
        "on one side of the body should be seen by a doctor soon.",
    ),
)
SAFETY_KEYS: tuple[str, ...] = tuple(q.key for q in SAFETY_QUESTIONS)
QUESTION_BY_KEY: dict[str, SafetyQuestion] = {q.key: q for q in SAFETY_QUESTIONS}

NEVER: tuple[str, ...] = (
    "Never use heat or cold while asleep or when you might doze off.",
    "Never put a pack straight onto bare skin.",
    "Never use heat or cold on your chest because of chest pain: chest pain means getting "
    "medical help now.",
    "Never pin an electric heating pad in place, lie on one, or use one with a worn cord.",
    "Never put a heat pack on top of a menthol or capsaicin cream.",
    "Do not heat the same spot every day for weeks; long, regular heat can mark the skin.",
)


@dataclass(frozen=True)
class Use:
    """How to use the chosen pack safely: always a time limit, a barrier and skin checks."""

    minutes_low: int
    minutes_high: int
    minutes: str
    barrier: str
    skin_checks: str
    stop_if: str
    wait: str
    steps: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "minutes": [self.minutes_low, self.minutes_high],
            "minutes_text": self.minutes,
            "barrier": self.barrier,
            "skin_checks": self.skin_checks,
            "stop_if": self.stop_if,
            "wait": self.wait,
            "steps": list(self.steps),
        }


HEAT_USE = Use(
    minutes_low=15,
    minutes_high=20,
    minutes="15-20 minutes at most. A warm shower of 10-15 minutes works too.",
    barrier="Wrap the pack so there is at least one layer of cloth between it and your skin; "
    "never on bare skin.",
    skin_checks="Set a timer and look at your skin every 5 minutes.",
    stop_if="Take it off at once if your skin burns, stings, goes numb, or turns blotchy or "
    "very red.",
    wait="Not on the same spot every day for weeks: long, regular heat can mark the skin.",
    steps=(
        "Warm the pack as its instructions say; it should feel comfortably warm, never hot.",
        "Wrap it in a towel or pillowcase and sit or lie so it rests on the sore area, "
        "without lying on top of it.",
        "Start a 15-minute timer and check your skin at 5 and 10 minutes.",
        "Take it off when the timer ends, or sooner if anything stings or feels numb.",
    ),
)
COLD_USE = Use(
    minutes_low=10,
    minutes_high=15,
    minutes="10-15 minutes.",
    barrier="Wrap the cold pack or bag of frozen peas in a damp cloth; never on bare skin.",
    skin_checks="Look at your skin every 5 minutes.",
    stop_if="Stop as soon as the skin goes numb, burns, or turns white.",
    wait="Wait at least an hour between goes, until your skin feels normal again.",
    steps=(
        "Wrap the cold pack or frozen peas in a damp tea towel.",
        "Hold it on the sore area, or rest against it while sitting up.",
        "Start a 10-minute timer and check your skin at 5 minutes.",
        "Take it off when the timer ends, or sooner if the skin goes numb or white.",
    ),
)
AFTER_HEAT = "While your muscles are warm, a few gentle stretches from your plan can feel easier."


@dataclass(frozen=True)
class HeatColdAnswers:
    """The person's answers. Safety answers left out count as "not sure"."""

    feels: frozenset[str]
    since_days: int | None = None
    safety: Mapping[str, str] = field(default_factory=dict)
    red_flag: bool = False  # the latest safety screen says stop (emergency or urgent)

    def answer(self, key: str) -> str:
        return self.safety.get(key, "not_sure")


@dataclass(frozen=True)
class HeatColdResult:
    choice: Choice
    headline: str
    reasons: tuple[str, ...]
    use: Use | None
    after: str  # a stretch suggestion after heat; interfaces hide it while exercise is on hold
    notes: tuple[str, ...]
    never: tuple[str, ...]
    blocked_by: tuple[str, ...]
    unsure: tuple[str, ...]
    answers: HeatColdAnswers

    def to_json(self) -> dict[str, Any]:
        return {
            "choice": self.choice,
            "headline": self.headline,
            "reasons": list(self.reasons),
            "use": self.use.to_json() if self.use else None,
            "after": self.after or None,
            "notes": list(self.notes),
            "never": list(self.never),
            "blocked_by": list(self.blocked_by),
            "unsure": list(self.unsure),
            "answers": {
                "feels": sorted(self.answers.feels),
                "since_days": self.answers.since_days,
                "safety": {key: self.answers.answer(key) for key in SAFETY_KEYS},
            },
        }


class HeatColdProblem(InputProblem):
    """Bad input; `field` names the answer so each interface can name its own field or flag."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.detail = message


def parse_answers(
    *,
    feels: Iterable[str],
    since_days: int | None = None,
    safety: Mapping[str, str] | None = None,
    red_flag: bool = False,
) -> HeatColdAnswers:
    """Check the answers and return them in the core's form; a problem names its field."""
    picked = frozenset(feels)
    if not picked:
        raise HeatColdProblem("feels", f"choose at least one of {', '.join(FEELS)}")
    unknown = sorted(picked - set(FEELS))
    if unknown:
        raise HeatColdProblem("feels", f"{', '.join(unknown)} is not one of {', '.join(FEELS)}")
    if since_days is not None and (
        isinstance(since_days, bool)
        or not isinstance(since_days, int)
        or not 0 <= since_days <= SINCE_DAYS_MAX
    ):
        raise HeatColdProblem(
            "since_days", f"must be a whole number of days from 0 to {SINCE_DAYS_MAX}"
        )
    given = dict(safety or {})
    for key, value in given.items():
        if key not in QUESTION_BY_KEY:
            raise HeatColdProblem(key, f"is not a known question ({', '.join(SAFETY_KEYS)})")
        if value not in SAFETY_ANSWERS:
            raise HeatColdProblem(key, f"must be yes, no or not sure (got {value!r})")
    return HeatColdAnswers(picked, since_days, given, red_flag)


def _indicated(answers: HeatColdAnswers) -> Literal["heat", "cold"]:
    # Anything fresh wins: a new, sharp or swollen part gets cold even if the rest feels tight.
    return "cold" if answers.feels & FRESH_FEELS else "heat"


def _notes(answers: HeatColdAnswers, indicated: str) -> tuple[str, ...]:
    notes: list[str] = []
    days = answers.since_days
    if indicated == "cold" and days is not None and days > FRESH_DAYS:
        notes.append(
            "Cold helps most in the first two or three days. If the pain has settled into "
            "tightness or stiffness, heat is usually the more comfortable choice."
        )
    if days is not None and days >= CHECK_AFTER_DAYS:
        notes.append(
            "It started over four weeks ago. If it is not getting better, a physiotherapist "
            "or doctor can check it and help."
        )
    notes.append(
        "Heat and cold give short-term comfort at best; keeping gently active is what helps "
        "in the longer run."
    )
    return tuple(notes)


def decide(answers: HeatColdAnswers) -> HeatColdResult:
    """Heat, cold, neither for now, or get help, with the reasons and safe use."""
    chest = answers.answer("chest_pain")
    if chest in ("yes", "not_sure"):
        message = (
            (
                "Chest pain or pressure is not something to treat with heat or cold. Please "
                "get medical help now: call your local emergency number."
            )
            if chest == "yes"
            else (
                "You were not sure about chest pain or pressure. Please do not use heat or cold "
                "for it: get checked today, and call your local emergency number at once if it "
                "is severe, or comes with breathlessness, sweating, or pain spreading to an "
                "arm or the jaw."
            )
        )
        return HeatColdResult(
            choice="get_help",
            headline="This is not a heat or cold question: get medical help",
            reasons=(message,),
            use=None,
            after="",
            notes=(),
            never=NEVER,
            blocked_by=("chest_pain",) if chest == "yes" else (),
            unsure=("chest_pain",) if chest == "not_sure" else (),
            answers=answers,
        )

    indicated = _indicated(answers)
    relevant = [q for q in SAFETY_QUESTIONS[1:] if q.blocks == "both" or q.blocks == indicated]
    blocked = tuple(q.key for q in relevant if answers.answer(q.key) == "yes")
    unsure = tuple(q.key for q in relevant if answers.answer(q.key) == "not_sure")
    notes = _notes(answers, indicated)

    reasons: list[str] = []
    if answers.red_flag:
        reasons.append(
            "Your latest safety check found a warning sign. Please have your back checked "
            "first; a clinician can tell you whether heat or cold is right for you."
        )
    reasons.extend(QUESTION_BY_KEY[key].reason for key in blocked)
    if unsure:
        asked = " ".join(f"“{QUESTION_BY_KEY[key].text}”" for key in unsure)
        reasons.append(
            f"You answered “not sure” to {asked} upback treats “not sure” as a reason for "
            "caution. When you know, answer again, or ask a pharmacist, doctor or "
            "physiotherapist whether heat or cold is safe for you."
        )
    if reasons:
        if blocked == ("cold_allergy",) and not unsure and not answers.red_flag:
            reasons.append(
                "Heat is not the usual choice for pain this fresh, so for now let it settle; "
                "heat may help once it feels tight or stiff rather than sharp."
            )
        return HeatColdResult(
            choice="neither",
            headline="Neither heat nor cold for now",
            reasons=tuple(reasons),
            use=None,
            after="",
            notes=notes,
            never=NEVER,
            blocked_by=blocked,
            unsure=unsure,
            answers=answers,
        )

    if indicated == "cold":
        fresh = sorted(answers.feels & FRESH_FEELS, key=FEELS.index)
        return HeatColdResult(
            choice="cold",
            headline="Cold is the one to try",
            reasons=(
                f"Cold is the usual choice for pain that is {_words(fresh)}; many people find "
                "it numbs the pain for a while.",
            ),
            use=COLD_USE,
            after="",
            notes=notes,
            never=NEVER,
            blocked_by=(),
            unsure=(),
            answers=answers,
        )
    tight = sorted(answers.feels, key=FEELS.index)
    return HeatColdResult(
        choice="heat",
        headline="Heat is the one to try",
        reasons=(
            f"Heat is the usual choice for muscles that feel {_words(tight)}; it can ease "
            "them a little for a while, and is a good start before stretching or mobility work.",
        ),
        use=HEAT_USE,
        after=AFTER_HEAT,
        notes=notes,
        never=NEVER,
        blocked_by=(),
        unsure=(),
        answers=answers,
    )


def _words(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]
