"""Is the routine working? A person's journal in, trend, relief, adherence and a verdict out.

Pure and deterministic: no Django, no clock (``today`` is passed in), O(n) in the number of
entries plus the number of calendar days tracked, so ten years of data assess in milliseconds.

The rules are those of the clinical reference, §2.5:

* **Daily pain** is the mean of that day's check-ins (several on one day are averaged). Pain
  comes from check-ins only; session pain feeds relief, adherence and streaks. Scores are clamped
  to 0-10 and entries dated after ``today`` are ignored.
* **Baseline** is the mean daily pain of the first 7 calendar days of tracking that hold at least
  3 days with a check-in. Tracking starts on the first such window (a stray entry followed by a
  long gap does not block a baseline forever). Until 3 days are logged there is no baseline.
* **Current** (``current_7day``) is the mean daily pain over the 7 calendar days ending today
  (days without a check-in are skipped, not counted as zero). None when that week has no entry.
* **Change** is ``current_7day - baseline``: negative means less pain. ``change_percent`` is that
  change as a percentage of the baseline (None when the baseline is 0).
* **Verdict**, first match wins:

  1. ``not_enough_data``: no baseline yet, fewer than 7 calendar days since tracking started, or
     no check-in in the last 7 days.
  2. ``worsening``: the mean of the last 3 calendar days is up >= 2 points, or >= 30 %, on the
     baseline (with a baseline <= 3 only the 2-point rule applies: relative change is unstable).
  3. ``steady_improvement``: the 7-day mean is down >= 2 points and >= 30 % at both this week's
     review point (today) and last week's (today - 7 days, which must fall after the baseline
     week); or the global impression of change (PGIC) is 1-2 ("much improved" or better); or the
     PSFS mean has risen >= 2.
  4. ``minimal_improvement``: the 7-day mean is down >= 1 point or >= 15 %; or PGIC is 3
     ("minimally improved"); or the PSFS mean has risen >= 1.3 (the small change of Abbott 2014).
  5. ``no_change`` otherwise.

  With a baseline <= 3 (the floor effect), PSFS and PGIC are the primary criteria: when either is
  given, pain is used only for the worsening check. Without them, only the absolute pain rules
  apply (down >= 2 points held over two reviews, or down >= 1 point: the smallest important change
  at a low baseline).
* **Adherence** is sessions done / sessions planned, weeks starting on Monday. The planned number
  is pro-rated by calendar day: the first week counts from the day tracking began and the current
  week up to and including today, so a Wednesday shows 3/7 of a week's sessions as planned so
  far. The overall figure is total done / total planned over the whole period, capped at 1.0.
* **Relief** is pain before minus pain after, per session that has both (positive = relief).
* **Streak** is the run of consecutive days with a check-in or a session, ending today, or
  ending yesterday while today has nothing yet (the day is not over).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from upback.core.progress_models import (
    VERDICT_LABELS,
    VERDICT_SENTENCES,
    VERDICTS,
    Advice,
    AdviceLevel,
    PainEntry,
    Point,
    Progress,
    RangeCode,
    Relief,
    SessionEntry,
    Verdict,
    WeekAdherence,
)

STEADY_POINTS = 2.0
STEADY_FRACTION = 0.30
MINIMAL_POINTS = 1.0
MINIMAL_FRACTION = 0.15
WORSE_POINTS = 2.0
WORSE_FRACTION = 0.30
LOW_BASELINE = 3.0
PSFS_STEADY = 2.0
PSFS_MINIMAL = 1.3
PGIC_STEADY_MAX = 2  # 1 very much improved, 2 much improved
PGIC_MINIMAL = 3  # minimally improved
BASELINE_WINDOW_DAYS = 7
BASELINE_MIN_DAYS = 3
MIN_TRACKING_DAYS = 7
REVIEW_PROMPT_DAYS = 14
REFER_DAYS = 28
REFER_MIN_ADHERENCE = 0.60
REVIEW_DUE_DAYS = 28
_EPS = 1e-9

RANGE_DAYS: dict[RangeCode, int | None] = {"2w": 14, "6w": 42, "all": None}


def _clamp(value: int) -> int:
    return value if 0 <= value <= 10 else (0 if value < 0 else 10)


def _mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def _daily_means(pain: Sequence[PainEntry], today: date) -> dict[date, float]:
    totals: dict[date, list[int]] = {}
    for entry in pain:
        if entry.day > today:
            continue
        bucket = totals.setdefault(entry.day, [0, 0])
        bucket[0] += _clamp(entry.pain)
        bucket[1] += 1
    return {day: total / count for day, (total, count) in sorted(totals.items())}


def _baseline(daily: dict[date, float]) -> tuple[date | None, float | None]:
    """First 7-calendar-day window with >= 3 logged days: (its first day, mean daily pain)."""
    days = list(daily)  # sorted
    end = 0
    for start in range(len(days)):
        if end < start:
            end = start
        limit = _shift(days[start], BASELINE_WINDOW_DAYS - 1)
        while end + 1 < len(days) and days[end + 1] <= limit:
            end += 1
        if end - start + 1 >= BASELINE_MIN_DAYS:
            return days[start], _mean([daily[day] for day in days[start : end + 1]])
    return None, None


def tracking_start(pain: Sequence[PainEntry], today: date) -> date | None:
    """The day tracking began: the start of the first week with at least three check-ins."""
    return _baseline(_daily_means(pain, today))[0]


def _window_mean(daily: dict[date, float], last: date, length: int) -> float | None:
    values = [daily[day] for day in _days_back(last, length) if day in daily]
    return _mean(values)


def _days_back(last: date, length: int) -> list[date]:
    return [_shift(last, -offset) for offset in range(length)]


def _shift(day: date, days: int) -> date:
    """`day` moved by `days`, held at the ends of the calendar instead of overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _series(
    daily: dict[date, float], first: date | None, today: date
) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """Daily points and the trailing 7-day mean for every calendar day from `first` to today."""
    if first is None or first > today:
        return (), ()
    days = [date.fromordinal(o) for o in range(first.toordinal(), today.toordinal() + 1)]
    values = [daily.get(day) for day in days]
    means: list[float | None] = []
    total = 0.0
    count = 0
    for index, value in enumerate(values):
        if value is not None:
            total += value
            count += 1
        if index >= BASELINE_WINDOW_DAYS:
            dropped = values[index - BASELINE_WINDOW_DAYS]
            if dropped is not None:
                total -= dropped
                count -= 1
        means.append(total / count if count else None)
    points = tuple(map(Point, days, values))
    rolling = tuple(map(Point, days, means))
    return points, rolling


def _week_of(ordinal: int) -> int:
    """Monday-based week number (day 1 of the calendar, 1 January of year 1, is a Monday)."""
    return (ordinal - 1) // 7


def _adherence(
    sessions: Sequence[SessionEntry], first: date | None, today: date, planned_per_week: int
) -> tuple[float | None, tuple[WeekAdherence, ...]]:
    if first is None or first > today:
        return None, ()
    start, end = first.toordinal(), today.toordinal()
    per_week: dict[int, int] = {}
    for session in sessions:
        ordinal = session.day.toordinal()
        if start <= ordinal <= end:
            week = (ordinal - 1) // 7
            per_week[week] = per_week.get(week, 0) + 1
    planned = max(0, planned_per_week)
    weeks: list[WeekAdherence] = []
    for week in range(_week_of(start), _week_of(end) + 1):
        monday = week * 7 + 1
        covered = min(monday + 6, end) - max(monday, start) + 1
        weeks.append(
            WeekAdherence(
                week_start=date.fromordinal(monday),
                done=per_week.get(week, 0),
                planned=math.floor(planned * covered / 7 + 0.5),
            )
        )
    expected = planned * (end - start + 1) / 7
    if expected <= 0:
        return None, tuple(weeks)
    done = sum(per_week.values())
    return min(1.0, done / expected), tuple(weeks)


def _relief(sessions: Sequence[SessionEntry], today: date) -> Relief:
    pairs = tuple(
        sorted(
            (
                (s.day, _clamp(s.pain_before) - _clamp(s.pain_after))
                for s in sessions
                if s.pain_after is not None and s.day <= today
            ),
            key=lambda pair: pair[0],
        )
    )
    return Relief(
        sessions=len(pairs),
        average=_mean([float(value) for _, value in pairs]),
        per_session=pairs,
    )


def _streak(active: set[date], today: date) -> int:
    day = today if today in active else _shift(today, -1)
    streak = 0
    while day in active:
        streak += 1
        if day == date.min:
            break
        day = _shift(day, -1)
    return streak


def _drop_meets(baseline: float, mean: float | None, *, points: float, fraction: float) -> bool:
    """Both thresholds: pain down >= points and >= fraction of baseline."""
    if mean is None or baseline <= 0:
        return False
    drop = baseline - mean
    return drop >= points - _EPS and drop / baseline >= fraction - _EPS


def function_verdict(psfs_change: float | None, pgic: int | None) -> Verdict | None:
    """The verdict the function scale and global impression support on their own, if any."""
    if (pgic is not None and 1 <= pgic <= PGIC_STEADY_MAX) or (
        psfs_change is not None and psfs_change >= PSFS_STEADY - _EPS
    ):
        return "steady_improvement"
    if pgic == PGIC_MINIMAL or (psfs_change is not None and psfs_change >= PSFS_MINIMAL - _EPS):
        return "minimal_improvement"
    if pgic is not None or psfs_change is not None:
        return "no_change"
    return None


VERDICT_ORDER: dict[Verdict, int] = {
    "steady_improvement": 3,
    "minimal_improvement": 2,
    "no_change": 1,
    "not_enough_data": 0,
    "worsening": -1,
}


def _better(a: Verdict, b: Verdict | None) -> Verdict:
    if b is None:
        return a
    return a if VERDICT_ORDER[a] >= VERDICT_ORDER[b] else b


def _verdict(
    *,
    daily: dict[date, float],
    baseline: float,
    start: date,
    current: float,
    today: date,
    psfs_change: float | None,
    pgic: int | None,
) -> Verdict:
    low = baseline <= LOW_BASELINE + _EPS
    recent = _window_mean(daily, today, 3)
    if recent is not None:
        rise = recent - baseline
        if rise >= WORSE_POINTS - _EPS:
            return "worsening"
        if not low and baseline > 0 and rise / baseline >= WORSE_FRACTION - _EPS:
            return "worsening"

    function = function_verdict(psfs_change, pgic)
    if low and function is not None:
        return function

    last_review = _shift(today, -7)
    baseline_week_end = _shift(start, BASELINE_WINDOW_DAYS - 1)
    previous = (
        _window_mean(daily, last_review, BASELINE_WINDOW_DAYS)
        if last_review > baseline_week_end
        else None
    )
    if low:
        steady_now = baseline - current >= STEADY_POINTS - _EPS
        steady_before = previous is not None and baseline - previous >= STEADY_POINTS - _EPS
        if steady_now and steady_before:
            return "steady_improvement"
        if baseline - current >= MINIMAL_POINTS - _EPS:
            return "minimal_improvement"
        return "no_change"

    pain: Verdict
    if _drop_meets(
        baseline, current, points=STEADY_POINTS, fraction=STEADY_FRACTION
    ) and _drop_meets(baseline, previous, points=STEADY_POINTS, fraction=STEADY_FRACTION):
        pain = "steady_improvement"
    else:
        drop = baseline - current
        if drop >= MINIMAL_POINTS - _EPS or (
            baseline > 0 and drop / baseline >= MINIMAL_FRACTION - _EPS
        ):
            pain = "minimal_improvement"
        else:
            pain = "no_change"
    return _better(pain, function)


def _weeks_phrase(days: int) -> str:
    weeks = days // 7
    return "a week" if weeks == 1 else f"{weeks} weeks"


def _advice(
    *,
    verdict: Verdict,
    baseline: float | None,
    start: date | None,
    today: date,
    adherence: float | None,
    recent_rise: float | None,
    review_due: bool,
    last_review: date | None,
) -> tuple[Advice, ...]:
    out: list[Advice] = []
    since_start = (today - start).days if start is not None else 0
    if verdict == "worsening":
        rise = f" (up about {recent_rise:.1f} points)" if recent_rise is not None else ""
        out.append(
            Advice(
                code="worsening",
                level="safety",
                text=(
                    f"Your pain over the last 3 days is higher than when you started{rise}. "
                    "Keep your routine at its current level for now, without stepping anything "
                    "up, and take the safety check again to make sure nothing needs a "
                    "professional's attention. If a warning sign appears, get help straight away."
                ),
            )
        )
    if (
        verdict == "no_change"
        and since_start >= REFER_DAYS
        and (adherence is not None and adherence >= REFER_MIN_ADHERENCE - _EPS)
    ):
        out.append(
            Advice(
                code="see_professional",
                level="refer",
                text=(
                    f"After {_weeks_phrase(since_start)} of doing your routine, your pain has "
                    "not improved. The guides advise seeing a professional when pain has not "
                    "eased in 2 to 4 weeks despite regular exercise. A physiotherapist can "
                    "find what is driving your pain, tailor the programme to you and offer "
                    "hands-on care. See a doctor instead, or first, if the pain is severe, "
                    "getting worse, there at night, or comes with other symptoms."
                ),
            )
        )
    elif verdict == "no_change" and since_start >= REVIEW_PROMPT_DAYS:
        out.append(
            Advice(
                code="review_at_2_weeks",
                level="review",
                text=(
                    f"After {_weeks_phrase(since_start)}, your pain is about the same as when "
                    "you started. It is worth a short look at four things: are these the right "
                    "exercises for you, is the dose too light or too much, could your desk "
                    "set-up be feeding the pain, and have you managed most of your sessions? "
                    "A small change to one of these often helps."
                ),
            )
        )
    if baseline is not None and baseline <= LOW_BASELINE + _EPS:
        out.append(
            Advice(
                code="low_baseline",
                level="info",
                text=(
                    f"Your pain was fairly low when you started (about {baseline:.1f} out of "
                    "10), so small changes in the number say little. How well you can do the "
                    "things that matter to you, and how you feel overall, tell more: the "
                    "regular review asks about both."
                ),
            )
        )
    if review_due:
        since = "your last review" if last_review is not None else "you started"
        anchor = last_review if last_review is not None else start
        days = (today - anchor).days if anchor is not None else REVIEW_DUE_DAYS
        out.append(
            Advice(
                code="review_due",
                level="review",
                text=(
                    f"It has been {_weeks_phrase(days)} since {since}: time for a short review. "
                    "It compares where you started with now, asks how a few everyday "
                    "activities are going, and suggests the next plan."
                ),
            )
        )
    return tuple(out)


def assess(
    *,
    pain: Sequence[PainEntry],
    sessions: Sequence[SessionEntry],
    today: date,
    planned_per_week: int,
    psfs_change: float | None = None,
    pgic: int | None = None,
    last_review: date | None = None,
    series: bool = True,
) -> Progress:
    """Assess a journal as of `today` (see the module docstring for every rule).

    `planned_per_week` is the number of sessions the plan schedules each week; `psfs_change` is
    the latest PSFS mean minus the first one; `pgic` is the latest global impression (1 very much
    improved .. 7 very much worse); `last_review` is the date of the latest review, if any (the
    next one is due 4 weeks after it, or 4 weeks after tracking started). `series=False` leaves
    the day-by-day series (``daily``, ``rolling_7day``) empty, for a page that shows only the
    verdict and advice: they are the costliest part over years of data, and judge nothing.
    """
    daily = _daily_means(pain, today)
    start, baseline = _baseline(daily)
    current = _window_mean(daily, today, BASELINE_WINDOW_DAYS) if daily else None

    kept_sessions = [s for s in sessions if s.day <= today]
    active = set(daily) | {s.day for s in kept_sessions}
    first = min(active) if active else None

    daily_points, rolling = _series(daily, first, today) if series else ((), ())
    adherence, weeks = _adherence(kept_sessions, first, today, planned_per_week)
    relief = _relief(kept_sessions, today)

    change_points: float | None = None
    change_percent: float | None = None
    if baseline is not None and current is not None:
        change_points = current - baseline
        change_percent = 100.0 * change_points / baseline if baseline > 0 else None

    verdict: Verdict = "not_enough_data"
    recent = _window_mean(daily, today, 3) if daily else None
    if (
        baseline is not None
        and start is not None
        and current is not None
        and (today - start).days + 1 >= MIN_TRACKING_DAYS
    ):
        verdict = _verdict(
            daily=daily,
            baseline=baseline,
            start=start,
            current=current,
            today=today,
            psfs_change=psfs_change,
            pgic=pgic,
        )

    anchor = last_review if last_review is not None else start
    review_due = anchor is not None and (today - anchor).days >= REVIEW_DUE_DAYS
    advice = _advice(
        verdict=verdict,
        baseline=baseline,
        start=start,
        today=today,
        adherence=adherence,
        recent_rise=(recent - baseline) if recent is not None and baseline is not None else None,
        review_due=review_due,
        last_review=last_review,
    )
    return Progress(
        baseline=baseline,
        current_7day=current,
        change_points=change_points,
        change_percent=change_percent,
        verdict=verdict,
        advice=advice,
        adherence=adherence,
        weeks=weeks,
        relief=relief,
        daily=daily_points,
        rolling_7day=rolling,
        streak_days=_streak(active, today),
        days_tracked=len(active),
        review_due=review_due,
    )


def range_start(today: date, code: RangeCode) -> date | None:
    """First day shown for a range ("2w", "6w", "all"); None means from the beginning."""
    days = RANGE_DAYS[code]
    return None if days is None else _shift(today, -(days - 1))


def within(progress: Progress, *, since: date | None) -> Progress:
    """The same assessment with its series (daily, 7-day, weeks, per-session relief) cut to
    `since` onwards, for a 2-week or 6-week view. Relief is recomputed for the window; the
    baseline, current figures, verdict, advice, adherence and streak stay those of the whole
    journal, because they are judged on all of it.
    """
    if since is None:
        return progress
    per_session = tuple(pair for pair in progress.relief.per_session if pair[0] >= since)
    return replace(
        progress,
        daily=tuple(p for p in progress.daily if p.day >= since),
        rolling_7day=tuple(p for p in progress.rolling_7day if p.day >= since),
        weeks=tuple(w for w in progress.weeks if _shift(w.week_start, 6) >= since),
        relief=Relief(
            sessions=len(per_session),
            average=_mean([float(value) for _, value in per_session]),
            per_session=per_session,
        ),
    )


def verdict_sentence(progress: Progress) -> str:
    """The verdict in one plain sentence, with the figures when there are any."""
    sentence = VERDICT_SENTENCES[progress.verdict]
    if progress.verdict == "not_enough_data" or progress.change_points is None:
        return sentence
    if progress.baseline is None or progress.current_7day is None:
        return sentence
    return (
        f"{sentence} Your 7-day average is {progress.current_7day:.1f} out of 10, "
        f"against {progress.baseline:.1f} when you started."
    )


__all__ = [
    "VERDICTS",
    "VERDICT_LABELS",
    "VERDICT_ORDER",
    "VERDICT_SENTENCES",
    "Advice",
    "AdviceLevel",
    "PainEntry",
    "Point",
    "Progress",
    "RangeCode",
    "Relief",
    "SessionEntry",
    "Verdict",
    "WeekAdherence",
    "assess",
    "function_verdict",
    "range_start",
    "verdict_sentence",
    "within",
]
