"""URL routes. The web pages arrive with the web app; the admin is here for operators."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
