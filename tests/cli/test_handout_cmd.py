"""`upback handout -o FILE.pdf`: the terminal's person gets the same sheet as the plan page's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from tests.cli.conftest import Upback, one_clear_line
from tests.coach.views.test_plans import person, screened, with_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def tester(upback: Upback) -> User:
    user = person("tester")
    with_plan(user)
    return user


def test_it_saves_the_handout_where_asked(upback: Upback, tester: User, tmp_path: Path) -> None:
    target = tmp_path / "my-exercises.pdf"
    result = upback("handout", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")
    assert "my-exercises.pdf" in result.stdout
    assert "exercises" in result.stdout


def test_without_o_it_saves_a_file_named_for_today_here(
    upback: Upback, tester: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = upback("handout")
    assert result.exit_code == 0, result.output
    (saved,) = tmp_path.glob("upback-home-program-*.pdf")
    day = dt.date.fromisoformat(saved.stem.removeprefix("upback-home-program-"))
    assert abs((day - dt.date.today()).days) <= 1


def test_before_a_plan_it_says_how_to_make_one_and_exits_1(upback: Upback, tmp_path: Path) -> None:
    person("tester")
    target = tmp_path / "h.pdf"
    result = upback("handout", "-o", str(target))
    assert result.exit_code == 1
    assert "upback start" in one_clear_line(result)
    assert not target.exists()


def test_while_a_warning_sign_is_active_there_is_no_handout(
    upback: Upback, tester: User, tmp_path: Path
) -> None:
    screened(tester, "emergency")
    target = tmp_path / "h.pdf"
    result = upback("handout", "-o", str(target))
    assert result.exit_code == 1
    line = one_clear_line(result)
    assert line.startswith("error:")
    assert "checked" in line
    assert not target.exists()


def test_a_folder_that_does_not_exist_is_one_line_naming_o(
    upback: Upback, tester: User, tmp_path: Path
) -> None:
    result = upback("handout", "-o", str(tmp_path / "nowhere" / "h.pdf"))
    assert result.exit_code == 2
    assert one_clear_line(result).startswith("error: -o: the folder")


def test_a_folder_given_as_the_file_is_one_line_naming_o(
    upback: Upback, tester: User, tmp_path: Path
) -> None:
    result = upback("handout", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder" in one_clear_line(result)


def test_a_file_that_cannot_be_written_is_one_line_naming_o(
    upback: Upback, tester: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, data: bytes) -> int:
        raise PermissionError(13, "Permission denied")

    # A read-only folder would do, but not when the tests run as root.
    monkeypatch.setattr(Path, "write_bytes", refuse)
    result = upback("handout", "-o", str(tmp_path / "h.pdf"))
    assert result.exit_code == 2
    assert one_clear_line(result) == (
        f"error: -o: cannot write {tmp_path / 'h.pdf'}: Permission denied."
    )
