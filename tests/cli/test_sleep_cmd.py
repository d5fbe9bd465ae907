"""`upback sleep`: tips for the way you sleep, from a flag or the profile, as text or JSON."""

from __future__ import annotations

import json

import pytest

import upback.cli.sleep_cmd as sleep_cmd
from tests.cli.conftest import Upback, one_clear_line

pytestmark = pytest.mark.django_db


def test_side_sleepers_get_a_thicker_pillow_and_a_knee_pillow(upback: Upback) -> None:
    result = upback("sleep", "--position", "side")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "You sleep on your side" in out
    assert "firmer, thicker pillow" in out and "A pillow between your knees" in out


def test_stomach_sleepers_get_the_four_week_change(upback: Upback) -> None:
    result = upback("sleep", "--position", "stomach", "--mattress", "too-firm")
    out = " ".join(result.stdout.split())
    assert "Moving off your stomach, a week at a time" in out
    assert all(f"Week {n}" in out for n in (1, 2, 3, 4))
    assert "too firm" in out


def test_json_shape(upback: Upback) -> None:
    result = upback(
        "sleep", "--position", "back", "--pillows", "2", "--waking-stiff", "yes", "--json"
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {"position", "title", "summary", "tips", "habit_change", "waking_note"}
    assert out["position"] == "back" and out["habit_change"] == []
    assert [tip["key"] for tip in out["tips"]][:2] == ["pillow", "towel_roll"]
    assert out["tips"][0]["text"].startswith("Two or more pillows")
    assert "30 minutes" in out["waking_note"]


def test_without_a_flag_the_profile_position_is_used(upback: Upback) -> None:
    from tests.examples import GUIDE_PROFILE
    from upback.coach.services import local_user_get_or_create
    from upback.coach.services.plans import profile_save
    from upback.core.profile import parse_profile

    owner = local_user_get_or_create(username="tester")
    profile_save(owner=owner, profile=parse_profile({**GUIDE_PROFILE, "sleep_position": "back"}))
    result = upback("sleep")
    assert result.exit_code == 0, result.output
    assert "You sleep on your back" in result.stdout
    assert "From your profile" in result.stdout


def test_without_a_profile_a_terminal_asks(upback: Upback, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sleep_cmd, "_can_ask", lambda: True)
    result = upback("sleep", input="3\n")
    assert result.exit_code == 0, result.output
    assert "You sleep on your stomach" in result.stdout


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--position", "upside-down"], "--position"),
        ([], "--position"),
        (["--position", "side", "--pillows", "9"], "--pillows"),
        (["--position", "side", "--mattress", "bouncy"], "--mattress"),
        (["--position", "side", "--waking-stiff", "often"], "--waking-stiff"),
    ],
)
def test_bad_input_is_one_line_naming_the_flag_and_exit_2(
    upback: Upback, args: list[str], flag: str
) -> None:
    result = upback("sleep", *args)
    assert result.exit_code == 2
    assert flag in one_clear_line(result)
