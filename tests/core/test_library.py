"""The program library loads, covers both guides, and its check catches every kind of mistake."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from upback.core.library import (
    KINDS_WITHOUT_VARIANTS,
    LibraryError,
    check_content,
    content_dir,
    default_library,
    load_library,
)
from upback.core.vocab import Kind

# Every technique the two guides describe, by the slug upback files it under.
GUIDE_TECHNIQUES = {
    "movement break": "movement_break",
    "heat for tight muscles": "heat_for_tight_muscles",
    "cold for a new flare": "cold_for_new_flare",
    "ball self-massage against a wall": "wall_ball_massage",
    "deep belly breathing": "deep_belly_breathing",
    "book-on-belly breathing": "book_belly_breathing",
    "gentle warm-up": "gentle_warm_up",
    "shoulder rolls": "shoulder_rolls",
    "thoracic rotation": "thoracic_rotation",
    "cat-cow": "cat_cow",
    "doorway pec stretch": "doorway_pec_stretch",
    "child's pose with side reach": "childs_pose_side_reach",
    "thoracic extension over a chair back": "thoracic_extension_chair",
    "seated twist": "seated_twist",
    "thread the needle": "thread_the_needle",
    "cobra": "cobra",
    "downward dog": "downward_dog",
    "scapular squeezes": "scapular_squeeze",
    "resistance band rows": "band_row",
    "prone Y raise": "prone_y_raise",
    "prone T raise": "prone_t_raise",
    "prone Y-T-I on a stability ball": "prone_yti_stability_ball",
    "wall angels": "wall_angels",
    "foam roller across the mid-back": "foam_roller_mid_back",
    "foam roller thoracic extensions": "foam_roller_extension",
    "foam roller side rolling": "foam_roller_lats",
    "massage gun": "massage_gun",
    "butterfly self-massage": "butterfly_self_massage",
    "pressure point release": "pressure_point_release",
    "progressive muscle relaxation": "progressive_muscle_relaxation",
    "menthol or capsaicin cream": "menthol_capsaicin_cream",
    "Epsom salt bath": "epsom_salt_bath",
    "towel roll while sitting": "towel_roll_sitting_cue",
    "standing blocks": "standing_blocks",
}


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir(), target)
    return target


def _edit(root: Path, slug: str, old: str, new: str) -> None:
    path = root / "techniques" / f"{slug}.toml"
    text = path.read_text()
    assert old in text, f"{old!r} not in {slug}.toml"
    path.write_text(text.replace(old, new, 1))


def test_the_packaged_library_has_no_problems() -> None:
    assert check_content() == []


@pytest.mark.parametrize("technique", sorted(GUIDE_TECHNIQUES))
def test_every_technique_from_the_guides_is_in_the_library(technique: str) -> None:
    assert GUIDE_TECHNIQUES[technique] in default_library().techniques


def test_the_guides_progressions_are_linked_as_variants() -> None:
    library = default_library()
    assert "band_row" in library.get("scapular_squeeze").harder
    assert "band_row_strong" in library.get("band_row").harder
    assert "prone_y_raise_dumbbells" in library.get("prone_y_raise").harder
    assert "prone_t_raise_dumbbells" in library.get("prone_t_raise").harder


def test_every_technique_has_cautions_steps_and_a_reason_to_do_it() -> None:
    for technique in default_library().techniques.values():
        assert len(technique.steps) >= 2, technique.slug
        assert technique.cautions, technique.slug
        assert technique.why, technique.slug
        assert technique.minutes > 0, technique.slug


def test_every_movement_technique_has_an_easier_or_harder_variant() -> None:
    for technique in default_library().techniques.values():
        if technique.kind not in KINDS_WITHOUT_VARIANTS:
            assert technique.easier or technique.harder, technique.slug


def test_minutes_come_from_the_dose() -> None:
    library = default_library()
    # 3 sets x 10 reps x 3 s + 2 rests of 60 s = 210 s
    assert library.get("band_row").minutes == 3.5
    # 2 sets x 30 s x 2 sides + 1 rest of 15 s = 135 s
    assert library.get("doorway_pec_stretch").minutes == pytest.approx(2.2, abs=0.05)


def test_heat_and_cold_carry_their_skin_safety_rules() -> None:
    library = default_library()
    for slug in ("heat_for_tight_muscles", "cold_for_new_flare"):
        cautions = " ".join(library.get(slug).cautions).lower()
        assert "asleep" in cautions or "sleep" in cautions, slug
        assert "skin" in cautions, slug
    assert library.get("cold_for_new_flare").suitability.flare_ok
    assert not library.get("heat_for_tight_muscles").suitability.flare_ok


def test_no_floor_free_plan_is_left_without_strength_work() -> None:
    library = default_library()
    standing_strength = [
        t for t in library.filter(kind=Kind.STRENGTH) if not t.on_floor and not t.equipment
    ]
    assert len(standing_strength) >= 2


def test_check_reports_a_missing_field(content_copy: Path) -> None:
    path = content_copy / "techniques" / "cobra.toml"
    path.write_text(
        "\n".join(line for line in path.read_text().splitlines() if not line.startswith("why "))
    )
    assert any(p.startswith("cobra.toml: why") for p in check_content(content_copy))


def test_check_reports_a_duplicate_slug(content_copy: Path) -> None:
    source = (content_copy / "techniques" / "cobra.toml").read_text()
    (content_copy / "techniques" / "cobra_again.toml").write_text(source)
    problems = check_content(content_copy)
    assert any("duplicate slug 'cobra'" in p for p in problems)


def test_check_reports_a_dangling_variant(content_copy: Path) -> None:
    _edit(
        content_copy, "band_row", 'harder = ["band_row_strong"]', 'harder = ["band_row_titanium"]'
    )
    assert "band_row: harder variant 'band_row_titanium' does not exist" in check_content(
        content_copy
    )


def test_check_reports_a_dose_out_of_range(content_copy: Path) -> None:
    _edit(content_copy, "band_row", "reps = 10", "reps = 500")
    assert any(p.startswith("band_row.toml: dose.reps") for p in check_content(content_copy))


def test_check_reports_a_step_list_shorter_than_two(content_copy: Path) -> None:
    path = content_copy / "techniques" / "thoracic_rotation.toml"
    text = path.read_text()
    start, end = text.index("steps = ["), text.index("]", text.index("steps = ["))
    path.write_text(
        text[:start] + 'steps = ["Turn your chest to one side and back."]' + text[end + 1 :]
    )
    assert any(p.startswith("thoracic_rotation.toml: steps") for p in check_content(content_copy))


def test_check_reports_invalid_toml_without_stopping(content_copy: Path) -> None:
    (content_copy / "techniques" / "broken.toml").write_text("slug = ")
    problems = check_content(content_copy)
    assert any(p.startswith("broken.toml: not valid TOML") for p in problems)


def test_loading_a_broken_library_raises_with_every_problem(content_copy: Path) -> None:
    _edit(content_copy, "band_row", "reps = 10", "reps = 0")
    _edit(content_copy, "cobra", 'slug = "cobra"', 'slug = "cobra_pose"')
    with pytest.raises(LibraryError) as raised:
        load_library(content_copy)
    assert len(raised.value.problems) >= 2
