"""Import an export: read upback.json (inside the zip, or bare), validate it strictly, refuse an
account that already has data, and write it all-or-nothing in one transaction.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, models, transaction
from pydantic import ValidationError

from upback.coach.models import (
    Account,
    BreakRecord,
    CheckIn,
    GuidedItem,
    GuidedSession,
    HabitCheck,
    HabitMonth,
    Plan,
    Profile,
    Review,
    Screening,
    ScreeningClearance,
)
from upback.coach.selectors.data import DataCounts, data_counts
from upback.coach.selectors.request_memo import forget
from upback.coach.services.data.format import (
    _TABLE,
    FORMAT_NAME,
    FORMAT_VERSION,
    JSON_NAME,
    ExportDocument,
    _Row,
)
from upback.core.errors import InputProblem, describe_validation

NOT_AN_EXPORT = (
    "The file is not an upback export: choose the .zip you exported, or its upback.json."
)
MAX_FILE_BYTES = 50 * 1024 * 1024
"""Larger uploads or zip members are refused before reading (years of data is a few MB)."""


class AccountNotEmpty(InputProblem):
    """Import goes into an empty account only, so nothing already there is overwritten."""


@dataclass(frozen=True)
class ImportSummary:
    screenings: int
    plans: int
    sessions: int
    checkins: int
    reviews: int
    profile: bool
    breaks: int = 0
    habit_months: int = 0

    @property
    def empty(self) -> bool:
        return (
            not (
                self.screenings
                or self.plans
                or self.sessions
                or self.checkins
                or self.reviews
                or self.breaks
                or self.habit_months
            )
            and not self.profile
        )

    def describe(self) -> str:
        """'12 check-ins, 3 sessions, 2 plans, 1 safety check and your profile'."""

        def count(n: int, one: str, many: str) -> str:
            return f"{n} {one if n == 1 else many}"

        parts = [
            count(self.checkins, "check-in", "check-ins"),
            count(self.sessions, "session", "sessions"),
            count(self.plans, "plan version", "plan versions"),
            count(self.screenings, "safety check", "safety checks"),
            count(self.reviews, "review", "reviews"),
        ]
        if self.breaks:
            parts.append(count(self.breaks, "movement break", "movement breaks"))
        if self.habit_months:
            parts.append(count(self.habit_months, "habit month", "habit months"))
        if self.profile:
            parts.append("your profile")
        return ", ".join(parts[:-1]) + " and " + parts[-1]


def _counts_text(counts: DataCounts) -> str:
    parts = []
    for n, one, many in (
        (counts.checkins, "check-in", "check-ins"),
        (counts.sessions, "session", "sessions"),
        (counts.plans, "plan", "plans"),
        (counts.screenings, "safety check", "safety checks"),
        (counts.reviews, "review", "reviews"),
        (counts.breaks, "movement break", "movement breaks"),
        (counts.habit_months, "habit month", "habit months"),
    ):
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    if counts.has_profile:
        parts.append("a profile")
    return ", ".join(parts)


def _read_upload(content: bytes) -> str:
    """The text of upback.json, from a zip export or from the bare file."""
    if len(content) > MAX_FILE_BYTES:
        raise InputProblem(
            f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; "
            "an upback export is much smaller. Is it the right file?"
        )
    if not content.strip():
        raise InputProblem("The file is empty.")
    raw: bytes
    if content.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = [
                    n for n in archive.namelist() if n == JSON_NAME or n.endswith("/" + JSON_NAME)
                ]
                if len(names) != 1:
                    raise InputProblem(
                        f"The zip has no {JSON_NAME}, so it is not an upback export."
                        if not names
                        else f"The zip holds more than one {JSON_NAME}; please import just one."
                    )
                if archive.getinfo(names[0]).file_size > MAX_FILE_BYTES:
                    raise InputProblem(f"The {JSON_NAME} in the zip is far too large.")
                with archive.open(names[0]) as member:
                    raw = member.read(MAX_FILE_BYTES + 1)
                if len(raw) > MAX_FILE_BYTES:
                    raise InputProblem(f"The {JSON_NAME} in the zip is far too large.")
        except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, EOFError, OSError):
            raise InputProblem(
                "The zip file is damaged or incomplete; try downloading the export again."
            ) from None
    else:
        raw = content
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputProblem(NOT_AN_EXPORT) from None


def _parse(text: str) -> ExportDocument:
    if not text.lstrip().startswith(("{", "[")):
        raise InputProblem(NOT_AN_EXPORT)
    if "\x00" in text or "\\u0000" in text:
        raise InputProblem("The file contains a NUL character, which upback cannot store.")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputProblem(
            f"The file is not an upback export: it is not valid JSON "
            f"(line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InputProblem(
            f'The file is not an upback export (it has no "format": "{FORMAT_NAME}").'
        )
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InputProblem(f"format_version: must be a whole number (got {version!r}).")
    if version > FORMAT_VERSION:
        raise InputProblem(
            f"format_version: this file is version {version}, from a newer upback; this upback "
            f"reads version {FORMAT_VERSION}. Please update upback, then import again."
        )
    if version != FORMAT_VERSION:
        raise InputProblem(f"format_version: must be {FORMAT_VERSION} (got {version}).")
    try:
        return ExportDocument.model_validate_json(text)
    except ValidationError as error:
        raise InputProblem(describe_validation(error)) from None


def _duplicates(where: str, values: Sequence[Any], what: Callable[[Any], str]) -> None:
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise InputProblem(f"{where}[{index}]: {what(value)}")
        seen.add(value)


def _check_references(document: ExportDocument) -> None:
    """What the row models cannot see alone: unique keys, and links to plans that exist."""
    versions = [plan.version for plan in document.plans]
    _duplicates("plans", versions, lambda v: f"version {v} appears twice")
    _duplicates(
        "checkins",
        [c.local_date for c in document.checkins],
        lambda d: f"there are two check-ins on {d.isoformat()} (one a day is kept)",
    )
    known = set(versions)
    for index, session in enumerate(document.sessions):
        if session.plan_version not in known:
            raise InputProblem(
                f"sessions[{index}].plan_version: there is no plan version "
                f"{session.plan_version} in the file"
            )
        _duplicates(
            f"sessions[{index}].items",
            [item.order for item in session.items],
            lambda order: f"order {order} appears twice",
        )
    _duplicates(
        "breaks",
        [b.client_id for b in document.breaks if b.client_id is not None],
        lambda c: f"client_id {c} appears twice",
    )
    for index, month in enumerate(document.habit_months):
        _duplicates(
            f"habit_months[{index}].checks",
            [(c.habit, c.local_date) for c in month.checks],
            lambda hc: f"{hc[0]} is ticked twice on {hc[1].isoformat()}",
        )
    for index, review in enumerate(document.reviews):
        if review.plan_version is not None and review.plan_version not in known:
            raise InputProblem(
                f"reviews[{index}].plan_version: there is no plan version "
                f"{review.plan_version} in the file"
            )


def _build(where: str, row: _Row, model: type[models.Model], **links: Any) -> Any:
    """An unsaved instance from a row, checked by the model's own field rules (lengths, choices)."""
    table = _TABLE[model]
    obj = model(**{name: getattr(row, name) for name in table.fields}, **links)
    skip = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation or isinstance(f, models.JSONField)
    ]
    try:
        obj.clean_fields(exclude=skip)
    except DjangoValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        message = messages[0]
        raise InputProblem(f"{where}.{name}: {message[0].lower()}{message[1:]}") from None
    return obj


def _save(model: type[models.Model], pairs: Sequence[tuple[Any, _Row]]) -> None:
    """Insert the rows, then put back the timestamps the database filled in with 'now'."""
    objs = [obj for obj, _ in pairs]
    model._default_manager.bulk_create(objs, batch_size=500)
    stamps = _TABLE[model].stamps
    if stamps and objs:
        for obj, row in pairs:
            for name in stamps:
                setattr(obj, name, getattr(row, name))
        model._default_manager.bulk_update(objs, list(stamps), batch_size=500)


def _write(owner: User, document: ExportDocument) -> None:
    if document.account is not None:
        account, _ = Account.objects.get_or_create(owner=owner)
        for name in _TABLE[Account].fields:
            setattr(account, name, getattr(document.account, name))
        Account.objects.bulk_update([account], list(_TABLE[Account].fields))
    if document.profile is not None:
        _save(
            Profile, [(_build("profile", document.profile, Profile, owner=owner), document.profile)]
        )

    screenings = [
        (_build(f"screenings[{i}]", row, Screening, owner=owner), row)
        for i, row in enumerate(document.screenings)
    ]
    _save(Screening, screenings)
    _save(
        ScreeningClearance,
        [
            (
                _build(
                    f"screenings[{i}].clearance", row.clearance, ScreeningClearance, screening=obj
                ),
                row.clearance,
            )
            for i, (obj, row) in enumerate(screenings)
            if row.clearance is not None
        ],
    )

    plans = [
        (_build(f"plans[{i}]", row, Plan, owner=owner), row) for i, row in enumerate(document.plans)
    ]
    _save(Plan, plans)
    by_version = {obj.version: obj for obj, _ in plans}

    sessions = [
        (
            _build(
                f"sessions[{i}]", row, GuidedSession, owner=owner, plan=by_version[row.plan_version]
            ),
            row,
        )
        for i, row in enumerate(document.sessions)
    ]
    _save(GuidedSession, sessions)
    _save(
        GuidedItem,
        [
            (_build(f"sessions[{i}].items[{j}]", item, GuidedItem, session=obj), item)
            for i, (obj, row) in enumerate(sessions)
            for j, item in enumerate(row.items)
        ],
    )
    _save(
        CheckIn,
        [
            (_build(f"checkins[{i}]", row, CheckIn, owner=owner), row)
            for i, row in enumerate(document.checkins)
        ],
    )
    _save(
        Review,
        [
            (
                _build(
                    f"reviews[{i}]",
                    row,
                    Review,
                    owner=owner,
                    plan=by_version[row.plan_version] if row.plan_version else None,
                ),
                row,
            )
            for i, row in enumerate(document.reviews)
        ],
    )
    _save(
        BreakRecord,
        [
            (_build(f"breaks[{i}]", row, BreakRecord, owner=owner), row)
            for i, row in enumerate(document.breaks)
        ],
    )
    months = [
        (_build(f"habit_months[{i}]", row, HabitMonth, owner=owner), row)
        for i, row in enumerate(document.habit_months)
    ]
    for obj, row in months:
        obj.habits = [habit.model_dump() for habit in row.habits]
    _save(HabitMonth, months)
    _save(
        HabitCheck,
        [
            (_build(f"habit_months[{i}].checks[{j}]", check, HabitCheck, month=obj), check)
            for i, (obj, row) in enumerate(months)
            for j, check in enumerate(row.checks)
        ],
    )


def data_import(*, owner: User, content: bytes) -> ImportSummary:
    """Import an export (the zip, or its upback.json) into an account that has no data yet.

    All or nothing: any problem raises InputProblem with one line naming it, and nothing is saved.
    """
    document = _parse(_read_upload(content))
    _check_references(document)
    try:
        with transaction.atomic():
            # Lock the person's row so two imports at once cannot both find the account empty.
            User.objects.select_for_update().filter(pk=owner.pk).first()
            counts = data_counts(owner=owner)
            if not counts.empty:
                raise AccountNotEmpty(
                    f"Your account already has data ({_counts_text(counts)}). Import only works "
                    "into a new, empty account, so nothing you have is overwritten."
                )
            _write(owner, document)
    except (IntegrityError, DataError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InputProblem(f"The file's data could not be stored: {first}") from None
    finally:
        forget()  # the account, screenings and plans changed (or not): read them afresh
    return ImportSummary(
        screenings=len(document.screenings),
        plans=len(document.plans),
        sessions=len(document.sessions),
        checkins=len(document.checkins),
        reviews=len(document.reviews),
        profile=document.profile is not None,
        breaks=len(document.breaks),
        habit_months=len(document.habit_months),
    )
