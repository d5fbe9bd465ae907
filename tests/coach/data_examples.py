"""A person with a bit of everything, for the tests of export, import and delete."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models

from tests.examples import GUIDE_PROFILE
from upback.coach.models import (
    AccessToken,
    Account,
    BreakRecord,
    CalendarFeed,
    HabitCheck,
    HabitMonth,
    Plan,
    Review,
)
from upback.coach.services.accounts import account_time_zone_set
from upback.coach.services.checkins import Scores, checkin_record
from upback.coach.services.plans import plan_create, profile_save
from upback.coach.services.screenings import screening_confirm_seen, screening_record
from upback.coach.services.sessions import (
    Feedback,
    session_finish,
    session_item_record,
    session_start,
)
from upback.core.profile import parse_profile
from upback.core.safety import SYMPTOM_KEYS, parse_screening

UNICODE_NOTE = "Rücken steif — better after the café walk 😊\nsecond line: 背中"
FORMULA_NOTE = '=HYPERLINK("http://example.org")'
START = dt.datetime(2026, 1, 5, 8, 30, 15, 123456, tzinfo=dt.UTC)  # a Monday


def _answers(kind: str) -> dict[str, Any]:
    answers = dict.fromkeys(SYMPTOM_KEYS, "no")
    if kind == "self_care":
        answers["mechanical_trigger_identified"] = "yes"
        answers["pain_reproduced_by_movement_or_pressure"] = "yes"
    return {"age": 41, "sex": "female", "answers": answers}


def _at(obj: models.Model, **stamps: dt.datetime) -> None:
    """Give a row realistic, distinct times (the database stamps 'now' on create)."""
    type(obj)._default_manager.filter(pk=obj.pk).update(**stamps)


def rich_account(username: str = "ana", *, other_note: str = "") -> User:
    """A new person with a bit of everything (see `fill`)."""
    user = User.objects.create_user(username, email=f"{username}@example.org", password="pw 2026")
    fill(user, other_note=other_note)
    return user


def fill(user: User, *, other_note: str = "") -> None:
    """Give a person a bit of everything: screenings (one cleared), a profile, three plan
    versions with rules and changes, finished and unfinished sessions with feedback, check-ins
    with unicode notes, and two reviews."""
    account_time_zone_set(owner=user, time_zone="Europe/Lisbon")
    soon = screening_record(owner=user, screening=parse_screening(_answers("soon")), source="web")
    clearance = screening_confirm_seen(owner=user, screening=soon)
    _at(soon, created_at=START - dt.timedelta(days=3))
    type(clearance)._default_manager.filter(pk=clearance.pk).update(
        confirmed_at=START - dt.timedelta(days=1)
    )
    cleared = screening_record(owner=user, screening=parse_screening(_answers("self_care")))
    _at(cleared, created_at=START - dt.timedelta(hours=2))

    profile = parse_profile(GUIDE_PROFILE)
    profile_save(owner=user, profile=profile)
    first = plan_create(owner=user, profile=profile)
    _at(first, created_at=START - dt.timedelta(hours=1))
    slug = first.data["days"][0]["items"][0]["slug"]
    second = Plan.objects.create(
        owner=user,
        version=2,
        profile_snapshot=first.profile_snapshot,
        data=first.data,
        reason="two easy sessions in a row",
        rules=["adapt.progress_reps"],
        changes=[
            {
                "slug": slug,
                "rule": "adapt.progress_reps",
                "reason": "It felt easy twice, so one more rep.",
                "before": {"reps": 8},
                "after": {"reps": 10},
            }
        ],
    )
    _at(second, created_at=START + dt.timedelta(days=8))
    third = Plan.objects.create(
        owner=user,
        version=3,
        profile_snapshot=first.profile_snapshot,
        data=first.data,
        gentle_only=True,
        reason="flare-up plan",
        rules=["adapt.flare"],
        changes=[],
    )
    _at(third, created_at=START + dt.timedelta(days=20))

    for week, plan in ((0, first), (1, second)):
        day = START.date() + dt.timedelta(days=7 * week)
        session = session_start(owner=user, plan=plan, local_date=day, day="mon", pain_before=6)
        orders = list(session.items.values_list("order", flat=True))
        session_item_record(owner=user, session=session, order=orders[0], status="done")
        session_item_record(owner=user, session=session, order=orders[1], status="skipped")
        session_finish(
            owner=user,
            session=session,
            pain_after=3,
            feedback={orders[0]: Feedback(feeling="too_easy", pain_during=2)},
        )
        session.next_morning_pain = 4
        session.save(update_fields=["next_morning_pain"])
        _at(session, started_at=START + dt.timedelta(days=7 * week, minutes=5))
    open_session = session_start(
        owner=user,
        plan=third,
        local_date=START.date() + dt.timedelta(days=21),
        day="mon",
        pain_before=7,
        gentle_only=True,
    )
    _at(open_session, started_at=START + dt.timedelta(days=21))

    for offset, (pain, note) in enumerate(
        [(6, UNICODE_NOTE), (5, ""), (5, FORMULA_NOTE), (3, other_note or "felt lighter")]
    ):
        recorded = checkin_record(
            owner=user,
            scores=Scores(pain=pain, stiffness=pain + 1, sleep_quality=6, stress=4),
            note=note,
            local_date=START.date() + dt.timedelta(days=offset),
            now=START + dt.timedelta(days=30),
        )
        _at(
            recorded.checkin,
            created_at=START + dt.timedelta(days=offset, hours=12),
            updated_at=START + dt.timedelta(days=offset, hours=13),
        )

    Account.objects.filter(owner=user).update(
        routine_time=dt.time(7, 30),
        break_settings={"interval_minutes": 40, "days": ["mon", "tue", "wed"]},
    )
    for minutes, outcome, kind, trigger, channel, client in (
        (30, "taken", "micro", "prompt", "web", "6f1c8a8e-3b1e-4a55-9d6f-2f5a0c1b7e21"),
        (70, "snoozed", "active", "prompt", "cli", None),
        (75, "taken", "active", "idle", "cli", None),
        (110, "skipped", "micro", "prompt", "web", None),
    ):
        BreakRecord.objects.create(
            owner=user,
            at=START + dt.timedelta(minutes=minutes),
            local_date=START.date(),
            outcome=outcome,
            kind=kind,
            trigger=trigger,
            channel=channel,
            routine="shoulder_rolls" if outcome == "taken" else "",
            client_id=client,
        )
    month = HabitMonth.objects.create(
        owner=user,
        started_on=START.date(),
        ends_on=START.date() + dt.timedelta(days=30),
        habits=[
            {
                "slug": "movement_breaks",
                "name": "A movement break every 30-45 minutes",
                "own": False,
            },
            {"slug": "own-walk-the-dog", "name": "Walk the dog before work", "own": True},
        ],
        reminder_time=dt.time(20, 15),
    )
    for offset, habit in ((0, "movement_breaks"), (0, "own-walk-the-dog"), (1, "movement_breaks")):
        HabitCheck.objects.create(
            month=month, habit=habit, local_date=START.date() + dt.timedelta(days=offset)
        )

    # Not exported (secrets), but deleted with the account.
    AccessToken.objects.create(
        owner=user,
        name="my script",
        token_hash=hashlib.sha256(b"t" + user.username.encode()).hexdigest(),
        prefix="ub_abc",
    )
    CalendarFeed.objects.create(
        owner=user, token_hash=hashlib.sha256(user.username.encode()).hexdigest()
    )

    base = {"verdict": "minimal_improvement", "pgic": 3, "proposal": {"next": "more strength"}}
    psfs = [
        {"activity": "Sitting through a meeting", "score": 4},
        {"activity": "Carrying the shopping", "score": 6},
        {"activity": "Looking over my shoulder", "score": 5},
    ]
    review = Review.objects.create(
        owner=user,
        local_date=START.date() + dt.timedelta(days=35),
        baseline=6.0,
        current=4.5,
        adherence=0.8,
        psfs=psfs,
        plan=second,
        **base,
    )
    _at(review, created_at=START + dt.timedelta(days=35))
    Review.objects.create(
        owner=user,
        local_date=START.date() + dt.timedelta(days=70),
        baseline=None,
        current=None,
        adherence=None,
        psfs=[],
        plan=None,
        **base,
    )


def without_envelope(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k not in ("exported_at", "owner")}


def unpack(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def coach_rows_of(user: User) -> Iterator[tuple[str, models.QuerySet[Any]]]:
    """For every coach model, its rows that belong to `user` (directly or through a parent)."""
    for model in apps.get_app_config("coach").get_models():
        paths = []
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model is None:
                continue
            if field.related_model is User:
                paths.append(field.name)
            else:
                paths += [
                    f"{field.name}__{parent.name}"
                    for parent in field.related_model._meta.concrete_fields
                    if parent.is_relation and parent.related_model is User
                ]
        assert paths, f"{model.__name__} has no way back to its owner: extend this test"
        for lookup in paths:
            yield f"{model.__name__}.{lookup}", model._default_manager.filter(**{lookup: user})
