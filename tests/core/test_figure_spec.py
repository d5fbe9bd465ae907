"""The [figure] table of a technique: keyframes build on each other and typos are refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from upback.core.figure.props import Chair, Mat
from upback.core.figure.spec import FigureSpec

TWO = [
    {"caption": "Sit tall"},
    {"caption": "Turn to the left", "angles": {"thoracic_rotation": 30}},
]


def test_a_keyframe_keeps_what_the_one_before_set_and_changes_only_what_it_names() -> None:
    spec = FigureSpec.model_validate(
        {
            "keyframes": [
                {"caption": "Sit tall", "height": 53, "angles": {"hip_flexion": 90}},
                {"caption": "Turn to the left", "angles": {"thoracic_rotation": 30}},
            ]
        }
    )
    first, second = spec.poses()
    assert second.height == 53
    assert second.angle("left_hip_flexion") == second.angle("right_hip_flexion") == 90
    assert (first.angle("thoracic_rotation"), second.angle("thoracic_rotation")) == (0, 30)


def test_a_limb_joint_with_a_side_sets_that_side_only() -> None:
    spec = FigureSpec.model_validate(
        {
            "keyframes": [
                {"caption": "Stand"},
                {"caption": "Raise", "angles": {"left_elbow_flexion": 90}},
            ]
        }
    )
    assert spec.poses()[1].angle("left_elbow_flexion") == 90
    assert spec.poses()[1].angle("right_elbow_flexion") == 0


def test_props_are_built_from_their_kind_and_place() -> None:
    spec = FigureSpec.model_validate(
        {"keyframes": TWO, "props": [{"kind": "chair", "x": -5}, {"kind": "mat"}]}
    )
    assert spec.built_props() == [Chair(x=-5), Mat()]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"keyframes": [TWO[0]]}, "at least 2"),
        ({"keyframes": [*TWO, {"caption": "x y", "angles": {"elbw_flexion": 9}}]}, "elbw_flexion"),
        ({"props": [{"kind": "trampoline"}]}, "trampoline"),
        ({"planted": ["nose"]}, "cannot plant: nose"),
        ({"free": ["wiggle"]}, "wiggle"),
        ({"keyframes": [TWO[0], {"caption": "Hold", "hold": 40}]}, "hold must be"),
        ({"view": "below"}, "view"),
    ],
)
def test_a_mistake_in_a_figure_is_refused_with_what_is_wrong(
    change: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        FigureSpec.model_validate({"keyframes": TWO, **change})
