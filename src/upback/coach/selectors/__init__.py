"""Reads. The only code that builds querysets; every query is scoped to its owner.

One module per feature; this package re-exports them so callers may write `selectors.plan_current`.
"""

from upback.coach.selectors.accounts import (
    account_get,
    any_account_exists,
    local_now,
    local_today,
    time_zone_get,
)
from upback.coach.selectors.adaptation import plan_history, session_awaiting_next_morning
from upback.coach.selectors.checkins import checkin_for_date, checkin_get, journal_page
from upback.coach.selectors.plans import (
    done_slugs_on,
    plan_current,
    plan_list,
    profile_core_get,
    profile_fields,
    profile_get,
)
from upback.coach.selectors.progress import progress_get
from upback.coach.selectors.screenings import (
    care_state_get,
    screening_get,
    screening_latest,
    screening_list,
)
from upback.coach.selectors.sessions import (
    plan_day_items,
    plan_day_of,
    session_get,
    session_items,
    session_list_on,
    session_unfinished_on,
)

__all__ = [
    "account_get",
    "any_account_exists",
    "care_state_get",
    "checkin_for_date",
    "checkin_get",
    "done_slugs_on",
    "journal_page",
    "local_now",
    "local_today",
    "plan_current",
    "plan_day_items",
    "plan_day_of",
    "plan_history",
    "plan_list",
    "profile_core_get",
    "profile_fields",
    "profile_get",
    "progress_get",
    "screening_get",
    "screening_latest",
    "screening_list",
    "session_awaiting_next_morning",
    "session_get",
    "session_items",
    "session_list_on",
    "session_unfinished_on",
    "time_zone_get",
]
