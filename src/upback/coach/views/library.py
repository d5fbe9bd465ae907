"""(Scaffold: being built.)"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


def page(request: HttpRequest) -> HttpResponse:
    return render(request, "coach/scaffold.html", {"title": "Library"})


urlpatterns = [path("library/", page, name="library")]
urlpatterns += [path("advice/", page, name="advice")]
