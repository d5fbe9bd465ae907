"""Writes. The only code that changes stored data; each calls the pure core for its decisions.

One module per feature; this package re-exports them so callers write `services.plan_create`.
"""

from upback.coach.services.accounts import (
    account_create,
    account_time_zone_set,
    local_user_get_or_create,
    time_zone_or_utc,
)
from upback.coach.services.plans import SafetyStop, plan_create, plan_gate, profile_save
from upback.coach.services.screenings import screening_confirm_seen, screening_record

__all__ = [
    "SafetyStop",
    "account_create",
    "account_time_zone_set",
    "local_user_get_or_create",
    "plan_create",
    "plan_gate",
    "profile_save",
    "screening_confirm_seen",
    "screening_record",
    "time_zone_or_utc",
]
