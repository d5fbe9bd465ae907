"""The progress engine: one test per verdict, per referral and advice rule, and per edge case."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from upback.core.progress import (
    PainEntry,
    Progress,
    SessionEntry,
    assess,
    range_start,
    verdict_sentence,
    within,
)

START = date(2025, 3, 3)  # a Monday


def day(n: int) -> date:
    return START + timedelta(days=n)


def journal(values: Sequence[int | None]) -> list[PainEntry]:
    """One check-in per day from START; None leaves a day empty."""
    return [PainEntry(day=day(i), pain=v) for i, v in enumerate(values) if v is not None]


def daily_sessions(days: int, *, before: int = 5, after: int | None = 4) -> list[SessionEntry]:
    return [SessionEntry(day=day(i), pain_before=before, pain_after=after) for i in range(days)]


def run(
    values: Sequence[int | None],
    *,
    today: int | None = None,
    sessions: Sequence[SessionEntry] | None = None,
    planned: int = 7,
    **kwargs: object,
) -> Progress:
    last = len(values) - 1 if today is None else today
    return assess(
        pain=journal(values),
        sessions=list(sessions) if sessions is not None else daily_sessions(last + 1),
        today=day(last),
        planned_per_week=planned,
        **kwargs,  # type: ignore[arg-type]
    )


def codes(progress: Progress) -> list[str]:
    return [item.code for item in progress.advice]


# --- baseline -------------------------------------------------------------------------------


def test_there_is_no_baseline_before_three_days_are_logged() -> None:
    progress = run([6, 6])
    assert progress.baseline is None
    assert progress.verdict == "not_enough_data"


def test_the_baseline_is_the_mean_of_the_first_three_days_when_only_three_are_logged() -> None:
    progress = run([6, 5, 7])
    assert progress.baseline == pytest.approx(6.0)


def test_the_baseline_is_the_mean_of_the_first_seven_calendar_days() -> None:
    progress = run([6, 6, 6, 6, 6, 6, 9, 1, 1, 1])
    assert progress.baseline == pytest.approx(45 / 7)


def test_the_baseline_skips_empty_days_in_the_first_week() -> None:
    progress = run([8, None, None, 4, None, 6, None, 2, 2])
    assert progress.baseline == pytest.approx(6.0)


def test_a_lone_early_entry_does_not_block_the_baseline() -> None:
    values: list[int | None] = [9] + [None] * 20 + [5, 5, 5, 5, 5, 5, 5]
    progress = run(values)
    assert progress.baseline == pytest.approx(5.0)


def test_not_enough_data_until_seven_days_of_tracking() -> None:
    assert run([6, 6, 6, 2, 2, 2]).verdict == "not_enough_data"
    assert run([6, 6, 6, 6, 6, 6, 6]).verdict == "no_change"


def test_not_enough_data_when_nothing_was_logged_in_the_last_week() -> None:
    values: list[int | None] = [6] * 10 + [None] * 10
    progress = run(values)
    assert progress.current_7day is None
    assert progress.verdict == "not_enough_data"


# --- the verdicts ---------------------------------------------------------------------------


def test_steady_improvement_when_down_two_points_and_thirty_percent_held_over_two_reviews() -> None:
    # Baseline week at 6, then 3 (down 3 points, 50 %) for two full weeks.
    progress = run([6] * 7 + [3] * 14)
    assert progress.verdict == "steady_improvement"
    assert progress.change_points == pytest.approx(-3.0)
    assert progress.change_percent == pytest.approx(-50.0)


def test_one_good_week_is_not_yet_steady_improvement() -> None:
    # Only this week's review point meets the bar; last week's still has the baseline in it.
    progress = run([6] * 7 + [6] * 7 + [3] * 7)
    assert progress.verdict == "minimal_improvement"


def test_two_points_but_under_thirty_percent_is_not_steady() -> None:
    # Baseline 8, now 6: down 2 points but only 25 %.
    progress = run([8] * 7 + [6] * 14)
    assert progress.verdict == "minimal_improvement"


def test_thirty_percent_but_under_two_points_is_not_steady() -> None:
    # Baseline 5 (not low), now 3.5: 30 % but 1.5 points.
    progress = run([5] * 7 + [4, 3] * 7)
    assert progress.current_7day is not None and progress.current_7day > 3.0
    assert progress.verdict == "minimal_improvement"


def test_minimal_improvement_at_one_point_down() -> None:
    progress = run([8] * 7 + [7] * 14)  # down 1 point, 12.5 %
    assert progress.verdict == "minimal_improvement"


def test_minimal_improvement_at_fifteen_percent_down() -> None:
    # Baseline 5 -> mean 4.14: 0.86 points but 17 %.
    values = [5] * 7 + [4, 4, 4, 4, 4, 5, 4] * 2
    progress = run(values)
    assert progress.change_percent is not None and progress.change_percent <= -14.9
    assert progress.change_points is not None and progress.change_points > -1.0
    assert progress.verdict == "minimal_improvement"


def test_no_change_under_one_point_and_fifteen_percent() -> None:
    progress = run([6] * 7 + [6, 5, 6, 6, 6, 6, 6] * 2)
    assert progress.verdict == "no_change"


def test_worsening_when_the_three_day_mean_is_up_two_points() -> None:
    progress = run([6] * 10 + [8, 8, 8])
    assert progress.verdict == "worsening"


def test_worsening_when_the_three_day_mean_is_up_thirty_percent() -> None:
    # Baseline 5 -> 6.67 is +1.67 points but +33 %.
    progress = run([5] * 10 + [7, 7, 6])
    assert progress.verdict == "worsening"


def test_worsening_comes_before_improvement() -> None:
    # The week is better on average, but the last three days jumped.
    progress = run([7] * 7 + [2] * 11 + [9, 9, 9], pgic=1)
    assert progress.verdict == "worsening"


def test_a_good_global_impression_counts_as_steady_improvement() -> None:
    progress = run([6] * 14, pgic=2)
    assert progress.verdict == "steady_improvement"


def test_a_psfs_rise_of_two_counts_as_steady_improvement() -> None:
    progress = run([6] * 14, psfs_change=2.0)
    assert progress.verdict == "steady_improvement"


def test_minimally_improved_or_a_small_psfs_rise_count_as_minimal_improvement() -> None:
    assert run([6] * 14, pgic=3).verdict == "minimal_improvement"
    assert run([6] * 14, psfs_change=1.3).verdict == "minimal_improvement"


def test_no_global_impression_of_change_keeps_the_pain_verdict() -> None:
    assert run([6] * 7 + [3] * 14, pgic=4).verdict == "steady_improvement"


# --- low baseline ---------------------------------------------------------------------------


def test_a_low_baseline_adds_the_low_baseline_advice() -> None:
    progress = run([3] * 14)
    assert "low_baseline" in codes(progress)
    assert "low_baseline" not in codes(run([5] * 14))


def test_with_a_low_baseline_function_and_impression_lead() -> None:
    # Pain from 3 to 1 would be "steady" on points, but the person says no change.
    progress = run([3] * 7 + [1] * 14, pgic=4, psfs_change=0.0)
    assert progress.verdict == "no_change"
    assert run([3] * 14, pgic=2).verdict == "steady_improvement"


def test_with_a_low_baseline_and_no_function_data_only_points_count() -> None:
    # 2 -> 1.5 is 25 % but half a point: relative change is ignored at a low baseline.
    assert run([2] * 7 + [2, 1] * 7).verdict == "no_change"
    assert run([3] * 7 + [2] * 14).verdict == "minimal_improvement"
    assert run([3] * 7 + [1] * 14).verdict == "steady_improvement"


def test_with_a_low_baseline_worsening_needs_two_points() -> None:
    assert run([2] * 10 + [3, 3, 3]).verdict == "no_change"  # +50 % but +1 point
    assert run([2] * 10 + [4, 4, 4]).verdict == "worsening"


# --- advice: review, referral and safety -----------------------------------------------------


def test_no_change_at_two_weeks_prompts_a_review() -> None:
    progress = run([6] * 15)
    assert progress.verdict == "no_change"
    assert codes(progress) == ["review_at_2_weeks"]
    text = progress.advice[0].text
    assert progress.advice[0].level == "review"
    for topic in ("exercises", "dose", "desk", "sessions"):
        assert topic in text


def test_no_change_before_two_weeks_gives_no_review_prompt() -> None:
    assert "review_at_2_weeks" not in codes(run([6] * 14))


def test_no_change_at_four_weeks_with_good_adherence_advises_a_professional() -> None:
    progress = run([6] * 29)
    assert "see_professional" in codes(progress)
    assert "review_at_2_weeks" not in codes(progress)
    advice = next(item for item in progress.advice if item.code == "see_professional")
    assert advice.level == "refer"
    assert "physiotherapist" in advice.text and "doctor" in advice.text
    assert "2 to 4 weeks" in advice.text


def test_no_change_at_four_weeks_with_poor_adherence_prompts_a_review_instead() -> None:
    sessions = daily_sessions(29)[::3]  # about a third of the planned sessions
    progress = run([6] * 29, sessions=sessions)
    assert progress.adherence is not None and progress.adherence < 0.6
    assert codes(progress)[0] == "review_at_2_weeks"
    assert "see_professional" not in codes(progress)


def test_sixty_percent_adherence_is_enough_for_the_referral() -> None:
    sessions = [s for i, s in enumerate(daily_sessions(35)) if i % 5 in (0, 1, 2)]
    progress = run([6] * 35, sessions=sessions)
    assert progress.adherence == pytest.approx(0.6)
    assert "see_professional" in codes(progress)


def test_improvement_at_four_weeks_does_not_refer() -> None:
    assert "see_professional" not in codes(run([6] * 7 + [5] * 22))


def test_worsening_pauses_progression_and_asks_for_the_safety_screen_again() -> None:
    progress = run([5] * 10 + [8, 8, 8])
    advice = progress.advice[0]
    assert (advice.code, advice.level) == ("worsening", "safety")
    assert "safety check" in advice.text
    assert "without stepping anything up" in advice.text


def test_a_review_is_due_four_weeks_after_starting() -> None:
    assert not run([5] * 28).review_due
    progress = run([5] * 29)
    assert progress.review_due
    assert "review_due" in codes(progress)


def test_a_review_is_due_four_weeks_after_the_last_one() -> None:
    progress = run([5] * 40, last_review=day(20))
    assert not progress.review_due
    assert run([5] * 60, last_review=day(20)).review_due


# --- relief, adherence, streaks --------------------------------------------------------------


def test_relief_is_the_mean_of_before_minus_after_over_sessions_with_both() -> None:
    sessions = [
        SessionEntry(day=day(0), pain_before=6, pain_after=3),
        SessionEntry(day=day(1), pain_before=5, pain_after=None),
        SessionEntry(day=day(2), pain_before=4, pain_after=5),
    ]
    progress = run([6, 5, 4], sessions=sessions)
    assert progress.relief.sessions == 2
    assert progress.relief.average == pytest.approx(1.0)
    assert progress.relief.per_session == ((day(0), 3), (day(2), -1))


def test_adherence_counts_sessions_against_the_plan_in_monday_weeks() -> None:
    # Two full weeks (Mon-Sun), 5 of 7 planned sessions done each week.
    sessions = [s for s in daily_sessions(14) if s.day.weekday() < 5]
    progress = run([5] * 14, sessions=sessions, planned=7)
    assert progress.adherence == pytest.approx(10 / 14)
    assert [(w.week_start, w.done, w.planned) for w in progress.weeks] == [
        (day(0), 5, 7),
        (day(7), 5, 7),
    ]
    assert progress.weeks[0].ratio == pytest.approx(5 / 7)


def test_the_current_partial_week_is_pro_rated() -> None:
    # Monday to Wednesday of week 2: 3 of 7 days, so 3 planned so far.
    progress = run([5] * 10, planned=7)
    assert progress.weeks[-1].planned == 3
    assert progress.adherence == pytest.approx(1.0)


def test_adherence_is_capped_at_one() -> None:
    sessions = daily_sessions(7) + daily_sessions(7)
    assert run([5] * 7, sessions=sessions).adherence == 1.0


def test_adherence_is_none_when_nothing_is_planned() -> None:
    assert run([5] * 7, planned=0).adherence is None


def test_the_streak_counts_days_with_a_check_in_or_a_session_up_to_today() -> None:
    pain = journal([5, 5, None, 5, 5, None, None])
    sessions = [SessionEntry(day=day(5), pain_before=5, pain_after=4)]
    progress = assess(pain=pain, sessions=sessions, today=day(6), planned_per_week=7)
    # Day 6 (today) has nothing yet: the streak ends yesterday and runs days 3-5.
    assert progress.streak_days == 3
    assert progress.days_tracked == 5


def test_the_streak_is_broken_by_a_missed_yesterday() -> None:
    progress = run([5, 5, 5, None, None, 5], sessions=[])
    assert progress.streak_days == 1


# --- robustness ------------------------------------------------------------------------------


def test_an_empty_journal_assesses_to_not_enough_data() -> None:
    progress = assess(pain=[], sessions=[], today=START, planned_per_week=7)
    assert progress.verdict == "not_enough_data"
    assert progress.daily == () and progress.weeks == ()
    assert progress.adherence is None and progress.relief.average is None
    assert progress.streak_days == 0 and progress.days_tracked == 0


def test_a_single_entry() -> None:
    progress = assess(
        pain=[PainEntry(day=START, pain=7)], sessions=[], today=START, planned_per_week=7
    )
    assert progress.verdict == "not_enough_data"
    assert progress.current_7day == 7.0
    assert progress.baseline is None and progress.change_points is None
    assert progress.streak_days == 1 and progress.days_tracked == 1
    assert [p.value for p in progress.daily] == [7.0]


def test_several_check_ins_on_one_day_are_averaged() -> None:
    pain = [PainEntry(day=START, pain=4), PainEntry(day=START, pain=8)]
    progress = assess(pain=pain, sessions=[], today=START, planned_per_week=7)
    assert progress.daily[0].value == 6.0
    assert progress.days_tracked == 1


def test_gaps_are_none_in_the_daily_series_and_do_not_count_as_zero() -> None:
    progress = run([6, None, None, 6, None, 6, None, 6])
    assert [p.value for p in progress.daily] == [6, None, None, 6, None, 6, None, 6]
    assert progress.current_7day == 6.0
    assert all(p.value == 6.0 for p in progress.rolling_7day)


def test_entries_after_today_are_ignored() -> None:
    pain = journal([5] * 10)
    progress = assess(pain=pain, sessions=[], today=day(4), planned_per_week=7)
    assert progress.daily[-1].day == day(4)
    assert progress.days_tracked == 5


def test_scores_outside_zero_to_ten_are_clamped() -> None:
    pain = [PainEntry(day=START, pain=14), PainEntry(day=day(1), pain=-3)]
    progress = assess(pain=pain, sessions=[], today=day(1), planned_per_week=7)
    assert [p.value for p in progress.daily] == [10.0, 0.0]


def test_the_rolling_mean_is_the_trailing_seven_days() -> None:
    progress = run([1, 2, 3, 4, 5, 6, 7, 8, 9])
    values = [p.value for p in progress.rolling_7day]
    assert values[0] == 1.0
    assert values[6] == pytest.approx(4.0)
    assert values[8] == pytest.approx(6.0)


def test_change_is_now_minus_baseline() -> None:
    progress = run([6] * 7 + [4] * 7)
    assert progress.baseline == 6.0 and progress.current_7day == 4.0
    assert progress.change_points == pytest.approx(-2.0)
    assert progress.change_percent == pytest.approx(-100 / 3)


def test_a_zero_baseline_has_no_percentage() -> None:
    progress = run([0] * 10)
    assert progress.baseline == 0 and progress.change_percent is None
    assert progress.verdict == "no_change"


# --- json, ranges and words ------------------------------------------------------------------


def test_to_json_has_the_pinned_keys() -> None:
    data = run([6] * 7 + [3] * 14).to_json()
    for key in (
        "baseline",
        "current_7day",
        "change_points",
        "change_percent",
        "verdict",
        "advice",
        "adherence",
        "relief",
    ):
        assert key in data
    assert data["verdict"] == "steady_improvement"
    assert data["relief"]["sessions"] == 21 and data["relief"]["average"] == 1.0
    assert data["change_points"] == -3.0 and data["change_percent"] == -50.0
    assert data["daily"][0] == {"day": "2025-03-03", "pain": 6.0}


def test_within_cuts_the_series_and_recomputes_relief_for_the_range() -> None:
    sessions = daily_sessions(30)
    progress = run([5] * 30, sessions=sessions)
    cut = within(progress, since=range_start(day(29), "2w"))
    assert cut.daily[0].day == day(16) and len(cut.daily) == 14
    assert cut.relief.sessions == 14
    assert cut.weeks[0].week_start == day(14)
    assert cut.baseline == progress.baseline and cut.verdict == progress.verdict
    assert within(progress, since=range_start(day(29), "all")) is progress


def test_verdict_sentence_names_the_figures() -> None:
    text = verdict_sentence(run([6] * 7 + [3] * 14))
    assert "3.0 out of 10" in text and "6.0 when you started" in text
    assert "Log your pain" in verdict_sentence(run([6]))
