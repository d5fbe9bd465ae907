"""What each safety result allows: nothing before a screen or while stopped; gentle on soon."""

from __future__ import annotations

import pytest

from upback.core.care import care_state
from upback.core.vocab import Disposition


def test_before_any_screen_the_screen_comes_first() -> None:
    state = care_state(None)
    assert state.needs_screen and not state.may_exercise


@pytest.mark.parametrize("disposition", [Disposition.EMERGENCY, Disposition.URGENT])
def test_an_emergency_or_urgent_result_stops_all_exercise(disposition: Disposition) -> None:
    state = care_state(disposition, clinician_seen=True)
    assert state.stopped and not state.may_exercise


def test_a_soon_result_keeps_to_gentle_items_until_a_clinician_has_seen_the_person() -> None:
    assert care_state(Disposition.SOON).gentle_only
    assert care_state(Disposition.SOON).may_exercise
    assert not care_state(Disposition.SOON, clinician_seen=True).gentle_only


def test_self_care_allows_the_full_plan() -> None:
    state = care_state(Disposition.SELF_CARE)
    assert state.may_exercise and not state.gentle_only and not state.stopped
