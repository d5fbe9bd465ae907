"""The landing page, sign-up, and the account page; Django's own views do log in and passwords."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from upback.coach import selectors, services
from upback.site.paths import database_description


class SignupForm(UserCreationForm):  # type: ignore[type-arg]
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used if you ever need to reset your password.",
    )
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "coach/home.html")


@login_not_required
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        first = not selectors.any_account_exists()
        user = services.account_create(
            username=form.cleaned_data["username"],
            email=form.cleaned_data.get("email") or "",
            password=form.cleaned_data["password1"],
            time_zone=form.cleaned_data.get("time_zone") or "UTC",
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if first:
            messages.info(
                request,
                f"Welcome! You are the first person on this upback. Everything you record is "
                f"kept in {database_description()}, on this machine only.",
            )
        return redirect("screen_start")
    return render(
        request, "registration/signup.html", {"form": form}, status=400 if form.errors else 200
    )


def account(request: HttpRequest) -> HttpResponse:
    record = selectors.account_get(owner=request.user)  # type: ignore[arg-type]
    latest = selectors.screening_latest(owner=request.user)  # type: ignore[arg-type]
    time_zone = record.time_zone if record else "UTC"
    return render(request, "coach/account.html", {"time_zone": time_zone, "latest": latest})


urlpatterns = [
    path("", home, name="home"),
    path("signup/", signup, name="signup"),
    path("account/", account, name="account"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
