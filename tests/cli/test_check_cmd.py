"""`upback check --deploy`: Django's deployment checklist against the settings a server runs with.

Settings are read once per process, so each case runs the command in a fresh one with the
environment an operator would set (docs/configuration.md).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest


def run_check(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # As on a server: none of the test run's own settings (its data dir, DJANGO_ALLOW_ASYNC_UNSAFE).
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("UPBACK_", "DJANGO_"))}
    clean.update({"UPBACK_DATA_DIR": str(tmp_path), "COLUMNS": "200", **env})
    return subprocess.run(
        [sys.executable, "-m", "upback.cli.main", "check", *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production() -> dict[str, str]:
    """What the operator's docs say to set on a server: its name and a real secret key."""
    return {
        "UPBACK_ALLOWED_HOSTS": "upback.example.org",
        "UPBACK_SECRET_KEY": secrets.token_urlsafe(50),
    }


def test_the_production_configuration_passes_the_deployment_checklist(
    tmp_path: Path, production: dict[str, str]
) -> None:
    result = run_check(tmp_path, "--deploy", **production)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "debug off, https on, hosts upback.example.org" in result.stdout
    assert "Django's deployment checks found no problem" in result.stdout
    assert "Traceback" not in result.stderr


def test_debug_left_on_fails_and_names_the_problem(
    tmp_path: Path, production: dict[str, str]
) -> None:
    result = run_check(tmp_path, "--deploy", UPBACK_DEBUG="1", **production)
    assert result.returncode == 1
    assert "found 1 problem:" in result.stdout
    assert "security.W018" in result.stdout
    assert "DEBUG set to True" in result.stdout


def test_https_turned_off_on_a_server_is_named_for_each_setting(
    tmp_path: Path, production: dict[str, str]
) -> None:
    result = run_check(tmp_path, "--deploy", UPBACK_HTTPS="0", **production)
    assert result.returncode == 1
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stdout


def test_a_laptop_setup_explains_why_https_is_off(tmp_path: Path) -> None:
    result = run_check(tmp_path, "--deploy")
    assert result.returncode == 1
    assert "upback answers only this machine" in result.stdout
    assert "set UPBACK_ALLOWED_HOSTS to its name" in result.stdout


def test_without_deploy_the_everyday_checks_pass_on_a_laptop(tmp_path: Path) -> None:
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Django's checks found no problem." in result.stdout


def test_a_bad_https_value_is_one_clear_line_and_no_traceback(tmp_path: Path) -> None:
    result = run_check(tmp_path, "--deploy", UPBACK_HTTPS="maybe")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: UPBACK_HTTPS must be one of 1/0, true/false, yes/no, on/off; got 'maybe'"
    ]
