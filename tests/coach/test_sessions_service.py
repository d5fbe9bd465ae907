"""Guided sessions: started from today's plan, each item saved as it happens, finished with pain."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from tests.examples import GUIDE_PROFILE, cleared_answers
from upback.coach.models import GuidedItem, GuidedSession, Plan
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.sessions import (
    plan_day_items,
    session_list_on,
    session_unfinished_on,
)
from upback.coach.services.accounts import account_create
from upback.coach.services.plans import plan_create, profile_save
from upback.coach.services.screenings import screening_record
from upback.coach.services.sessions import (
    Feedback,
    SessionError,
    SessionFinished,
    session_finish,
    session_item_record,
    session_start,
)
from upback.core.library import default_library
from upback.core.profile import parse_profile
from upback.core.safety import parse_screening

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)  # a Monday


def cleared_screening() -> dict[str, Any]:
    """Every warning sign answered no, with a clear physical cause: the self-care path."""
    return {"age": 40, "answers": cleared_answers()}


def person_with_plan(username: str = "ana") -> tuple[User, Plan]:
    user = User.objects.create_user(username)
    screening_record(owner=user, screening=parse_screening(cleared_screening()), source="web")
    profile = parse_profile(GUIDE_PROFILE)
    profile_save(owner=user, profile=profile)
    return user, plan_create(owner=user, profile=profile)


@pytest.fixture
def owner_plan() -> tuple[User, Plan]:
    return person_with_plan()


def start(owner: User, plan: Plan, **kwargs: Any) -> GuidedSession:
    values: dict[str, Any] = {"local_date": TODAY, "day": "mon", "pain_before": 5, **kwargs}
    return session_start(owner=owner, plan=plan, **values)


def test_starting_creates_a_pending_item_per_plan_item_in_order(
    owner_plan: tuple[User, Plan],
) -> None:
    owner, plan = owner_plan
    session = start(owner, plan)
    expected = plan_day_items(plan=plan, day="mon")
    items = list(session.items.order_by("order"))
    assert [i.slug for i in items] == [e["slug"] for e in expected]
    assert [i.order for i in items] == list(range(len(expected)))
    assert all(i.status == GuidedItem.Status.PENDING for i in items)
    assert items[0].dose == expected[0]["dose"] and items[0].name == expected[0]["name"]
    assert session.pain_before == 5 and session.day == "mon" and session.local_date == TODAY
    assert session_unfinished_on(owner=owner, local_date=TODAY) == session


def test_a_gentle_only_session_keeps_flare_suitable_items_only(
    owner_plan: tuple[User, Plan],
) -> None:
    owner, plan = owner_plan
    session = start(owner, plan, gentle_only=True)
    library = default_library()
    slugs = [i.slug for i in session.items.all()]
    assert slugs and all(library.get(s).suitability.flare_ok for s in slugs)
    assert len(slugs) < len(plan_day_items(plan=plan, day="mon"))


@pytest.mark.parametrize("pain", [11, -1, None, "5", True])
def test_a_pain_score_outside_0_to_10_is_refused(owner_plan: tuple[User, Plan], pain: Any) -> None:
    owner, plan = owner_plan
    with pytest.raises(SessionError) as error:
        start(owner, plan, pain_before=pain)
    assert error.value.field == "pain_before"
    assert not GuidedSession.objects.exists()


def test_an_unknown_day_is_refused(owner_plan: tuple[User, Plan]) -> None:
    owner, plan = owner_plan
    with pytest.raises(SessionError, match="day of the week"):
        start(owner, plan, day="someday")


def test_another_persons_plan_cannot_be_started(owner_plan: tuple[User, Plan]) -> None:
    _, plan = owner_plan
    outsider, _ = person_with_plan("ben")
    with pytest.raises(SessionError):
        start(outsider, plan)


def test_an_item_is_recorded_done_or_skipped_with_its_time(owner_plan: tuple[User, Plan]) -> None:
    owner, plan = owner_plan
    session = start(owner, plan)
    done = session_item_record(owner=owner, session=session, order=0, status="done")
    skipped = session_item_record(owner=owner, session=session, order=1, status="skipped")
    assert done.status == "done" and done.completed_at is not None
    assert skipped.status == "skipped"
    again = session_item_record(owner=owner, session=session, order=1, status="done")
    assert again.status == "done"
    assert GuidedItem.objects.get(session=session, order=1).status == "done"


@pytest.mark.parametrize("status", ["pending", "", "finished", "DONE"])
def test_an_item_cannot_be_recorded_with_a_made_up_status(
    owner_plan: tuple[User, Plan], status: str
) -> None:
    owner, plan = owner_plan
    session = start(owner, plan)
    with pytest.raises(SessionError) as error:
        session_item_record(owner=owner, session=session, order=0, status=status)
    assert error.value.field == "status"


def test_an_item_outside_the_session_is_refused(owner_plan: tuple[User, Plan]) -> None:
    owner, plan = owner_plan
    session = start(owner, plan)
    with pytest.raises(SessionError) as error:
        session_item_record(owner=owner, session=session, order=99, status="done")
    assert error.value.field == "order"


def test_only_the_owner_records_items(owner_plan: tuple[User, Plan]) -> None:
    owner, plan = owner_plan
    session = start(owner, plan)
    outsider, _ = person_with_plan("ben")
    with pytest.raises(SessionError):
        session_item_record(owner=outsider, session=session, order=0, status="done")


def test_finishing_stores_pain_after_and_feedback_and_skips_what_was_not_reached(
    owner_plan: tuple[User, Plan],
) -> None:
    owner, plan = owner_plan
    session = start(owner, plan)
    session_item_record(owner=owner, session=session, order=0, status="done")
    session_item_record(owner=owner, session=session, order=1, status="done")
    session_finish(
        owner=owner,
        session=session,
        pain_after=3,
        feedback={0: Feedback("about_right", 2), 1: Feedback("too_hard", 6)},
        stopped_for_symptoms=True,
    )
    session.refresh_from_db()
    assert session.pain_after == 3 and session.finished_at is not None
    assert session.stopped_for_symptoms
    items = list(session.items.order_by("order"))
    assert (items[0].feeling, items[0].pain_during) == ("about_right", 2)
    assert (items[1].feeling, items[1].pain_during) == ("too_hard", 6)
    assert all(i.status == "skipped" and i.completed_at for i in items[2:])
    assert session_unfinished_on(owner=owner, local_date=TODAY) is None
    assert session_list_on(owner=owner, local_date=TODAY) == [session]


@pytest.mark.parametrize(
    ("pain_after", "feedback", "field"),
    [
        (11, {}, "pain_after"),
        (3, {0: Feedback("meh", 2)}, "feeling_0"),
        (3, {0: Feedback("about_right", 12)}, "pain_0"),
        (3, {42: Feedback("about_right", 2)}, "item_42"),
    ],
)
def test_finishing_with_a_bad_value_saves_nothing(
    owner_plan: tuple[User, Plan], pain_after: int, feedback: dict[int, Feedback], field: str
) -> None:
    owner, plan = owner_plan
    session = start(owner, plan)
    session_item_record(owner=owner, session=session, order=0, status="done")
    with pytest.raises(SessionError) as error:
        session_finish(owner=owner, session=session, pain_after=pain_after, feedback=feedback)
    assert error.value.field == field
    session.refresh_from_db()
    assert session.finished_at is None and session.pain_after is None
    assert GuidedItem.objects.filter(session=session, status="pending").count() > 0


def test_a_finished_session_cannot_be_changed_or_finished_again(
    owner_plan: tuple[User, Plan],
) -> None:
    owner, plan = owner_plan
    session = start(owner, plan)
    session_finish(owner=owner, session=session, pain_after=4, feedback={})
    with pytest.raises(SessionFinished):
        session_item_record(owner=owner, session=session, order=0, status="done")
    with pytest.raises(SessionFinished):
        session_finish(owner=owner, session=session, pain_after=2, feedback={})
    session.refresh_from_db()
    assert session.pain_after == 4


def test_the_database_refuses_pain_above_10_whatever_the_path(
    owner_plan: tuple[User, Plan],
) -> None:
    owner, plan = owner_plan
    session = start(owner, plan)
    item = session.items.first()
    assert item is not None
    item.pain_during = 11
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_the_local_date_follows_the_persons_time_zone() -> None:
    person = account_create(
        username="kai", email="", password="a calm back 2026", time_zone="Pacific/Auckland"
    )
    late_utc = dt.datetime(2026, 3, 1, 20, 0, tzinfo=dt.UTC)  # already the 2nd in Auckland
    assert local_today(owner=person, now=late_utc) == dt.date(2026, 3, 2)
    nobody = User.objects.create_user("no-account")
    assert local_today(owner=nobody, now=late_utc) == dt.date(2026, 3, 1)
