"""Onboarding: the safety screen, one question per page. (Scaffold: being built.)"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


def screen_start(request: HttpRequest) -> HttpResponse:
    return render(request, "coach/scaffold.html", {"title": "Safety check"})


urlpatterns = [
    path("screen/", screen_start, name="screen_start"),
    path("screen/result/", screen_start, name="screen_result"),
    path("stop/", screen_start, name="stop"),
]
