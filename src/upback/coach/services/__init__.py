"""Writes. The only code that changes stored data; each calls the pure core for its decisions.

One module per feature; this package re-exports them so callers may write `services.plan_create`.
"""

from upback.coach.services.accounts import (
    account_create,
    account_time_zone_set,
    local_user_get_or_create,
    time_zone_or_utc,
)
from upback.coach.services.adaptation import plan_adapt, session_symptoms_record
from upback.coach.services.checkins import (
    CheckinProblem,
    checkin_delete,
    checkin_recheck_record,
    checkin_record,
    checkin_update,
)
from upback.coach.services.plans import (
    NoPlan,
    PlanChanged,
    SafetyStop,
    plan_create,
    plan_gate,
    plan_regenerate,
    plan_swap,
    profile_save,
)
from upback.coach.services.screenings import screening_confirm_seen, screening_record
from upback.coach.services.sessions import (
    SessionError,
    SessionFinished,
    session_finish,
    session_item_record,
    session_next_morning_record,
    session_start,
)

__all__ = [
    "CheckinProblem",
    "NoPlan",
    "PlanChanged",
    "SafetyStop",
    "SessionError",
    "SessionFinished",
    "account_create",
    "account_time_zone_set",
    "checkin_delete",
    "checkin_recheck_record",
    "checkin_record",
    "checkin_update",
    "local_user_get_or_create",
    "plan_adapt",
    "plan_create",
    "plan_gate",
    "plan_regenerate",
    "plan_swap",
    "profile_save",
    "screening_confirm_seen",
    "screening_record",
    "session_finish",
    "session_item_record",
    "session_next_morning_record",
    "session_start",
    "session_symptoms_record",
    "time_zone_or_utc",
]
