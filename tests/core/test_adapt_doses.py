"""Doses one step up or back: the ladders of reference.md §3.3, within the library's dose limits."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from upback.core import adapt
from upback.core.library import Dose, default_library

LIBRARY = default_library()


@st.composite
def doses(draw: st.DrawFn) -> Dose:
    mode = draw(st.sampled_from(["reps", "hold", "reps_hold", "timed"]))
    values: dict[str, Any] = {
        "sets": draw(st.integers(1, 5)),
        "per_side": draw(st.booleans()),
        "rest_seconds": draw(st.integers(0, 90)),
    }
    if mode in ("reps", "reps_hold"):
        values["reps"] = draw(st.integers(1, 30))
    if mode in ("hold", "reps_hold"):
        values["hold_seconds"] = draw(st.integers(1, 120))
    if mode == "timed":
        values["duration_seconds"] = draw(st.integers(10, 1800))
    return Dose.model_validate(values)


def test_reps_climb_8_12_15_at_most_4_at_a_time() -> None:
    climbed = []
    dose: Dose | None = Dose(reps=5)
    while dose is not None:
        climbed.append(dose.reps)
        dose = adapt.more_reps(dose)
    assert climbed == [5, 8, 12, 15]
    assert adapt.more_reps(Dose(reps=10)) == Dose(reps=12)
    assert adapt.more_reps(Dose(hold_seconds=30)) is None


def test_sets_climb_to_3_and_static_holds_to_30_seconds() -> None:
    assert adapt.more_sets(Dose(sets=1, reps=15)) == Dose(sets=2, reps=15)
    assert adapt.more_sets(Dose(sets=3, reps=15)) is None
    assert adapt.longer_hold(Dose(hold_seconds=10)) == Dose(hold_seconds=20)
    assert adapt.longer_hold(Dose(hold_seconds=25)) == Dose(hold_seconds=30)
    assert adapt.longer_hold(Dose(hold_seconds=30)) is None
    assert adapt.longer_hold(Dose(reps=8, hold_seconds=3)) is None  # a pause, not a hold


@given(doses())
def test_a_step_up_adds_work_and_stays_within_the_dose_limits(dose: Dose) -> None:
    for step in (adapt.more_reps, adapt.more_sets, adapt.longer_hold):
        up = step(dose)
        if up is None:
            continue
        assert Dose.model_validate(up.model_dump()) == up
        assert up.seconds > dose.seconds
        assert up.mode == dose.mode
        assert (up.reps or 0) <= max(15, dose.reps or 0) and up.sets <= max(3, dose.sets)
        assert (up.hold_seconds or 0) <= max(30, dose.hold_seconds or 0)


@given(doses())
def test_a_step_back_takes_off_about_a_third_to_a_half(dose: Dose) -> None:
    down = adapt.lighter(dose)
    if down is None:
        assert dose.sets == 1
        return
    assert down.mode == dose.mode and down.seconds < dose.seconds
    if down.sets < dose.sets:
        assert 0.25 <= 1 - down.sets / dose.sets <= 0.5
    elif dose.reps is not None and dose.reps >= 10:
        assert down.reps is not None and 0.3 <= 1 - down.reps / dose.reps <= 0.4


def test_the_lightest_doses_step_back_no_further() -> None:
    for lightest in (Dose(reps=5), Dose(hold_seconds=10), Dose(duration_seconds=30)):
        assert adapt.lighter(lightest) is None
    assert adapt.lighter(Dose(duration_seconds=120)) == Dose(duration_seconds=90)


@given(doses())
def test_halving_halves_the_reps_hold_or_time_and_keeps_the_sets(dose: Dose) -> None:
    half = adapt.halved(dose)
    assert half.sets == dose.sets and half.mode == dose.mode
    if dose.reps is not None:
        assert half.reps == max(1, -(-dose.reps // 2))


def test_every_library_dose_can_step_back_and_its_steps_are_valid() -> None:
    for technique in LIBRARY:
        for step in (adapt.more_reps, adapt.more_sets, adapt.longer_hold, adapt.lighter):
            changed = step(technique.dose)
            assert changed is None or isinstance(changed, Dose)


def test_a_stored_dose_reads_back_and_compares_without_its_text() -> None:
    stored = {**Dose(sets=2, reps=10).model_dump(mode="json"), "text": "2 × 10 reps", "note": None}
    assert adapt.dose_of(stored) == Dose(sets=2, reps=10)
    assert adapt.dose_of({"reps": 99}) is None
    assert adapt.dose_key(stored) == adapt.dose_key({"sets": 2, "reps": 10})
    assert adapt.dose_key(stored) != adapt.dose_key({"sets": 3, "reps": 10})
