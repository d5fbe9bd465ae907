"""Behind a reverse proxy, login throttling sees each visitor's own address."""

from __future__ import annotations

from django.test import RequestFactory

from upback.site.proxy import client_ip


def test_the_address_the_proxy_saw_is_used_not_what_the_client_claims() -> None:
    request = RequestFactory().get(
        "/login/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="127.0.0.1"
    )
    assert client_ip(request) == "203.0.113.9"


def test_without_a_proxy_header_the_connection_address_is_used() -> None:
    assert client_ip(RequestFactory().get("/login/", REMOTE_ADDR="198.51.100.4")) == "198.51.100.4"
