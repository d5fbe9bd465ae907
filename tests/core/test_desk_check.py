"""The workstation check: a score out of 100 in calm words and the fixes in priority order."""

from __future__ import annotations

import pytest

from upback.core import desk_check as checking


def test_a_desk_with_everything_right_scores_100_with_no_fixes() -> None:
    result = checking.check(dict.fromkeys(checking.CHECK_KEYS, "yes"))
    assert result.score == 100 and result.fixes == ()


def test_the_check_covers_ten_items() -> None:
    assert len(checking.CHECK_KEYS) == 10


def test_fixes_come_in_priority_order_with_not_sure_counting_half() -> None:
    answers = dict.fromkeys(checking.CHECK_KEYS, "yes")
    answers.update(feet_supported="no", breaks="not_sure", screen_height="no")
    result = checking.check(answers)
    assert result.score == 75
    assert [fix.key for fix in result.fixes] == ["breaks", "screen_height", "feet_supported"]
    assert "30-45 minutes" in result.fixes[0].how


def test_an_item_left_out_counts_as_not_sure() -> None:
    result = checking.check({})
    assert result.score == 50 and len(result.fixes) == 10


def test_unknown_items_and_answers_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match="desk_colour"):
        checking.check({"desk_colour": "yes"})
    with pytest.raises(ValueError, match="breaks='maybe'"):
        checking.check({"breaks": "maybe"})


def test_every_fix_says_why_as_well_as_how() -> None:
    result = checking.check(dict.fromkeys(checking.CHECK_KEYS, "no"))
    assert result.score == 0
    assert all(fix.why and fix.how for fix in result.fixes)
    assert result.to_json()["fixes"][0]["why"]


def test_no_laptop_leaves_that_item_out_of_the_score() -> None:
    answers = dict.fromkeys(checking.CHECK_KEYS, "yes")
    answers.update(laptop_raised="not_applicable", breaks="no")
    result = checking.check(answers)
    assert result.score == 89  # 8 of 9 counted items
    assert [fix.key for fix in result.fixes] == ["breaks"]


def test_only_the_laptop_item_can_be_not_applicable() -> None:
    with pytest.raises(ValueError, match="breaks='not_applicable'"):
        checking.check({"breaks": "not_applicable"})


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (100, "Good set-up"),
        (90, "Good set-up"),
        (75, "A few changes will help"),
        (50, "Some changes will help"),
        (10, "Plenty to gain"),
    ],
)
def test_the_score_has_calm_words(score: int, label: str) -> None:
    assert checking.score_words(score)[0] == label
