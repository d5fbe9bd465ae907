"""The clinician report's content for a period: who, screenings, pain, relief, adherence, the
plan, its changes, reviews and the person's notes, as plain values ready for the template.

The period is checked here, once, for the web and the terminal alike (`report_period`). The
figures come from `core.progress.assess` over the period's own rows, so the baseline is the first
week logged in the period and the verdict is judged as of its last day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from upback.coach.models import CheckIn, GuidedItem, Plan, Review, Screening
from upback.coach.selectors.accounts import local_today
from upback.coach.selectors.report import ReportRows, report_progress_inputs, report_rows
from upback.core import charts
from upback.core.care import care_state
from upback.core.labels import DAY_NAMES, EQUIPMENT_CHOICES, PAIN_CHOICES, TRIGGER_CHOICES
from upback.core.library import default_library
from upback.core.progress import VERDICT_LABELS, Progress, assess
from upback.core.review import PGIC_WORDS
from upback.core.safety import question
from upback.core.vocab import Disposition

DEFAULT_DAYS = 42  # the last 6 weeks, today included (as the progress page's 6-week range)
MAX_DAYS = 731  # at most 2 years from the first day to the last
SESSION_ROWS = 60  # the session table lists the most recent ones; the chart shows them all
WEEK_ROWS = 26  # beyond half a year, adherence is listed month by month

DISPOSITION_WORDS: dict[str, str] = {
    Disposition.EMERGENCY.value: "Emergency: call for help now",
    Disposition.URGENT.value: "Urgent: medical care the same day",
    Disposition.SOON.value: "See a clinician soon",
    Disposition.SELF_CARE.value: "Safe to start gentle self-care",
}
WHO_WORDS: dict[str, str] = {
    "desk_worker": "Desk or screen worker",
    "lifter": "Lifts weights or trains hard",
    "older_adult": "Older adult with a stiff upper back",
    "other": "Other",
}
ANSWER_WORDS = {"yes": "Yes", "not_sure": "Not sure"}
SOURCE_WORDS = {
    "session": "symptoms reported at the end of a guided session",
    "checkin": "the warning-sign re-check of a daily check-in",
}
# What each verdict means, for a clinician (clinical reference §2.5; see core.progress).
VERDICT_MEANINGS: dict[str, str] = {
    "steady_improvement": (
        "The 7-day average pain is down by at least 2 points and 30 % from baseline, held over "
        "two weekly reviews, or the person reports being much improved (PGIC, PSFS)."
    ),
    "minimal_improvement": (
        "The 7-day average pain is down by at least 1 point or 15 % from baseline, or the "
        "person reports a small improvement (PGIC, PSFS)."
    ),
    "no_change": "No meaningful change in pain from baseline.",
    "worsening": "The 3-day average pain is up by at least 2 points or 30 % on baseline.",
    "not_enough_data": (
        "Not enough check-ins in this period to judge: a baseline needs 3 days logged in the "
        "first week, a verdict 7 days of tracking and a check-in in the last 7 days."
    ),
}
FEELING_WORDS = dict(GuidedItem.Feeling.choices)


class PeriodError(ValueError):
    """A period the report cannot cover; `field` is 'from' or 'to'."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def report_period(
    *, start: dt.date | None, end: dt.date | None, today: dt.date
) -> tuple[dt.date, dt.date]:
    """The period to report on: the last 6 weeks unless given; never in the future, the first
    day not after the last, and at most 2 years long."""
    end = end or today
    if end > today:
        raise PeriodError(
            "to", f"The last day cannot be in the future (today is {today:%Y-%m-%d})."
        )
    start = start or end - dt.timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise PeriodError("from", "The first day must be on or before the last day.")
    if (end - start).days > MAX_DAYS:
        raise PeriodError("from", "The period can be at most 2 years long.")
    return start, end


def day_words(day: dt.date) -> str:
    """'3 March 2026'."""
    return f"{day.day} {day:%B %Y}"


def short_day(day: dt.date, *, with_year: bool = False) -> str:
    """'Tue 3 Mar', or 'Tue 3 Mar 2026' when a period runs over more than one year."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day.year}" if with_year else text


def _label(options: list[tuple[str, str]], value: str) -> str:
    return dict(options).get(value, value.replace("_", " "))


def _figure(value: float | None, digits: int = 1, suffix: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}{suffix}"


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class ScreeningEntry:
    when: str
    disposition: str
    level: str
    rules: list[str]
    reasons: list[str]
    answers: list[Fact]  # question text -> "Yes" / "Not sure"
    cleared: str  # the date a clinician's visit was confirmed, after 'soon'
    source: str  # how it came about, when not the full safety check


@dataclass(frozen=True)
class SessionRow:
    day: str
    before: int
    after: int | None
    change: str
    done: int
    of: int
    stopped: bool
    feedback: str


@dataclass(frozen=True)
class WeekRow:
    week: str
    done: int
    planned: int
    percent: str


@dataclass(frozen=True)
class PlanItem:
    name: str
    kind: str
    dose: str
    days: str


@dataclass(frozen=True)
class Change:
    what: str
    reason: str
    before: str
    after: str
    rule: str


@dataclass(frozen=True)
class PlanVersion:
    version: int
    when: str
    reason: str
    rules: list[str]
    changes: list[Change]


@dataclass(frozen=True)
class ReviewEntry:
    when: str
    psfs: list[Fact]
    pgic: str
    verdict: str
    baseline: str
    current: str


@dataclass(frozen=True)
class Note:
    day: str
    pain: int
    text: str


@dataclass
class Report:
    username: str
    start: dt.date
    end: dt.date
    generated: str
    time_zone: str
    person: list[Fact]
    progress: Progress
    verdict_label: str
    verdict_text: str
    figures: list[Fact]
    pain_svg: str
    pain_summary: str
    relief_svg: str
    relief_summary: str
    sessions: list[SessionRow]
    sessions_total: int
    weeks_by: str  # "week" or "month"
    weeks: list[WeekRow]
    screenings: list[ScreeningEntry]
    plan_title: str
    plan_note: str
    plan_items: list[PlanItem]
    plan_minutes: str
    plan_versions: list[PlanVersion]
    reviews: list[ReviewEntry]
    notes: list[Note]
    checkin_days: int
    advice: list[str] = field(default_factory=list)

    @property
    def period(self) -> str:
        return f"{day_words(self.start)} to {day_words(self.end)}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def filename(self) -> str:
        return f"upback-report-{self.end:%Y-%m-%d}.pdf"


def _person(rows: ReportRows) -> list[Fact]:
    profile = rows.profile
    if profile is None:
        return [Fact("Profile", "Not filled in yet")]
    triggers = [_label(TRIGGER_CHOICES, t) for t in profile.triggers]
    equipment = [_label(EQUIPMENT_CHOICES, e).split(" (")[0] for e in profile.equipment]
    weeks = round(profile.duration_weeks)
    strength = profile.strength_days_per_week
    return [
        Fact("Age", str(profile.age)),
        Fact("Who", WHO_WORDS.get(profile.who, profile.who)),
        Fact("Triggers", "; ".join(triggers) if triggers else "None given"),
        Fact("Pain", _label(PAIN_CHOICES, profile.pain_character)),
        Fact(
            "Had it for",
            f"about {weeks} week{'s' if weeks != 1 else ''} when the profile was last saved",
        ),
        Fact(
            "Routine",
            f"{profile.minutes_per_day} minutes a day, strength on "
            f"{strength} day{'s' if strength != 1 else ''} a week",
        ),
        Fact("Can get to the floor", "Yes" if profile.floor_ok else "No"),
        Fact("Equipment", ", ".join(equipment) if equipment else "None beyond household things"),
    ]


def _local(moment: dt.datetime, rows: ReportRows) -> dt.date:
    return timezone.localtime(moment, rows.time_zone).date()


def _screening(screening: Screening, rows: ReportRows) -> ScreeningEntry:
    answers = []
    raw = screening.answers if isinstance(screening.answers, dict) else {}
    for key, answer in raw.items():
        if answer not in ANSWER_WORDS:
            continue
        try:
            text = question(key).text
        except KeyError:
            text = key.replace("_", " ")
        answers.append(Fact(text, ANSWER_WORDS[answer]))
    result = screening.result if isinstance(screening.result, dict) else {}
    clearance = getattr(screening, "clearance", None)
    return ScreeningEntry(
        when=day_words(_local(screening.created_at, rows)),
        disposition=DISPOSITION_WORDS.get(screening.disposition, screening.disposition),
        level=screening.disposition,
        rules=[str(rule) for rule in screening.rules or []],
        reasons=[str(reason) for reason in result.get("reasons", [])],
        answers=answers,
        cleared=day_words(_local(clearance.confirmed_at, rows)) if clearance else "",
        source=SOURCE_WORDS.get(screening.source, ""),
    )


def _feedback(items: list[GuidedItem]) -> str:
    told = [i for i in items if i.feeling]
    if not told:
        return ""
    counts: dict[str, int] = {}
    for item in told:
        counts[item.feeling] = counts.get(item.feeling, 0) + 1
    parts = [f"{n} {FEELING_WORDS.get(k, k)}" for k, n in counts.items()]
    peaks = [i.pain_during for i in told if i.pain_during is not None]
    text = ", ".join(parts)
    if peaks:
        text += f" · peak pain {max(peaks)}"
    return text


def _sessions(rows: ReportRows, *, with_year: bool) -> list[SessionRow]:
    found = []
    for session in rows.sessions:
        items = list(session.items.all())
        after = session.pain_after
        change = "—"
        if after is not None:
            diff = session.pain_before - after
            change = f"{diff:+d}" if diff else "0"
        found.append(
            SessionRow(
                day=short_day(session.local_date, with_year=with_year),
                before=session.pain_before,
                after=after,
                change=change,
                done=sum(1 for i in items if i.status == GuidedItem.Status.DONE),
                of=len(items),
                stopped=session.stopped_for_symptoms,
                feedback=_feedback(items),
            )
        )
    return found


def _share(done: int, planned: int) -> str:
    return f"{round(min(1.0, done / planned) * 100)} %" if planned > 0 else "—"


def _weeks(progress: Progress, start: dt.date) -> tuple[str, list[WeekRow]]:
    """Adherence per week, or per month (by the month each week starts in, within the period)
    for long periods."""
    if len(progress.weeks) <= WEEK_ROWS:
        return "week", [
            WeekRow(
                week=f"{week.week_start.day} {week.week_start:%b %Y}",
                done=week.done,
                planned=week.planned,
                percent=_share(week.done, week.planned),
            )
            for week in progress.weeks
        ]
    months: dict[tuple[int, int], list[int]] = {}
    for week in progress.weeks:
        first = max(week.week_start, start)
        totals = months.setdefault((first.year, first.month), [0, 0])
        totals[0] += week.done
        totals[1] += week.planned
    return "month", [
        WeekRow(
            week=f"{dt.date(year, month, 1):%B %Y}",
            done=done,
            planned=planned,
            percent=_share(done, planned),
        )
        for (year, month), (done, planned) in months.items()
    ]


def _plan_items(plan: Plan, *, gentle_only: bool) -> tuple[list[PlanItem], str]:
    """Each exercise of the plan once, in routine order, with its dose and its days; and the
    minutes a day."""
    library = default_library().techniques
    data = plan.data if isinstance(plan.data, dict) else {}
    week = [entry for entry in data.get("days", []) if isinstance(entry, dict)]
    found: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for entry in week:
        for item in entry.get("items", []):
            slug = str(item.get("slug"))
            if gentle_only and not (slug in library and library[slug].suitability.flare_ok):
                continue
            found.setdefault(slug, (item, []))[1].append(str(entry.get("day")))
    items = []
    for slug, (item, days) in found.items():
        dose = item.get("dose") or {}
        every = len(days) == len(week)
        items.append(
            PlanItem(
                name=str(item.get("name") or slug),
                kind=str(item.get("kind") or "").replace("_", " "),
                dose=str(dose.get("text") or ""),
                days="Every day" if every else ", ".join(DAY_NAMES.get(d, d)[:3] for d in days),
            )
        )
    minutes = [float(e["minutes"]) for e in week if isinstance(e.get("minutes"), int | float)]
    span = ""
    if minutes:
        low, high = round(min(minutes)), round(max(minutes))
        span = f"{low} minutes a day" if low == high else f"{low} to {high} minutes a day"
    return items, span


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        return str(value.get("text") or ", ".join(f"{k} {v}" for k, v in value.items()))
    if isinstance(value, list):
        return ", ".join(str(v).replace("_", " ") for v in value) or "—"
    return str(value).replace("_", " ")


def _versions(rows: ReportRows) -> list[PlanVersion]:
    found = []
    for plan in rows.plans:
        changes = []
        for change in plan.changes if isinstance(plan.changes, list) else []:
            if not isinstance(change, dict):
                continue
            what = change.get("name") or change.get("field") or change.get("slug") or ""
            after = change.get("after")
            if change.get("new_name"):
                after = f"{change['new_name']}" + (f" ({_text(after)})" if after else "")
            changes.append(
                Change(
                    what=str(what).replace("_", " "),
                    reason=str(change.get("reason") or ""),
                    before=_text(change.get("before")),
                    after=_text(after),
                    rule=str(change.get("rule") or ""),
                )
            )
        found.append(
            PlanVersion(
                version=plan.version,
                when=day_words(_local(plan.created_at, rows)),
                reason=plan.reason,
                rules=[str(r) for r in plan.rules or []],
                changes=changes,
            )
        )
    return found


def _review(review: Review) -> ReviewEntry:
    psfs = [
        Fact(str(entry.get("activity", "")), f"{entry.get('score')} / 10")
        for entry in review.psfs
        if isinstance(entry, dict)
    ]
    labels = {str(key): value for key, value in VERDICT_LABELS.items()}
    verdict = labels.get(review.verdict, review.verdict.replace("_", " "))
    return ReviewEntry(
        when=day_words(review.local_date),
        psfs=psfs,
        pgic=f"{PGIC_WORDS.get(review.pgic, '?')} ({review.pgic} of 7)",
        verdict=verdict,
        baseline=_figure(review.baseline),
        current=_figure(review.current),
    )


def _notes(checkins: list[CheckIn], *, with_year: bool) -> list[Note]:
    return [
        Note(day=short_day(c.local_date, with_year=with_year), pain=c.pain, text=c.note.strip())
        for c in checkins
        if c.note and c.note.strip()
    ]


def _figures(progress: Progress, rows: ReportRows, days: int) -> list[Fact]:
    change = "—"
    if progress.change_points is not None:
        change = f"{progress.change_points:+.1f} points"
        if progress.change_percent is not None:
            change += f" ({progress.change_percent:+.0f} %)"
    relief = progress.relief
    finished = len(rows.sessions)
    return [
        Fact("Baseline pain", _figure(progress.baseline, suffix=" / 10")),
        Fact("Last 7 days", _figure(progress.current_7day, suffix=" / 10")),
        Fact("Change", change),
        Fact("Check-ins", f"{len(rows.checkins)} of {days} days"),
        Fact("Sessions", f"{finished} finished"),
        Fact(
            "Adherence",
            f"{round(progress.adherence * 100)} % of planned sessions"
            if progress.adherence is not None
            else "—",
        ),
        Fact(
            "Relief",
            f"{relief.average:+.1f} points per session on average"
            if relief.average is not None
            else "—",
        ),
    ]


def report_build(
    *, owner: User, start: dt.date, end: dt.date, now: dt.datetime | None = None
) -> Report:
    """Everything the report shows for [start, end] (a period already checked by
    `report_period`)."""
    rows = report_rows(owner=owner, start=start, end=end)
    inputs = report_progress_inputs(rows, end=end)
    progress = assess(
        pain=inputs.pain,
        sessions=inputs.sessions,
        today=inputs.today,
        planned_per_week=inputs.planned_per_week,
        psfs_change=inputs.psfs_change,
        pgic=inputs.pgic,
        last_review=inputs.last_review,
    )
    latest = rows.latest_screening
    care = care_state(
        Disposition(latest.disposition) if latest else None,
        clinician_seen=bool(latest and hasattr(latest, "clearance")),
    )
    plan = rows.plan
    plan_note = ""
    plan_items: list[PlanItem] = []
    plan_minutes = ""
    plan_title = "The plan"
    if plan is None:
        plan_note = "There was no plan yet at the end of this period."
    elif care.stopped:
        plan_note = (
            "No exercises are listed: the latest safety check advises medical care first, so "
            "upback is not suggesting any exercise until the check is taken again."
        )
    else:
        is_latest = rows.latest_plan is not None and plan.pk == rows.latest_plan.pk
        plan_title = (
            f"The current plan (version {plan.version})"
            if is_latest
            else f"The plan in use on {day_words(end)} (version {plan.version})"
        )
        gentle = care.gentle_only and is_latest
        plan_items, plan_minutes = _plan_items(plan, gentle_only=gentle)
        if gentle:
            plan_note = (
                "Gentle items only: the latest safety check suggested seeing a clinician soon, "
                "and no visit has been confirmed yet."
            )
    now = now or timezone.now()
    zone = rows.time_zone
    with_year = start.year != end.year
    sessions = _sessions(rows, with_year=with_year)
    weeks_by, weeks = _weeks(progress, start)
    days = (end - start).days + 1
    return Report(
        username=owner.get_username(),
        start=start,
        end=end,
        generated=f"{day_words(local_today(owner=owner, now=now))}, "
        f"{timezone.localtime(now, zone):%H:%M}",
        time_zone=str(zone),
        person=_person(rows),
        progress=progress,
        verdict_label=VERDICT_LABELS[progress.verdict],
        verdict_text=VERDICT_MEANINGS[progress.verdict],
        figures=_figures(progress, rows, days),
        pain_svg=charts.pain_chart_svg(
            progress, title="Daily pain and its 7-day average", width=640, height=240
        ),
        pain_summary=charts.pain_summary(progress),
        relief_svg=charts.relief_chart_svg(
            progress, title="Pain before minus after, per session", width=640, height=200
        ),
        relief_summary=charts.relief_summary(progress),
        sessions=sessions[-SESSION_ROWS:],
        sessions_total=len(sessions),
        weeks_by=weeks_by,
        weeks=weeks,
        screenings=[_screening(s, rows) for s in rows.screenings],
        plan_title=plan_title,
        plan_note=plan_note,
        plan_items=plan_items,
        plan_minutes=plan_minutes,
        plan_versions=_versions(rows),
        reviews=[_review(r) for r in rows.reviews],
        notes=_notes(rows.checkins, with_year=with_year),
        checkin_days=len({c.local_date for c in rows.checkins}),
        advice=[a.text for a in progress.advice],
    )
