"""Adapting the plan after a session or a check-in, and stopping a session for a symptom.

The core decides (`core.adapt`); this saves. Every change is a new plan version carrying its rule
ids and one plain-words entry per changed item, so the history shows why. Nothing changes while
the person may not exercise (no screening yet, or a stop result).

- `plan_adapt`: each plan item judged on its recent sessions (a step up, the same again, a step
  back); then the flare-up plan when pain is 2 or more above usual on a recent check-in or two
  sessions within a week were red, and building back up once the pain has settled.
- `session_symptoms_record`: chest pain, breathlessness, dizziness or new limb symptoms during a
  session are recorded as a safety screening (source `session`): the screen's result decides
  what the person sees next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from upback.coach.models import GuidedSession, Plan, Profile, Screening
from upback.coach.selectors import adaptation as reads
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.request_memo import forget
from upback.coach.selectors.screenings import care_state_get, screening_latest
from upback.coach.services.plans import REASON_MAX, _next_version
from upback.coach.services.screenings import screening_record
from upback.core import adapt, safety
from upback.core.errors import InputProblem
from upback.core.library import default_library
from upback.core.profile import parse_profile


class SymptomProblem(ValueError):
    """A symptom the session's stop question does not ask about; `field` names the form field."""

    field = "symptoms"


@dataclass(frozen=True)
class Adapted:
    """What adapting did: the core's decisions (repeats and holds included, though they change
    nothing) and the plan versions it saved, oldest first."""

    decisions: tuple[adapt.Decision, ...] = ()
    versions: tuple[Plan, ...] = ()
    frozen: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.versions)


@dataclass
class _Saving:
    owner: User
    current: Plan
    version: int
    made: list[Plan] = field(default_factory=list)

    def save(
        self,
        data: dict[str, Any],
        *,
        reason: str,
        rules: Sequence[str],
        changes: Sequence[adapt.Decision],
    ) -> Plan:
        plan = Plan.objects.create(
            owner=self.owner,
            version=self.version,
            profile_snapshot=self.current.profile_snapshot,
            data=data,
            gentle_only=self.current.gentle_only,
            reason=reason[:REASON_MAX],
            rules=list(rules),
            changes=[c.to_json() for c in changes],
        )
        forget()  # the current plan has changed
        self.current, self.version = plan, self.version + 1
        self.made.append(plan)
        return plan


def _before_flare(owner: User, current: Plan) -> tuple[dict[str, Any], int]:
    """The plan to go back to after a flare: the one the flare-up plan was made from."""
    meta = current.data.get("flare") or {}
    if meta.get("from_version"):
        found = reads.plan_version_get(owner=owner, version=int(meta["from_version"]))
        if found is not None:
            return dict(found.data), found.version
    return dict(current.data), current.version


def _flare(
    saving: _Saving,
    *,
    today: dt.date,
    pains: reads.PainPicture,
    two_reds: bool,
) -> None:
    library = default_library()
    current = saving.current
    why = adapt.flare_trigger(
        current.data,
        checkin_pain=reads.checkin_pain_recent(owner=saving.owner, today=today),
        usual=pains.baseline,
        two_reds=two_reds,
    )
    if why is not None:
        base, base_version = _before_flare(saving.owner, current)
        try:
            profile = parse_profile(current.profile_snapshot, where="stored profile")
        except InputProblem:
            profile = None
        data, changes = adapt.flare_plan_with_changes(base, library, profile=profile, today=today)
        data["flare"]["from_version"] = base_version
        saving.save(
            data,
            reason=f"flare-up plan for a few days: {why[0].lower()}{why[1:]}",
            rules=[adapt.FLARE.id],
            changes=changes,
        )
        return
    step = adapt.flare_next(current.data, today=today, pains=pains.pains, usual=pains.baseline)
    if step is None:
        return
    base, base_version = _before_flare(saving.owner, current)
    if step == "rebuild":
        data, changes = adapt.flare_rebuild_plan(base, current.data, today=today)
        data["flare"]["from_version"] = base_version
        reason = "building back up after the flare: strength at half for about a week"
    else:
        data, changes = adapt.flare_restore_plan(base, current.data)
        reason = "back to your full plan after the flare"
    saving.save(data, reason=reason, rules=[adapt.FLARE.id], changes=changes)


def plan_adapt(*, owner: User, today: dt.date | None = None) -> Adapted:
    """Adapt the owner's current plan to their recent sessions and check-ins (module docstring).

    Saves at most two versions: the items' steps, then the flare-up plan (or building back up).
    Returns what was decided; does nothing without a plan, or while exercise is not allowed.
    """
    state = care_state_get(owner=owner)
    if not state.may_exercise:
        return Adapted()
    today = today or local_today(owner=owner)
    with transaction.atomic():
        current, version = _next_version(owner)
        if current is None:
            return Adapted()
        try:
            profile = parse_profile(current.profile_snapshot, where="stored profile")
        except InputProblem:
            return Adapted()
        pains = reads.pain_picture(owner=owner, today=today)
        result = adapt.adapt(
            current.data,
            reads.adapt_sessions(owner=owner, since=today - dt.timedelta(days=reads.HISTORY_DAYS)),
            library=default_library(),
            profile=profile,
            today=today,
            baseline=pains.baseline,
            last_step_up=reads.last_step_ups(owner=owner),
            worsening=pains.worsening,
            gentle_only=state.gentle_only,
        )
        saving = _Saving(owner=owner, current=current, version=version)
        if result.changed:
            saving.save(
                result.plan, reason=result.reason, rules=result.rules, changes=result.changes
            )
        _flare(saving, today=today, pains=pains, two_reds=result.flare_due)
    return Adapted(decisions=result.decisions, versions=tuple(saving.made), frozen=result.frozen)


# ---- symptoms during a session --------------------------------------------------------------


def _age_for_screen(owner: User) -> int | None:
    latest = screening_latest(owner=owner)
    if latest is not None and latest.age is not None:
        return latest.age
    profile = Profile.objects.filter(owner=owner).only("age").first()
    return profile.age if profile is not None else None


def symptoms_checked(symptoms: Iterable[str]) -> dict[str, safety.Answer]:
    """The screen's answers for the ticked symptoms; SymptomProblem for one not asked about."""
    try:
        return adapt.stop_answers(symptoms)
    except InputProblem:
        raise SymptomProblem("Please choose only from the symptoms listed.") from None


@transaction.atomic
def session_symptoms_record(
    *, owner: User, session: GuidedSession, symptoms: Iterable[str]
) -> Screening | None:
    """`adapt.stop_symptoms`: mark the session stopped for symptoms and record them as a safety
    screening (source `session`). None, and nothing written, when no symptom was ticked.

    Each symptom is one of the screen's own keys, answered yes; the screen's result (an
    emergency or urgent one for most of them) then decides what the person may do next.
    """
    if session.owner_id != owner.pk:
        raise PermissionError("not your session")
    answers = symptoms_checked(symptoms)
    if not answers:
        return None
    if not session.stopped_for_symptoms:
        session.stopped_for_symptoms = True
        session.save(update_fields=["stopped_for_symptoms"])
    return screening_record(
        owner=owner,
        screening=safety.Screening(age=_age_for_screen(owner), answers=answers),
        source="session",
    )
