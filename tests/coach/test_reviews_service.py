"""Review services: recording a review with its proposal, accepting it (a new plan version with
its rule and changes) or keeping the plan; and the review selectors, owner-scoped."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.coach.views.test_plans import person, screened, with_plan
from tests.coach.views.test_progress import seed_journal
from upback.coach.models import Plan, Review
from upback.coach.selectors.reviews import (
    plan_changes_since_review,
    review_get,
    review_latest,
    review_psfs_last,
)
from upback.coach.services.plans import SafetyStop, plan_regenerate
from upback.coach.services.reviews import (
    ReviewProblem,
    review_accept,
    review_keep,
    review_record,
)
from upback.core.review import PsfsItem

pytestmark = pytest.mark.django_db

PSFS = [
    PsfsItem("carrying shopping", 4),
    PsfsItem("driving", 5),
    PsfsItem("sleeping through", 3),
]


@pytest.fixture
def ana() -> User:
    user = person("ana")
    with_plan(user, strength_days_per_week=1, minutes_per_day=20)
    seed_journal(user, "improving", days=35)
    return user


def test_a_review_records_progress_psfs_pgic_and_the_proposal(ana: User) -> None:
    stored = review_record(owner=ana, psfs=PSFS, pgic=3)
    assert stored.owner == ana
    assert stored.pgic == 3
    assert stored.psfs[0] == {"activity": "carrying shopping", "score": 4}
    assert stored.baseline is not None and stored.current is not None
    assert stored.verdict in ("steady_improvement", "minimal_improvement")
    assert stored.proposal["kind"] == "more_strength"
    assert stored.proposal["profile_changes"] == [
        {
            "field": "strength_days_per_week",
            "before": 1,
            "after": 2,
            "text": "2 strength days a week instead of 1",
        }
    ]
    assert stored.proposal["psfs_mean"] == pytest.approx(4.0)
    assert stored.proposal["psfs_change"] is None  # the first review has nothing to compare
    assert stored.plan == Plan.objects.get(owner=ana)


@pytest.mark.parametrize(
    ("psfs", "pgic", "field"),
    [
        (PSFS[:2], 3, "psfs"),
        ([*PSFS[:2], PsfsItem("  ", 3)], 3, "psfs"),
        ([*PSFS[:2], PsfsItem("lifting", 11)], 3, "psfs"),
        ([*PSFS[:2], PsfsItem("lifting", -1)], 3, "psfs"),
        (PSFS, 0, "pgic"),
        (PSFS, 8, "pgic"),
    ],
)
def test_bad_measures_are_refused_and_nothing_is_saved(
    ana: User, psfs: list[PsfsItem], pgic: int, field: str
) -> None:
    with pytest.raises(ReviewProblem) as problem:
        review_record(owner=ana, psfs=psfs, pgic=pgic)
    assert problem.value.field == field
    assert not Review.objects.exists()


def test_accepting_builds_a_new_version_with_the_reviews_rule_and_changes(ana: User) -> None:
    stored = review_record(owner=ana, psfs=PSFS, pgic=2)
    plan = review_accept(owner=ana, review=stored)
    assert plan.version == 2
    assert plan.reason == "review"
    assert plan.rules == ["review.more_strength"]
    assert plan.changes == [
        {
            "slug": "",
            "rule": "review.more_strength",
            "reason": "2 strength days a week instead of 1",
            "before": 1,
            "after": 2,
            "field": "strength_days_per_week",
        }
    ]
    assert plan.profile_snapshot["strength_days_per_week"] == 2
    stored.refresh_from_db()
    assert stored.plan == plan
    assert stored.proposal["decision"] == "accepted"
    with pytest.raises(ReviewProblem):
        review_accept(owner=ana, review=stored)
    with pytest.raises(ReviewProblem):
        review_keep(owner=ana, review=stored)


def test_keeping_records_the_decision_and_makes_no_plan(ana: User) -> None:
    stored = review_record(owner=ana, psfs=PSFS, pgic=2)
    review_keep(owner=ana, review=stored)
    stored.refresh_from_db()
    assert stored.proposal["decision"] == "kept"
    assert Plan.objects.filter(owner=ana).count() == 1


def test_no_new_plan_while_stopped(ana: User) -> None:
    stored = review_record(owner=ana, psfs=PSFS, pgic=2)
    screened(ana, "emergency")
    with pytest.raises(SafetyStop):
        review_accept(owner=ana, review=stored)
    assert Plan.objects.filter(owner=ana).count() == 1
    stored.refresh_from_db()
    assert stored.proposal["decision"] == "pending"


def test_a_proposal_that_changes_nothing_cannot_be_accepted(ana: User) -> None:
    stored = review_record(owner=ana, psfs=PSFS, pgic=7)
    assert stored.proposal["kind"] == "keep"
    with pytest.raises(ReviewProblem):
        review_accept(owner=ana, review=stored)
    assert Plan.objects.filter(owner=ana).count() == 1


def test_another_persons_review_cannot_be_accepted(ana: User) -> None:
    stored = review_record(owner=ana, psfs=PSFS, pgic=2)
    ben = person("ben")
    with_plan(ben)
    with pytest.raises(Review.DoesNotExist):
        review_accept(owner=ben, review=stored)
    assert Plan.objects.filter(owner=ben).count() == 1


def test_the_next_review_compares_the_same_activities(ana: User) -> None:
    review_record(owner=ana, psfs=PSFS, pgic=3)
    assert review_psfs_last(owner=ana) == tuple(PSFS)
    later = review_record(
        owner=ana,
        psfs=[PsfsItem("Carrying shopping", 7), PsfsItem("driving", 7), PsfsItem("gardening", 1)],
        pgic=3,
    )
    assert later.proposal["psfs_change"] == pytest.approx((3 + 2) / 2)


def test_selectors_are_scoped_to_their_owner(ana: User) -> None:
    stored = review_record(owner=ana, psfs=PSFS, pgic=3)
    ben = person("ben")
    assert review_get(owner=ana, pk=stored.pk) == stored
    assert review_get(owner=ben, pk=stored.pk) is None
    assert review_latest(owner=ben) is None
    assert review_psfs_last(owner=ben) == ()
    assert plan_changes_since_review(owner=ben) == []


def test_plan_changes_since_the_last_review(ana: User) -> None:
    assert [p.version for p in plan_changes_since_review(owner=ana)] == [1]
    review_record(owner=ana, psfs=PSFS, pgic=3)
    assert plan_changes_since_review(owner=ana) == []
    plan_regenerate(owner=ana)
    assert [p.reason for p in plan_changes_since_review(owner=ana)] == ["rebuilt from your profile"]
