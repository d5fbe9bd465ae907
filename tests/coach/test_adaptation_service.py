"""The plan adapting to sessions and check-ins, below the web layer: versions, rules, reasons."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.examples import GUIDE_PROFILE, cleared_answers
from upback.coach.models import Account, CheckIn, GuidedSession, Plan, Screening
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.adaptation import plan_history, session_awaiting_next_morning
from upback.coach.selectors.plans import plan_current
from upback.coach.selectors.screenings import care_state_get
from upback.coach.selectors.sessions import plan_day_of
from upback.coach.services.adaptation import plan_adapt, session_symptoms_record
from upback.coach.services.checkins import CheckinProblem, Scores, checkin_record
from upback.coach.services.plans import plan_create, profile_save
from upback.coach.services.screenings import screening_record
from upback.coach.services.sessions import (
    Feedback,
    SessionError,
    session_finish,
    session_item_record,
    session_next_morning_record,
    session_start,
)
from upback.core import safety
from upback.core.library import default_library
from upback.core.profile import parse_profile

pytestmark = pytest.mark.django_db

CALM = Scores(pain=3, stiffness=3, sleep_quality=7, stress=2)
DAY = dt.timedelta(days=1)


def person(name: str = "ana") -> User:
    user = User.objects.create_user(name)
    Account.objects.create(owner=user, time_zone="Europe/Lisbon")
    answers: dict[str, safety.Answer] = cleared_answers()
    screening_record(owner=user, screening=safety.Screening(age=40, answers=answers), source="web")
    profile = parse_profile(GUIDE_PROFILE)
    profile_save(owner=user, profile=profile)
    plan_create(owner=user, profile=profile)
    return user


@pytest.fixture
def ana() -> User:
    return person()


def today(user: User) -> dt.date:
    return local_today(owner=user)


def started(user: User, on: dt.date, pain_before: int = 3) -> GuidedSession:
    plan = plan_current(owner=user)
    assert plan is not None
    return session_start(
        owner=user, plan=plan, local_date=on, day=plan_day_of(on), pain_before=pain_before
    )


def done(
    user: User,
    on: dt.date,
    *,
    feeling: str = "about_right",
    pain: int = 1,
    symptoms: tuple[str, ...] = (),
) -> GuidedSession:
    """A whole session on `on`: every item done, each with the same feedback."""
    session = started(user, on)
    items = list(session.items.order_by("order"))
    for item in items:
        session_item_record(owner=user, session=session, order=item.order, status="done")
    session_finish(
        owner=user,
        session=session,
        pain_after=2,
        feedback={item.order: Feedback(feeling=feeling, pain_during=pain) for item in items},
        symptoms=symptoms,
    )
    return session


def versions(user: User) -> list[Plan]:
    return list(Plan.objects.filter(owner=user).order_by("version"))


def change(plan: Plan, slug: str) -> dict[str, Any]:
    return next(c for c in plan.changes if c["slug"] == slug)


def doses(plan: Plan, slug: str) -> set[tuple[int, Any, Any]]:
    return {
        (i["dose"]["sets"], i["dose"].get("reps"), i["dose"].get("hold_seconds"))
        for d in plan.data["days"]
        for i in d["items"]
        if i["slug"] == slug
    }


# ---- two greens, then one step up -----------------------------------------------------------


def test_two_green_sessions_confirmed_the_next_morning_step_the_plan_up(ana: User) -> None:
    now = today(ana)
    first = done(ana, now - 2 * DAY)
    assert len(versions(ana)) == 1  # the next morning is not known yet
    checkin_record(
        owner=ana, scores=CALM, local_date=now - DAY, next_morning_pain=2, morning_session=first
    )
    assert len(versions(ana)) == 1  # one green is not enough
    second = done(ana, now - DAY)
    recorded = checkin_record(owner=ana, scores=CALM, next_morning_pain=2, morning_session=second)

    plans = versions(ana)
    assert len(plans) == 2 and recorded.plans == (plans[1],)
    new = plans[1]
    stretch = change(new, "doorway_pec_stretch")
    assert stretch == {
        "slug": "doorway_pec_stretch",
        "name": "Doorway chest stretch",
        "rule": "adapt.progress_sets",
        "reason": "Doorway chest stretch felt about right and pain stayed low for two sessions "
        "in a row: one more set.",
        "before": "2 × 30 s hold each side",
        "after": "3 × 30 s hold each side",
        "new_slug": None,
        "new_name": None,
    }
    assert "adapt.progress_sets" in new.rules
    assert set(new.rules) == {c["rule"] for c in new.changes}
    assert new.reason.startswith("after your sessions: a step up for ")
    assert doses(new, "doorway_pec_stretch") == {(3, None, 30)}
    assert new.profile_snapshot == plans[0].profile_snapshot


def test_a_step_up_waits_a_week_before_the_next(ana: User) -> None:
    now = today(ana)
    for back in (2, 1):
        session = done(ana, now - back * DAY)
        session_next_morning_record(owner=ana, session=session, pain=2)
    assert plan_adapt(owner=ana).changed
    for ahead in (0, 1):
        session = done(ana, now + ahead * DAY)
        session_next_morning_record(owner=ana, session=session, pain=2)
    result = plan_adapt(owner=ana, today=now + 2 * DAY)
    held = [d for d in result.decisions if d.slug == "doorway_pec_stretch"]
    assert held and held[0].rule == "adapt.repeat" and "one step a week at most" in held[0].reason
    assert all(
        c["slug"] != "doorway_pec_stretch" for plan in versions(ana)[2:] for c in plan.changes
    )
    assert doses(versions(ana)[-1], "doorway_pec_stretch") == {(3, None, 30)}


# ---- red sessions ---------------------------------------------------------------------------


def test_a_painful_session_steps_back_as_soon_as_it_is_finished(ana: User) -> None:
    done(ana, today(ana), pain=7)
    plans = versions(ana)
    assert len(plans) == 2
    assert set(plans[1].rules) <= {"adapt.step_back_dose", "adapt.step_back_variant"}
    stretch = change(plans[1], "doorway_pec_stretch")
    assert stretch["rule"] == "adapt.step_back_dose"
    assert stretch["reason"] == (
        "Doorway chest stretch hurt during it (7 out of 10): one set fewer for now."
    )
    assert plans[1].reason.startswith("after your sessions: a step back for ")


def test_two_red_sessions_in_a_week_bring_the_flare_up_plan(ana: User) -> None:
    now = today(ana)
    done(ana, now - 3 * DAY, pain=7)
    done(ana, now, pain=7)
    latest = versions(ana)[-1]
    assert latest.rules == ["adapt.flare"]
    assert latest.reason.startswith("flare-up plan for a few days: two sessions within a week")
    assert latest.data["flare"]["phase"] == "flare"
    assert latest.data["flare"]["from_version"] == latest.version - 1
    library = default_library()
    for day in latest.data["days"]:
        assert all(library.get(i["slug"]).suitability.flare_ok for i in day["items"])
    assert all(c["rule"] == "adapt.flare" for c in latest.changes)


def test_a_flare_on_a_check_in_builds_back_up_then_returns_the_full_plan(ana: User) -> None:
    now = today(ana)
    for back in (20, 19, 18):
        CheckIn.objects.create(owner=ana, local_date=now - back * DAY, pain=3, **rest())
    CheckIn.objects.create(owner=ana, local_date=now - 10 * DAY, pain=6, **rest())
    first = versions(ana)[0]

    plan_adapt(owner=ana, today=now - 10 * DAY)
    flare = versions(ana)[-1]
    assert flare.data["flare"] == {
        **flare.data["flare"],
        "phase": "flare",
        "since": (now - 10 * DAY).isoformat(),
        "from_version": 1,
    }
    assert "your pain (6 out of 10) is 2 or more above your usual (about 3)" in flare.reason

    plan_adapt(owner=ana, today=now - 9 * DAY)
    assert versions(ana)[-1] == flare  # still sore yesterday: stays on the flare plan
    for back in (9, 8):
        CheckIn.objects.create(owner=ana, local_date=now - back * DAY, pain=3, **rest())
    plan_adapt(owner=ana, today=now - 8 * DAY)
    rebuilding = versions(ana)[-1]
    assert rebuilding.data["flare"]["phase"] == "rebuilding"
    assert rebuilding.reason.startswith("building back up after the flare")

    plan_adapt(owner=ana, today=now - DAY)
    full = versions(ana)[-1]
    assert full.reason == "back to your full plan after the flare"
    assert full.data == first.data and full.rules == ["adapt.flare"]


def rest() -> dict[str, int]:
    return {"stiffness": 3, "sleep_quality": 7, "stress": 2}


def test_rising_pain_pauses_every_step_up(ana: User) -> None:
    now = today(ana)
    for back in (20, 19, 18):
        CheckIn.objects.create(owner=ana, local_date=now - back * DAY, pain=2, **rest())
    for back in (2, 1, 0):
        CheckIn.objects.create(owner=ana, local_date=now - back * DAY, pain=3, **rest())
    for back in (2, 1):
        session = done(ana, now - back * DAY)
        session_next_morning_record(owner=ana, session=session, pain=2)
    CheckIn.objects.filter(owner=ana, local_date__gte=now - 2 * DAY).update(pain=5)
    result = plan_adapt(owner=ana)
    held = [d for d in result.decisions if d.slug == "doorway_pec_stretch"]
    assert held[0].rule == "adapt.freeze" and "higher than usual" in held[0].reason
    assert not any(r.startswith("adapt.progress_") for p in versions(ana) for r in p.rules)


def test_nothing_adapts_without_a_plan_or_while_exercise_is_stopped(ana: User) -> None:
    assert not plan_adapt(owner=User.objects.create_user("ben")).changed
    done(ana, today(ana) - DAY)
    screening_record(
        owner=ana,
        screening=safety.Screening(age=40, answers={"chest_pain_or_pressure": "yes"}),
        source="web",
    )
    GuidedSession.objects.filter(owner=ana).update(next_morning_pain=9)
    assert plan_adapt(owner=ana) == plan_adapt(owner=ana)
    assert not plan_adapt(owner=ana).changed and len(versions(ana)) == 1


# ---- symptoms that stop a session ------------------------------------------------------------


@pytest.mark.parametrize(
    ("symptom", "disposition"),
    [
        ("chest_pain_or_pressure", "emergency"),
        ("shortness_of_breath", "emergency"),
        ("lightheaded_or_fainting", "emergency"),
        ("leg_weakness", "emergency"),
        ("arm_weakness", "urgent"),
        ("arm_numbness_or_tingling_one_side", "soon"),
    ],
)
def test_a_symptom_during_a_session_is_recorded_as_a_safety_screening(
    ana: User, symptom: str, disposition: str
) -> None:
    session = done(ana, today(ana), pain=9, symptoms=(symptom,))
    screening = Screening.objects.filter(owner=ana).first()
    assert screening is not None and screening.source == "session"
    assert screening.answers == {symptom: "yes"}
    assert screening.disposition == disposition and screening.age == 40
    state = care_state_get(owner=ana)
    assert state.stopped == (disposition in ("emergency", "urgent"))
    session.refresh_from_db()
    assert session.stopped_for_symptoms and session.finished_at is not None
    assert len(versions(ana)) == 1  # no adapting: the screen comes first


def test_symptoms_can_be_recorded_before_the_session_is_finished(ana: User) -> None:
    session = started(ana, today(ana))
    screening = session_symptoms_record(
        owner=ana, session=session, symptoms=["shortness_of_breath"]
    )
    assert screening is not None and screening.disposition == "emergency"
    session.refresh_from_db()
    assert session.stopped_for_symptoms and session.finished_at is None
    assert session_symptoms_record(owner=ana, session=session, symptoms=[]) is None
    with pytest.raises(PermissionError):
        session_symptoms_record(owner=person("ben"), session=session, symptoms=["arm_weakness"])


def test_a_symptom_not_asked_about_is_refused_and_nothing_is_saved(ana: User) -> None:
    session = started(ana, today(ana))
    with pytest.raises(SessionError) as problem:
        session_finish(owner=ana, session=session, pain_after=2, feedback={}, symptoms=["fever"])
    assert problem.value.field == "symptoms"
    session.refresh_from_db()
    assert session.finished_at is None and not session.stopped_for_symptoms
    assert Screening.objects.filter(owner=ana, source="session").count() == 0


# ---- the next morning -----------------------------------------------------------------------


def test_the_next_morning_is_asked_about_yesterdays_or_the_day_befores_session(
    ana: User,
) -> None:
    now = today(ana)
    assert session_awaiting_next_morning(owner=ana, today=now) is None
    old = done(ana, now - 3 * DAY)
    assert session_awaiting_next_morning(owner=ana, today=now) is None
    before = done(ana, now - 2 * DAY)
    assert session_awaiting_next_morning(owner=ana, today=now) == before
    yesterday = done(ana, now - DAY)
    started(ana, now - DAY)  # unfinished: not asked about
    done(ana, now)  # today's: its morning is still to come
    assert session_awaiting_next_morning(owner=ana, today=now) == yesterday
    session_next_morning_record(owner=ana, session=yesterday, pain=4)
    assert session_awaiting_next_morning(owner=ana, today=now) is None
    assert session_awaiting_next_morning(owner=person("ben"), today=now) is None
    old.refresh_from_db()
    assert old.next_morning_pain is None


def test_the_next_morning_is_saved_with_every_session_finished_that_day(ana: User) -> None:
    now = today(ana)
    first, second = done(ana, now - DAY), done(ana, now - DAY)
    assert session_next_morning_record(owner=ana, session=second, pain=3) == 2
    first.refresh_from_db()
    assert first.next_morning_pain == 3


@pytest.mark.parametrize("pain", [-1, 11, True, "3"])
def test_a_next_morning_outside_0_to_10_is_refused(ana: User, pain: Any) -> None:
    session = done(ana, today(ana) - DAY)
    with pytest.raises(SessionError):
        session_next_morning_record(owner=ana, session=session, pain=pain)
    with pytest.raises(CheckinProblem) as problem:
        checkin_record(owner=ana, scores=CALM, next_morning_pain=pain, morning_session=session)
    assert problem.value.field == "next_morning_pain"
    assert not CheckIn.objects.filter(owner=ana).exists()


def test_only_the_owners_finished_session_takes_a_next_morning(ana: User) -> None:
    ben = person("ben")
    theirs = done(ben, today(ben) - DAY)
    with pytest.raises(SessionError):
        session_next_morning_record(owner=ana, session=theirs, pain=2)
    with pytest.raises(CheckinProblem):
        checkin_record(owner=ana, scores=CALM, next_morning_pain=2, morning_session=theirs)
    unfinished = started(ana, today(ana) - DAY)
    with pytest.raises(SessionError):
        session_next_morning_record(owner=ana, session=unfinished, pain=2)
    theirs.refresh_from_db()
    assert theirs.next_morning_pain is None


# ---- the history ----------------------------------------------------------------------------


def test_the_history_lists_each_version_newest_first_with_its_rules(ana: User) -> None:
    done(ana, today(ana), pain=7)
    ben = person("ben")
    found = plan_history(owner=ana)
    assert [v.version for v in found.versions] == [2, 1]
    newest = found.versions[0]
    assert newest.current and not found.versions[1].current
    stretch = next(c for c in newest.changes if c.name == "Doorway chest stretch")
    assert (stretch.rule, stretch.rule_title) == (
        "adapt.step_back_dose",
        "A step back: a lighter dose",
    )
    assert [v.version for v in plan_history(owner=ben).versions] == [1]
