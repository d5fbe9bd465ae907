"""URL routes: each feature's views module lists its own routes."""

from django.contrib import admin
from django.urls import include, path

from upback.api.main import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("upback.coach.views.accounts")),
    path("", include("upback.coach.views.screen")),
    path("", include("upback.coach.views.plans")),
    path("", include("upback.coach.views.plan_history")),
    path("", include("upback.coach.views.handout")),
    path("", include("upback.coach.views.today")),
    path("", include("upback.coach.views.player")),
    path("", include("upback.coach.views.checkins")),
    path("", include("upback.coach.views.library")),
    path("", include("upback.coach.views.report")),
    path("", include("upback.coach.views.progress")),
    path("", include("upback.coach.views.reviews")),
    path("", include("upback.coach.views.data")),
    path("", include("upback.coach.views.toolkit")),
    path("", include("upback.coach.views.breaks")),
    path("", include("upback.coach.views.pwa")),
    path("", include("upback.coach.views.habits")),
    path("", include("upback.coach.views.desk")),
    path("", include("upback.coach.views.heat_cold")),
    path("", include("upback.coach.views.sleep")),
    path("", include("upback.coach.views.calendar")),
    path("", include("upback.coach.views.tokens")),
    path("", include("upback.coach.views.health")),
]
