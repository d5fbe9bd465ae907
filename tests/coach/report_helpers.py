"""A person with six weeks of upback behind them, for the clinician report's tests.

An improving journal (from `core.journal_gen`) as check-ins and finished sessions, two safety
checks (a 'soon' with a 'yes' and a 'not sure' answer, cleared, then 'self care'), the first plan
and an adapted version with its rule ids and reasons, a review, and notes on a few days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from tests.examples import GUIDE_PROFILE, cleared_answers
from upback.coach.models import (
    Account,
    CheckIn,
    GuidedItem,
    GuidedSession,
    Plan,
    Review,
    Screening,
    ScreeningClearance,
)
from upback.coach.services.plans import plan_create, profile_save
from upback.coach.services.screenings import screening_record
from upback.core.journal_gen import generate
from upback.core.profile import parse_profile
from upback.core.safety import parse_screening

START = dt.date(2026, 1, 19)  # a Monday
END = START + dt.timedelta(days=41)  # six weeks, Sunday 1 March 2026
ZONE = "Europe/Lisbon"
NOTES = {
    2: "Long day at the desk, stiff between the shoulder blades by the evening.",
    9: "Slept badly; the heat pack helped before bed.",
    30: "Carried the shopping home & felt fine — first time in weeks!",
}
NOT_SURE_KEY = "night_pain_unrelieved_by_position_change"


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(ZONE))


def _screen(user: User, answers: dict[str, str], when: dt.date) -> Screening:
    stored = screening_record(
        owner=user, screening=parse_screening({"age": 44, "answers": answers}), source="web"
    )
    Screening.objects.filter(pk=stored.pk).update(created_at=at(when, 8))
    stored.refresh_from_db()
    return stored


def screened_soon_then_safe(user: User) -> tuple[Screening, Screening]:
    soon = cleared_answers()
    soon[NOT_SURE_KEY] = "not_sure"
    soon["upper_back_pain"] = "yes"
    first = _screen(user, soon, START)
    ScreeningClearance.objects.create(screening=first)
    ScreeningClearance.objects.filter(screening=first).update(
        confirmed_at=at(START + dt.timedelta(days=3))
    )
    safe = cleared_answers()
    second = _screen(user, safe, START + dt.timedelta(days=4))
    return first, second


def plans(user: User) -> tuple[Plan, Plan]:
    profile = parse_profile({**GUIDE_PROFILE, "age": 44})
    profile_save(owner=user, profile=profile)
    first = plan_create(owner=user, profile=profile)
    Plan.objects.filter(pk=first.pk).update(created_at=at(START, 9))
    second = plan_create(owner=user, profile=profile, reason="adapted after your sessions")
    second.rules = ["adapt.progress_reps", "adapt.step_back_dose"]
    second.changes = [
        {
            "slug": "band_row",
            "name": "Resistance band row",
            "rule": "adapt.progress_reps",
            "reason": "Felt about right with low pain in two sessions: two more reps.",
            "before": "3 × 10 reps",
            "after": "3 × 12 reps",
        },
        {
            "slug": "prone_y_raise",
            "name": "Prone Y raise",
            "rule": "adapt.step_back_dose",
            "reason": "Pain during it went above 5: one set fewer.",
            "before": "2 × 10 reps",
            "after": "1 × 10 reps",
        },
    ]
    second.save(update_fields=["rules", "changes"])
    Plan.objects.filter(pk=second.pk).update(created_at=at(START + dt.timedelta(days=21), 19))
    first.refresh_from_db()
    second.refresh_from_db()
    return first, second


def journal(user: User, plan: Plan) -> None:
    made = generate("improving", seed=3, start=START, days=42)
    by_day: dict[dt.date, list[int]] = {}
    for entry in made.pain:
        by_day.setdefault(entry.day, []).append(entry.pain)
    for day, values in by_day.items():
        offset = (day - START).days
        CheckIn.objects.create(
            owner=user,
            local_date=day,
            pain=values[0],
            stiffness=max(values[0] - 1, 0),
            sleep_quality=6,
            stress=4,
            note=NOTES.get(offset, ""),
        )
    for number, entry in enumerate(made.sessions):
        session = GuidedSession.objects.create(
            owner=user,
            plan=plan,
            day=f"{entry.day:%a}".lower()[:3],
            local_date=entry.day,
            pain_before=entry.pain_before,
            pain_after=entry.pain_after,
            source="cli" if number % 3 == 0 else "web",
            finished_at=at(entry.day, 19),
            stopped_for_symptoms=number == 5,
        )
        for order, (slug, feeling) in enumerate(
            [("cat_cow", "about_right"), ("band_row", "too_easy"), ("thread_the_needle", "")]
        ):
            GuidedItem.objects.create(
                session=session,
                order=order,
                slug=slug,
                name=slug.replace("_", " ").capitalize(),
                status="done" if feeling else "skipped",
                feeling=feeling,
                pain_during=2 if feeling else None,
            )


def review(user: User, plan: Plan) -> Review:
    return Review.objects.create(
        owner=user,
        local_date=START + dt.timedelta(days=28),
        baseline=6.2,
        current=3.4,
        verdict="minimal_improvement",
        adherence=0.8,
        psfs=[
            {"activity": "Sitting at the desk for an hour", "score": 6},
            {"activity": "Carrying shopping bags", "score": 5},
            {"activity": "Turning to reverse the car", "score": 7},
        ],
        pgic=3,
        plan=plan,
    )


def ana_with_six_weeks(name: str = "ana") -> User:
    user = User.objects.create_user(name)
    Account.objects.create(owner=user, time_zone=ZONE)
    screened_soon_then_safe(user)
    first, second = plans(user)
    journal(user, first)
    review(user, second)
    return user


def stranger_with_notes() -> User:
    """Someone else whose rows must never appear in ana's report."""
    user = User.objects.create_user("bo")
    Account.objects.create(owner=user, time_zone="UTC")
    CheckIn.objects.create(
        owner=user,
        local_date=START + dt.timedelta(days=5),
        pain=9,
        stiffness=9,
        sleep_quality=2,
        stress=9,
        note="Bo's private note",
    )
    return user


def period(**overrides: Any) -> dict[str, dt.date]:
    return {"start": START, "end": END, **overrides}
