"""Your data on the web: the overview, the export download, import into an empty account, and
deleting the account with the username and password typed to confirm."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.coach.data_examples import rich_account
from upback.coach.models import CheckIn, Plan
from upback.coach.selectors.data import data_counts
from upback.coach.services.data import data_export, data_export_document

pytestmark = pytest.mark.django_db

PASSWORD = "pw 2026"  # rich_account's password


@pytest.fixture
def owner() -> User:
    return rich_account("ana")


@pytest.fixture
def client_in(client: Client, owner: User) -> Client:
    client.force_login(owner)
    return client


def upload(content: bytes, name: str = "upback-ana.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/zip")


def test_every_data_page_needs_login(client: Client) -> None:
    for name in ("data", "data_export", "data_import", "data_delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/login/" in response["Location"], name


def test_the_account_page_links_to_your_data(client_in: Client) -> None:
    body = client_in.get(reverse("account")).content.decode()
    assert "Your data: export, import or delete" in body and reverse("data") in body


def test_the_overview_shows_what_is_stored_and_the_three_actions(client_in: Client) -> None:
    response = client_in.get(reverse("data"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<strong>4</strong> check-ins" in body and "<strong>3</strong> plan versions" in body
    assert reverse("data_export") in body and reverse("data_delete") in body
    assert "only works into a new, empty account" in body  # this account has data


# --- export -----------------------------------------------------------------------------------


def test_the_export_downloads_a_zip_of_the_owners_data(client_in: Client, owner: User) -> None:
    response = client_in.get(reverse("data_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="upback-ana-')
    assert response["Cache-Control"] == "no-store"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        document = json.loads(archive.read("upback.json"))
    assert document["owner"]["username"] == "ana"
    assert len(document["checkins"]) == 4


def test_another_person_only_ever_downloads_their_own_data(client: Client, owner: User) -> None:
    outsider = User.objects.create_user("zed", password=PASSWORD)
    client.force_login(outsider)
    response = client.get(reverse("data_export"), {"owner": owner.pk, "user": "ana"})
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        document = json.loads(archive.read("upback.json"))
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert document["owner"]["username"] == "zed"
    assert document["checkins"] == [] and document["plans"] == []
    assert b"ana" not in everything


def test_export_is_a_get_only_download(client_in: Client) -> None:
    assert client_in.post(reverse("data_export")).status_code == 405


# --- import -----------------------------------------------------------------------------------


@pytest.fixture
def newcomer(client: Client) -> User:
    user = User.objects.create_user("newcomer", password=PASSWORD)
    client.force_login(user)
    return user


def test_an_empty_account_is_offered_the_import_form(client: Client, newcomer: User) -> None:
    overview = client.get(reverse("data")).content.decode()
    assert reverse("data_import") in overview
    page = client.get(reverse("data_import"))
    assert page.status_code == 200
    assert 'type="file"' in page.content.decode()


def test_importing_an_export_brings_the_data_back(
    client: Client, newcomer: User, owner: User
) -> None:
    content = data_export(owner=owner).content
    response = client.post(reverse("data_import"), {"file": upload(content)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("data")
    body = response.content.decode()
    assert "Your data is back: 4 check-ins, 3 sessions, 3 plan versions" in body
    assert CheckIn.objects.filter(owner=newcomer).count() == 4
    assert CheckIn.objects.filter(owner=owner).count() == 4  # the original is untouched


def test_a_bare_json_file_imports_too(client: Client, newcomer: User, owner: User) -> None:
    raw = json.dumps(data_export_document(owner=owner)).encode()
    response = client.post(reverse("data_import"), {"file": upload(raw, "upback.json")})
    assert response.status_code == 302
    assert Plan.objects.filter(owner=newcomer).count() == 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"just some text", "not an upback export"),
        (b'{"format": "upback-export", "format_version": 9}', "from a newer upback"),
        (b"PK\x03\x04 broken", "damaged or incomplete"),
    ],
)
def test_a_bad_file_is_a_400_that_names_the_problem_and_saves_nothing(
    client: Client, newcomer: User, content: bytes, expected: str
) -> None:
    response = client.post(reverse("data_import"), {"file": upload(content)})
    assert response.status_code == 400
    body = response.content.decode()
    assert expected in body and "Nothing was imported." in body
    assert 'type="file"' in body  # the form is still there to try again
    assert data_counts(owner=newcomer).empty


def test_a_bad_value_is_named_in_words(client: Client, newcomer: User, owner: User) -> None:
    document = json.loads(json.dumps(data_export_document(owner=owner)))
    document["checkins"][1]["pain"] = 12
    response = client.post(reverse("data_import"), {"file": upload(json.dumps(document).encode())})
    assert response.status_code == 400
    assert "The file has a problem at checkins[1].pain: must be at most 10" in (
        response.content.decode()
    )
    assert data_counts(owner=newcomer).empty


def test_no_file_chosen_is_a_400_asking_for_one(client: Client, newcomer: User) -> None:
    response = client.post(reverse("data_import"), {})
    assert response.status_code == 400
    assert "Please choose the file to import." in response.content.decode()


def test_an_account_with_data_is_told_import_needs_an_empty_one(
    client_in: Client, owner: User
) -> None:
    page = client_in.get(reverse("data_import")).content.decode()
    assert "only works into a new, empty account" in page and 'type="file"' not in page
    before = data_export_document(owner=owner)
    content = data_export(owner=owner).content
    response = client_in.post(reverse("data_import"), {"file": upload(content)})
    assert response.status_code == 400
    assert "already has data" in response.content.decode()
    assert data_export_document(owner=owner)["checkins"] == before["checkins"]


# --- delete -----------------------------------------------------------------------------------


def test_the_delete_page_explains_what_goes_and_asks_for_username_and_password(
    client_in: Client,
) -> None:
    body = client_in.get(reverse("data_delete")).content.decode()
    assert "cannot be undone" in body
    assert "<strong>4</strong> check-ins" in body and "<strong>3</strong> guided sessions" in body
    assert 'name="username"' in body and 'name="password"' in body
    assert "Type ana to confirm" in body
    assert reverse("data_export") in body


@pytest.mark.parametrize(
    ("typed", "password", "field", "message"),
    [
        ("anna", PASSWORD, "username", "That is not your username"),
        ("ana", "wrong", "password", "That password is not right"),
        ("", PASSWORD, "username", "Please type your username to confirm."),
        ("ana", "", "password", "Please enter your password to confirm."),
    ],
)
def test_a_wrong_confirmation_is_a_400_that_keeps_the_form_and_deletes_nothing(
    client_in: Client, owner: User, typed: str, password: str, field: str, message: str
) -> None:
    response = client_in.post(reverse("data_delete"), {"username": typed, "password": password})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert f'id="id_{field}_errors"' in body
    if typed:
        assert f'value="{typed}"' in body
    assert PASSWORD not in body  # a password is never echoed back
    assert User.objects.filter(pk=owner.pk).exists()
    assert CheckIn.objects.filter(owner=owner).count() == 4


def test_deleting_removes_everything_logs_out_and_says_goodbye(
    client_in: Client, owner: User
) -> None:
    other = rich_account("zed")
    response = client_in.post(
        reverse("data_delete"), {"username": "ana", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("data_goodbye")
    assert "Your account is deleted" in response.content.decode()
    assert not User.objects.filter(username="ana").exists()
    assert not CheckIn.objects.filter(owner_id=owner.pk).exists()
    assert CheckIn.objects.filter(owner=other).count() == 4
    assert client_in.get(reverse("today"))["Location"].startswith("/login/")
    for session in Session.objects.all():
        assert session.get_decoded().get("_auth_user_id") != str(owner.pk)


def test_the_goodbye_page_only_follows_a_deletion(client: Client) -> None:
    assert client.get(reverse("data_goodbye"))["Location"] == reverse("home")
