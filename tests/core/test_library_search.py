"""Filtering and searching the library: each filter, search words, combinations and the order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upback.core.library import default_library
from upback.core.library_search import (
    EQUIPMENT_LABELS,
    KIND_LABELS,
    POSITION_LABELS,
    LibraryQuery,
    group_by_kind,
    minutes_words,
    search,
    text_matches,
    whole_minutes,
)
from upback.core.vocab import FLOOR_POSITIONS, Equipment, Kind, Position

LIBRARY = default_library()
ALL = list(LIBRARY)


def slugs(query: LibraryQuery) -> list[str]:
    return [t.slug for t in search(LIBRARY, query)]


def test_an_empty_query_finds_every_technique() -> None:
    assert sorted(slugs(LibraryQuery())) == sorted(LIBRARY.techniques)


def test_results_come_by_kind_in_vocabulary_order_then_by_name() -> None:
    found = search(LIBRARY, LibraryQuery())
    order = list(Kind)
    keys = [(order.index(t.kind), t.name.casefold()) for t in found]
    assert keys == sorted(keys)
    assert found[0].kind == Kind.QUICK_RELIEF


def test_the_kind_filter_keeps_only_that_kind() -> None:
    found = search(LIBRARY, LibraryQuery(kind=Kind.STRETCH))
    assert found
    assert {t.kind for t in found} == {Kind.STRETCH}
    assert "doorway_pec_stretch" in [t.slug for t in found]


def test_the_equipment_filter_keeps_techniques_that_use_it() -> None:
    found = slugs(LibraryQuery(equipment=Equipment.FOAM_ROLLER))
    assert set(found) == {"foam_roller_extension", "foam_roller_lats", "foam_roller_mid_back"}


def test_no_equipment_keeps_only_techniques_that_need_nothing() -> None:
    found = search(LIBRARY, LibraryQuery(no_equipment=True))
    assert found
    assert all(t.equipment == [] for t in found)
    assert "band_row" not in [t.slug for t in found]


def test_the_position_filter_and_the_no_floor_shortcut() -> None:
    walls = search(LIBRARY, LibraryQuery(position=Position.WALL))
    assert {t.position for t in walls} == {Position.WALL}
    upright = search(LIBRARY, LibraryQuery(no_floor=True))
    assert upright
    assert not any(t.position in FLOOR_POSITIONS for t in upright)
    assert "cat_cow" not in [t.slug for t in upright]


@pytest.mark.parametrize("limit", [2, 5, 10])
def test_the_minutes_filter_keeps_what_fits_in_whole_minutes(limit: int) -> None:
    found = search(LIBRARY, LibraryQuery(max_minutes=limit))
    assert found
    assert all(whole_minutes(t) <= limit for t in found)
    kept = {t.slug for t in found}
    assert all(whole_minutes(t) > limit for t in ALL if t.slug not in kept)


def test_flare_and_desk_filters() -> None:
    assert all(t.suitability.flare_ok for t in search(LIBRARY, LibraryQuery(flare_only=True)))
    assert all(t.suitability.desk_ok for t in search(LIBRARY, LibraryQuery(desk_only=True)))
    assert "band_row" not in slugs(LibraryQuery(flare_only=True))


def test_filters_combine() -> None:
    found = search(
        LIBRARY,
        LibraryQuery(kind=Kind.STRETCH, no_floor=True, no_equipment=True, max_minutes=2),
    )
    assert found
    for t in found:
        assert t.kind == Kind.STRETCH
        assert t.position not in FLOOR_POSITIONS
        assert not t.equipment
        assert whole_minutes(t) <= 2
    assert "childs_pose_side_reach" not in [t.slug for t in found]


def test_search_looks_at_the_name_and_the_targets_in_any_case() -> None:
    assert set(slugs(LibraryQuery(text="CAT COW"))) == {"cat_cow", "seated_cat_cow"}
    by_target = slugs(LibraryQuery(text="rhomboids"))
    assert "band_row" in by_target
    assert all("rhomboids" in " ".join(LIBRARY.get(s).targets) for s in by_target)


def test_every_search_word_must_match_and_punctuation_is_ignored() -> None:
    assert "thoracic_rotation" in slugs(LibraryQuery(text="mid back"))
    assert "thoracic_rotation" in slugs(LibraryQuery(text="mid-back rib"))
    assert slugs(LibraryQuery(text="rib cage dumbbells")) == []


def test_a_plural_word_still_finds_the_singular() -> None:
    technique = LIBRARY.get("wall_angels")
    assert text_matches(technique, "blades")
    assert text_matches(LIBRARY.get("childs_pose_side_reach"), "childs pose")


def test_search_with_nothing_matching_finds_nothing() -> None:
    assert slugs(LibraryQuery(text="zebra")) == []


def test_search_and_filters_combine() -> None:
    found = search(LIBRARY, LibraryQuery(text="shoulder", kind=Kind.STRENGTH, no_floor=True))
    assert found
    assert all(t.kind == Kind.STRENGTH and not t.on_floor for t in found)


def test_grouping_keeps_the_vocabulary_order_and_every_technique() -> None:
    groups = group_by_kind(ALL)
    kinds = [kind for kind, _ in groups]
    assert kinds == [k for k in Kind if k in kinds]
    assert sum(len(items) for _, items in groups) == len(ALL)
    for kind, items in groups:
        assert all(t.kind == kind for t in items)


def test_minutes_read_plainly() -> None:
    assert minutes_words(LIBRARY.get("foam_roller_extension")) == "1 min or less"  # 0.9
    assert minutes_words(LIBRARY.get("book_belly_breathing")) == "5 min"
    assert minutes_words(LIBRARY.get("doorway_pec_stretch")) == "about 2 min"  # 2.2


def test_every_vocabulary_value_has_a_plain_label() -> None:
    assert set(KIND_LABELS) == set(Kind)
    assert set(POSITION_LABELS) == set(Position)
    assert set(EQUIPMENT_LABELS) == set(Equipment)


@given(text=st.text(max_size=300))
def test_any_search_text_is_safe_and_finds_a_subset(text: str) -> None:
    assert set(slugs(LibraryQuery(text=text))) <= set(LIBRARY.techniques)
