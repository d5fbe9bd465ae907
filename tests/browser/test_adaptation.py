"""The plan that adapts, in a real browser: a symptom during a session stops it; the morning
after a session is asked at the next check-in; a changed plan says what changed and why."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.conftest import look
from tests.browser.drive import pick
from tests.browser.test_player import start_session, with_plan

pytestmark = pytest.mark.django_db(transaction=True)


def finished_yesterday(pain: int = 2) -> Any:
    """A whole session yesterday (the person's date), every item done with the same pain."""
    from django.contrib.auth.models import User

    from upback.coach.selectors.accounts import local_today
    from upback.coach.selectors.plans import plan_current
    from upback.coach.selectors.sessions import plan_day_of
    from upback.coach.services.sessions import (
        Feedback,
        session_finish,
        session_item_record,
        session_start,
    )

    user = User.objects.get()
    plan = plan_current(owner=user)
    assert plan is not None
    day = local_today(owner=user) - dt.timedelta(days=1)
    session = session_start(
        owner=user, plan=plan, local_date=day, day=plan_day_of(day), pain_before=4
    )
    items = list(session.items.order_by("order"))
    for item in items:
        session_item_record(owner=user, session=session, order=item.order, status="done")
    feedback = {item.order: Feedback(feeling="too_hard", pain_during=pain) for item in items}
    session_finish(owner=user, session=session, pain_after=3, feedback=feedback)
    return session


def test_chest_pain_reported_at_the_end_of_a_session_leads_to_the_stop_page(
    signed_up: Any, live_server: Any
) -> None:
    from upback.coach.models import GuidedSession, Screening

    page = signed_up
    user = with_plan()
    start_session(page, live_server, pain="4")
    session = GuidedSession.objects.get(owner=user)
    page.goto(f"{live_server.url}/session/{session.pk}/finish/")
    question = page.get_by_role("group", name="During the session, did you have any of these?")
    assert question.is_visible()
    look(page, "adapt-finish-symptoms")

    page.get_by_label("Pain, pressure or tightness in your chest").check()
    page.get_by_role("button", name="Save and finish").click()
    page.wait_for_url(re.compile(r"/stop/$"))
    assert page.get_by_text("upback has stopped the session so you can get checked").is_visible()
    look(page, "adapt-symptom-stop")

    screening = Screening.objects.filter(owner=user).first()
    assert screening is not None and screening.source == "session"
    assert screening.disposition == "emergency"
    session.refresh_from_db()
    assert session.stopped_for_symptoms
    page.goto(f"{live_server.url}/session/start/")
    assert page.url.endswith("/stop/"), "no exercise while stopped"


def test_a_check_in_asks_about_the_morning_after_and_the_plan_shows_its_changes(
    signed_up: Any, live_server: Any
) -> None:
    from upback.coach.models import CheckIn, Plan

    page = signed_up
    user = with_plan()
    session = finished_yesterday(pain=7)  # a red session: the plan steps back at once
    assert Plan.objects.filter(owner=user).count() == 2

    page.goto(f"{live_server.url}/checkin/")
    question = "How was your back this morning, after yesterday’s session?"
    assert page.get_by_role("group", name=question).is_visible()
    for name, value in (("pain", "3"), ("stiffness", "4"), ("sleep_quality", "6"), ("stress", "2")):
        pick(page, name, value)
    pick(page, "next_morning_pain", "4")
    look(page, "adapt-checkin-next-morning")
    page.get_by_label("None of these").check()
    page.get_by_role("button", name=re.compile("Save")).click()
    page.wait_for_url(re.compile(r"/journal/$"))
    assert CheckIn.objects.get(owner=user).pain == 3
    session.refresh_from_db()
    assert session.next_morning_pain == 4

    page.goto(f"{live_server.url}/plan/")
    box = page.get_by_role("region", name="What changed and why")
    assert box.is_visible()
    assert box.get_by_text(re.compile(r"hurt during it \(7 out of 10\)")).first.is_visible()
    look(page, "adapt-plan-changed")
    box.get_by_role("link", name=re.compile("See every change")).click()
    page.wait_for_url(re.compile(r"/plan/history/$"))
    assert page.get_by_role("heading", name=re.compile("^Version 2")).is_visible()
    assert page.get_by_text("Rule adapt.step_back_dose").first.is_visible()
    look(page, "adapt-plan-history")
