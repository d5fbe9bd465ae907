"""Every technique that moves has a picture that renders, reads in words, and passes the checks;
a missing or impossible picture is reported by `upback library check`."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from upback.core import exercise_figure as ef
from upback.core.library import check_content, content_dir, default_library
from upback.core.vocab import Kind

SVG = "{http://www.w3.org/2000/svg}"
LIBRARY = default_library()
MOVING = [t.slug for t in LIBRARY if t.kind not in ef.KINDS_WITHOUT_FIGURES]


@pytest.mark.parametrize("slug", MOVING)
def test_every_technique_that_moves_animates_and_has_a_numbered_strip(slug: str) -> None:
    technique = LIBRARY.get(slug)
    assert ef.has_figure(technique), f"{slug} has no [figure]"
    moving = ET.fromstring(ef.animation_svg(technique))
    frames = [g for g in moving.iter(f"{SVG}g") if g.get("class") == "fa"]
    assert len(frames) >= 2 and moving.get("role") == "img"
    strip = ET.fromstring(ef.strip_svg(technique))
    numbers = [e.text for e in strip.iter(f"{SVG}text") if e.get("class") == "f-number"]
    assert numbers == [str(n) for n in range(1, len(ef.captions(technique)) + 1)]


@pytest.mark.parametrize("slug", MOVING)
def test_every_picture_keeps_joints_in_range_and_limbs_out_of_the_floor_and_props(
    slug: str,
) -> None:
    assert ef.figure_problems(LIBRARY.get(slug)) == []


def test_comfort_measures_and_posture_cues_have_no_picture() -> None:
    still = [t for t in LIBRARY if t.kind in (Kind.HEAT_COLD, Kind.POSTURE)]
    assert still and not any(ef.has_figure(t) for t in still)


def test_the_words_give_the_view_the_dose_each_step_and_the_other_side() -> None:
    text = ef.figure_text(LIBRARY.get("cat_cow"))
    assert text.startswith("Cat-cow, seen from the side, 10 rounds.")
    for number, caption in enumerate(ef.captions(LIBRARY.get("cat_cow")), start=1):
        assert f"{number}. {caption}" in text
    per_side = next(t for t in LIBRARY if t.dose.per_side and ef.has_figure(t))
    assert ef.figure_text(per_side).endswith("Then the same on the other side.")


def test_the_json_contract_of_a_technique_does_not_carry_its_drawing() -> None:
    assert "figure" not in LIBRARY.get("cat_cow").to_json()


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_dir(), root)
    return root


def test_the_check_names_a_technique_that_moves_but_has_no_picture(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "techniques" / "cat_cow.toml"
    path.write_text(path.read_text().split("[figure]")[0])
    assert "cat_cow: a mobility technique needs a [figure] with keyframes" in check_content(root)


def test_the_check_names_the_joint_out_of_range_and_the_limb_through_the_floor(
    tmp_path: Path,
) -> None:
    root = _copy(tmp_path)
    path = root / "techniques" / "cat_cow.toml"
    text = path.read_text()
    text = re.sub(r"thoracic_flexion = \d+", "thoracic_flexion = 70", text)  # the rounded back
    text = text.replace("[figure]", "[figure]\n", 1).replace(
        'planted = ["hands", "knees", "feet"]', "planted = []"
    )
    text = text.replace("pitch = 72\n", "pitch = 72\nheight = 20\n")
    path.write_text(text)
    problems = [p for p in check_content(root) if p.startswith("cat_cow")]
    assert any("thoracic_flexion is 70°, outside its human range" in p for p in problems)
    assert any("below the floor" in p for p in problems)
