"""What the screen hands back besides the rules: the Q1 and Q2 safeguards for rules left unknown,
the self-care reason, and the next steps for each level."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from upback.core.safety.rules import EMERGENCY, SELF_CARE, SOON, URGENT
from upback.core.vocab import Disposition


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
