"""The data directory and the secret key that lives in it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from upback.site.paths import data_dir, secret_key


def test_the_data_directory_follows_upback_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UPBACK_DATA_DIR", str(tmp_path / "mine"))
    assert data_dir() == tmp_path / "mine"
    assert (tmp_path / "mine").is_dir()


def test_the_secret_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    first = secret_key(tmp_path)
    assert len(first) >= 50
    assert secret_key(tmp_path) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600
