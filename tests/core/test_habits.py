"""Two habits for a month: choosing, the month's bounds, streaks and the summary's kind words."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upback.core import habits as core
from upback.core.care import care_state
from upback.core.library import default_library
from upback.core.vocab import Disposition

HABITS = default_library().advice.habits
TECHNIQUES = default_library().techniques
START = dt.date(2025, 11, 21)


def day(n: int) -> dt.date:
    """Day n of the month that starts on START (day 1 is START)."""
    return START + dt.timedelta(days=n - 1)


def month(*picks: str) -> core.Month:
    chosen = core.choose([core.read_pick(p, HABITS) for p in picks or ("movement_breaks", "Tea")])
    return core.new_month(chosen, START)


# --- choosing -----------------------------------------------------------------------------------


def test_a_habit_from_the_list_is_found_by_its_slug_or_its_name_in_any_case() -> None:
    by_slug = core.read_pick("walk_and_talk", HABITS)
    by_name = core.read_pick("  stand or walk when you are ON a call ", HABITS)
    assert by_slug == by_name == core.Chosen("walk_and_talk", by_slug.name, own=False)
    assert core.read_pick("walk-and-talk", HABITS).slug == "walk_and_talk"


def test_own_words_become_an_own_habit_with_a_readable_slug() -> None:
    own = core.read_pick("  Drink a   glass of water at lunch ", HABITS)
    assert own == core.Chosen(
        "drink_a_glass_of_water_at_lunch", "Drink a glass of water at lunch", True
    )


def test_an_own_habit_never_takes_a_slug_from_the_list() -> None:
    # "Walk and talk" is not the list's habit's name, but its slug would be the list's.
    own = core.read_pick("Walk and talk", HABITS)
    assert own.own and own.slug == "walk_and_talk_own"
    assert own.slug not in {h.slug for h in HABITS}


def test_own_slugs_stay_short_and_start_with_a_letter() -> None:
    long = core.read_pick(
        "Put the kettle on and roll my shoulders while it boils every time", HABITS
    )
    assert len(long.slug) <= core.SLUG_MAX and long.slug.startswith("put_the_kettle")
    assert core.read_pick("5 deep breaths at noon", HABITS).slug == "own_5_deep_breaths_at_noon"
    assert core.read_pick("Café au lait walk", HABITS).slug == "cafe_au_lait_walk"
    assert core.read_pick("深呼吸を五回", HABITS).slug == "own"


@pytest.mark.parametrize("text", ["", "   ", "ab", "x" * 81])
def test_own_words_must_be_3_to_80_characters(text: str) -> None:
    with pytest.raises(core.HabitProblem) as problem:
        core.read_pick(text, HABITS)
    assert problem.value.field == "habits"


def test_80_characters_is_still_fine() -> None:
    assert core.read_pick("y" * 80, HABITS).name == "y" * 80


def test_a_slug_that_is_not_in_the_list_is_taken_for_a_typo() -> None:
    with pytest.raises(core.HabitProblem, match="'movment_breaks' is not a habit in the list"):
        core.read_pick("movment_breaks", HABITS)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_exactly_two_habits_are_picked(count: int) -> None:
    picks = [core.read_pick(p, HABITS) for p in ("walk_and_talk", "Tea", "Stretch")[:count]]
    with pytest.raises(core.HabitProblem, match="please pick two habits"):
        core.choose(picks)


@pytest.mark.parametrize(
    "picks",
    [
        ("walk_and_talk", "walk_and_talk"),
        ("walk_and_talk", "Stand or walk when you are on a call"),
        ("Drink water", "drink   WATER"),
    ],
)
def test_the_two_habits_must_differ(picks: tuple[str, str]) -> None:
    with pytest.raises(core.HabitProblem, match="the two habits are the same"):
        core.choose([core.read_pick(p, HABITS) for p in picks])


def test_two_long_own_habits_that_differ_late_keep_apart_slugs() -> None:
    stem = "Walk round the block after lunch with the dog and "
    first, second = core.choose([core.read_pick(stem + w, HABITS) for w in ("smile", "wave")])
    assert first.slug != second.slug


def test_the_plans_suggestions_come_first_then_the_rest_by_priority() -> None:
    offers = core.offers(HABITS, suggested=["walk_and_talk", "chest_stretch"])
    assert [o.slug for o in offers[:2]] == ["walk_and_talk", "chest_stretch"]
    assert [o.suggested for o in offers[:3]] == [True, True, False]
    rest = [next(h for h in HABITS if h.slug == o.slug).priority for o in offers[2:]]
    assert rest == sorted(rest, reverse=True)
    assert len(offers) == len(HABITS)


def test_while_a_red_flag_is_active_only_habits_without_an_exercise_are_offered() -> None:
    stopped = care_state(Disposition.URGENT)
    offers = core.offers(HABITS, techniques=TECHNIQUES, care=stopped)
    assert offers and all(o.technique is None for o in offers)
    cleared = core.offers(HABITS, techniques=TECHNIQUES, care=care_state(Disposition.SELF_CARE))
    assert len(cleared) == len(HABITS)


def test_while_gentle_only_a_habit_is_held_only_when_its_exercise_is_not_flare_safe() -> None:
    gentle = care_state(Disposition.SOON)
    squeeze = TECHNIQUES["scapular_squeeze"]
    assert squeeze.suitability.flare_ok and not core.held(squeeze, gentle)
    strong = next(t for t in TECHNIQUES.values() if not t.suitability.flare_ok)
    assert core.held(strong, gentle)
    assert not core.held(strong, care_state(Disposition.SOON, clinician_seen=True))
    assert core.held(squeeze, care_state(Disposition.EMERGENCY))
    assert core.held(squeeze, care_state(None))  # no safety check yet
    assert not core.held(None, care_state(Disposition.EMERGENCY))


# --- the month ----------------------------------------------------------------------------------


def test_a_month_is_30_days_from_the_pick() -> None:
    m = month()
    assert (m.started_on, m.last_day, m.ends_on) == (START, day(30), dt.date(2025, 12, 21))
    assert m.length == 30 and len(m.days()) == 30
    assert m.contains(day(1)) and m.contains(day(30)) and not m.contains(day(31))
    assert not m.contains(day(0))


def test_day_number_and_days_left_count_today() -> None:
    m = month()
    assert (m.day_number(day(1)), m.days_left(day(1))) == (1, 30)
    assert (m.day_number(day(30)), m.days_left(day(30))) == (30, 1)
    assert (m.day_number(day(31)), m.days_left(day(31)), m.ended(day(31))) == (30, 0, True)
    assert not m.ended(day(30))


def test_a_tick_is_for_a_day_of_the_month_that_has_come() -> None:
    m = month()
    core.check_day(m, day(3), today=day(3))
    core.check_day(m, day(1), today=day(3))
    core.check_day(m, day(30), today=day(31))  # the last day, ticked the morning after
    with pytest.raises(core.HabitProblem, match="still to come"):
        core.check_day(m, day(4), today=day(3))
    with pytest.raises(core.HabitProblem, match="from 21 November to 20 December"):
        core.check_day(m, day(0), today=day(3))
    with pytest.raises(core.HabitProblem, match="outside your habit month"):
        core.check_day(m, day(31), today=day(40))


def test_a_habit_is_found_in_the_month_by_slug_or_name() -> None:
    m = month("movement_breaks", "Tea with no screen")
    assert m.find("tea_with_no_screen") == m.find("TEA with no screen") == m.habits[1]
    assert m.find("movement-breaks") == m.habits[0]
    assert m.find("coffee") is None


def test_the_calendar_lays_the_month_out_monday_to_sunday() -> None:
    weeks = core.calendar_weeks(month())  # 21 Nov 2025 is a Friday
    assert weeks[0][:4] == [None] * 4 and weeks[0][4] == START
    assert all(len(w) == 7 for w in weeks)
    days = [d for w in weeks for d in w if d is not None]
    assert days == month().days()


# --- streaks ------------------------------------------------------------------------------------


def test_a_streak_counts_days_in_a_row_up_to_today() -> None:
    kept = {day(1), day(2), day(4), day(5), day(6)}
    assert core.streak(kept, today=day(6)) == 3
    assert core.best_streak(kept) == 3
    assert core.streak(kept | {day(3)}, today=day(6)) == 6


def test_a_streak_is_not_lost_in_the_morning_before_today_is_ticked() -> None:
    kept = {day(4), day(5)}
    assert core.streak(kept, today=day(6)) == 2
    assert core.streak(kept | {day(6)}, today=day(6)) == 3


def test_a_streak_is_gone_after_a_whole_day_missed() -> None:
    assert core.streak({day(4), day(5)}, today=day(7)) == 0
    assert core.best_streak({day(4), day(5)}) == 2


def test_progress_counts_each_habit_as_of_today() -> None:
    m = month()
    kept = {"movement_breaks": {day(1), day(2), day(3)}, "tea": {day(3)}}
    first, second = core.progress(m, kept, today=day(3))
    assert (first.streak, first.best_streak, first.kept_count, first.so_far) == (3, 3, 3, 3)
    assert first.done_today and not core.progress(m, kept, today=day(4))[0].done_today
    assert (second.streak, second.kept_count) == (1, 1)


def test_ticks_outside_the_month_do_not_count() -> None:
    kept = {"tea": {day(0), day(31), day(2)}}
    tea = core.progress(month(), kept, today=day(40))[1]
    assert tea.kept == frozenset({day(2)})
    assert tea.so_far == 30


dates = st.sets(st.integers(min_value=1, max_value=30).map(day), max_size=30)
todays = st.integers(min_value=1, max_value=30).map(day)


@given(kept=dates, today=todays)
def test_streak_invariants(kept: set[dt.date], today: dt.date) -> None:
    before = {d for d in kept if d <= today}
    current = core.streak(before, today)
    assert 0 <= current <= core.best_streak(before) <= len(before)
    assert len(before) <= (today - START).days + 1


@given(kept=dates, today=todays)
def test_ticking_today_adds_exactly_one_to_the_streak(kept: set[dt.date], today: dt.date) -> None:
    before = {d for d in kept if d < today}
    assert core.streak(before | {today}, today) == core.streak(before, today) + 1


@given(kept=dates, today=todays)
def test_days_before_the_streak_do_not_change_it(kept: set[dt.date], today: dt.date) -> None:
    before = {d for d in kept if d <= today}
    current = core.streak(before, today)
    end = today if today in before else today - dt.timedelta(days=1)
    gap = end - dt.timedelta(days=current)  # the missed day that ends the streak
    older = {d for d in before if d < gap}
    assert core.streak(before - older, today) == current


# --- the summary --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kept", "verdict", "words"),
    [
        (30, core.Verdict.HABIT, "it has probably become a habit by now. Keep it going."),
        (20, core.Verdict.HABIT, "You kept it on most days"),
        (19, core.Verdict.ANOTHER_MONTH, "It is worth another month"),
        (10, core.Verdict.ANOTHER_MONTH, "a real start"),
        (9, core.Verdict.SMALLER, "A few days is a start. That usually means it was a big step"),
        (0, core.Verdict.SMALLER, "not that you failed: pick something smaller"),
    ],
)
def test_the_summary_says_what_to_do_next_kindly(
    kept: int, verdict: core.Verdict, words: str
) -> None:
    assert core.verdict_for(kept) is verdict
    sentence = core.verdict_sentence(verdict, kept)
    assert words in sentence
    for harsh in ("fail ", "failed.", "should", "only", "lazy", "must"):
        assert harsh not in sentence


def test_the_month_summary_at_the_end_has_each_habits_days_and_longest_streak() -> None:
    m = month()
    kept = {"movement_breaks": {day(n) for n in range(1, 31) if n % 7}, "tea": {day(1), day(2)}}
    running = core.summarise(m, kept, today=day(15))
    assert not running.complete
    summary = core.summarise(m, kept, today=day(31))
    assert summary.complete
    breaks, tea = summary.results
    assert (breaks.kept, breaks.of, breaks.best_streak, breaks.verdict) == (
        26,
        30,
        6,
        core.Verdict.HABIT,
    )
    assert (tea.kept, tea.best_streak, tea.verdict) == (2, 2, core.Verdict.SMALLER)


def test_stored_habits_round_trip_through_json() -> None:
    for habit in month().habits:
        assert core.Chosen.from_json(habit.to_json()) == habit


def test_progress_in_words_counts_what_was_kept_and_never_a_lost_run() -> None:
    m = month()

    def words(kept: set[dt.date], today: dt.date) -> str:
        return core.progress_words(core.progress(m, {"tea": kept}, today)[1])

    assert words(set(), day(1)) == "No ticks yet."
    assert words({day(1)}, day(1)) == "Kept 1 of 1 day so far"
    assert words({day(1), day(2), day(3)}, day(4)) == "3 days in a row · kept 3 of 4 days so far"
    assert words({day(1), day(2), day(3)}, day(6)) == "Kept 3 of 6 days so far · best run 3 days"
