"""Recording screenings, saving profiles and creating plans, with safety first."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from upback.coach import selectors, services
from upback.core.profile import parse_profile
from upback.core.safety import parse_screening

pytestmark = pytest.mark.django_db

PROFILE = parse_profile(
    {
        "who": "desk_worker",
        "age": 40,
        "triggers": ["sitting_screens"],
        "pain_character": "tight_achy_stiff",
        "duration_weeks": 3,
        "minutes_per_day": 15,
        "strength_days_per_week": 2,
        "equipment": ["resistance_band"],
        "floor_ok": True,
        "sleep_position": "side",
    }
)
EMERGENCY = {"age": 50, "answers": {"chest_pain_or_pressure": "yes"}}


@pytest.fixture
def owner() -> User:
    return User.objects.create_user("ana")


@pytest.fixture
def outsider() -> User:
    return User.objects.create_user("ben")


def _cleared() -> dict[str, object]:
    """A desk worker whose every warning-sign answer is no, with a clear postural trigger."""
    from upback.core.safety import SYMPTOM_KEYS

    answers = {key: "no" for key in SYMPTOM_KEYS}
    answers.update(
        {
            "upper_back_pain": "yes",
            "mechanical_trigger_identified": "yes",
            "prolonged_sitting_or_screen_use": "yes",
            "pain_reproduced_by_movement_or_pressure": "yes",
            "pain_eases_with_movement_or_position_change": "yes",
        }
    )
    return {"age": 40, "answers": answers}


def test_a_screening_is_stored_with_its_answers_result_and_rules(owner: User) -> None:
    stored = services.screening_record(owner=owner, screening=parse_screening(EMERGENCY))
    assert stored.disposition == "emergency"
    assert "E1" in stored.rules
    assert stored.answers == {"chest_pain_or_pressure": "yes"}
    assert stored.result["disposition"] == "emergency"
    assert selectors.screening_latest(owner=owner) == stored


def test_no_plan_is_made_before_a_screening(owner: User) -> None:
    with pytest.raises(services.SafetyStop):
        services.plan_create(owner=owner, profile=PROFILE)


def test_no_plan_is_made_while_the_latest_screening_is_an_emergency(owner: User) -> None:
    services.screening_record(owner=owner, screening=parse_screening(_cleared()))
    services.screening_record(owner=owner, screening=parse_screening(EMERGENCY))
    with pytest.raises(services.SafetyStop) as stop:
        services.plan_create(owner=owner, profile=PROFILE)
    assert stop.value.disposition == "emergency"


def test_a_cleared_person_gets_a_full_plan_saved_with_its_profile(owner: User) -> None:
    services.screening_record(owner=owner, screening=parse_screening(_cleared()))
    plan = services.plan_create(owner=owner, profile=PROFILE)
    assert plan.version == 1
    assert plan.gentle_only is False
    assert plan.profile_snapshot["minutes_per_day"] == 15
    kinds = {item["kind"] for day in plan.data["days"] for item in day["items"]}
    assert "strength" in kinds


def test_a_soon_result_keeps_the_plan_to_gentle_flare_safe_items(owner: User) -> None:
    from upback.core.library import default_library

    soon = _cleared()
    soon["answers"] = {**soon["answers"], "arm_numbness_or_tingling_one_side": "yes"}  # type: ignore[dict-item]
    services.screening_record(owner=owner, screening=parse_screening(soon))
    plan = services.plan_create(owner=owner, profile=PROFILE)
    library = default_library()
    assert plan.gentle_only is True
    for day in plan.data["days"]:
        for item in day["items"]:
            assert item["kind"] != "strength"
            assert library.get(item["slug"]).suitability.flare_ok, item["slug"]


def test_each_new_plan_is_a_new_version(owner: User) -> None:
    services.screening_record(owner=owner, screening=parse_screening(_cleared()))
    services.plan_create(owner=owner, profile=PROFILE)
    second = services.plan_create(owner=owner, profile=PROFILE, reason="profile updated")
    assert second.version == 2
    assert selectors.plan_current(owner=owner) == second


def test_one_persons_records_are_never_anothers(owner: User, outsider: User) -> None:
    services.screening_record(owner=owner, screening=parse_screening(_cleared()))
    services.profile_save(owner=owner, profile=PROFILE)
    services.plan_create(owner=owner, profile=PROFILE)
    assert selectors.screening_latest(owner=outsider) is None
    assert selectors.profile_get(owner=outsider) is None
    assert selectors.plan_current(owner=outsider) is None


def test_saving_a_profile_again_updates_it_in_place(owner: User) -> None:
    services.profile_save(owner=owner, profile=PROFILE)
    changed = PROFILE.model_copy(update={"minutes_per_day": 25})
    stored = services.profile_save(owner=owner, profile=changed)
    assert stored.minutes_per_day == 25
    assert selectors.profile_get(owner=owner) == stored
