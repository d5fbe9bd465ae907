"""Settings come from environment variables, and a bad value stops start-up with a clear message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from upback.site.env import env_bool, env_int, env_list


def test_a_boolean_accepts_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    for raw, expected in [("1", True), ("Yes", True), ("off", False), ("0", False)]:
        monkeypatch.setenv("UPBACK_X", raw)
        assert env_bool("UPBACK_X") is expected


def test_a_misspelt_boolean_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPBACK_DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="UPBACK_DEBUG"):
        env_bool("UPBACK_DEBUG")


def test_a_number_out_of_range_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPBACK_SQLITE_TIMEOUT", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("UPBACK_SQLITE_TIMEOUT", 20, minimum=1)


def test_a_number_that_is_not_a_number_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPBACK_SQLITE_TIMEOUT", "twenty")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("UPBACK_SQLITE_TIMEOUT", 20)


def test_unset_values_fall_back_to_their_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UPBACK_NOT_SET", raising=False)
    assert env_int("UPBACK_NOT_SET", 7) == 7
    assert env_list("UPBACK_NOT_SET", ["a"]) == ["a"]


def test_a_list_is_split_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPBACK_ALLOWED_HOSTS", "example.org, clinic.example.org,")
    assert env_list("UPBACK_ALLOWED_HOSTS", []) == ["example.org", "clinic.example.org"]
