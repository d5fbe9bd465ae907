"""The progress selector: a person's own check-ins, finished sessions, plan and reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tests.examples import GUIDE_PROFILE, cleared_answers
from upback.coach.models import Account, CheckIn, GuidedSession, Plan, Review
from upback.coach.selectors.progress import planned_per_week, progress_get, progress_inputs
from upback.coach.services.plans import plan_create
from upback.coach.services.screenings import screening_record
from upback.core.profile import parse_profile
from upback.core.progress import PainEntry, SessionEntry
from upback.core.safety import parse_screening

pytestmark = pytest.mark.django_db

START = dt.date(2026, 3, 2)  # a Monday
NOW = dt.datetime(2026, 3, 30, 12, 0, tzinfo=dt.UTC)  # day 28 (a Monday)


def person(username: str = "ana") -> tuple[User, Plan]:
    user = User.objects.create_user(username)
    Account.objects.create(owner=user, time_zone="Europe/Lisbon")
    answers: dict[str, Any] = cleared_answers()
    screening = parse_screening({"age": 40, "answers": answers})
    screening_record(owner=user, screening=screening, source="web")
    return user, plan_create(owner=user, profile=parse_profile(GUIDE_PROFILE))


def checkins(owner: User, values: list[int]) -> None:
    for offset, pain in enumerate(values):
        CheckIn.objects.create(
            owner=owner,
            local_date=START + dt.timedelta(days=offset),
            pain=pain,
            stiffness=pain,
            sleep_quality=5,
            stress=5,
        )


def session(owner: User, plan: Plan, offset: int, *, finished: bool = True, **kw: Any) -> None:
    GuidedSession.objects.create(
        owner=owner,
        plan=plan,
        day="mon",
        local_date=START + dt.timedelta(days=offset),
        finished_at=timezone.now() if finished else None,
        pain_before=kw.get("before", 6),
        pain_after=kw.get("after", 4),
    )


def review(owner: User, offset: int, *, pgic: int, psfs: list[tuple[str, int]]) -> None:
    Review.objects.create(
        owner=owner,
        local_date=START + dt.timedelta(days=offset),
        verdict="no_change",
        pgic=pgic,
        psfs=[{"activity": name, "score": score} for name, score in psfs],
    )


def test_it_reads_check_ins_and_finished_sessions_only() -> None:
    owner, plan = person()
    checkins(owner, [6, 5, 7])
    session(owner, plan, 0, before=6, after=3)
    session(owner, plan, 1, before=5, after=None)
    session(owner, plan, 2, finished=False)
    inputs = progress_inputs(owner=owner, now=NOW)
    assert inputs.pain == (
        PainEntry(day=START, pain=6),
        PainEntry(day=START + dt.timedelta(days=1), pain=5),
        PainEntry(day=START + dt.timedelta(days=2), pain=7),
    )
    assert inputs.sessions == (
        SessionEntry(day=START, pain_before=6, pain_after=3),
        SessionEntry(day=START + dt.timedelta(days=1), pain_before=5, pain_after=None),
    )
    assert inputs.today == dt.date(2026, 3, 30)


def test_today_is_the_persons_own_date() -> None:
    owner, _ = person()
    Account.objects.filter(owner=owner).update(time_zone="Pacific/Auckland")
    late = dt.datetime(2026, 3, 30, 20, 0, tzinfo=dt.UTC)  # already the 31st in Auckland
    assert progress_inputs(owner=owner, now=late).today == dt.date(2026, 3, 31)


def test_planned_sessions_are_the_plan_days_with_items() -> None:
    owner, plan = person()
    expected = sum(1 for day in plan.data["days"] if day["items"])
    assert progress_inputs(owner=owner, now=NOW).planned_per_week == expected == 7
    plan.data["days"][0]["items"] = []
    assert planned_per_week(plan) == 6
    assert planned_per_week(None) == 0
    broken = Plan(data={"days": "nope"})
    assert planned_per_week(broken) == 0


def test_without_a_plan_adherence_is_unknown() -> None:
    owner = User.objects.create_user("bo")
    checkins(owner, [5] * 10)
    progress = progress_get(owner=owner, now=NOW)
    assert progress.adherence is None
    assert progress.baseline == 5


def test_reviews_give_the_pgic_the_psfs_change_and_the_last_review_date() -> None:
    owner, _ = person()
    review(owner, 0, pgic=4, psfs=[("Reaching up", 3), ("Sitting at work", 4), ("Driving", 5)])
    review(owner, 27, pgic=2, psfs=[("reaching  up", 6), ("Sitting at work", 6), ("Lifting", 2)])
    inputs = progress_inputs(owner=owner, now=NOW)
    assert inputs.pgic == 2
    assert inputs.psfs_change == pytest.approx(2.5)  # (3 + 2) / 2 over the shared activities
    assert inputs.last_review == START + dt.timedelta(days=27)


def test_the_psfs_change_compares_the_first_review_with_the_latest_skipping_those_between() -> None:
    owner, _ = person()
    review(owner, 0, pgic=5, psfs=[("Reaching up", 2)])
    review(owner, 27, pgic=4, psfs=[("Reaching up", 9)])
    review(owner, 55, pgic=3, psfs=[("Reaching up", 5)])
    inputs = progress_inputs(owner=owner, now=NOW + dt.timedelta(days=60))
    assert inputs.psfs_change == pytest.approx(3.0)
    assert inputs.pgic == 3
    assert inputs.last_review == START + dt.timedelta(days=55)


def test_one_review_gives_no_psfs_change_yet() -> None:
    owner, _ = person()
    review(owner, 0, pgic=3, psfs=[("Reaching up", 3)])
    inputs = progress_inputs(owner=owner, now=NOW)
    assert inputs.psfs_change is None and inputs.pgic == 3


def test_a_flat_month_with_sessions_done_advises_a_professional() -> None:
    owner, plan = person()
    checkins(owner, [6] * 29)
    for offset in range(29):
        session(owner, plan, offset)
    progress = progress_get(owner=owner, now=NOW)
    assert progress.verdict == "no_change"
    assert "see_professional" in [a.code for a in progress.advice]
    assert progress.relief.average == 2.0


def test_it_reads_only_the_owners_rows() -> None:
    owner, _ = person("ana")
    outsider, outsider_plan = person("ben")
    checkins(outsider, [8] * 20)
    session(outsider, outsider_plan, 3)
    review(outsider, 2, pgic=1, psfs=[("Reaching up", 3)])
    inputs = progress_inputs(owner=owner, now=NOW)
    assert inputs.pain == () and inputs.sessions == () and inputs.pgic is None
    assert progress_get(owner=owner, now=NOW).verdict == "not_enough_data"


def test_days_cuts_the_series_but_not_the_verdict() -> None:
    owner, _ = person()
    checkins(owner, [6] * 29)
    whole = progress_get(owner=owner, now=NOW)
    cut = progress_get(owner=owner, now=NOW, days=14)
    assert len(whole.daily) == 29 and len(cut.daily) == 14
    assert cut.daily[-1].day == dt.date(2026, 3, 30)
    assert cut.verdict == whole.verdict and cut.baseline == whole.baseline
