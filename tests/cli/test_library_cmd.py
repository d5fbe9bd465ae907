"""`upback library`: the table, filters, one technique, its picture, JSON, the content check."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.conftest import Upback, one_clear_line
from upback.core.exercise_figure import animation_svg, strip_svg
from upback.core.library import default_library

# Showing a technique with a picture asks the database whether a safety check says stop.
pytestmark = pytest.mark.django_db

FIELDS = {
    "slug",
    "name",
    "kind",
    "targets",
    "position",
    "equipment",
    "dose",
    "minutes",
    "steps",
    "why",
    "cautions",
    "suitability",
    "easier",
    "harder",
}


def test_it_lists_every_technique_in_a_table(upback: Upback) -> None:
    result = upback("library")
    assert result.exit_code == 0
    assert "thoracic_rotation" in result.stdout
    assert "Resistance band row" in result.stdout


def test_it_filters_by_kind_equipment_and_position(upback: Upback) -> None:
    result = upback("library", "--kind", "strength", "--position", "prone", "--json")
    techniques = json.loads(result.stdout)
    assert techniques
    assert all(t["kind"] == "strength" and t["position"] == "prone" for t in techniques)
    rollers = json.loads(upback("library", "--equipment", "foam_roller", "--json").stdout)
    assert rollers and all("foam_roller" in t["equipment"] for t in rollers)


def test_its_json_has_every_field_of_every_technique(upback: Upback) -> None:
    techniques = json.loads(upback("library", "--json").stdout)
    assert len(techniques) >= 34
    for technique in techniques:
        assert set(technique) >= FIELDS, technique["slug"]


def test_it_shows_one_technique_with_steps_and_cautions(upback: Upback) -> None:
    result = upback("library", "doorway_pec_stretch")
    assert result.exit_code == 0
    assert "How to do it" in result.stdout
    assert "Take care" in result.stdout
    assert "2 × 30 s hold each side" in result.stdout


def test_an_unknown_slug_gets_a_suggestion_and_exit_2(upback: Upback) -> None:
    result = upback("library", "thoracic_rotaton")
    assert result.exit_code == 2
    assert "did you mean thoracic_rotation" in one_clear_line(result)


def test_an_unknown_kind_is_named_with_exit_2(upback: Upback) -> None:
    result = upback("library", "--kind", "pilates")
    assert result.exit_code == 2
    assert "--kind" in one_clear_line(result)


def test_an_unknown_option_is_one_line_with_exit_2(upback: Upback) -> None:
    result = upback("library", "--colour", "red")
    assert result.exit_code == 2
    assert "--colour" in one_clear_line(result)


def test_check_passes_on_the_packaged_content(upback: Upback) -> None:
    result = upback("library", "check")
    assert result.exit_code == 0
    assert "healthy" in result.stdout


# ---- the picture ----------------------------------------------------------------------------

CAT_COW = default_library().get("cat_cow")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory of the test's own, so a picture saved by another test does not count."""
    folder = tmp_path / "data"
    monkeypatch.setenv("UPBACK_DATA_DIR", str(folder))
    return folder


def flat(output: str) -> str:
    return " ".join(output.split())


def test_showing_a_technique_saves_its_moving_picture_and_links_to_it(
    upback: Upback, data_dir: Path
) -> None:
    result = upback("library", "cat_cow")
    assert result.exit_code == 0, result.output
    saved = data_dir / "figures" / "cat_cow.svg"
    assert saved.read_text() == animation_svg(CAT_COW)
    assert f"Picture: {saved.resolve().as_uri()} (opens in a browser)" in flat(result.stdout)


def test_the_saved_picture_is_rewritten_only_when_it_changed(
    upback: Upback, data_dir: Path
) -> None:
    upback("library", "cat_cow")
    saved = data_dir / "figures" / "cat_cow.svg"
    os.utime(saved, (1_000_000_000, 1_000_000_000))
    upback("library", "cat_cow")
    assert saved.stat().st_mtime == 1_000_000_000, "the same picture is left alone"
    saved.write_text("<svg/>")
    upback("library", "cat_cow")
    assert saved.read_text() == animation_svg(CAT_COW)


def test_a_comfort_measure_has_no_picture_line(upback: Upback, data_dir: Path) -> None:
    result = upback("library", "heat_for_tight_muscles")
    assert result.exit_code == 0
    assert "Picture:" not in result.stdout
    assert not (data_dir / "figures").exists()


def test_json_stays_json_with_no_picture_line(upback: Upback, data_dir: Path) -> None:
    result = upback("library", "cat_cow", "--json")
    assert json.loads(result.stdout)["slug"] == "cat_cow"


def test_while_a_safety_check_says_stop_no_picture_is_saved_or_linked(
    upback: Upback, data_dir: Path, tmp_path: Path
) -> None:
    from tests.coach.views.test_plans import screened
    from upback.coach.services import local_user_get_or_create

    screened(local_user_get_or_create(username="tester"), "urgent")
    result = upback("library", "cat_cow")
    assert "Picture:" not in result.stdout
    assert not (data_dir / "figures").exists()
    asked = upback("library", "cat_cow", "--figure", str(tmp_path / "cat.svg"))
    assert asked.exit_code == 1
    assert "warning sign" in one_clear_line(asked)
    assert not (tmp_path / "cat.svg").exists()


def test_figure_and_strip_save_the_pictures_where_asked(upback: Upback, tmp_path: Path) -> None:
    moving, steps = tmp_path / "cat.svg", tmp_path / "cat-steps.svg"
    result = upback("library", "cat_cow", "--figure", str(moving), "--strip", str(steps))
    assert result.exit_code == 0, result.output
    assert moving.read_text() == animation_svg(CAT_COW)
    assert steps.read_text() == strip_svg(CAT_COW)
    assert "<style" not in steps.read_text()
    out = flat(result.stdout)
    assert f"The moving picture of Cat-cow: Picture: {moving.resolve().as_uri()}" in out
    assert f"The numbered steps of Cat-cow: Picture: {steps.resolve().as_uri()}" in out
    assert "How to do it" not in out, "saving a picture does not print the whole technique"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["heat_for_tight_muscles", "--figure", "heat.svg"], "no movement to draw"),
        (["--figure", "all.svg"], "name a technique"),
        (["check", "--strip", "check.svg"], "name a technique"),
        (["cat_cow", "--figure", "cat.png"], "must end in .svg"),
        (["cat_cow", "--strip", "no/such/folder/cat.svg"], "does not exist"),
        (["cat_cow", "--figure", "."], "must end in .svg"),
    ],
)
def test_bad_picture_requests_are_one_line_with_exit_2(
    upback: Upback, args: list[str], says: str
) -> None:
    result = upback("library", *args)
    assert result.exit_code == 2
    line = one_clear_line(result)
    assert line.startswith("error: ") and says in line


def test_a_folder_named_like_a_picture_is_refused(upback: Upback, tmp_path: Path) -> None:
    (tmp_path / "pictures.svg").mkdir()
    result = upback("library", "cat_cow", "--figure", str(tmp_path / "pictures.svg"))
    assert result.exit_code == 2
    assert "is a folder" in one_clear_line(result)
