"""The review's proposal: more strength when improving, maintenance when settled, otherwise keep."""

from __future__ import annotations

from typing import Any

import pytest

from tests.examples import GUIDE_PROFILE
from upback.core import review
from upback.core.errors import InputProblem
from upback.core.journal_gen import generate
from upback.core.planner import build_plan
from upback.core.profile import Profile, parse_profile
from upback.core.progress import Progress, Relief, Verdict, assess
from upback.core.review import PsfsItem, propose
from upback.core.vocab import Kind


def progress(
    verdict: Verdict = "no_change",
    *,
    baseline: float | None = 6.0,
    current: float | None = 5.5,
    adherence: float | None = 0.8,
) -> Progress:
    change = None if baseline is None or current is None else current - baseline
    return Progress(
        baseline=baseline,
        current_7day=current,
        change_points=change,
        change_percent=None if change is None or not baseline else 100 * change / baseline,
        verdict=verdict,
        advice=(),
        adherence=adherence,
        weeks=(),
        relief=Relief(sessions=0, average=None, per_session=()),
        daily=(),
        rolling_7day=(),
        streak_days=0,
        days_tracked=30,
        review_due=True,
    )


def profile(**changes: Any) -> Profile:
    return parse_profile({**GUIDE_PROFILE, **changes})


def psfs(
    *scores: int, names: tuple[str, ...] = ("carrying shopping", "driving", "sleeping")
) -> list[PsfsItem]:
    return [PsfsItem(activity=n, score=s) for n, s in zip(names, scores, strict=True)]


THEN = psfs(3, 4, 5)
SAME = psfs(3, 4, 5)


def test_improving_with_room_adds_one_strength_day() -> None:
    made = propose(
        progress=progress("steady_improvement", current=3.0),
        psfs_then=THEN,
        psfs_now=SAME,
        pgic=4,
        profile=profile(strength_days_per_week=2),
    )
    assert made.kind == "more_strength"
    assert [(c.field, c.before, c.after) for c in made.profile_changes] == [
        ("strength_days_per_week", 2, 3)
    ]
    assert made.apply(profile(strength_days_per_week=2)).strength_days_per_week == 3
    assert made.rule == "review.more_strength"


def test_minimal_improvement_also_builds_strength_one_change_at_a_time() -> None:
    made = propose(
        progress=progress("minimal_improvement"),
        psfs_then=THEN,
        psfs_now=SAME,
        pgic=4,
        profile=profile(strength_days_per_week=0),
    )
    assert made.kind == "more_strength"
    assert len(made.profile_changes) == 1
    assert made.profile_changes[0].after == 1


def test_three_strength_days_grow_by_minutes_only_when_that_adds_a_strength_exercise() -> None:
    start = profile(strength_days_per_week=3, minutes_per_day=20)
    made = propose(
        progress=progress("steady_improvement", current=3.5),
        psfs_then=THEN,
        psfs_now=SAME,
        pgic=3,
        profile=start,
    )
    assert made.kind == "more_strength"
    (change,) = made.profile_changes
    assert change.field == "minutes_per_day"
    assert change.before == 20 < change.after <= 30

    def strength(p: Profile) -> int:
        plan = build_plan(p)
        return sum(1 for d in plan.days for i in d.items if i.kind is Kind.STRENGTH)

    assert strength(made.apply(start)) > strength(start)


def test_no_room_left_for_strength_says_so_and_changes_nothing() -> None:
    made = propose(
        progress=progress("steady_improvement", current=3.5),
        psfs_then=THEN,
        psfs_now=SAME,
        pgic=2,
        profile=profile(strength_days_per_week=3, minutes_per_day=30),
    )
    assert made.kind == "more_strength"
    assert made.profile_changes == ()
    assert not made.changes_plan
    assert any("harder version" in r for r in made.reasons)


def test_settled_pain_gets_a_lighter_maintenance_plan_that_keeps_the_habits() -> None:
    made = propose(
        progress=progress("steady_improvement", baseline=6.0, current=1.5),
        psfs_then=THEN,
        psfs_now=psfs(8, 9, 9),
        pgic=1,
        profile=profile(strength_days_per_week=3, minutes_per_day=20),
    )
    assert made.kind == "maintenance"
    changes = {c.field: (c.before, c.after) for c in made.profile_changes}
    assert changes == {"minutes_per_day": (20, 15), "strength_days_per_week": (3, 2)}
    assert any("habits" in r for r in made.reasons)


def test_settled_but_already_light_keeps_the_plan_as_maintenance() -> None:
    made = propose(
        progress=progress("steady_improvement", current=2.0),
        psfs_then=(),
        psfs_now=SAME,
        pgic=2,
        profile=profile(strength_days_per_week=1, minutes_per_day=5),
    )
    assert made.kind == "maintenance"
    assert made.profile_changes == ()


def test_a_low_7_day_average_without_steady_improvement_is_not_maintenance() -> None:
    made = propose(
        progress=progress("no_change", baseline=2.0, current=1.8),
        psfs_then=THEN,
        psfs_now=SAME,
        pgic=4,
        profile=profile(),
    )
    assert made.kind == "keep"


@pytest.mark.parametrize("verdict", ["no_change", "not_enough_data"])
def test_no_change_keeps_the_plan_and_looks_at_dose_desk_and_adherence(verdict: Verdict) -> None:
    made = propose(
        progress=progress(verdict, adherence=0.3),
        psfs_then=THEN,
        psfs_now=SAME,
        pgic=4,
        profile=profile(),
    )
    assert made.kind == "keep"
    assert made.profile_changes == ()
    assert any("30%" in r for r in made.reasons)
    if verdict == "no_change":
        text = " ".join(made.reasons)
        assert "dose" in text and "desk" in text.lower()


@pytest.mark.parametrize(
    ("verdict", "pgic"), [("worsening", 3), ("no_change", 6), ("minimal_improvement", 7)]
)
def test_worse_by_pain_or_by_global_impression_holds_and_asks_for_the_safety_check(
    verdict: Verdict, pgic: int
) -> None:
    made = propose(
        progress=progress(verdict),
        psfs_then=THEN,
        psfs_now=SAME,
        pgic=pgic,
        profile=profile(strength_days_per_week=1),
    )
    assert made.kind == "keep"
    assert made.judgement == "worsening"
    assert made.profile_changes == ()
    assert any("safety check" in r for r in made.reasons)


def test_much_improved_or_psfs_up_2_counts_as_steady_even_when_pain_says_no_change() -> None:
    by_pgic = review.judge(progress("no_change"), psfs_change=None, pgic=2)
    by_psfs = review.judge(progress("no_change"), psfs_change=2.0, pgic=4)
    assert by_pgic == by_psfs == "steady_improvement"
    assert review.judge(progress("no_change"), psfs_change=1.3, pgic=4) == "minimal_improvement"
    assert review.judge(progress("no_change"), psfs_change=0.0, pgic=4) == "no_change"


def test_with_a_low_baseline_function_and_impression_lead_over_the_pain_numbers() -> None:
    low = progress("steady_improvement", baseline=3.0, current=0.5)
    assert review.judge(low, psfs_change=0.0, pgic=4) == "no_change"
    high = progress("steady_improvement", baseline=6.0, current=2.5)
    assert review.judge(high, psfs_change=0.0, pgic=4) == "steady_improvement"


def test_without_enough_check_ins_the_answers_still_count() -> None:
    early = progress("not_enough_data", baseline=None, current=None)
    assert review.judge(early, psfs_change=None, pgic=4) == "no_change"
    assert review.judge(early, psfs_change=None, pgic=1) == "steady_improvement"


def test_gentle_only_or_a_fresh_flare_keeps_the_gentle_plan() -> None:
    for made in (
        propose(
            progress=progress("steady_improvement", current=3.0),
            psfs_then=THEN,
            psfs_now=SAME,
            pgic=2,
            profile=profile(strength_days_per_week=1),
            gentle_only=True,
        ),
        propose(
            progress=progress("steady_improvement", current=3.0),
            psfs_then=THEN,
            psfs_now=SAME,
            pgic=2,
            profile=profile(pain_character="sharp_new_or_swollen"),
        ),
    ):
        assert made.kind == "keep"
        assert made.profile_changes == ()


def test_without_a_profile_there_is_nothing_to_change() -> None:
    made = propose(
        progress=progress("steady_improvement", current=3.0),
        psfs_then=(),
        psfs_now=SAME,
        pgic=2,
        profile=None,
    )
    assert made.kind == "keep"
    assert "Make your plan" in made.title


def test_psfs_mean_and_change_use_the_activities_scored_both_times() -> None:
    assert review.psfs_mean(psfs(3, 4, 5)) == 4
    assert review.psfs_mean([]) is None
    then = psfs(2, 4, 6)
    now = psfs(5, 6, 9, names=("Carrying  shopping", "driving", "gardening"))
    assert review.psfs_change(then, now) == pytest.approx((3 + 2) / 2)
    assert review.psfs_change([], now) is None
    assert review.psfs_change(then, psfs(5, 5, 5, names=("a", "b", "c"))) is None


def test_stored_psfs_reads_back_and_skips_what_does_not_fit() -> None:
    stored = [
        {"activity": "carrying shopping", "score": 4},
        {"activity": "", "score": 4},
        {"activity": "driving", "score": 11},
        {"activity": "sleeping", "score": True},
        "nonsense",
        {"activity": " reaching up ", "score": 0},
    ]
    assert review.psfs_from_json(stored) == (
        PsfsItem("carrying shopping", 4),
        PsfsItem("reaching up", 0),
    )
    assert review.psfs_from_json({"not": "a list"}) == ()


def test_the_proposal_is_stored_as_json_with_its_rule() -> None:
    made = propose(
        progress=progress("steady_improvement", current=3.0),
        psfs_then=THEN,
        psfs_now=SAME,
        pgic=2,
        profile=profile(strength_days_per_week=1),
    )
    data = made.to_json()
    assert data["kind"] == "more_strength"
    assert data["rule"] == "review.more_strength"
    assert data["profile_changes"][0]["field"] == "strength_days_per_week"
    assert data["judgement"] == "steady_improvement"
    assert all(isinstance(r, str) for r in data["reasons"])


def test_changes_that_no_longer_fit_the_profile_are_refused() -> None:
    with pytest.raises(InputProblem):
        review.apply_changes(profile(), {"strength_days_per_week": 4})


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("improving", "more_strength"), ("flat", "keep"), ("worsening", "keep")],
)
def test_generated_journals_lead_to_the_expected_proposal(kind: str, expected: str) -> None:
    journal = generate(kind, days=30)  # type: ignore[arg-type]
    found = assess(
        pain=journal.pain,
        sessions=journal.sessions,
        today=journal.today,
        planned_per_week=journal.planned_per_week,
    )
    made = propose(
        progress=found,
        psfs_then=(),
        psfs_now=SAME,
        pgic=4,
        profile=profile(strength_days_per_week=2),
    )
    assert made.kind == expected


def test_every_verdict_has_next_steps_in_words() -> None:
    from upback.core.progress import VERDICTS

    assert set(review.NEXT_STEPS) == set(VERDICTS)
    assert all(text.strip().endswith(".") for text in review.NEXT_STEPS.values())
    assert [n for n, _ in review.PGIC_CHOICES] == list(range(1, 8))
