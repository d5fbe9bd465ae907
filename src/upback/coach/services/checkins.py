"""The daily check-in: recording, correcting and deleting a day's entry, and the red-flag re-check.

A check-in belongs to the person's own local date (their account's time zone), one per day:
recording a day that already has an entry updates it. A future date is refused. A warning sign
ticked in the re-check is recorded as a new safety screening, which puts the account in the stop
state until the screen is taken again; the check-in itself is saved first, so nothing is lost.

The check-in may also carry the pain the morning after the latest session (asked when that
session, yesterday or the day before, has none yet); it is saved with the session, and then the
plan adapts (`services.adaptation.plan_adapt`): a step up once two sessions were green, the
flare-up plan when pain is well above usual, building back up once it has settled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from upback.coach.models import Account, CheckIn, GuidedSession, Plan, Profile, Screening
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.request_memo import forget
from upback.coach.selectors.screenings import screening_latest
from upback.coach.services.adaptation import plan_adapt
from upback.coach.services.screenings import screening_record
from upback.coach.services.sessions import session_next_morning_record
from upback.core import safety

OLDEST_DAYS = 3653  # ten years
SCORE_MIN = 0
SCORE_MAX = 10
NOTE_MAX = 1000
SCORES = ("pain", "stiffness", "sleep_quality", "stress")


class CheckinProblem(ValueError):
    """Input the check-in cannot take; `field` names the form field the message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class CheckinRecorded:
    checkin: CheckIn
    created: bool
    screening: Screening | None  # set when a warning sign was ticked
    plans: tuple[Plan, ...] = ()  # plan versions made by adapting to it

    @property
    def stopped(self) -> bool:
        return self.screening is not None


@dataclass(frozen=True)
class Scores:
    pain: int
    stiffness: int
    sleep_quality: int
    stress: int

    def as_fields(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in SCORES}


def _check(*, scores: Scores, note: str) -> None:
    for name, value in scores.as_fields().items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise CheckinProblem(name, f"Choose a number from {SCORE_MIN} to {SCORE_MAX}.")
        if not SCORE_MIN <= value <= SCORE_MAX:
            raise CheckinProblem(name, f"Choose a number from {SCORE_MIN} to {SCORE_MAX}.")
    if len(note) > NOTE_MAX:
        raise CheckinProblem(
            "note", f"Please keep the note to {NOTE_MAX} characters (it has {len(note)})."
        )


def _day(*, owner: User, local_date: date | None, now: datetime | None) -> date:
    today = local_today(owner=owner, now=now)
    if local_date is None:
        return today
    if local_date > today:
        raise CheckinProblem(
            "local_date",
            "That date is still to come. Choose today or an earlier day.",
        )
    if local_date < today - timedelta(days=OLDEST_DAYS):
        # A journal is about recent days; a date centuries back would also make every progress
        # view walk day by day from then to now.
        raise CheckinProblem(
            "local_date", "That date is more than 10 years ago. Choose a more recent day."
        )
    return local_date


def _warning_signs(signs: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(signs))
    unknown = [sign for sign in chosen if sign not in safety.RECHECK_KEYS]
    if unknown:
        raise CheckinProblem("warning_signs", "Please choose only from the warning signs listed.")
    return chosen


def _age_for_screen(owner: User) -> int | None:
    latest = screening_latest(owner=owner)
    if latest is not None and latest.age is not None:
        return latest.age
    profile = Profile.objects.filter(owner=owner).only("age").first()
    return profile.age if profile is not None else None


def checkin_recheck_record(*, owner: User, warning_signs: Iterable[str]) -> Screening | None:
    """Record the ticked warning signs as a screening (source `checkin`); None when none ticked.

    Every re-check key alone gives an emergency or urgent result, so a tick stops exercise until
    the screen is taken again.
    """
    signs = _warning_signs(warning_signs)
    if not signs:
        return None
    return screening_record(
        owner=owner,
        screening=safety.Screening(age=_age_for_screen(owner), answers=dict.fromkeys(signs, "yes")),
        source="checkin",
    )


def checkin_record(
    *,
    owner: User,
    scores: Scores,
    note: str = "",
    local_date: date | None = None,
    warning_signs: Iterable[str] = (),
    now: datetime | None = None,
    next_morning_pain: int | None = None,
    morning_session: GuidedSession | None = None,
) -> CheckinRecorded:
    """Save the day's check-in (updating that day's entry if there is one), then the re-check,
    then the next morning's pain for `morning_session`, then adapt the plan.

    `local_date` None means the person's local today. Raises CheckinProblem for a score outside
    0-10, a note over 1000 characters, a future date, an unknown warning sign, or a next
    morning's pain outside 0-10 or without a finished session of the person's own, before
    writing. The plan does not adapt while a warning sign has stopped exercise.
    """
    note = note.strip()
    _check(scores=scores, note=note)
    signs = _warning_signs(warning_signs)
    _check_next_morning(owner, next_morning_pain, morning_session)
    Account.objects.get_or_create(owner=owner)
    forget()  # a new account row: the time zone read so far in this request was the default
    day = _day(owner=owner, local_date=local_date, now=now)
    with transaction.atomic():
        checkin, created = CheckIn.objects.update_or_create(
            owner=owner, local_date=day, defaults={**scores.as_fields(), "note": note}
        )
        if next_morning_pain is not None and morning_session is not None:
            session_next_morning_record(
                owner=owner, session=morning_session, pain=next_morning_pain
            )
    screening = checkin_recheck_record(owner=owner, warning_signs=signs)
    adapted = plan_adapt(owner=owner, today=local_today(owner=owner, now=now))
    return CheckinRecorded(
        checkin=checkin, created=created, screening=screening, plans=adapted.versions
    )


def _check_next_morning(owner: User, pain: int | None, session: GuidedSession | None) -> None:
    if pain is None:
        return
    if isinstance(pain, bool) or not isinstance(pain, int) or not SCORE_MIN <= pain <= SCORE_MAX:
        raise CheckinProblem(
            "next_morning_pain", f"Choose a number from {SCORE_MIN} to {SCORE_MAX}."
        )
    if session is None or session.owner_id != owner.pk or session.finished_at is None:
        raise CheckinProblem(
            "next_morning_pain", "There is no finished session of yours to note that against."
        )


def checkin_update(
    *,
    owner: User,
    checkin: CheckIn,
    scores: Scores,
    note: str = "",
    local_date: date,
    now: datetime | None = None,
) -> CheckIn:
    """Correct one of the person's own entries; its date may move to a day that has none."""
    if checkin.owner_id != owner.pk:
        raise PermissionError("not your check-in")
    note = note.strip()
    _check(scores=scores, note=note)
    day = _day(owner=owner, local_date=local_date, now=now)
    if (
        day != checkin.local_date
        and CheckIn.objects.filter(owner=owner, local_date=day).exclude(pk=checkin.pk).exists()
    ):
        raise CheckinProblem(
            "local_date",
            "You already have a check-in on that day. Edit that one, or choose another day.",
        )
    for name, value in scores.as_fields().items():
        setattr(checkin, name, value)
    checkin.note = note
    checkin.local_date = day
    checkin.save()
    return checkin


def checkin_delete(*, owner: User, checkin: CheckIn) -> None:
    if checkin.owner_id != owner.pk:
        raise PermissionError("not your check-in")
    checkin.delete()
