"""Sleep helper: how you sleep (and, if you like, your pillows and mattress) -> what to change.

Pure: answers in, advice out. The words for each position come from the program's advice
(content/advice.toml, `sleep`); this module picks the parts that fit the person's answers and adds
the pillow count, a towel roll or a pillow between the knees where it helps, the mattress, and
for stomach sleepers a gentle change of habit over four weeks. Facts from the guides' sleep and
pillow tips; nothing here is an exercise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from upback.core.errors import InputProblem
from upback.core.library import SleepAdvice, default_library

POSITIONS: tuple[str, ...] = ("side", "back", "stomach", "mixed")
MATTRESS: tuple[str, ...] = ("too_soft", "about_right", "too_firm", "not_sure")
PILLOWS_MAX = 4

Position = Literal["side", "back", "stomach", "mixed"]

POSITION_TITLES: dict[str, str] = {
    "side": "You sleep on your side",
    "back": "You sleep on your back",
    "stomach": "You sleep on your stomach",
    "mixed": "You change position through the night",
}


@dataclass(frozen=True)
class Tip:
    key: str
    title: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"key": self.key, "title": self.title, "text": self.text}


@dataclass(frozen=True)
class HabitWeek:
    week: int
    what: str

    def to_json(self) -> dict[str, Any]:
        return {"week": self.week, "what": self.what}


@dataclass(frozen=True)
class SleepPlan:
    position: str
    title: str
    summary: str
    tips: tuple[Tip, ...]
    habit_change: tuple[HabitWeek, ...]
    waking_note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "title": self.title,
            "summary": self.summary,
            "tips": [tip.to_json() for tip in self.tips],
            "habit_change": [week.to_json() for week in self.habit_change],
            "waking_note": self.waking_note or None,
        }


class SleepProblem(InputProblem):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.detail = message


# A stomach sleeper's change of habit, one small step a week. Habits take a few weeks to settle,
# so the plan keeps every earlier step and adds one.
STOMACH_WEEKS: tuple[HabitWeek, ...] = (
    HabitWeek(
        1,
        "Swap to a very thin pillow under your head, or none. Start each night on your side, "
        "hugging a pillow to your chest. Waking up on your front is fine: no need to fight it.",
    ),
    HabitWeek(
        2,
        "Add a long body pillow (or two pillows end to end) along your front, so rolling onto "
        "your stomach takes more effort. Keep starting every night on your side.",
    ),
    HabitWeek(
        3,
        "Tuck a pillow behind your back as well, so you stay on your side. On nights you still "
        "end up face down, a thin pillow under your hips eases the arch in your lower back.",
    ),
    HabitWeek(
        4,
        "Most nights should now start and stay on your side. Keep the body pillow while the "
        "new habit settles; if you slip back, pick up again from week 2.",
    ),
)


def _pillow_tip(position: str, pillows: int | None) -> Tip:
    if position == "side":
        text = (
            "Choose a firmer, thicker pillow that fills the gap between your ear and your "
            "shoulder, so your head stays level with your spine."
        )
        if pillows == 0:
            text = "Without a pillow your head tips down toward the mattress. " + text
        elif pillows is not None and pillows >= 2:
            text += (
                " Two pillows can be right for broad shoulders, as long as your head is level "
                "and not tipped up."
            )
    elif position == "back":
        text = (
            "Use one medium-thin pillow: enough to cradle your neck without pushing your chin "
            "toward your chest."
        )
        if pillows is not None and pillows >= 2:
            text = "Two or more pillows push your chin toward your chest all night. " + text
        elif pillows == 0:
            text = "With no pillow your head can tip back. " + text
    elif position == "stomach":
        text = "Keep the pillow under your head very thin, or go without one."
        if pillows is not None and pillows >= 1:
            text = (
                "A full pillow turns and lifts your head further while you lie face down. " + text
            )
    else:
        text = (
            "Pick one medium pillow: thick enough to keep your head level on your side, but "
            "not so high that it pushes your chin forward on your back."
        )
        if pillows is not None and pillows >= 2:
            text += " Two pillows are usually too high once you roll onto your back."
    return Tip("pillow", "Your pillow", text)


def _support_tips(position: str) -> list[Tip]:
    tips: list[Tip] = []
    if position in ("back", "mixed"):
        tips.append(
            Tip(
                "towel_roll",
                "A small towel roll under your neck",
                "Roll a hand towel into a soft tube and slip it inside the lower edge of your "
                "pillowcase, so it sits under the curve of your neck when you lie on your back.",
            )
        )
    if position in ("side", "mixed"):
        tips.append(
            Tip(
                "knee_pillow",
                "A pillow between your knees",
                "If your back likes it, a pillow between your knees keeps your top leg from "
                "pulling your hips and spine round.",
            )
        )
    return tips


def _mattress_tip(advice: SleepAdvice, mattress: str | None) -> Tip:
    text = advice.mattress
    if mattress == "too_soft":
        text = "You said your mattress feels too soft. " + text
    elif mattress == "too_firm":
        text = (
            "You said your mattress feels too firm. A soft topper can make a hard mattress "
            "kinder to your shoulders and hips. "
            + "Many people do best on medium-firm; if you are buying, ask whether you can try "
            "it at home first."
        )
    elif mattress == "about_right":
        text = (
            "You said your mattress feels about right: keep it. If you change it one day, many "
            "people find medium-firm holds the spine best; ask whether you can try it at home "
            "first."
        )
    return Tip("mattress", "Your mattress", text)


WAKING_STIFF = (
    "Stiffness on waking that eases within the first hour of moving about is common. A warm "
    "shower in the morning can help it ease. If the stiffness lasts more than 30 minutes every "
    "morning, or pain wakes you in the second half of the night, mention it to your doctor."
)


def sleep_plan(
    *,
    position: str,
    pillows: int | None = None,
    mattress: str | None = None,
    waking_stiff: bool | None = None,
) -> SleepPlan:
    """The advice for one person's way of sleeping; each problem names its field."""
    if position not in POSITIONS:
        raise SleepProblem("position", f"must be one of {', '.join(POSITIONS)} (got {position!r})")
    if pillows is not None and (
        isinstance(pillows, bool) or not isinstance(pillows, int) or not 0 <= pillows <= PILLOWS_MAX
    ):
        raise SleepProblem("pillows", f"must be a whole number from 0 to {PILLOWS_MAX}")
    if mattress is not None and mattress not in MATTRESS:
        raise SleepProblem("mattress", f"must be one of {', '.join(MATTRESS)} (got {mattress!r})")
    advice = default_library().advice.sleep
    summary: str = getattr(advice, position)
    tips = [_pillow_tip(position, pillows), *_support_tips(position)]
    tips.append(_mattress_tip(advice, mattress))
    tips.append(
        Tip(
            "routine",
            "A steady night",
            "Going to bed and getting up at similar times, in a dark, cool room, makes good "
            "sleep more likely.",
        )
    )
    return SleepPlan(
        position=position,
        title=POSITION_TITLES[position],
        summary=summary,
        tips=tuple(tips),
        habit_change=STOMACH_WEEKS if position == "stomach" else (),
        waking_note=WAKING_STIFF if waking_stiff else "",
    )
