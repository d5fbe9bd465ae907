"""`upback desk`: the calculator and the text-neck model in the terminal and as JSON."""

from __future__ import annotations

import json

import pytest

import upback.cli.desk_cmd as desk_cmd  # registers `upback desk`
from tests.cli.conftest import Upback, one_clear_line
from upback.core import desk_check as checking


def test_calc_as_json_gives_every_figure_with_its_source(upback: Upback) -> None:
    result = upback("desk", "calc", "--height-cm", "170", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    figures = out["figures"]
    assert set(figures) == {
        "seat",
        "desk",
        "eye",
        "monitor_top",
        "monitor_centre",
        "screen_distance",
    }
    assert figures["seat"]["mm"] == 451 and figures["seat"]["cm"] == 45.1
    assert (figures["monitor_centre"]["low_mm"], figures["monitor_centre"]["high_mm"]) == (
        991,
        1054,
    )
    assert all(figure["source"] for figure in figures.values())
    assert out["fixed_desk"] is None


def test_calc_shows_a_table_with_sources(upback: Upback) -> None:
    result = upback("desk", "calc", "--height-cm", "172")
    assert result.exit_code == 0, result.output
    assert "Chair seat height" in result.stdout
    assert "45.6 cm" in result.stdout
    assert "HFES" in result.stdout


def test_a_fixed_desk_in_cm_gives_the_chair_and_footrest(upback: Upback) -> None:
    result = upback("desk", "calc", "--height-cm", "172", "--fixed-desk-cm", "76", "--json")
    fixed = json.loads(result.stdout)["fixed_desk"]
    assert fixed["footrest_mm"] == 57 and fixed["seat_mm"] == 513


def test_bifocals_lower_the_screen(upback: Upback) -> None:
    plain = json.loads(upback("desk", "calc", "--height-cm", "172", "--json").stdout)
    lowered = json.loads(
        upback("desk", "calc", "--height-cm", "172", "--bifocals", "--json").stdout
    )
    assert (
        lowered["figures"]["monitor_centre"]["high_mm"]
        < (plain["figures"]["monitor_centre"]["high_mm"])
    )


@pytest.mark.parametrize("height", ["250", "100", "abc"])
def test_a_bad_height_is_one_line_naming_the_option_and_exit_2(upback: Upback, height: str) -> None:
    result = upback("desk", "calc", "--height-cm", height)
    assert result.exit_code == 2
    assert "--height-cm" in one_clear_line(result)


def test_a_bad_fixed_desk_height_names_its_option(upback: Upback) -> None:
    result = upback("desk", "calc", "--height-cm", "170", "--fixed-desk-cm", "200")
    assert result.exit_code == 2
    assert "--fixed-desk-cm" in one_clear_line(result)


def test_neck_says_the_load_is_modelled_and_suggests_breaks(upback: Upback) -> None:
    result = upback("desk", "neck", "--angle", "45")
    assert result.exit_code == 0, result.output
    assert "22 kg (49 lb)" in result.stdout
    assert "model" in result.stdout and "breaks" in result.stdout


def test_neck_as_json_gives_kg_lb_and_the_caveat(upback: Upback) -> None:
    out = json.loads(upback("desk", "neck", "--angle", "0", "--json").stdout)
    assert out["modelled_load_lb"] == [10, 12]
    assert out["modelled_load_kg"] == [4.5, 5.4]
    assert "not measured" in out["caveat"]


def test_an_angle_past_60_degrees_is_refused_in_one_line(upback: Upback) -> None:
    result = upback("desk", "neck", "--angle", "90")
    assert result.exit_code == 2
    assert "--angle" in one_clear_line(result)


# upback desk check ---------------------------------------------------------------------------

ALL_YES = ",".join(f"{key}=yes" for key in checking.CHECK_KEYS)


def test_check_with_every_answer_yes_is_a_good_set_up(upback: Upback) -> None:
    result = upback("desk", "check", "--answers", ALL_YES)
    assert result.exit_code == 0, result.output
    assert "Good set-up" in result.stdout and "100 out of 100" in result.stdout
    assert "upback desk calc" in result.stdout


def test_check_lists_the_fixes_most_useful_first_with_why_and_how(upback: Upback) -> None:
    answers = ALL_YES.replace("feet_supported=yes", "feet_supported=no").replace(
        "breaks=yes", "breaks=unsure"
    )
    result = upback("desk", "check", "--answers", answers)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "85 out of 100" in out
    assert out.index("every 30-45 minutes") < out.index("feet flat")
    assert out.count("Why:") == 2 and out.count("Do:") == 2


def test_check_as_json_has_the_score_label_fixes_and_unanswered(upback: Upback) -> None:
    result = upback("desk", "check", "--answers", "breaks=no,laptop_raised=n/a", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["score"] == 44 and out["label"] == "Some changes will help"
    assert out["fixes"][0]["key"] == "breaks" and out["fixes"][0]["why"]
    assert out["answers"]["laptop_raised"] == "not_applicable"
    assert len(out["unanswered"]) == 8


def test_check_asks_the_questions_one_by_one_in_a_terminal(
    upback: Upback, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk_cmd, "_can_ask", lambda: True)
    typed = "\n".join(["n", "y", "x", "y", "y", "?", "y", "y", "y", "y"]) + "\n"
    result = upback("desk", "check", input=typed)
    assert result.exit_code == 0, result.output
    assert "[x] I don't use a laptop" in result.stdout
    assert "A few changes will help" in result.stdout
    assert "83 out of 100" in result.stdout  # 7.5 of the 9 counted


def test_check_outside_a_terminal_needs_answers_in_one_line(upback: Upback) -> None:
    result = upback("desk", "check")
    assert result.exit_code == 2
    assert "--answers" in one_clear_line(result)


@pytest.mark.parametrize(
    ("answers", "named"),
    [
        ("breaks=maybe", "breaks='maybe'"),
        ("desk_colour=yes", "desk_colour"),
        ("breaks", "KEY=VALUE"),
        ("breaks=n/a", "breaks='not_applicable'"),
    ],
)
def test_check_bad_answers_are_one_line_and_exit_2(
    upback: Upback, answers: str, named: str
) -> None:
    result = upback("desk", "check", "--answers", answers)
    assert result.exit_code == 2
    line = one_clear_line(result)
    assert "--answers" in line and named in line
