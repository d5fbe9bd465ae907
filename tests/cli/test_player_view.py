"""`upback session` shows each item's steps and, when it has one, a link to its picture."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from upback.cli.player_view import PlainView, item_intro
from upback.cli.terminal_player import Item


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("UPBACK_DATA_DIR", str(tmp_path))
    return tmp_path


def shown(renderable: object, *, terminal: bool = False) -> str:
    out = Console(width=200, force_terminal=terminal, color_system="standard" if terminal else None)
    with out.capture() as captured:
        out.print(renderable)
    return captured.get()


def test_an_item_with_a_picture_links_to_it_saved_in_the_data_directory(data_dir: Path) -> None:
    item = Item(
        order=1, name="Cat-cow", dose="10 rounds", how=("Hands and knees.",), slug="cat_cow"
    )
    text = shown(item_intro(item, 2, 8))
    saved = data_dir / "figures" / "cat_cow.svg"
    assert saved.read_text().startswith("<svg")
    assert f"Picture: {saved.resolve().as_uri()}  (opens in a browser)" in text
    assert text.index("Hands and knees.") < text.index("Picture:")


def test_in_a_terminal_the_address_is_a_link_to_click(data_dir: Path) -> None:
    item = Item(order=1, name="Cat-cow", dose="10 rounds", slug="cat_cow")
    uri = (data_dir / "figures" / "cat_cow.svg").resolve().as_uri()
    assert "\x1b]8;id=" in shown(item_intro(item, 1, 1), terminal=True)
    assert f";{uri}\x1b\\" in shown(item_intro(item, 1, 1), terminal=True)


@pytest.mark.parametrize("slug", ["heat_for_tight_muscles", "", "no_longer_in_the_library"])
def test_an_item_without_a_picture_shows_none(data_dir: Path, slug: str) -> None:
    item = Item(order=0, name="Heat", dose="15 min", how=("Warm, not hot.",), slug=slug)
    assert "Picture:" not in shown(item_intro(item, 1, 1))
    assert not (data_dir / "figures").exists()


def test_the_plain_view_prints_the_link_as_each_item_starts(data_dir: Path) -> None:
    out = Console(width=200)
    with out.capture() as captured:
        PlainView(out).item_started(Item(0, "Cat-cow", "10 rounds", slug="cat_cow"), 1, 2)
    assert "Picture: file://" in captured.get()
