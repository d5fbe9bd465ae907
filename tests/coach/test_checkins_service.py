"""Recording, correcting and deleting check-ins, and the red-flag re-check, below the web layer."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from tests.examples import cleared_answers
from upback.coach import selectors, services
from upback.coach.models import Account, CheckIn, Screening
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.checkins import journal_page
from upback.coach.services.checkins import (
    CheckinProblem,
    Scores,
    checkin_delete,
    checkin_recheck_record,
    checkin_record,
    checkin_update,
)
from upback.core import safety
from upback.core.vocab import Disposition

pytestmark = pytest.mark.django_db

CALM = Scores(pain=3, stiffness=4, sleep_quality=7, stress=2)
# Noon in London on 21 November 2025: already the 22nd in Auckland, still the 21st in Los Angeles.
NOON_UTC = datetime(2025, 11, 21, 12, 0, tzinfo=UTC)


def cleared(owner: User, age: int = 40) -> Screening:
    answers: dict[str, safety.Answer] = cleared_answers()
    return services.screening_record(
        owner=owner, screening=safety.Screening(age=age, answers=answers), source="web"
    )


@pytest.fixture
def owner() -> User:
    user = User.objects.create_user("ana")
    Account.objects.create(owner=user, time_zone="Pacific/Auckland")
    return user


@pytest.fixture
def outsider() -> User:
    return User.objects.create_user("ben")


def test_a_check_in_is_saved_on_the_persons_local_today(owner: User) -> None:
    recorded = checkin_record(owner=owner, scores=CALM, note=" sat too long ", now=NOON_UTC)
    assert recorded.created
    assert recorded.screening is None
    stored = CheckIn.objects.get(owner=owner)
    assert stored.local_date == date(2025, 11, 22)
    assert (stored.pain, stored.stiffness, stored.sleep_quality, stored.stress) == (3, 4, 7, 2)
    assert stored.note == "sat too long"


def test_local_today_follows_the_accounts_time_zone(owner: User, outsider: User) -> None:
    Account.objects.create(owner=outsider, time_zone="America/Los_Angeles")
    assert local_today(owner=owner, now=NOON_UTC) == date(2025, 11, 22)
    assert local_today(owner=outsider, now=NOON_UTC) == date(2025, 11, 21)


def test_a_person_without_an_account_record_gets_one_and_utc_dates(outsider: User) -> None:
    checkin_record(owner=outsider, scores=CALM, now=datetime(2025, 11, 21, 23, 30, tzinfo=UTC))
    assert Account.objects.get(owner=outsider).time_zone == "UTC"
    assert CheckIn.objects.get(owner=outsider).local_date == date(2025, 11, 21)


def test_recording_the_same_day_again_updates_that_days_entry(owner: User) -> None:
    first = checkin_record(owner=owner, scores=CALM, note="morning", now=NOON_UTC)
    worse = Scores(pain=6, stiffness=6, sleep_quality=3, stress=5)
    again = checkin_record(owner=owner, scores=worse, note="evening", now=NOON_UTC)
    assert not again.created
    assert again.checkin.pk == first.checkin.pk
    stored = CheckIn.objects.get(owner=owner)
    assert (stored.pain, stored.note) == (6, "evening")


def test_a_past_day_can_be_filled_in(owner: User) -> None:
    checkin_record(owner=owner, scores=CALM, local_date=date(2025, 11, 1), now=NOON_UTC)
    assert CheckIn.objects.get(owner=owner).local_date == date(2025, 11, 1)


def test_a_future_day_is_refused_and_nothing_is_saved(owner: User) -> None:
    with pytest.raises(CheckinProblem) as problem:
        checkin_record(owner=owner, scores=CALM, local_date=date(2025, 11, 23), now=NOON_UTC)
    assert problem.value.field == "local_date"
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1970, 1, 1), date(2015, 11, 1)])
def test_a_day_more_than_ten_years_back_is_refused(owner: User, day: date) -> None:
    with pytest.raises(CheckinProblem) as problem:
        checkin_record(owner=owner, scores=CALM, local_date=day, now=NOON_UTC)
    assert problem.value.field == "local_date"
    assert "10 years" in str(problem.value)
    assert not CheckIn.objects.exists()


def test_the_persons_local_today_is_not_the_future(owner: User) -> None:
    # 22 November is tomorrow in UTC but already today in Auckland.
    checkin_record(owner=owner, scores=CALM, local_date=date(2025, 11, 22), now=NOON_UTC)
    assert CheckIn.objects.get(owner=owner).local_date == date(2025, 11, 22)


@pytest.mark.parametrize("field", ["pain", "stiffness", "sleep_quality", "stress"])
@pytest.mark.parametrize("value", [-1, 11])
def test_a_score_outside_0_to_10_is_refused(owner: User, field: str, value: int) -> None:
    scores = Scores(**{**CALM.as_fields(), field: value})
    with pytest.raises(CheckinProblem) as problem:
        checkin_record(owner=owner, scores=scores, now=NOON_UTC)
    assert problem.value.field == field
    assert not CheckIn.objects.exists()


def test_a_note_over_1000_characters_is_refused(owner: User) -> None:
    with pytest.raises(CheckinProblem) as problem:
        checkin_record(owner=owner, scores=CALM, note="x" * 1001, now=NOON_UTC)
    assert problem.value.field == "note"
    checkin_record(owner=owner, scores=CALM, note="x" * 1000, now=NOON_UTC)
    assert len(CheckIn.objects.get(owner=owner).note) == 1000


def test_an_unknown_warning_sign_is_refused_before_anything_is_written(owner: User) -> None:
    with pytest.raises(CheckinProblem):
        checkin_record(owner=owner, scores=CALM, warning_signs=["upper_back_pain"], now=NOON_UTC)
    assert not CheckIn.objects.exists()
    assert not Screening.objects.exists()


@pytest.mark.parametrize("key", safety.RECHECK_KEYS)
def test_every_warning_sign_alone_stops_exercise(owner: User, key: str) -> None:
    cleared(owner)
    assert not selectors.care_state_get(owner=owner).stopped
    recorded = checkin_record(owner=owner, scores=CALM, warning_signs=[key], now=NOON_UTC)
    assert recorded.screening is not None
    assert Disposition(recorded.screening.disposition) in (
        Disposition.EMERGENCY,
        Disposition.URGENT,
    ), key
    assert recorded.screening.source == "checkin"
    assert recorded.screening.answers == {key: "yes"}
    assert recorded.screening.age == 40
    assert selectors.care_state_get(owner=owner).stopped
    assert CheckIn.objects.filter(owner=owner).count() == 1  # the check-in is kept


@pytest.mark.parametrize("key", safety.RECHECK_KEYS)
def test_every_warning_sign_stops_exercise_even_without_a_known_age(owner: User, key: str) -> None:
    recorded = checkin_recheck_record(owner=owner, warning_signs=[key])
    assert recorded is not None
    assert recorded.age is None
    assert selectors.care_state_get(owner=owner).stopped, key


def test_no_warning_sign_records_no_screening(owner: User) -> None:
    cleared(owner)
    checkin_record(owner=owner, scores=CALM, warning_signs=[], now=NOON_UTC)
    assert Screening.objects.filter(owner=owner).count() == 1


def test_a_new_screen_after_a_red_flag_lifts_the_stop(owner: User) -> None:
    cleared(owner)
    checkin_record(owner=owner, scores=CALM, warning_signs=["fever"], now=NOON_UTC)
    assert selectors.care_state_get(owner=owner).stopped
    cleared(owner)
    assert selectors.care_state_get(owner=owner).may_exercise


def test_an_entry_can_be_corrected_and_moved_to_a_free_day(owner: User) -> None:
    entry = checkin_record(owner=owner, scores=CALM, now=NOON_UTC).checkin
    changed = checkin_update(
        owner=owner,
        checkin=entry,
        scores=Scores(pain=1, stiffness=1, sleep_quality=9, stress=1),
        note="better",
        local_date=date(2025, 11, 20),
        now=NOON_UTC,
    )
    stored = CheckIn.objects.get(pk=entry.pk)
    assert stored == changed
    assert (stored.pain, stored.note, stored.local_date) == (1, "better", date(2025, 11, 20))


def test_an_entry_cannot_be_moved_onto_a_day_that_has_one(owner: User) -> None:
    checkin_record(owner=owner, scores=CALM, local_date=date(2025, 11, 20), now=NOON_UTC)
    entry = checkin_record(owner=owner, scores=CALM, now=NOON_UTC).checkin
    with pytest.raises(CheckinProblem) as problem:
        checkin_update(
            owner=owner,
            checkin=entry,
            scores=CALM,
            local_date=date(2025, 11, 20),
            now=NOON_UTC,
        )
    assert problem.value.field == "local_date"
    assert CheckIn.objects.get(pk=entry.pk).local_date == date(2025, 11, 22)


def test_an_entry_cannot_be_moved_into_the_future(owner: User) -> None:
    entry = checkin_record(owner=owner, scores=CALM, now=NOON_UTC).checkin
    with pytest.raises(CheckinProblem):
        checkin_update(
            owner=owner, checkin=entry, scores=CALM, local_date=date(2025, 12, 1), now=NOON_UTC
        )


def test_another_persons_entry_can_be_neither_changed_nor_deleted(
    owner: User, outsider: User
) -> None:
    entry = checkin_record(owner=owner, scores=CALM, now=NOON_UTC).checkin
    with pytest.raises(PermissionError):
        checkin_update(owner=outsider, checkin=entry, scores=CALM, local_date=entry.local_date)
    with pytest.raises(PermissionError):
        checkin_delete(owner=outsider, checkin=entry)
    assert CheckIn.objects.filter(pk=entry.pk).exists()
    checkin_delete(owner=owner, checkin=entry)
    assert not CheckIn.objects.exists()


def test_the_journal_is_newest_first_thirty_a_page_and_only_the_owners(
    owner: User, outsider: User
) -> None:
    for day in range(1, 32):
        checkin_record(owner=owner, scores=CALM, local_date=date(2025, 10, day), now=NOON_UTC)
    checkin_record(owner=outsider, scores=CALM, now=NOON_UTC)
    first = journal_page(owner=owner)
    assert first.total == 31
    assert [e.checkin.local_date.day for e in first.entries][:3] == [31, 30, 29]
    assert len(first.entries) == 30
    assert [e.checkin.local_date.day for e in journal_page(owner=owner, page=2).entries] == [1]
    assert len(journal_page(owner=owner, page="nonsense").entries) == 30
    assert journal_page(owner=outsider).total == 1


@pytest.mark.parametrize("field", ["pain", "stiffness", "sleep_quality", "stress"])
@pytest.mark.parametrize("value", [-1, 11])
def test_the_database_refuses_a_score_out_of_range_whatever_the_path(
    owner: User, field: str, value: int
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(
            owner=owner, local_date=date(2025, 11, 1), **{**CALM.as_fields(), field: value}
        )
    entry = CheckIn.objects.create(owner=owner, local_date=date(2025, 11, 2), **CALM.as_fields())
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.filter(pk=entry.pk).update(**{field: value})


def test_the_database_keeps_one_check_in_per_person_and_day(owner: User) -> None:
    CheckIn.objects.create(owner=owner, local_date=date(2025, 11, 1), **CALM.as_fields())
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(owner=owner, local_date=date(2025, 11, 1), **CALM.as_fields())
