"""Reads. The only code that builds querysets; every query is scoped to its owner.

One module per feature; this package re-exports them so callers write `selectors.plan_current`.
"""

from upback.coach.selectors.plans import plan_current, plan_list, profile_get
from upback.coach.selectors.screenings import care_state_get, screening_latest, screening_list

__all__ = [
    "care_state_get",
    "plan_current",
    "plan_list",
    "profile_get",
    "screening_latest",
    "screening_list",
]
