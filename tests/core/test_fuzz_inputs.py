"""Bad input can't break the core: hypothesis throws junk at every entry point a person can reach.

Each entry point either returns its result or refuses with one InputProblem (a ValueError) whose
message names the field; nothing else may escape. The numbers it hands back are finite, and the
safety screen never clears someone whose answer to a warning-sign question is unknown.
"""

from __future__ import annotations

import math
from datetime import date, time, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.examples import GUIDE_PROFILE, cleared_answers
from upback.core.breaks import WEEKDAYS, BreakSettings, day_schedule
from upback.core.desk import DeskInputProblem, calculate, text_neck
from upback.core.errors import InputProblem
from upback.core.heat_cold import (
    FEELS,
    SAFETY_KEYS,
    HeatColdProblem,
    decide,
    parse_answers,
)
from upback.core.profile import Profile, parse_profile
from upback.core.progress import VERDICTS, PainEntry, SessionEntry, assess
from upback.core.safety import RULES, SYMPTOM_KEYS, Screening, parse_screening, screen
from upback.core.safety.rules import SELF_CARE
from upback.core.sleep_helper import MATTRESS, POSITIONS, SleepProblem, sleep_plan

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Anything JSON can hold, a few levels deep.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def names_a_field(problem: ValueError, *fields: str) -> None:
    """The message starts with the field (or path) it is about, and is no traceback."""
    message = str(problem)
    assert message and "Traceback" not in message
    head = message.split(":", 1)[0]
    assert head, message
    if fields:
        assert any(field in head for field in fields), message


# ---------------------------------------------------------------------------------------------
# Profiles
# ---------------------------------------------------------------------------------------------

PROFILE_FIELDS = sorted(Profile.model_fields)


@st.composite
def profile_like(draw: st.DrawFn) -> dict[str, Any]:
    """A valid profile with some fields dropped, replaced by junk, or joined by unknown keys."""
    data: dict[str, Any] = dict(GUIDE_PROFILE)
    for field in draw(st.lists(st.sampled_from(PROFILE_FIELDS), max_size=4, unique=True)):
        if draw(st.booleans()):
            del data[field]
        else:
            data[field] = draw(json_values)
    data.update(draw(st.dictionaries(st.text(max_size=10), json_values, max_size=2)))
    return data


@FUZZ
@given(data=profile_like() | json_values)
def test_a_profile_is_either_valid_or_refused_with_a_message_naming_the_field(data: Any) -> None:
    try:
        profile = parse_profile(data)
    except InputProblem as problem:
        names_a_field(problem, "profile")
    else:
        assert isinstance(profile, Profile)
        assert 18 <= profile.age <= 110 and 5 <= profile.minutes_per_day <= 30


def test_the_guide_profile_itself_passes_the_fuzzers_starting_point() -> None:
    assert parse_profile(dict(GUIDE_PROFILE)).age == GUIDE_PROFILE["age"]


# ---------------------------------------------------------------------------------------------
# Safety answers
# ---------------------------------------------------------------------------------------------

KEYS = sorted(SYMPTOM_KEYS)
ANSWERS = ["yes", "no", "not_sure"]
junk_answers = st.sampled_from(["Yes", "y", "", "maybe", "NO"]) | json_values


@st.composite
def answers_like(draw: st.DrawFn) -> dict[str, Any]:
    """Real keys with real or junk answers, sometimes a misspelt key, a junk age or sex."""
    answers: dict[Any, Any] = draw(
        st.dictionaries(st.sampled_from(KEYS), st.sampled_from(ANSWERS) | junk_answers, max_size=12)
    )
    if draw(st.integers(0, 4)) == 0:
        answers[draw(st.text(max_size=15))] = draw(st.sampled_from(ANSWERS))
    data: dict[str, Any] = {"answers": answers}
    if draw(st.booleans()):
        data["age"] = draw(st.integers(-5, 130) | json_values)
    if draw(st.booleans()):
        data["sex"] = draw(st.sampled_from(["female", "male", "other", "f", ""]) | json_values)
    if draw(st.integers(0, 6)) == 0:
        data[draw(st.text(max_size=8))] = draw(json_values)
    return data


@FUZZ
@given(data=answers_like() | json_values)
def test_safety_answers_are_either_screened_or_refused_with_a_message_naming_the_field(
    data: Any,
) -> None:
    try:
        screening = parse_screening(data)
    except InputProblem as problem:
        names_a_field(problem)
    else:
        result = screen(screening)
        assert result.reasons and result.next_steps


def _alone_fires_a_rule(symptom: str) -> bool:
    alone = Screening(answers={symptom: "yes"})
    return any(rule.condition.evaluate(alone) for rule in RULES.values())


# Keys whose "yes" is a warning sign on its own: a rule fires on that answer alone.
WARNING_KEYS = sorted(k for k in KEYS if _alone_fires_a_rule(k))


def test_there_are_warning_sign_questions_to_fuzz() -> None:
    assert len(WARNING_KEYS) >= 17


@FUZZ
@given(
    answers=st.dictionaries(st.sampled_from(KEYS), st.sampled_from(ANSWERS)),
    unknown=st.sampled_from(WARNING_KEYS),
    how=st.sampled_from(["missing", "not_sure"]),
    age=st.none() | st.integers(18, 120),
    start_cleared=st.booleans(),
)
def test_an_unknown_answer_to_a_warning_sign_question_never_clears_to_self_care(
    answers: dict[str, str], unknown: str, how: str, age: int | None, start_cleared: bool
) -> None:
    # Starting from a fully cleared person makes self-care otherwise likely, so the unknown
    # answer is the only thing standing between them and a clearance.
    given_answers = {**cleared_answers(), **answers} if start_cleared else dict(answers)
    given_answers.pop(unknown, None)
    if how == "not_sure":
        given_answers[unknown] = "not_sure"
    result = screen(Screening(age=age, answers=given_answers))
    assert result.disposition is not SELF_CARE


def test_a_fully_cleared_person_is_self_care_so_the_property_above_is_not_vacuous() -> None:
    assert screen(Screening(age=40, answers=cleared_answers())).disposition is SELF_CARE


# ---------------------------------------------------------------------------------------------
# Journals
# ---------------------------------------------------------------------------------------------

TODAY = date(2026, 3, 15)
# Decades away, not centuries: the daily series has one point per day from the first entry to
# today, so a journal spanning centuries is large by design and only slows the fuzzer down.
far_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
near_days = st.integers(-60, 10).map(lambda n: TODAY + timedelta(days=n))
journal_days = near_days | far_days
scores = st.integers(-5, 15)
pain_journal = st.lists(st.builds(PainEntry, day=journal_days, pain=scores), max_size=80)
session_journal = st.lists(
    st.builds(SessionEntry, day=journal_days, pain_before=scores, pain_after=st.none() | scores),
    max_size=40,
)


def _finite(value: float | None) -> bool:
    return value is None or math.isfinite(value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pain=pain_journal,
    sessions=session_journal,
    duplicate=st.booleans(),
    today=st.just(TODAY) | far_days,
    planned=st.integers(-3, 30),
    psfs=st.none() | st.floats(-10, 10),
    pgic=st.none() | st.integers(-2, 9),
    last_review=st.none() | journal_days,
)
def test_any_journal_is_assessed_without_error_and_its_figures_are_finite(
    pain: list[PainEntry],
    sessions: list[SessionEntry],
    duplicate: bool,
    today: date,
    planned: int,
    psfs: float | None,
    pgic: int | None,
    last_review: date | None,
) -> None:
    if duplicate:  # the same check-in recorded twice, as a retried request might
        pain, sessions = pain + pain[:5], sessions + sessions[:3]
    progress = assess(
        pain=pain,
        sessions=sessions,
        today=today,
        planned_per_week=planned,
        psfs_change=psfs,
        pgic=pgic,
        last_review=last_review,
    )
    assert progress.verdict in VERDICTS
    figures = [
        progress.baseline,
        progress.current_7day,
        progress.change_points,
        progress.change_percent,
        progress.adherence,
        progress.relief.average,
        *(point.value for point in progress.daily),
        *(point.value for point in progress.rolling_7day),
    ]
    assert all(_finite(value) for value in figures)
    assert progress.streak_days >= 0 and progress.days_tracked >= 0
    assert progress.to_json()["verdict"] == progress.verdict


# ---------------------------------------------------------------------------------------------
# Break settings
# ---------------------------------------------------------------------------------------------

BREAK_FIELDS = sorted(BreakSettings.model_fields)


@st.composite
def break_settings_like(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["days"] = draw(st.lists(st.sampled_from([*WEEKDAYS, "monday", "x"]), max_size=8))
    for name in ("start", "end"):
        if draw(st.booleans()):
            data[name] = draw(
                st.times().map(lambda t: t.isoformat())
                | st.sampled_from(["25:00", "9", "nine", "09:00+01:00"])
                | st.times()
            )
    for name in ("interval_minutes", "active_every_minutes", "active_minutes"):
        if draw(st.booleans()):
            data[name] = draw(st.integers(-10, 200) | json_values)
    if draw(st.booleans()):
        data["timezone"] = draw(
            st.sampled_from(["UTC", "Europe/London", "America/New_York", "Mars/Olympus", ""])
            | st.text(max_size=20)
        )
    if draw(st.integers(0, 8)) == 0:
        data[draw(st.text(max_size=8))] = 1
    return data


@FUZZ
@given(data=break_settings_like(), day=st.dates(date(2000, 1, 1), date(2100, 12, 31)))
def test_break_settings_are_either_valid_or_refused_naming_the_field(
    data: dict[str, Any], day: date
) -> None:
    try:
        chosen = BreakSettings.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        assert problem["loc"] and (problem["loc"][0] in BREAK_FIELDS or problem["type"] != "")
        assert problem["msg"]
        return
    assert chosen.start < chosen.end
    assert 20 <= chosen.interval_minutes <= 60
    for planned in day_schedule(chosen, day):
        start, end = chosen.hours_on(day)
        assert start < planned.at < end


# ---------------------------------------------------------------------------------------------
# Heat or cold, sleep, desk
# ---------------------------------------------------------------------------------------------


@FUZZ
@given(
    feels=st.lists(st.sampled_from([*FEELS, "numb", ""]) | st.text(max_size=6), max_size=5),
    since=st.none() | st.integers(-5, 5000) | st.booleans(),
    safety=st.dictionaries(
        st.sampled_from([*SAFETY_KEYS, "fever"]),
        st.sampled_from(["yes", "no", "not_sure", "Y", ""]),
        max_size=len(SAFETY_KEYS),
    ),
    red_flag=st.booleans(),
)
def test_heat_or_cold_answers_are_decided_or_refused_naming_the_field(
    feels: list[str], since: Any, safety: dict[str, str], red_flag: bool
) -> None:
    try:
        answers = parse_answers(feels=feels, since_days=since, safety=safety, red_flag=red_flag)
    except HeatColdProblem as problem:
        assert problem.field in {"feels", "since_days", *SAFETY_KEYS, "fever"}
        names_a_field(problem, problem.field)
        return
    result = decide(answers)
    if red_flag:
        assert result.use is None  # nothing to apply while a warning sign is being checked
    assert result.to_json()


@FUZZ
@given(
    position=st.sampled_from([*POSITIONS, "front", ""]) | st.text(max_size=8),
    pillows=st.none() | st.integers(-3, 9) | st.booleans(),
    mattress=st.none() | st.sampled_from([*MATTRESS, "hard"]),
    waking_stiff=st.none() | st.booleans(),
)
def test_sleep_answers_give_a_plan_or_refuse_naming_the_field(
    position: str, pillows: Any, mattress: str | None, waking_stiff: bool | None
) -> None:
    try:
        plan = sleep_plan(
            position=position, pillows=pillows, mattress=mattress, waking_stiff=waking_stiff
        )
    except SleepProblem as problem:
        assert problem.field in {"position", "pillows", "mattress"}
        names_a_field(problem, problem.field)
        return
    assert plan.to_json()


numbers = (
    st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(-(10**6), 10**6)
    | st.booleans()
    | st.sampled_from(["170", None])
)


@FUZZ
@given(
    height=numbers | st.floats(120, 230),
    shoe=numbers | st.floats(0, 60),
    distance=numbers | st.floats(400, 1000),
    bifocals=st.booleans(),
    fixed=st.none() | numbers | st.floats(550, 900),
)
def test_the_desk_calculator_gives_finite_numbers_or_refuses_naming_the_field(
    height: Any, shoe: Any, distance: Any, bifocals: bool, fixed: Any
) -> None:
    try:
        numbers_out = calculate(
            height_cm=height,
            shoe_mm=shoe,
            viewing_distance_mm=distance,
            bifocals=bifocals,
            fixed_desk_mm=fixed,
        )
    except DeskInputProblem as problem:
        assert problem.field in {"height_cm", "shoe_mm", "viewing_distance_mm", "fixed_desk_mm"}
        names_a_field(problem, problem.field)
        return
    for figure in numbers_out.figures:
        assert math.isfinite(figure.low_mm) and math.isfinite(figure.high_mm)
        assert figure.low_mm <= figure.high_mm
    assert numbers_out.to_json()


@FUZZ
@given(angle=numbers | st.floats(0, 60))
def test_text_neck_gives_a_finite_load_or_refuses_naming_the_angle(angle: Any) -> None:
    try:
        load = text_neck(angle)
    except DeskInputProblem as problem:
        assert problem.field == "angle_degrees"
        return
    assert math.isfinite(load.low_kg) and math.isfinite(load.high_kg)
    assert 0 < load.low_kg <= load.high_kg


@pytest.mark.parametrize("wall_clock", [time(0, 0), time(23, 59)])
def test_a_working_day_at_the_edges_of_the_clock_is_refused_or_planned(wall_clock: time) -> None:
    try:
        chosen = BreakSettings(start=wall_clock, end=time(23, 59, 59))
    except ValidationError:
        return
    assert all(b.at.date() for b in day_schedule(chosen, date(2026, 3, 29)))
