"""(being built for issue 5)"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
