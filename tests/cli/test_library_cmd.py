"""`upback library`: the table, filters, one technique, JSON, and the content check."""

from __future__ import annotations

import json

from tests.cli.conftest import Upback, one_clear_line

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
