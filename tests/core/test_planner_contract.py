"""Plan.to_json() is the DESIGN's machine-readable contract: keys and types are pinned."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.examples import GUIDE_PROFILE as PROFILE
from upback.core.library import Dose, Library, default_library
from upback.core.planner import build_plan
from upback.core.profile import parse_profile
from upback.core.vocab import WEEK, Equipment, Kind, Position

PLAN_KEYS = {"minutes_per_day", "days", "habits", "advice"}
DAY_KEYS = {"day", "minutes", "items"}
ITEM_KEYS = {"slug", "name", "kind", "position", "equipment", "minutes", "dose", "reason"}
DOSE_KEYS = set(Dose.model_fields) | {"text"}
ADVICE_KEYS = {"desk", "heat_cold", "sleep", "timeline", "safety_net"}
HEAT_COLD_KEYS = {"use", "minutes", "how", "who_must_not"}

VARIANTS: list[dict[str, Any]] = [
    {},
    {"pain_character": "sharp_new_or_swollen", "minutes_per_day": 5},
    {"who": "older_adult", "age": 80, "floor_ok": False, "equipment": [], "triggers": []},
]


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


def plan_json(library: Library, **changes: Any) -> dict[str, Any]:
    return build_plan(parse_profile({**PROFILE, **changes}), library).to_json()


@pytest.mark.parametrize("variant", range(len(VARIANTS)))
def test_the_plan_has_the_pinned_top_level_keys(library: Library, variant: int) -> None:
    data = plan_json(library, **VARIANTS[variant])
    assert set(data) >= PLAN_KEYS
    assert isinstance(data["minutes_per_day"], int)
    assert data["minutes_per_day"] == {**PROFILE, **VARIANTS[variant]}["minutes_per_day"]
    assert isinstance(data["days"], list) and isinstance(data["habits"], list)
    assert isinstance(data["advice"], dict)


@pytest.mark.parametrize("variant", range(len(VARIANTS)))
def test_days_run_monday_to_sunday_with_float_minutes(library: Library, variant: int) -> None:
    days = plan_json(library, **VARIANTS[variant])["days"]
    assert [d["day"] for d in days] == [d.value for d in WEEK]
    for day in days:
        assert set(day) >= DAY_KEYS
        assert isinstance(day["minutes"], float)
        assert isinstance(day["items"], list) and day["items"]
        assert day["minutes"] == round(sum(i["minutes"] for i in day["items"]), 1)


@pytest.mark.parametrize("variant", range(len(VARIANTS)))
def test_items_have_the_pinned_keys_and_types(library: Library, variant: int) -> None:
    for day in plan_json(library, **VARIANTS[variant])["days"]:
        for item in day["items"]:
            assert set(item) >= ITEM_KEYS
            assert item["slug"] in library.techniques
            assert isinstance(item["name"], str) and item["name"]
            assert item["kind"] in {k.value for k in Kind}
            assert item["position"] in {p.value for p in Position}
            assert isinstance(item["equipment"], list)
            assert all(e in {x.value for x in Equipment} for e in item["equipment"])
            assert isinstance(item["minutes"], float) and item["minutes"] > 0
            assert isinstance(item["reason"], str) and item["reason"].strip()


def test_the_dose_is_the_dose_model_plus_its_text(library: Library) -> None:
    for day in plan_json(library, minutes_per_day=5)["days"]:
        for item in day["items"]:
            dose = item["dose"]
            assert set(dose) >= DOSE_KEYS
            rebuilt = Dose.model_validate({k: dose[k] for k in Dose.model_fields})
            assert dose["text"] == rebuilt.describe()
            assert rebuilt.minutes == item["minutes"]


def test_habits_are_two_habit_slugs(library: Library) -> None:
    habits = plan_json(library)["habits"]
    assert len(habits) == 2
    assert all(isinstance(h, str) for h in habits)
    assert set(habits) <= {h.slug for h in library.advice.habits}


@pytest.mark.parametrize("variant", range(len(VARIANTS)))
def test_advice_has_the_pinned_keys_and_types(library: Library, variant: int) -> None:
    advice = plan_json(library, **VARIANTS[variant])["advice"]
    assert set(advice) >= ADVICE_KEYS
    assert isinstance(advice["desk"], list) and 3 <= len(advice["desk"]) <= 6
    assert all(isinstance(line, str) and line for line in advice["desk"])
    heat_cold = advice["heat_cold"]
    assert set(heat_cold) >= HEAT_COLD_KEYS
    assert heat_cold["use"] in {"heat", "cold"}
    assert isinstance(heat_cold["minutes"], str) and heat_cold["minutes"]
    assert all(isinstance(x, str) for x in heat_cold["how"] + heat_cold["who_must_not"])
    assert isinstance(advice["sleep"], str) and advice["sleep"]
    assert isinstance(advice["timeline"], str) and advice["timeline"]
    assert isinstance(advice["safety_net"], list) and advice["safety_net"]
    assert all(isinstance(line, str) for line in advice["safety_net"])


def test_strength_days_are_listed_too(library: Library) -> None:
    data = plan_json(library)
    assert data["strength_days"] == ["mon", "wed", "fri"]


@pytest.mark.parametrize("variant", range(len(VARIANTS)))
def test_the_json_round_trips_through_json_dumps(library: Library, variant: int) -> None:
    data = plan_json(library, **VARIANTS[variant])
    text = json.dumps(data, ensure_ascii=False)
    assert json.loads(text) == data
    assert json.dumps(json.loads(text), ensure_ascii=False) == text
