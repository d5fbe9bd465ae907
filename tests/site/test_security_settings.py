"""Secure cookies, HTTPS and HSTS whenever upback is not served on this machine only.

Settings are read once per process, so each case reads them in a fresh one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

READ = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({name: getattr(settings, name, None) for name in [
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE", "CSRF_TRUSTED_ORIGINS", "SESSION_COOKIE_HTTPONLY",
]}))
"""


def read_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("UPBACK_")}
    clean.update(
        {"UPBACK_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "upback.site.settings", **env}
    )
    return subprocess.run(
        [sys.executable, "-c", READ], env=clean, capture_output=True, text=True, timeout=60
    )


def settings_with(tmp_path: Path, **env: str) -> dict[str, Any]:
    result = read_settings(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def test_on_this_machine_only_plain_http_keeps_working(tmp_path: Path) -> None:
    found = settings_with(tmp_path)
    assert not found["SESSION_COOKIE_SECURE"]
    assert not found["CSRF_COOKIE_SECURE"]
    assert not found["SECURE_SSL_REDIRECT"]
    assert found["SECURE_HSTS_SECONDS"] == 0
    assert found["SECURE_PROXY_SSL_HEADER"] is None
    assert found["SESSION_COOKIE_HTTPONLY"]


def test_served_under_a_real_name_every_cookie_is_secure_and_https_is_enforced(
    tmp_path: Path,
) -> None:
    found = settings_with(tmp_path, UPBACK_ALLOWED_HOSTS="upback.example.org,localhost")
    assert found["SESSION_COOKIE_SECURE"] and found["CSRF_COOKIE_SECURE"]
    assert found["SECURE_SSL_REDIRECT"]
    assert found["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert found["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_upback_https_overrides_the_guess_either_way(tmp_path: Path) -> None:
    off = settings_with(tmp_path, UPBACK_ALLOWED_HOSTS="upback.example.org", UPBACK_HTTPS="0")
    assert not off["SESSION_COOKIE_SECURE"] and not off["SECURE_SSL_REDIRECT"]
    on = settings_with(tmp_path, UPBACK_HTTPS="1")
    assert on["SESSION_COOKIE_SECURE"] and on["SECURE_SSL_REDIRECT"]


def test_gunicorn_facing_the_internet_directly_does_not_trust_a_forwarded_header(
    tmp_path: Path,
) -> None:
    found = settings_with(
        tmp_path, UPBACK_ALLOWED_HOSTS="upback.example.org", UPBACK_BEHIND_PROXY="0"
    )
    assert found["SECURE_PROXY_SSL_HEADER"] is None
    assert found["SECURE_SSL_REDIRECT"]


def test_cookies_are_same_site_lax_by_default_and_strict_on_request(tmp_path: Path) -> None:
    assert settings_with(tmp_path)["SESSION_COOKIE_SAMESITE"] == "Lax"
    strict = settings_with(tmp_path, UPBACK_COOKIE_SAMESITE="strict")
    assert strict["SESSION_COOKIE_SAMESITE"] == strict["CSRF_COOKIE_SAMESITE"] == "Strict"


def test_trusted_origins_come_from_the_environment(tmp_path: Path) -> None:
    found = settings_with(
        tmp_path, UPBACK_CSRF_TRUSTED_ORIGINS="https://upback.example.org, https://b.example.org"
    )
    assert found["CSRF_TRUSTED_ORIGINS"] == ["https://upback.example.org", "https://b.example.org"]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("UPBACK_COOKIE_SAMESITE", "None", "UPBACK_COOKIE_SAMESITE must be Lax or Strict"),
        ("UPBACK_CSRF_TRUSTED_ORIGINS", "upback.example.org", "start with https://"),
        ("UPBACK_HTTPS", "sometimes", "UPBACK_HTTPS must be one of"),
        ("UPBACK_HSTS_SECONDS", "-1", "UPBACK_HSTS_SECONDS must be at least 0"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(
    tmp_path: Path, name: str, value: str, message: str
) -> None:
    result = read_settings(tmp_path, **{name: value})
    assert result.returncode != 0
    assert message in result.stderr
