"""The advice that comes with a plan: desk fixes, heat or cold, sleep, timeline, safety net."""

from __future__ import annotations

from upback.core.library import Library
from upback.core.plan_models import HeatColdPlan, PlanAdvice
from upback.core.profile import Profile
from upback.core.vocab import Trigger, Who

# Acute when the pain is this recent (weeks) or flaring.
ACUTE_WEEKS = 2.0
DESK_FIXES_MIN = 3
DESK_FIXES_MAX = 6


def _desk_advice(profile: Profile, library: Library) -> tuple[str, ...]:
    triggers = set(profile.triggers)
    if profile.who is Who.DESK_WORKER:
        triggers.add(Trigger.SITTING_SCREENS)
    ranked = sorted(library.advice.desk, key=lambda f: (-f.priority, f.slug))
    relevant = [f for f in ranked if triggers & set(f.triggers)]
    general = [f for f in ranked if f not in relevant]
    chosen = relevant[:DESK_FIXES_MAX]
    chosen += general[: max(0, DESK_FIXES_MIN - len(chosen))]
    return tuple(f"{fix.title}: {fix.text}" for fix in chosen)


def advice_for(profile: Profile, library: Library) -> PlanAdvice:
    """The advice that goes with this person's plan, chosen from the library's advice."""
    advice = library.advice
    thermal = advice.heat_cold.cold if profile.in_flare else advice.heat_cold.heat
    heat_cold = HeatColdPlan(
        use="cold" if profile.in_flare else "heat",
        when=thermal.when,
        minutes=thermal.minutes,
        how=tuple(thermal.how),
        who_must_not=tuple(advice.heat_cold.who_must_not),
        never=tuple(advice.heat_cold.never),
        rule=advice.heat_cold.rule,
    )
    sleep_tip = getattr(advice.sleep, profile.sleep_position.value)
    acute = profile.in_flare or profile.duration_weeks <= ACUTE_WEEKS
    timeline = advice.timeline.acute if acute else advice.timeline.chronic
    return PlanAdvice(
        desk=_desk_advice(profile, library),
        heat_cold=heat_cold,
        sleep=f"{sleep_tip} {advice.sleep.mattress}",
        timeline=f"{timeline} {advice.timeline.review}",
        safety_net=tuple(advice.safety_net),
    )
