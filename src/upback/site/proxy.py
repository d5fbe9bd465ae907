"""The visitor's address behind a reverse proxy, for login throttling.

Behind nginx every request comes from the proxy itself, so REMOTE_ADDR alone would make all
visitors one address and a lock-out would follow the username only. The proxy appends the
address it saw to X-Forwarded-For; the rightmost entry is that one (entries further left come
from the client and can be made up).
"""

from __future__ import annotations

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if hops:
        return hops[-1]
    return str(request.META.get("REMOTE_ADDR", ""))
