"""Recording a 4-6 weekly review and acting on its proposal (a new plan version, or none)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from upback.coach.models import Plan, Review
from upback.coach.selectors.plans import plan_current, profile_core_get
from upback.coach.selectors.progress import progress_inputs
from upback.coach.selectors.reviews import review_psfs_last
from upback.coach.selectors.screenings import care_state_get
from upback.coach.services.plans import NoPlan, plan_create, plan_gate, profile_save
from upback.core import review as core_review
from upback.core.errors import InputProblem
from upback.core.progress import assess
from upback.core.review import PGIC_WORDS, PsfsItem

PENDING, ACCEPTED, KEPT = "pending", "accepted", "kept"
REVIEW_REASON = "review"


class ReviewProblem(Exception):
    """The review cannot be recorded or acted on as asked; the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _check(psfs: Sequence[PsfsItem], pgic: int) -> None:
    if len(psfs) != core_review.PSFS_ACTIVITIES:
        raise ReviewProblem("psfs", f"Please name {core_review.PSFS_ACTIVITIES} activities.")
    for item in psfs:
        if not item.activity.strip() or len(item.activity) > core_review.ACTIVITY_MAX:
            raise ReviewProblem("psfs", "Please name each activity in a few words.")
        if not core_review.PSFS_MIN <= item.score <= core_review.PSFS_MAX:
            raise ReviewProblem("psfs", "Please score each activity from 0 to 10.")
    if pgic not in PGIC_WORDS:
        raise ReviewProblem("pgic", "Please choose one of the seven answers.")


@transaction.atomic
def review_record(*, owner: User, psfs: Sequence[PsfsItem], pgic: int) -> Review:
    """Store a review with upback's proposal for the next plan; the plan does not change yet."""
    _check(psfs, pgic)
    inputs = progress_inputs(owner=owner)
    # Pain alone, as of today; the review's own answers are read with it by `core.review`.
    progress = assess(
        pain=inputs.pain,
        sessions=inputs.sessions,
        today=inputs.today,
        planned_per_week=inputs.planned_per_week,
        last_review=inputs.last_review,
    )
    then = review_psfs_last(owner=owner)
    care = care_state_get(owner=owner)
    proposal = core_review.propose(
        progress=progress,
        psfs_then=then,
        psfs_now=psfs,
        pgic=pgic,
        profile=profile_core_get(owner=owner),
        gentle_only=care.gentle_only,
    )
    change = core_review.psfs_change(then, psfs)
    stored: dict[str, Any] = {
        **proposal.to_json(),
        "decision": PENDING,
        "psfs_mean": core_review.psfs_mean(psfs),
        "psfs_change": change,
        "pain_verdict": progress.verdict,
        "change_points": progress.change_points,
        "change_percent": progress.change_percent,
    }
    return Review.objects.create(
        owner=owner,
        local_date=inputs.today,
        baseline=progress.baseline,
        current=progress.current_7day,
        verdict=proposal.judgement,
        adherence=progress.adherence,
        psfs=[item.to_json() for item in psfs],
        pgic=pgic,
        proposal=stored,
        plan=plan_current(owner=owner),
    )


def _pending(review: Review) -> dict[str, Any]:
    proposal: dict[str, Any] = dict(review.proposal)
    if proposal.get("decision", PENDING) != PENDING:
        raise ReviewProblem("decision", "This review's proposal has already been answered.")
    return proposal


@transaction.atomic
def review_accept(*, owner: User, review: Review) -> Plan:
    """Make the proposed plan: a new plan version (reason 'review') from the changed profile.

    Raises SafetyStop while no exercise may be suggested, NoPlan without a profile, and
    ReviewProblem when the proposal was already answered or changes nothing.
    """
    review = Review.objects.select_for_update().get(pk=review.pk, owner=owner)
    proposal = _pending(review)
    changes = proposal.get("profile_changes") or []
    if not changes:
        raise ReviewProblem("decision", "This proposal keeps your plan as it is.")
    plan_gate(owner=owner)
    profile = profile_core_get(owner=owner)
    if profile is None:
        raise NoPlan("There is no profile to build a plan from yet.")
    try:
        updated = core_review.apply_changes(profile, {c["field"]: c["after"] for c in changes})
    except InputProblem as problem:
        raise ReviewProblem("decision", "This proposal no longer fits your profile.") from problem
    profile_save(owner=owner, profile=updated)
    plan = plan_create(owner=owner, profile=updated, reason=REVIEW_REASON)
    rule = str(proposal.get("rule", ""))
    plan.rules = [rule]
    plan.changes = [
        {
            "slug": "",
            "rule": rule,
            "reason": str(c["text"]),
            "before": c["before"],
            "after": c["after"],
            "field": c["field"],
        }
        for c in changes
    ]
    plan.save(update_fields=["rules", "changes"])
    review.plan = plan
    review.proposal = {**proposal, "decision": ACCEPTED}
    review.save(update_fields=["plan", "proposal"])
    return plan


@transaction.atomic
def review_keep(*, owner: User, review: Review) -> Review:
    """The person keeps their plan as it is."""
    review = Review.objects.select_for_update().get(pk=review.pk, owner=owner)
    proposal = _pending(review)
    review.proposal = {**proposal, "decision": KEPT}
    review.save(update_fields=["proposal"])
    return review
