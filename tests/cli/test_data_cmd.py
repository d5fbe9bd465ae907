"""`upback export`, `upback import` and `upback delete-account` for the terminal's own account."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from tests.cli.conftest import Upback, one_clear_line
from tests.coach.data_examples import rich_account, without_envelope
from upback.coach.models import CheckIn
from upback.coach.selectors.data import data_counts
from upback.coach.services.data import data_export, data_export_document

pytestmark = pytest.mark.django_db


def test_export_saves_a_zip_of_the_terminal_account(upback: Upback, tmp_path: Path) -> None:
    rich_account("tester")
    rich_account("zebedee")
    target = tmp_path / "backup.zip"
    result = upback("export", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "Saved your data to" in result.stdout and "4 check-ins" in result.stdout
    with zipfile.ZipFile(target) as archive:
        assert "checkins.csv" in archive.namelist()
        document = json.loads(archive.read("upback.json"))
    assert document["owner"]["username"] == "tester"
    assert "zebedee" not in json.dumps(document)


def test_export_to_a_json_file_writes_just_the_document(upback: Upback, tmp_path: Path) -> None:
    rich_account("tester")
    target = tmp_path / "upback.json"
    assert upback("export", "--output", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "upback-export"


def test_export_without_a_name_uses_a_dated_name_in_this_folder(
    upback: Upback, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert upback("export").exit_code == 0
    (saved,) = tmp_path.glob("upback-tester-*.zip")
    assert zipfile.is_zipfile(saved)


def test_export_never_replaces_a_file_unless_asked(upback: Upback, tmp_path: Path) -> None:
    target = tmp_path / "backup.zip"
    target.write_text("precious")
    result = upback("export", "-o", str(target))
    assert result.exit_code == 2
    assert "already exists" in one_clear_line(result) and "--force" in result.stderr
    assert target.read_text() == "precious"
    assert upback("export", "-o", str(target), "--force").exit_code == 0
    assert zipfile.is_zipfile(target)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("missing-folder/backup.zip", "does not exist"), ("backup.pdf", "must end in .zip")],
)
def test_a_bad_output_path_is_one_clear_line(
    upback: Upback, tmp_path: Path, name: str, expected: str
) -> None:
    result = upback("export", "-o", str(tmp_path / name))
    assert result.exit_code == 2
    assert expected in one_clear_line(result)


def test_import_brings_an_export_into_the_fresh_terminal_account(
    upback: Upback, tmp_path: Path
) -> None:
    original = rich_account("ana")
    path = tmp_path / "ana.zip"
    path.write_bytes(data_export(owner=original).content)
    result = upback("import", str(path))
    assert result.exit_code == 0, result.output
    assert "Your data is back: 4 check-ins, 3 sessions, 3 plan versions" in result.stdout
    tester = User.objects.get(username="tester")
    assert without_envelope(data_export_document(owner=tester)) == without_envelope(
        data_export_document(owner=original)
    )


def test_import_refuses_an_account_that_has_data(upback: Upback, tmp_path: Path) -> None:
    tester = rich_account("tester")
    path = tmp_path / "again.zip"
    path.write_bytes(data_export(owner=tester).content)
    result = upback("import", str(path))
    assert result.exit_code == 2
    line = one_clear_line(result)
    assert "already has data" in line and "UPBACK_USER=" in line
    assert CheckIn.objects.filter(owner=tester).count() == 4


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"hello, spreadsheet\n1,2\n", "not an upback export"),
        (b'{"format": ', "not valid JSON"),
        (b'{"format": "something-else"}', "not an upback export"),
        (b'{"format": "upback-export", "format_version": 2}', "from a newer upback"),
        (b"PK\x03\x04 not a zip", "damaged or incomplete"),
    ],
)
def test_a_foreign_or_corrupt_file_is_one_clear_line_with_exit_2(
    upback: Upback, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "file.zip"
    path.write_bytes(content)
    result = upback("import", str(path))
    assert result.exit_code == 2
    line = one_clear_line(result)
    assert expected in line and "Nothing was imported." in line and str(path) in line
    assert data_counts(owner=User.objects.get(username="tester")).empty


def test_a_bad_value_in_the_file_is_named(upback: Upback, tmp_path: Path) -> None:
    document = json.loads(json.dumps(data_export_document(owner=rich_account("ana"))))
    document["sessions"][0]["pain_before"] = -1
    result = upback("import", upback.file("bad.json", document))
    assert result.exit_code == 2
    assert "sessions[0].pain_before: must be at least 0 (got -1)" in one_clear_line(result)


def test_a_missing_file_is_one_clear_line(upback: Upback, tmp_path: Path) -> None:
    result = upback("import", str(tmp_path / "nowhere.zip"))
    assert result.exit_code == 2
    assert "no such file" in one_clear_line(result)


def test_delete_account_asks_for_the_username_and_deletes_everything(upback: Upback) -> None:
    tester = rich_account("tester")
    other = rich_account("zebedee")
    result = upback("delete-account", input="tester\n")
    assert result.exit_code == 0, result.output
    assert "4 check-ins" in result.stdout and "are deleted" in result.stdout
    assert not User.objects.filter(pk=tester.pk).exists()
    assert not CheckIn.objects.filter(owner_id=tester.pk).exists()
    assert CheckIn.objects.filter(owner=other).count() == 4


def test_pressing_enter_keeps_the_account(upback: Upback) -> None:
    tester = rich_account("tester")
    result = upback("delete-account", input="\n")
    assert result.exit_code == 1
    assert "Nothing was deleted." in result.stdout
    assert CheckIn.objects.filter(owner=tester).count() == 4


def test_a_wrong_username_deletes_nothing(upback: Upback) -> None:
    tester = rich_account("tester")
    result = upback("delete-account", "--confirm", "someone")
    assert result.exit_code == 2
    assert "nothing was deleted" in one_clear_line(result)
    assert User.objects.filter(pk=tester.pk).exists()


def test_confirm_deletes_without_asking(upback: Upback) -> None:
    rich_account("tester")
    assert upback("delete-account", "--confirm", "tester").exit_code == 0
    assert not User.objects.filter(username="tester").exists()
