"""Your data: the export holds everything a person owns (and nothing else), an import into a fresh
install gives the same data back, bad files are refused whole, and deleting an account leaves no
row of it anywhere."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from tests.coach.data_examples import (
    FORMULA_NOTE,
    UNICODE_NOTE,
    coach_rows_of,
    rich_account,
    unpack,
    without_envelope,
)
from upback.coach.models import (
    Account,
    CheckIn,
    GuidedItem,
    GuidedSession,
    Plan,
    Review,
    Screening,
)
from upback.coach.selectors.data import data_counts
from upback.coach.services.data import (
    TABLES,
    AccountNotEmpty,
    ExportDocument,
    account_delete,
    data_export,
    data_export_document,
    data_import,
)
from upback.coach.services.data.format import NOT_EXPORTED
from upback.core.errors import InputProblem

pytestmark = pytest.mark.django_db

# --- the format covers every field -----------------------------------------------------------


def test_every_coach_model_is_in_the_export_format() -> None:
    covered = {table.model for table in TABLES} | set(NOT_EXPORTED)
    missing = set(apps.get_app_config("coach").get_models()) - covered
    assert not missing, (
        f"{sorted(m.__name__ for m in missing)} would be left out of exports: add a row model "
        "and a Table for each in services/data/format.py"
    )


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.model.__name__)
def test_every_field_is_in_the_file_or_deliberately_left_out(table: Any) -> None:
    stored = {f.name for f in table.model._meta.get_fields() if f.concrete}
    in_file = set(table.fields) | set(table.links.values()) | table.hidden
    missing = stored - in_file
    assert not missing, (
        f"{table.model.__name__}.{sorted(missing)} would be dropped from exports: add it to "
        f"{table.row.__name__} in services/data/format.py "
        "(with a default, so older files still import)"
    )
    assert not in_file - stored, f"{table.row.__name__} names fields the model does not have"


# --- export -----------------------------------------------------------------------------------


def test_the_export_is_a_zip_with_the_json_the_spreadsheets_and_a_readme() -> None:
    user = rich_account()
    files = unpack(data_export(owner=user).content)
    assert set(files) == {
        "README.txt",
        "upback.json",
        "checkins.csv",
        "sessions.csv",
        "session_items.csv",
        "screenings.csv",
        "plans.csv",
        "reviews.csv",
        "breaks.csv",
        "habits.csv",
    }
    readme = files["README.txt"].decode()
    assert "upback import" in readme and "password" in readme
    document = json.loads(files["upback.json"])
    assert document["format"] == "upback-export" and document["format_version"] == 1
    assert document["app_version"] and document["exported_at"]
    ExportDocument.model_validate_json(files["upback.json"])  # what we write, we can read


def test_the_json_holds_every_row_with_natural_keys_and_iso_dates() -> None:
    user = rich_account()
    document = data_export_document(owner=user)
    assert len(document["screenings"]) == 2
    assert document["screenings"][0]["clearance"]["confirmed_at"].startswith("2026-01-04")
    assert [p["version"] for p in document["plans"]] == [1, 2, 3]
    assert document["plans"][1]["rules"] == ["adapt.progress_reps"]
    assert [s["plan_version"] for s in document["sessions"]] == [1, 2, 3]
    assert document["sessions"][0]["items"][0]["feeling"] == "too_easy"
    assert document["sessions"][0]["next_morning_pain"] == 4
    assert document["checkins"][0] == {
        **document["checkins"][0],
        "local_date": "2026-01-05",
        "note": UNICODE_NOTE,
        "created_at": "2026-01-05T20:30:15.123456+00:00",
    }
    assert [r["plan_version"] for r in document["reviews"]] == [2, None]
    assert document["account"]["time_zone"] == "Europe/Lisbon"
    assert document["profile"]["who"] == "desk_worker"
    assert document["account"]["routine_time"] == "07:30:00"
    assert [b["outcome"] for b in document["breaks"]] == ["taken", "snoozed", "taken", "skipped"]
    assert document["breaks"][0]["client_id"] == "6f1c8a8e-3b1e-4a55-9d6f-2f5a0c1b7e21"
    (month,) = document["habit_months"]
    assert month["reminder_time"] == "20:15:00"
    assert [c["habit"] for c in month["checks"]] == [
        "movement_breaks",
        "own-walk-the-dog",
        "movement_breaks",
    ]

    def keys(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for key, inner in value.items():
                yield key
                yield from keys(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from keys(inner)

    database_keys = {
        "id",
        "pk",
        "owner_id",
        "plan_id",
        "session_id",
        "screening_id",
        "month_id",
        "password",
    }
    assert not database_keys & set(keys(document))


def test_the_export_holds_nothing_of_another_person_and_no_password_hash() -> None:
    user = rich_account("ana")
    other = rich_account("zebedee", other_note="zebedee's private note")
    content = data_export(owner=user).content
    text = b"".join(unpack(content).values()).decode("utf-8", errors="replace")
    assert "zebedee" not in text
    assert "private note" not in text
    assert user.password not in text and "argon2" not in text
    assert other.password not in text


def test_the_spreadsheets_keep_unicode_and_defuse_formulas() -> None:
    files = unpack(data_export(owner=rich_account()).content)
    assert files["checkins.csv"].startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets look for
    rows = list(csv.DictReader(io.StringIO(files["checkins.csv"].decode("utf-8-sig"))))
    assert rows[0]["note"] == UNICODE_NOTE.replace("\n", "\r\n") or rows[0]["note"] == UNICODE_NOTE
    assert rows[0]["recorded"] == "2026-01-05 20:30:15"  # Lisbon is on UTC in January
    assert rows[2]["note"] == "'" + FORMULA_NOTE
    sessions = list(csv.DictReader(io.StringIO(files["sessions.csv"].decode("utf-8-sig"))))
    assert sessions[0]["relief"] == "3" and sessions[0]["items_done"] == "1"
    assert sessions[2]["finished"] == "" and sessions[2]["pain_after"] == ""
    items = list(csv.DictReader(io.StringIO(files["session_items.csv"].decode("utf-8-sig"))))
    assert items[0]["session"] == "1" and items[0]["feeling"] == "too easy"
    plans = list(csv.DictReader(io.StringIO(files["plans.csv"].decode("utf-8-sig"))))
    assert plans[1]["changes"].endswith("It felt easy twice, so one more rep.")
    screenings = list(csv.DictReader(io.StringIO(files["screenings.csv"].decode("utf-8-sig"))))
    assert screenings[0]["result"] == "soon" and screenings[0]["clinician_seen"]
    reviews = list(csv.DictReader(io.StringIO(files["reviews.csv"].decode("utf-8-sig"))))
    assert reviews[0]["activity_1"] == "Sitting through a meeting" and reviews[1]["score_3"] == ""


def test_an_empty_account_exports_an_empty_but_importable_file() -> None:
    user = User.objects.create_user("new")
    document = data_export_document(owner=user)
    assert document["checkins"] == [] and document["profile"] is None
    other = User.objects.create_user("newer")
    data_import(owner=other, content=data_export(owner=user).content)
    assert data_counts(owner=other).empty


# --- import -----------------------------------------------------------------------------------


def test_an_export_imported_into_a_fresh_install_gives_the_same_data_back() -> None:
    original = rich_account("ana")
    rich_account("ben")
    before = data_export_document(owner=original)
    content = data_export(owner=original).content
    for user in User.objects.all():
        account_delete(owner=user)
    assert not any(m._default_manager.exists() for m in apps.get_app_config("coach").get_models())

    fresh = User.objects.create_user("ana-again")
    summary = data_import(owner=fresh, content=content)
    assert summary.checkins == 4 and summary.sessions == 3 and summary.plans == 3
    after = data_export_document(owner=fresh)
    assert without_envelope(after) == without_envelope(before)
    assert data_export_document(owner=fresh)["owner"]["username"] == "ana-again"


def test_the_bare_json_imports_too_and_sessions_point_at_their_plan_versions() -> None:
    original = rich_account("ana")
    raw = json.dumps(data_export_document(owner=original)).encode()
    fresh = User.objects.create_user("carla")
    data_import(owner=fresh, content=raw)
    versions = [s.plan.version for s in GuidedSession.objects.filter(owner=fresh)]
    assert sorted(versions) == [1, 2, 3]
    assert Review.objects.get(owner=fresh, plan__isnull=False).plan.version == 2  # type: ignore[union-attr]
    assert (
        GuidedItem.objects.filter(session__owner=fresh).count()
        == GuidedItem.objects.filter(session__owner=original).count()
    )


def test_the_care_state_comes_back_with_the_screenings() -> None:
    from upback.coach.selectors.screenings import care_state_get

    original = rich_account("ana")
    fresh = User.objects.create_user("dan")
    data_import(owner=fresh, content=data_export(owner=original).content)
    assert care_state_get(owner=fresh) == care_state_get(owner=original)


def test_an_account_with_data_is_refused_and_left_as_it_was() -> None:
    user = rich_account("ana")
    content = data_export(owner=user).content
    before = data_export_document(owner=user)
    with pytest.raises(AccountNotEmpty, match="already has data"):
        data_import(owner=user, content=content)
    assert without_envelope(data_export_document(owner=user)) == without_envelope(before)


def test_an_account_with_only_its_settings_counts_as_empty() -> None:
    user = User.objects.create_user("eve")
    Account.objects.create(owner=user, time_zone="Asia/Tokyo")
    data_import(owner=user, content=data_export(owner=rich_account("ana")).content)
    assert Account.objects.get(owner=user).time_zone == "Europe/Lisbon"
    assert Account.objects.filter(owner=user).count() == 1


@pytest.fixture
def exported() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(data_export_document(owner=rich_account())))
    return document


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _refused(content: bytes) -> str:
    fresh = User.objects.create_user("fresh")
    with pytest.raises(InputProblem) as problem:
        data_import(owner=fresh, content=content)
    assert data_counts(owner=fresh).empty, "nothing is saved from a refused file"
    message = str(problem.value)
    assert "\n" not in message.strip() or message.count("\n") == 0
    return message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not an upback export"),
        (b"name,pain\nana,3\n", "not an upback export"),
        (b'{"format": "upback-export",', "not valid JSON (line 1"),
        (b"PK\x03\x04 this is not really a zip", "damaged or incomplete"),
        (_zip({"notes.txt": b"hello"}), "no upback.json"),
        (b'{"hello": "world"}', "not an upback export"),
        (b"[1, 2, 3]", "not an upback export"),
        (b'{"format": "upback-export", "format_version": 7}', "from a newer upback"),
        (b'{"format": "upback-export", "format_version": "1"}', "whole number"),
        (b'{"format": "upback-export", "format_version": 0}', "must be 1"),
        (b'{"format": "upback-export", "format_version": 1}', "is required"),
    ],
    ids=[
        "empty",
        "binary",
        "csv",
        "cut-short-json",
        "broken-zip",
        "zip-without-json",
        "foreign-json",
        "a-list",
        "newer-version",
        "version-as-text",
        "version-zero",
        "missing-fields",
    ],
)
def test_a_foreign_or_corrupt_file_is_refused_with_one_clear_line(
    content: bytes, expected: str
) -> None:
    assert expected in _refused(content)


def _set(document: dict[str, Any], where: str, value: Any) -> None:
    """Set document[a][0][b]... from a path like 'checkins.0.pain'."""
    *path, last = where.split(".")
    target: Any = document
    for part in path:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        ("checkins.1.pain", 12, "checkins[1].pain: must be at most 10 (got 12)"),
        ("checkins.1.local_date", "yesterday", "checkins[1].local_date"),
        ("checkins.1.favourite", "blue", "checkins[1].favourite: is not a known field"),
        ("checkins.1.note", "x" * 1001, "checkins[1].note"),
        ("checkins.1.note", "a\x00b", "NUL character"),
        ("checkins.1.local_date", "2026-01-05", "two check-ins on 2026-01-05"),
        ("sessions.1.plan_version", 9, "sessions[1].plan_version: there is no plan version 9"),
        ("sessions.0.items.1.order", 0, "sessions[0].items[1]: order 0 appears twice"),
        ("sessions.0.items.0.status", "flying", "sessions[0].items[0].status"),
        ("sessions.0.day", "someday", "sessions[0].day"),
        ("sessions.0.started_at", "2026-01-05T08:30:00", "sessions[0].started_at"),
        ("plans.1.version", 1, "plans[1]: version 1 appears twice"),
        ("plans.0.data", {"weeks": []}, "plans[0].data"),
        ("plans.0.profile_snapshot", {"who": "astronaut"}, "plans[0].profile_snapshot"),
        ("screenings.0.disposition", "whenever", "screenings[0].disposition"),
        ("reviews.0.pgic", 9, "reviews[0].pgic: must be at most 7"),
        ("reviews.0.plan_version", 5, "reviews[0].plan_version: there is no plan version 5"),
        ("account.time_zone", "Mars/Olympus_Mons", "account.time_zone"),
        ("profile.age", 12, "profile.age: must be at least 18"),
        ("profile.triggers", ["phone_use", "phone_use"], "profile"),
    ],
)
def test_a_bad_value_is_named_and_nothing_is_imported(
    exported: dict[str, Any], where: str, value: Any, expected: str
) -> None:
    _set(exported, where, value)
    assert expected in _refused(json.dumps(exported).encode())


def test_a_problem_late_in_the_file_undoes_everything_written_before_it(
    exported: dict[str, Any],
) -> None:
    # An item name longer than the database allows is caught while writing, after the
    # screenings, plans and sessions are already in: all of them must be rolled back.
    exported["sessions"][-1]["items"][-1]["name"] = "n" * 500
    message = _refused(json.dumps(exported).encode())
    assert "sessions[2].items[" in message and ".name" in message
    assert not Plan.objects.filter(owner__username="fresh").exists()
    assert not Screening.objects.filter(owner__username="fresh").exists()


def test_an_export_zip_nested_in_a_folder_still_imports(exported: dict[str, Any]) -> None:
    fresh = User.objects.create_user("gus")
    data_import(owner=fresh, content=_zip({"my backup/upback.json": json.dumps(exported).encode()}))
    assert CheckIn.objects.filter(owner=fresh).count() == 4


# --- delete -----------------------------------------------------------------------------------


def test_deleting_an_account_leaves_no_row_of_it_and_spares_everyone_else() -> None:
    ana = rich_account("ana")
    ben = rich_account("ben")
    group = Group.objects.create(name="patients")
    ana.groups.add(group)
    ben.groups.add(group)
    ana.user_permissions.add(Permission.objects.first())  # type: ignore[arg-type]
    LogEntry.objects.create(user=ana, object_repr="x", action_flag=ADDITION)
    ben_before = data_export_document(owner=ben)
    ana_pk = ana.pk
    rows = dict(coach_rows_of(ana))
    assert all(queryset.exists() for queryset in rows.values()), "the fixture fills every model"

    account_delete(owner=ana)

    for name, queryset in coach_rows_of(User(pk=ana_pk)):
        assert not queryset.exists(), f"{name} still has rows of the deleted person"
    assert not User.objects.filter(pk=ana_pk).exists()
    assert not User.groups.through.objects.filter(user_id=ana_pk).exists()
    assert not User.user_permissions.through.objects.filter(user_id=ana_pk).exists()
    assert not LogEntry.objects.filter(user_id=ana_pk).exists()
    assert Group.objects.filter(pk=group.pk).exists()
    assert without_envelope(data_export_document(owner=ben)) == without_envelope(ben_before)
    assert ben.groups.filter(pk=group.pk).exists()


def test_exported_at_is_the_time_given() -> None:
    user = User.objects.create_user("hal")
    now = timezone.now()
    assert (
        data_export_document(owner=user, now=now)["exported_at"]
        == now.astimezone(dt.UTC).isoformat()
    )
