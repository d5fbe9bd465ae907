"""Your data: an overview, export (one zip), import into an empty account, and account deletion.

Every view works on request.user only, so nobody can reach another person's data through it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from upback.coach.selectors.data import data_counts
from upback.coach.services.data import MAX_FILE_BYTES, account_delete, data_export, data_import
from upback.core.errors import InputProblem

GOODBYE_FLAG = "upback_account_deleted"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Your export file",
        help_text="The .zip you downloaded from upback, or the upback.json inside it.",
        widget=forms.FileInput(attrs={"accept": ".zip,.json,application/zip,application/json"}),
        error_messages={
            "required": "Please choose the file to import.",
            "empty": "That file is empty. Please choose the .zip you exported.",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"That file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; an upback "
                "export is much smaller. Is it the right file?"
            )
        return upload


class DeleteForm(forms.Form):
    username = forms.CharField(
        label="Your username",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": "Please type your username to confirm."},
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Please enter your password to confirm."},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["username"].help_text = f"Type {user.username} to confirm it is you."

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if username != self.user.username:
            raise forms.ValidationError(
                f"That is not your username. Please type it exactly as shown: {self.user.username}"
            )
        return username

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right. Please try again.")
        return password


def _import_problem(problem: InputProblem) -> str:
    """'field: what is wrong' from the format check reads as a sentence on the page."""
    text = str(problem).rstrip(".")
    if text[:1].islower():
        text = f"The file has a problem at {text}"
    return f"Nothing was imported. {text}."


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware lets only signed-in people here
    return user


@require_http_methods(["GET"])
def data(request: HttpRequest) -> HttpResponse:
    return render(request, "coach/data/data.html", {"counts": data_counts(owner=_user(request))})


@require_http_methods(["GET"])
def data_export_download(request: HttpRequest) -> HttpResponse:
    export = data_export(owner=_user(request))
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def data_import_upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted:
        if form.is_valid():
            try:
                summary = data_import(owner=user, content=form.cleaned_data["file"].read())
            except InputProblem as problem:
                form.add_error("file", _import_problem(problem))
            else:
                messages.success(
                    request,
                    "Imported. The file held only account settings, no records yet."
                    if summary.empty
                    else f"Your data is back: {summary.describe()}.",
                )
                return redirect("data")
        return render(request, "coach/data/import.html", {"form": form}, status=400)
    return render(
        request,
        "coach/data/import.html",
        {"form": form, "counts": data_counts(owner=user)},
    )


@require_http_methods(["GET", "POST"])
def data_delete(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = DeleteForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        account_delete(owner=user)
        logout(request)
        request.session[GOODBYE_FLAG] = True
        return redirect("data_goodbye")
    return render(
        request,
        "coach/data/delete.html",
        {"form": form, "counts": data_counts(owner=user)},
        status=400 if form.errors else 200,
    )


@login_not_required
@require_http_methods(["GET"])
def data_goodbye(request: HttpRequest) -> HttpResponse:
    if not request.session.get(GOODBYE_FLAG):
        return redirect("home")
    return render(request, "coach/data/goodbye.html")


urlpatterns = [
    path("account/data/", data, name="data"),
    path("account/data/export/", data_export_download, name="data_export"),
    path("account/data/import/", data_import_upload, name="data_import"),
    path("account/data/delete/", data_delete, name="data_delete"),
    path("account/data/goodbye/", data_goodbye, name="data_goodbye"),
]
