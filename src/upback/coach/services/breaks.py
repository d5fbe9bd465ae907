"""Writes for movement breaks: what the person did about a break, and their working hours.

Both the terminal reminder and the browser break timer record here, so the statistics on the
progress page count breaks from either. A break sent by the browser carries a client id: when
the page was offline and sends it again on reconnect, it is stored once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from pydantic import ValidationError

from upback.coach.models import Account, BreakRecord
from upback.coach.selectors.accounts import time_zone_get
from upback.coach.selectors.request_memo import forget
from upback.core.breaks import BreakSettings
from upback.core.errors import InputProblem, describe_validation

OUTCOMES = frozenset(BreakRecord.Outcome.values)
KINDS = frozenset(BreakRecord.Kind.values)
TRIGGERS = frozenset({"prompt", "idle"})
CHANNELS = frozenset({"web", "cli"})


def break_record(
    *,
    owner: User,
    at: dt.datetime,
    outcome: str,
    kind: str = "micro",
    trigger: str = "prompt",
    channel: str = "web",
    routine: str = "",
    client_id: uuid.UUID | None = None,
) -> BreakRecord:
    """Store one break; raises InputProblem naming the field when a value is not one we know."""
    if at.tzinfo is None:
        raise InputProblem("at: needs a time zone")
    for field, value, allowed in (
        ("outcome", outcome, OUTCOMES),
        ("kind", kind, KINDS),
        ("trigger", trigger, TRIGGERS),
        ("channel", channel, CHANNELS),
    ):
        if value not in allowed:
            raise InputProblem(f"{field}: '{value}' is not one of {', '.join(sorted(allowed))}")
    if len(routine) > 60:
        raise InputProblem("routine: at most 60 characters")
    fields: dict[str, Any] = {
        "at": at,
        "local_date": at.astimezone(time_zone_get(owner=owner)).date(),
        "outcome": outcome,
        "kind": kind,
        "trigger": trigger,
        "channel": channel,
        "routine": routine,
    }
    if client_id is None:
        return BreakRecord.objects.create(owner=owner, **fields)
    existing = BreakRecord.objects.filter(owner=owner, client_id=client_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return BreakRecord.objects.create(owner=owner, client_id=client_id, **fields)
    except IntegrityError:  # the same break arrived twice at once
        return BreakRecord.objects.get(owner=owner, client_id=client_id)


def break_settings_save(*, owner: User, values: dict[str, Any]) -> BreakSettings:
    """Validate and keep the person's working hours and interval (their zone is the account's).

    `values` holds BreakSettings fields; raises InputProblem naming the first bad field. What
    was saved before is kept when the new values are refused.
    """
    values = {k: v for k, v in values.items() if k != "timezone"}
    zone = time_zone_get(owner=owner).key
    try:
        settings = BreakSettings(**values, timezone=zone)
    except ValidationError as problem:
        raise InputProblem(describe_validation(problem)) from None
    account, _ = Account.objects.get_or_create(owner=owner)
    account.break_settings = settings.model_dump(mode="json", exclude={"timezone"})
    account.break_settings["days"] = sorted(
        settings.days, key=("mon", "tue", "wed", "thu", "fri", "sat", "sun").index
    )
    account.save(update_fields=["break_settings"])
    forget()
    return settings
