"""How sessions read (green, amber, red, not known yet) and when an item steps up or back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.core.adapt_helpers import (
    LIBRARY,
    TODAY,
    decision,
    dose_in,
    plan,
    profile,
    run,
    session,
    slugs_in,
)
from upback.core import adapt
from upback.core.adapt import ItemTry, Light, SessionRecord, read_item

ROW = ItemTry(slug="band_row", dose={}, feeling="about_right", pain_during=2)


def record(morning: int | None = 3, pain_before: int = 3, stopped: bool = False) -> SessionRecord:
    return SessionRecord(
        id=1,
        local_date=TODAY,
        day="thu",
        pain_before=pain_before,
        next_morning_pain=morning,
        items=(ROW,),
        stopped=stopped,
    )


# ---- reading one try ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("feeling", "pain", "morning", "light", "cause"),
    [
        ("about_right", 3, 3, Light.GREEN, "settled"),
        ("too_easy", 0, 2, Light.GREEN, "settled"),
        ("about_right", 4, 3, Light.AMBER, "pain_during"),
        ("about_right", 5, 3, Light.AMBER, "pain_during"),
        ("about_right", 6, 3, Light.RED, "pain_during"),
        ("about_right", 2, 4, Light.AMBER, "next_morning"),
        ("about_right", 2, 5, Light.RED, "next_morning"),
        ("too_hard", 4, 3, Light.RED, "too_hard"),
        ("too_hard", 2, 3, Light.AMBER, "too_hard"),
        ("about_right", 2, None, Light.UNKNOWN, "awaiting"),
        (None, None, 3, Light.UNKNOWN, "no_feedback"),
    ],
)
def test_each_try_reads_as_a_traffic_light(
    feeling: str | None, pain: int | None, morning: int | None, light: Light, cause: str
) -> None:
    tried = ItemTry(slug="band_row", dose={}, feeling=feeling, pain_during=pain)
    reading = read_item(tried, record(morning), baseline=3.0)
    assert (reading.light, reading.cause) == (light, cause)


def test_an_unknown_next_morning_is_never_green() -> None:
    assert read_item(ROW, record(None), baseline=3.0).light is Light.UNKNOWN


def test_without_a_baseline_the_pain_before_the_session_stands_in() -> None:
    assert read_item(ROW, record(5, pain_before=5), baseline=None).light is Light.GREEN
    assert read_item(ROW, record(7, pain_before=5), baseline=None).light is Light.RED


def test_a_session_stopped_early_or_with_a_bad_next_morning_is_red() -> None:
    assert adapt.red_session(record(stopped=True), baseline=3.0)
    assert adapt.red_session(record(morning=6), baseline=3.0)
    assert not adapt.red_session(record(morning=3), baseline=3.0)


# ---- stepping up ----------------------------------------------------------------------------


def test_two_greens_in_a_row_step_up_one_variable_only() -> None:
    data = plan(["band_row"])
    result = run(data, [session(data, 2), session(data, 1)])
    after = dose_in(result.plan, "band_row")
    before = dose_in(data, "band_row")
    changed = {k for k in ("sets", "reps", "hold_seconds") if after[k] != before[k]}
    assert changed == {"reps"}
    assert after["text"] == "3 × 12 reps" and after["note"] is None
    day = result.plan["days"][0]
    assert day["minutes"] == pytest.approx(sum(i["minutes"] for i in day["items"]))


def test_one_green_is_not_enough_nor_a_green_before_an_amber() -> None:
    data = plan(["band_row"])
    assert not run(data, [session(data, 1)]).decisions
    mixed = run(data, [session(data, 2), session(data, 1, pain=4)])
    assert decision(mixed, "band_row").rule == "adapt.repeat"
    older = run(data, [session(data, 2, pain=4), session(data, 1)])
    assert not older.changed


def test_a_step_up_waits_for_the_next_morning() -> None:
    data = plan(["band_row"])
    result = run(data, [session(data, 2), session(data, 1, morning=None)])
    assert not result.changed and not result.decisions


def test_greens_at_an_older_dose_do_not_count() -> None:
    old = plan(["band_row"])
    now = plan(["band_row"], doses={"band_row": {"reps": 12}})
    result = run(now, [session(old, 3), session(old, 2), session(now, 1)])
    assert not result.changed


def test_an_item_steps_up_at_most_once_a_week() -> None:
    data = plan(["band_row"])
    sessions = [session(data, 2), session(data, 1)]
    held = run(data, sessions, last_step_up={"band_row": TODAY - timedelta(days=6)})
    row = decision(held, "band_row")
    assert row.rule == "adapt.repeat" and not held.changed
    assert "one step a week at most" in row.reason and "6 March" in row.reason
    week = run(data, sessions, last_step_up={"band_row": TODAY - timedelta(days=7)})
    assert decision(week, "band_row").rule == "adapt.progress_reps"


def test_a_worsening_verdict_pauses_steps_up_but_not_steps_back() -> None:
    data = plan(["band_row", "doorway_pec_stretch"])
    sessions = [
        session(data, 2),
        session(data, 1, per_item={"doorway_pec_stretch": ("about_right", 7)}),
    ]
    result = run(data, sessions, worsening=True)
    assert decision(result, "band_row").rule == "adapt.freeze"
    assert "higher than usual" in decision(result, "band_row").reason
    assert decision(result, "doorway_pec_stretch").rule == "adapt.step_back_dose"
    assert result.rules == ("adapt.step_back_dose",)


def test_while_gentle_only_the_dose_may_rise_but_no_harder_version_comes_in() -> None:
    topped = plan(["wall_angels"], doses={"wall_angels": {"reps": 15, "sets": 3}})
    result = run(topped, [session(topped, 2), session(topped, 1)], gentle_only=True)
    assert decision(result, "wall_angels").rule == "adapt.repeat"
    assert slugs_in(result.plan) == {"wall_angels"}
    free = run(topped, [session(topped, 2), session(topped, 1)])
    assert decision(free, "wall_angels").new_slug == "prone_y_raise"


def test_a_harder_version_needs_the_persons_equipment_and_the_floor() -> None:
    data = plan(["band_row"], doses={"band_row": {"reps": 15}})
    sessions = [session(data, 2), session(data, 1)]
    no_band = run(data, sessions, profile=profile(equipment=[]))
    assert decision(no_band, "band_row").rule == "adapt.repeat"
    raise_ = plan(["prone_t_raise"], doses={"prone_t_raise": {"reps": 15, "sets": 3}})
    tries = [session(raise_, 2), session(raise_, 1)]
    dumbbells = run(raise_, tries, profile=profile(equipment=["dumbbells"]))
    assert decision(dumbbells, "prone_t_raise").new_slug == "prone_t_raise_dumbbells"
    ball = run(raise_, tries, profile=profile(equipment=["stability_ball"]))
    assert decision(ball, "prone_t_raise").new_slug == "prone_yti_stability_ball"


def test_a_step_up_must_fit_the_persons_minutes() -> None:
    # 2 + 3.5 + 5 minutes, of 10: neither 3 × 12 reps nor the stronger band (3.5 minutes) fits
    data = plan(["gentle_warm_up", "band_row", "book_belly_breathing"], minutes=10)
    result = run(data, [session(data, 2), session(data, 1)])
    row = decision(result, "band_row")
    assert row.rule == "adapt.repeat" and "fits your minutes" in row.reason
    assert not result.changed


def test_warm_ups_self_massage_and_breathing_do_not_step_up() -> None:
    data = plan(["gentle_warm_up", "foam_roller_mid_back", "book_belly_breathing"])
    assert not run(data, [session(data, 2), session(data, 1)]).decisions


# ---- stepping back --------------------------------------------------------------------------


def test_a_bad_next_morning_steps_back_every_item_of_that_session_but_breathing() -> None:
    data = plan(["band_row", "thoracic_rotation", "book_belly_breathing"])
    result = run(data, [session(data, 1, morning=6)])
    assert {d.slug: d.rule for d in result.decisions} == {
        "band_row": "adapt.step_back_dose",
        "thoracic_rotation": "adapt.step_back_dose",
    }
    assert decision(result, "thoracic_rotation").after == "7 reps each side"
    assert "sorer than usual the morning after (6 out of 10, against about 3 usually)" in (
        decision(result, "band_row").reason
    )


def test_too_hard_with_pain_of_4_steps_back() -> None:
    data = plan(["band_row"])
    result = run(data, [session(data, 1, feeling="too_hard", pain=4, morning=None)])
    row = decision(result, "band_row")
    assert row.rule == "adapt.step_back_dose"
    assert row.reason.startswith("Resistance band row felt too hard, with pain of 4 out of 10")


def test_a_red_is_acted_on_once_then_the_lighter_dose_starts_afresh() -> None:
    data = plan(["band_row"])
    red = session(data, 1, pain=7, morning=None)
    first = run(data, [red])
    assert first.changed
    assert not run(first.plan, [red]).decisions


def test_at_its_lightest_with_no_easier_version_it_says_so_and_stays() -> None:
    data = plan(
        ["doorway_pec_stretch"], doses={"doorway_pec_stretch": {"sets": 1, "hold_seconds": 10}}
    )
    result = run(data, [session(data, 1, pain=7)], profile=profile())
    row = decision(result, "doorway_pec_stretch")
    assert row.rule == "adapt.step_back_variant"  # doorway → seated chest opener
    lightest = plan(
        ["seated_chest_opener"], doses={"seated_chest_opener": {"sets": 1, "hold_seconds": 10}}
    )
    stays = decision(run(lightest, [session(lightest, 1, pain=7)]), "seated_chest_opener")
    assert stays.rule == "adapt.step_back_dose" and not stays.changed
    assert "already at its lightest" in stays.reason


# ---- the freeze and the summary ---------------------------------------------------------------


def test_two_reds_freeze_only_while_the_later_one_is_under_a_week_old() -> None:
    data = plan(["gentle_warm_up"])
    reds = [session(data, 10, pain=7, sid=1), session(data, 5, pain=7, sid=2)]
    assert adapt.frozen(reds, 3.0, TODAY)
    assert adapt.frozen(reds, 3.0, TODAY + timedelta(days=1))
    assert not adapt.frozen(reds, 3.0, TODAY + timedelta(days=2))
    apart = [session(data, 12, pain=7, sid=1), session(data, 2, pain=7, sid=2)]
    assert not adapt.frozen(apart, 3.0, TODAY)
    same_day = [session(data, 1, pain=7, sid=1), session(data, 1, pain=7, sid=2)]
    assert adapt.frozen(same_day, 3.0, TODAY)


def test_two_recent_reds_call_for_the_flare_plan_once() -> None:
    data = plan(["gentle_warm_up"])
    reds = [session(data, 4, pain=7, sid=1), session(data, 1, pain=7, sid=2)]
    assert run(data, reds).flare_due
    old = [session(data, 8, pain=7, sid=1), session(data, 5, pain=7, sid=2)]
    assert not run(data, old).flare_due
    flared = adapt.flare_plan(data, LIBRARY, today=TODAY - timedelta(days=1))
    assert not run(flared, reds).flare_due


def test_the_versions_reason_names_what_stepped_up_and_back() -> None:
    data = plan(["band_row", "thoracic_rotation"])
    result = run(
        data,
        [session(data, 2), session(data, 1, per_item={"thoracic_rotation": ("too_hard", 6)})],
    )
    assert result.reason == (
        "after your sessions: a step up for Resistance band row; a step back for Thoracic rotation"
    )
    assert len(result.reason) <= 200
