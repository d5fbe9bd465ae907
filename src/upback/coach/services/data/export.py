"""Export everything a person owns: upback.json, and the zip with a CSV per table and a README.

Only the owner's own rows, read through the data selectors.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone

from upback import __version__
from upback.coach.models import Account, GuidedSession, Profile, Review
from upback.coach.selectors.accounts import time_zone_get
from upback.coach.selectors.data import (
    data_breaks,
    data_checkins,
    data_habit_months,
    data_plans,
    data_reviews,
    data_screenings,
    data_sessions,
)
from upback.coach.services.data.csv_files import _csv_files
from upback.coach.services.data.format import _TABLE, FORMAT_NAME, FORMAT_VERSION, JSON_NAME


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _plain(obj: models.Model) -> dict[str, Any]:
    return {name: _json_value(getattr(obj, name)) for name in _TABLE[type(obj)].fields}


def _plan_version(obj: GuidedSession | Review) -> int | None:
    return obj.plan.version if obj.plan is not None else None


def data_export_document(*, owner: User, now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything the person owns, as the upback.json document (plain JSON types only)."""
    account = Account.objects.filter(owner=owner).first()
    profile = Profile.objects.filter(owner=owner).first()
    screenings = [
        {
            **_plain(screening),
            "clearance": _plain(screening.clearance) if hasattr(screening, "clearance") else None,
        }
        for screening in data_screenings(owner=owner)
    ]
    sessions = [
        {
            **_plain(session),
            "plan_version": _plan_version(session),
            "items": [_plain(item) for item in session.items.all()],
        }
        for session in data_sessions(owner=owner)
    ]
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_at": _json_value(now or timezone.now()),
        "app_version": __version__,
        "owner": {
            "username": owner.username,
            "email": owner.email,
            "date_joined": _json_value(owner.date_joined),
        },
        "account": _plain(account) if account else None,
        "profile": _plain(profile) if profile else None,
        "screenings": screenings,
        "plans": [_plain(plan) for plan in data_plans(owner=owner)],
        "sessions": sessions,
        "checkins": [_plain(checkin) for checkin in data_checkins(owner=owner)],
        "reviews": [
            {**_plain(review), "plan_version": _plan_version(review)}
            for review in data_reviews(owner=owner)
        ],
        "breaks": [_plain(record) for record in data_breaks(owner=owner)],
        "habit_months": [
            {**_plain(month), "checks": [_plain(check) for check in month.checks.all()]}
            for month in data_habit_months(owner=owner)
        ],
    }


README = """\
Your upback data
================

Exported {date} from upback {version}, for the account "{username}".

upback.json        Everything you have stored in upback, in one file. To get it all back on a
                   new computer or a new account, use Import on an empty account:
                   on the web, Account > Your data > Import;
                   in a terminal, `upback import {zipname}`.
checkins.csv       Your daily check-ins: pain, stiffness, sleep, stress and your notes.
sessions.csv       Your guided sessions: pain before and after, and how many exercises you did.
session_items.csv  Each exercise within a session: done or skipped, how it felt, pain during it.
screenings.csv     Your safety checks: the result, and the warning signs you answered yes to.
plans.csv          A summary of each version of your plan, and why it changed.
reviews.csv        Your 4-6 weekly reviews.
breaks.csv         Your movement breaks: taken, snoozed or skipped (browser timer or terminal).
habits.csv         Your two-habit months: each habit and the days you kept it.

The .csv files open in any spreadsheet program. Times in them are in your own time zone
({zone}). In upback.json, dates are written as YYYY-MM-DD and times in UTC.

This export holds health information about you: keep it somewhere safe, and share it only
with people you choose (your physiotherapist or doctor, for example). It does not contain
your password.
"""


@dataclass(frozen=True)
class DataExport:
    filename: str
    content: bytes


def data_export_filename(*, owner: User, now: dt.datetime | None = None) -> str:
    day = (now or timezone.now()).astimezone(time_zone_get(owner=owner)).date()
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", owner.username).strip("-") or "me"
    return f"upback-{name}-{day.isoformat()}.zip"


def data_export(*, owner: User, now: dt.datetime | None = None) -> DataExport:
    """The zip: upback.json, one CSV per table and a README. Only the owner's own rows."""
    now = now or timezone.now()
    zone = time_zone_get(owner=owner)
    document = data_export_document(owner=owner, now=now)
    filename = data_export_filename(owner=owner, now=now)
    stamp = now.astimezone(zone).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, content: bytes) -> None:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), content, zipfile.ZIP_DEFLATED)

        add(
            "README.txt",
            README.format(
                date=now.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                version=__version__,
                username=owner.username,
                zipname=filename,
                zone=zone.key,
            ).encode(),
        )
        add(JSON_NAME, data_export_json(document).encode())
        for name, content in _csv_files(document, zone).items():
            add(name, content)
    return DataExport(filename=filename, content=buffer.getvalue())


def data_export_json(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
