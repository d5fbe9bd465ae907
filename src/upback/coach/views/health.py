"""`/healthz`: a plain "ok" for whatever watches the server (a load balancer, a container, a
monitoring check), answered without signing in and without touching the database.

It is also the benchmarks' ceiling: the cheapest page the same server and middleware can serve,
so each real page's throughput is reported as a share of it (docs/performance.md).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("healthz", healthz, name="healthz")]
