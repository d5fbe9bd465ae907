"""`upback report --from D --to D -o FILE.pdf`: the same report and period rules as the web."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from tests.cli.conftest import Upback, one_clear_line
from tests.coach import report_helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def tester(upback: Upback) -> User:
    return h.ana_with_six_weeks("tester")


def test_it_saves_the_pdf_for_the_period(upback: Upback, tester: User, tmp_path: Path) -> None:
    target = tmp_path / "for-my-physio.pdf"
    result = upback("report", "--from", str(h.START), "--to", str(h.END), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")
    assert "19 January 2026 to 1 March 2026" in result.stdout
    assert "for-my-physio.pdf" in result.stdout


def test_without_options_it_saves_the_last_six_weeks_here(
    upback: Upback, tester: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = upback("report")
    assert result.exit_code == 0, result.output
    (saved,) = tmp_path.glob("upback-report-*.pdf")
    day = dt.date.fromisoformat(saved.stem.removeprefix("upback-report-"))
    assert abs((day - dt.date.today()).days) <= 1
    assert saved.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "option", "words"),
    [
        (["--from", "19/01/2026"], "--from", "YYYY-MM-DD"),
        (["--to", "soon"], "--to", "YYYY-MM-DD"),
        (["--from", "2026-03-02", "--to", "2026-03-01"], "--from", "on or before"),
        (["--from", "2023-01-01", "--to", "2026-03-01"], "--from", "2 years"),
        (["--to", "2999-01-01"], "--to", "future"),
    ],
)
def test_bad_dates_are_one_line_naming_the_option_and_exit_2(
    upback: Upback, tester: User, tmp_path: Path, args: list[str], option: str, words: str
) -> None:
    target = tmp_path / "r.pdf"
    result = upback("report", *args, "-o", str(target))
    assert result.exit_code == 2
    line = one_clear_line(result)
    assert option in line and words in line
    assert not target.exists()


def test_a_folder_that_does_not_exist_is_named(
    upback: Upback, tester: User, tmp_path: Path
) -> None:
    result = upback("report", "-o", str(tmp_path / "nowhere" / "r.pdf"))
    assert result.exit_code == 2
    assert "-o" in one_clear_line(result)


def test_a_folder_as_the_output_is_refused(upback: Upback, tester: User, tmp_path: Path) -> None:
    result = upback("report", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder" in one_clear_line(result)
