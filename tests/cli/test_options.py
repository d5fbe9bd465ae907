"""Date and time options read the same way in every command, and a bad one names its flag."""

from __future__ import annotations

import datetime as dt

import pytest

from upback.cli.options import date_option, time_option
from upback.core.errors import InputProblem


def test_a_date_is_read_and_an_absent_or_empty_one_is_none() -> None:
    assert date_option(" 2026-03-14 ", "--date") == dt.date(2026, 3, 14)
    assert date_option(None, "--date") is None
    assert date_option("  ", "--from") is None


def test_a_time_is_read_with_or_without_seconds() -> None:
    assert time_option("07:30", "--start") == dt.time(7, 30)
    assert time_option("07:30:15", "--start") == dt.time(7, 30, 15)
    assert time_option(None, "--start") is None


@pytest.mark.parametrize(
    ("reader", "value", "flag", "words"),
    [
        (date_option, "14/03/2026", "--to", "--to: use the form YYYY-MM-DD"),
        (time_option, "half past seven", "--until", "--until: 'half past seven' is not a time"),
        (time_option, "25:00", "--reminder", "--reminder: '25:00' is not a time"),
    ],
)
def test_a_bad_value_names_its_flag(reader: object, value: str, flag: str, words: str) -> None:
    with pytest.raises(InputProblem) as problem:
        reader(value, flag)  # type: ignore[operator]
    assert str(problem.value).startswith(words)
