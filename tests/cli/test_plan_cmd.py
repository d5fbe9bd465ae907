"""`upback plan`: the JSON contract, bad input, and the safety gate on the interactive flow."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import PROFILE, Upback, one_clear_line


def test_a_profile_file_gives_the_plan_contract(upback: Upback) -> None:
    result = upback("plan", "--profile", upback.file("p.json", PROFILE), "--json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert {"minutes_per_day", "days", "habits", "advice"} <= set(plan)
    assert [d["day"] for d in plan["days"]] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert len(plan["habits"]) == 2
    assert {"desk", "heat_cold", "sleep", "timeline", "safety_net"} <= set(plan["advice"])


def test_a_list_of_profiles_gives_a_list_of_plans(upback: Upback) -> None:
    older = {**PROFILE, "who": "older_adult", "age": 72, "floor_ok": False}
    path = upback.file("p.json", [PROFILE, older])
    plans = json.loads(upback("plan", "--profile", path, "--json").stdout)
    assert len(plans) == 2


def test_the_plan_prints_as_a_readable_week(upback: Upback) -> None:
    result = upback("plan", "--profile", upback.file("p.json", PROFILE))
    assert result.exit_code == 0
    assert "Your week" in result.stdout
    assert "Monday" in result.stdout


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"minutes_per_day": 45}, "minutes_per_day"),
        ({"strength_days_per_week": 5}, "strength_days_per_week"),
        ({"who": "astronaut"}, "who"),
        ({"equipment": ["trampoline"]}, "equipment"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"age": 15}, "age"),
    ],
)
def test_bad_profile_values_are_named_with_exit_2(
    upback: Upback, change: dict[str, object], expected: str
) -> None:
    path = upback.file("p.json", {**PROFILE, **change})
    result = upback("plan", "--profile", path, "--json")
    assert result.exit_code == 2
    assert expected in one_clear_line(result)


def test_a_missing_field_is_named(upback: Upback) -> None:
    profile = {k: v for k, v in PROFILE.items() if k != "floor_ok"}
    result = upback("plan", "--profile", upback.file("p.json", profile), "--json")
    assert result.exit_code == 2
    assert "floor_ok: is required" in one_clear_line(result)


def test_the_bad_item_of_a_list_is_pointed_at(upback: Upback) -> None:
    path = upback.file("p.json", [PROFILE, {**PROFILE, "minutes_per_day": 0}])
    result = upback("plan", "--profile", path, "--json")
    assert result.exit_code == 2
    assert "[1].minutes_per_day" in one_clear_line(result)


@pytest.mark.django_db
def test_the_interactive_plan_needs_a_safety_screen_first(upback: Upback) -> None:
    result = upback("plan")
    assert result.exit_code == 1
    assert "safety screen" in result.stderr
