"""The workstation check: ten plain questions about a desk set-up, a score out of 100 in calm
words, and the fixes in priority order, each with why it helps (reference §6).

Pure: answers in, a score and words out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from upback.core.desk import DeskInputProblem

ANSWERS = ("yes", "no", "not_sure", "not_applicable")
ANSWER_POINTS = {"yes": 1.0, "not_sure": 0.5, "no": 0.0}


@dataclass(frozen=True)
class CheckItem:
    key: str
    question: str
    fix: str
    why: str
    # The words for "this does not apply to me" where an item can fairly not apply (no laptop);
    # such an answer leaves the item out of the score.
    not_applicable: str = ""


# In priority order. Moving often comes first: for desk-related upper back pain, regular breaks
# matter more than any one setting. Then the screen (where the head and neck go), the laptop
# (the commonest cause of a low screen), the arms and shoulders, the chair and feet, and finally
# the back support and standing, which are helpful but matter less once the rest is right.
CHECK_ITEMS: tuple[CheckItem, ...] = (
    CheckItem(
        "breaks",
        "Do you get up or move every 30-45 minutes?",
        "Set a timer for every 30-45 minutes; stand, roll your shoulders and walk a few steps.",
        "Moving often matters more than any one setting: short breaks that change your "
        "posture ease neck and back discomfort, without costing work time.",
    ),
    CheckItem(
        "screen_height",
        "Is the top line of your screen at or slightly below eye level?",
        "Raise or lower the screen until the top line is level with your eyes or up to 5 cm "
        "below (a stack of books works).",
        "A low screen keeps your head bowed for hours, and your neck and upper back work "
        "harder to hold it there.",
    ),
    CheckItem(
        "laptop_raised",
        "If you use a laptop, is it raised with a separate keyboard and mouse?",
        "Put the laptop on a stand or books so its top line is at eye level, and type on a "
        "separate keyboard and mouse.",
        "A laptop's screen sits low, so on a desk it draws your head down; raised, it brings "
        "your eyes up, and a separate keyboard keeps your arms low.",
        not_applicable="I don't use a laptop",
    ),
    CheckItem(
        "screen_distance",
        "Is your screen directly in front of you, about an arm's length away?",
        "Place the screen straight ahead, at least 50 cm away (50-75 cm suits most people).",
        "Too close and you lean in; off to one side and you sit twisted for hours.",
    ),
    CheckItem(
        "shoulders_relaxed",
        "Are your shoulders relaxed, not lifted, while you type?",
        "Lower the desk or raise the chair so your shoulders can drop; rest your forearms.",
        "Shoulders held up while you type keep the muscles between your neck and shoulder "
        "blades working all day.",
    ),
    CheckItem(
        "keyboard_mouse_close",
        "Are your keyboard and mouse close, with elbows by your sides bent 90-120°?",
        "Bring the keyboard and mouse close so your elbows stay by your sides, bent 90-120°, "
        "wrists straight.",
        "Reaching forward for the keys or the mouse pulls your shoulders forward and rounds "
        "your upper back.",
    ),
    CheckItem(
        "chair_height",
        "Are your knees at about hip height, thighs level?",
        "Adjust the seat so your thighs are level and knees at about hip height (the seat "
        "range in the standard is 38-56 cm; the desk calculator works out yours).",
        "At the right height you can sit back in the chair with your thighs level, which "
        "makes sitting tall take less effort.",
    ),
    CheckItem(
        "feet_supported",
        "Are your feet flat on the floor or a footrest?",
        "If your feet do not rest flat, add a footrest (a box or a firm cushion will do).",
        "Feet that dangle or perch on tiptoe draw you to the front edge of the seat, away "
        "from the backrest.",
    ),
    CheckItem(
        "lumbar_support",
        "Does your chair support the curve of your lower back?",
        "Adjust the chair's lumbar support, or use a small cushion or rolled towel at belt level.",
        "When the base of your back is held, the rest of your spine has less reason to sag "
        "into a slouch.",
    ),
    CheckItem(
        "sit_stand",
        "Do you alternate sitting and standing during the day?",
        "Alternate: start with 15-20 minute standing blocks a couple of times a day.",
        "No single position suits you all day; changing between sitting and standing shares "
        "the work around.",
    ),
)
CHECK_KEYS = tuple(item.key for item in CHECK_ITEMS)


@dataclass(frozen=True)
class Fix:
    key: str
    answer: str
    question: str
    how: str
    why: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "key": self.key,
            "answer": self.answer,
            "question": self.question,
            "why": self.why,
            "how": self.how,
        }


# The score in words, calm at every level: (lowest score, label, sentence).
SCORE_WORDS: tuple[tuple[int, str, str], ...] = (
    (90, "Good set-up", "Your desk is in good shape. Keep moving often."),
    (70, "A few changes will help", "Most things are right; the fixes below finish the job."),
    (40, "Some changes will help", "Start with the first two fixes: small changes add up."),
    (0, "Plenty to gain", "Take the fixes one at a time, from the top: each one helps."),
)


def score_words(score: int) -> tuple[str, str]:
    """The score as a short label and a sentence."""
    for lowest, label, sentence in SCORE_WORDS:
        if score >= lowest:
            return label, sentence
    return SCORE_WORDS[-1][1], SCORE_WORDS[-1][2]


@dataclass(frozen=True)
class DeskCheck:
    score: int
    fixes: tuple[Fix, ...]
    answers: Mapping[str, str]

    @property
    def label(self) -> str:
        return score_words(self.score)[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "label": self.label,
            "fixes": [fix.to_json() for fix in self.fixes],
            "answers": dict(self.answers),
        }


def check(answers: Mapping[str, str]) -> DeskCheck:
    """Score a workstation 0-100 and list the fixes for what is not right yet, most useful first.

    Each item counts equally: "yes" scores fully, "not_sure" half, "no" nothing, and
    "not_applicable" (only where an item offers it, such as no laptop) leaves it out. An item
    left out counts as "not_sure", so its fix is still shown.
    """
    unknown_keys = sorted(set(answers) - set(CHECK_KEYS))
    if unknown_keys:
        raise DeskInputProblem(
            "answers",
            f"unknown item(s) {', '.join(unknown_keys)}; known items are {', '.join(CHECK_KEYS)}",
        )
    allowed = {item.key: ANSWERS if item.not_applicable else ANSWERS[:3] for item in CHECK_ITEMS}
    bad = sorted(key for key, value in answers.items() if value not in allowed[key])
    if bad:
        shown = ", ".join(f"{key}={answers[key]!r}" for key in bad)
        raise DeskInputProblem(
            "answers", f"{shown}: each answer must be one of {', '.join(ANSWERS[:3])}"
        )
    full = {key: answers.get(key, "not_sure") for key in CHECK_KEYS}
    counted = [value for value in full.values() if value != "not_applicable"]
    points = sum(ANSWER_POINTS[value] for value in counted)
    score = round(100 * points / len(counted))
    fixes = tuple(
        Fix(item.key, full[item.key], item.question, item.fix, item.why)
        for item in CHECK_ITEMS
        if full[item.key] not in ("yes", "not_applicable")
    )
    return DeskCheck(score, fixes, full)
