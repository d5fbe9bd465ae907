"""The clinician report: the period rules, what it collects for [from, to], and the PDF itself.

The PDF checks use poppler (`pdftotext`, `pdftoppm`, `pdfinfo`), which CI installs; without it
they skip with a reason. Pages are checked for ink with Pillow (a WeasyPrint dependency).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from tests.coach import report_helpers as h
from tests.coach.views.test_player import screened
from upback.coach.models import Account, CheckIn, Screening
from upback.coach.report.build import (
    DEFAULT_DAYS,
    MAX_DAYS,
    PeriodError,
    Report,
    report_build,
    report_period,
)
from upback.coach.report.pdf import report_html, report_pdf
from upback.core import safety

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 5)
AFTER = h.at(h.END + dt.timedelta(days=1), 10)


def poppler() -> None:
    missing = [tool for tool in ("pdftotext", "pdftoppm", "pdfinfo") if not shutil.which(tool)]
    if missing:
        pytest.skip(f"poppler-utils is not installed ({', '.join(missing)}): apt install it")


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return done.stdout


def pdf_pages(pdf: Path) -> int:
    done = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def page_inks(pdf: Path, tmp_path: Path) -> list[float]:
    """The spread of grey levels on each page at 30 dpi: 0 for a blank page."""
    from PIL import Image, ImageStat

    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "page")], check=True)
    spreads = []
    for png in sorted(tmp_path.glob("page-*.png")):
        with Image.open(png) as image:
            spreads.append(ImageStat.Stat(image.convert("L")).stddev[0])
    return spreads


def built(user: User, **overrides: dt.date) -> Report:
    return report_build(owner=user, now=AFTER, **h.period(**overrides))


@pytest.fixture
def ana() -> User:
    return h.ana_with_six_weeks()


# The period


def test_the_period_defaults_to_the_last_six_weeks_ending_today() -> None:
    start, end = report_period(start=None, end=None, today=TODAY)
    assert end == TODAY
    assert (end - start).days + 1 == DEFAULT_DAYS == 42


def test_a_given_last_day_gets_the_six_weeks_before_it() -> None:
    start, end = report_period(start=None, end=dt.date(2026, 2, 1), today=TODAY)
    assert (start, end) == (dt.date(2025, 12, 22), dt.date(2026, 2, 1))


def test_a_last_day_in_the_future_is_refused_naming_to() -> None:
    with pytest.raises(PeriodError) as problem:
        report_period(start=None, end=TODAY + dt.timedelta(days=1), today=TODAY)
    assert problem.value.field == "to"
    assert "future" in str(problem.value)


def test_a_first_day_after_the_last_is_refused_naming_from() -> None:
    with pytest.raises(PeriodError) as problem:
        report_period(start=TODAY, end=TODAY - dt.timedelta(days=1), today=TODAY)
    assert problem.value.field == "from"


def test_one_day_is_a_period() -> None:
    assert report_period(start=TODAY, end=TODAY, today=TODAY) == (TODAY, TODAY)


def test_two_years_is_the_longest_period() -> None:
    longest = TODAY - dt.timedelta(days=MAX_DAYS)
    assert report_period(start=longest, end=TODAY, today=TODAY)[0] == longest
    with pytest.raises(PeriodError) as problem:
        report_period(start=longest - dt.timedelta(days=1), end=TODAY, today=TODAY)
    assert problem.value.field == "from"
    assert "2 years" in str(problem.value)


# What the report collects


def test_it_says_who_and_when(ana: User) -> None:
    report = built(ana)
    assert report.username == "ana"
    assert report.time_zone == h.ZONE
    person = {fact.label: fact.value for fact in report.person}
    assert person["Age"] == "44"
    assert person["Who"] == "Desk or screen worker"
    assert "Long hours sitting at a screen" in person["Triggers"]
    assert report.period == "19 January 2026 to 1 March 2026"
    assert report.filename == "upback-report-2026-03-01.pdf"


def test_the_figures_and_verdict_come_from_the_period(ana: User) -> None:
    report = built(ana)
    progress = report.progress
    assert progress.baseline is not None and progress.baseline > 5
    assert progress.current_7day is not None and progress.current_7day < 4
    assert progress.verdict == "steady_improvement"
    assert report.verdict_label == "Steady improvement"
    figures = {fact.label: fact.value for fact in report.figures}
    assert figures["Change"].startswith("-")
    assert figures["Sessions"] == f"{len(report.sessions)} finished"
    assert "%" in figures["Adherence"]
    assert report.relief_summary.startswith("Pain before minus pain after")
    assert 'role="img"' in report.pain_svg and "<desc" in report.pain_svg


def test_relief_and_adherence_are_listed_per_session_and_per_week(ana: User) -> None:
    report = built(ana)
    assert report.sessions and len(report.sessions) == report.progress.relief.sessions + 1
    first = report.sessions[0]
    assert first.day == "Mon 19 Jan"
    assert first.change == f"{first.before - (first.after or 0):+d}"
    assert first.done == 2 and first.of == 3
    assert "about right" in first.feedback and "peak pain 2" in first.feedback
    assert sum(1 for s in report.sessions if s.stopped) == 1
    assert [w.week for w in report.weeks][:2] == ["19 Jan 2026", "26 Jan 2026"]
    assert all(w.planned == 7 for w in report.weeks)


def test_every_screening_in_the_period_with_its_yes_and_not_sure_answers(ana: User) -> None:
    report = built(ana)
    soon, safe = report.screenings
    assert soon.when == "19 January 2026"
    assert soon.disposition == "See a clinician soon"
    assert soon.rules == ["Q2"]
    answers = {fact.label: fact.value for fact in soon.answers}
    assert answers[safety.question(h.NOT_SURE_KEY).text] == "Not sure"
    assert answers[safety.question("upper_back_pain").text] == "Yes"
    assert "No" not in answers.values()
    assert soon.cleared == "22 January 2026"
    assert safe.disposition == "Safe to start gentle self-care"


def test_the_plan_its_changes_reviews_and_notes(ana: User) -> None:
    report = built(ana)
    assert report.plan_title == "The current plan (version 2)"
    names = [item.name for item in report.plan_items]
    assert "Resistance band row" in names
    row = next(item for item in report.plan_items if item.name == "Resistance band row")
    assert row.dose == "3 × 10 reps" and row.days == "Mon, Wed, Fri"
    assert report.plan_minutes.endswith("minutes a day")
    assert [v.version for v in report.plan_versions] == [1, 2]
    adapted = report.plan_versions[1]
    assert adapted.rules == ["adapt.progress_reps", "adapt.step_back_dose"]
    assert adapted.changes[0].what == "Resistance band row"
    assert (adapted.changes[0].before, adapted.changes[0].after) == ("3 × 10 reps", "3 × 12 reps")
    (review,) = report.reviews
    assert review.pgic == "Minimally improved (3 of 7)"
    assert [fact.value for fact in review.psfs] == ["6 / 10", "5 / 10", "7 / 10"]
    assert [note.day for note in report.notes] == ["Wed 21 Jan", "Wed 28 Jan", "Wed 18 Feb"]


def test_only_the_period_is_reported(ana: User) -> None:
    report = built(ana, start=h.START + dt.timedelta(days=21))
    assert [note.day for note in report.notes] == ["Wed 18 Feb"]
    assert report.screenings == []
    assert [v.version for v in report.plan_versions] == [2]
    assert report.reviews and report.sessions[0].day == "Mon 9 Feb"
    early = built(ana, end=h.START + dt.timedelta(days=10))
    assert early.plan_title == "The plan in use on 29 January 2026 (version 1)"
    assert early.reviews == []


def test_another_persons_rows_never_appear(ana: User) -> None:
    bo = h.stranger_with_notes()
    assert all("Bo" not in note.text for note in built(ana).notes)
    theirs = built(bo)
    assert [note.text for note in theirs.notes] == ["Bo's private note"]
    assert theirs.sessions == [] and theirs.screenings == [] and theirs.plan_versions == []


def test_screening_dates_follow_the_persons_time_zone() -> None:
    user = User.objects.create_user("kiri")
    Account.objects.create(owner=user, time_zone="Pacific/Auckland")
    screened(user, "self_care")
    # 20:00 UTC on 18 January is 09:00 on 19 January in Auckland: inside the period.
    Screening.objects.filter(owner=user).update(
        created_at=dt.datetime(2026, 1, 18, 20, tzinfo=dt.UTC)
    )
    report = report_build(owner=user, start=h.START, end=h.END, now=AFTER)
    assert [s.when for s in report.screenings] == ["19 January 2026"]


def test_no_exercise_is_listed_while_a_warning_sign_is_active(ana: User) -> None:
    screened(ana, "emergency")
    report = built(ana, end=dt.date.today())
    assert report.plan_items == []
    assert "No exercises are listed" in report.plan_note


def test_a_soon_result_not_yet_seen_keeps_the_plan_to_gentle_items(ana: User) -> None:
    from upback.core.library import default_library

    screened(ana, "soon")
    report = built(ana, end=dt.date.today())
    library = {t.name: t for t in default_library().techniques.values()}
    assert report.plan_items
    assert all(library[item.name].suitability.flare_ok for item in report.plan_items)
    assert "Gentle items only" in report.plan_note


def test_notes_are_escaped_in_the_html(ana: User) -> None:
    CheckIn.objects.filter(owner=ana, note__startswith="Slept").update(
        note="<script>alert(1)</script>\nSecond line"
    )
    html = report_html(built(ana))
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Second line" in html


# The PDF


def test_the_pdf_renders_with_its_key_text_and_no_blank_page(ana: User, tmp_path: Path) -> None:
    poppler()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(built(ana)))
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = pdf_pages(pdf)
    assert pages >= 2
    text = pdf_text(pdf)
    for expected in (
        "Upper back self-care report",
        "Steady improvement",
        "Long day at the desk, stiff between the shoulder blades",
        "19 January 2026: See a clinician soon",
        "Not sure",
        "adapt.progress_reps",
        "Minimally improved (3 of 7)",
        "Resistance band row",
        f"Page 1 of {pages}",
        "upback · report for ana",
    ):
        assert expected in text, expected
    assert "Bo's private note" not in text
    inks = page_inks(pdf, tmp_path)
    assert len(inks) == pages
    assert min(inks) > 5, inks


def test_an_empty_period_still_gives_a_calm_one_page_report(tmp_path: Path) -> None:
    poppler()
    user = User.objects.create_user("new")
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(report_pdf(report_build(owner=user, start=h.START, end=h.END, now=AFTER)))
    assert pdf_pages(pdf) in (1, 2)
    text = pdf_text(pdf)
    assert "Not enough entries yet" in text
    assert "No safety check was taken in this period." in text
    assert "There was no plan yet" in text
    assert min(page_inks(pdf, tmp_path)) > 5


def test_a_long_period_lists_recent_sessions_and_adherence_by_month() -> None:
    from upback.coach.models import GuidedSession, Plan
    from upback.core.journal_gen import generate

    user = User.objects.create_user("long")
    Account.objects.create(owner=user, time_zone="UTC")
    screened(user, "self_care")
    plan, _ = h.plans(user)
    start = dt.date(2024, 6, 1)
    Plan.objects.filter(owner=user).update(created_at=h.at(start - dt.timedelta(days=1)))
    made = generate("three_years", seed=2, start=start, days=300)
    days = sorted({entry.day for entry in made.pain})
    CheckIn.objects.bulk_create(
        CheckIn(owner=user, local_date=day, pain=4, stiffness=4, sleep_quality=5, stress=5)
        for day in days
    )
    GuidedSession.objects.bulk_create(
        GuidedSession(
            owner=user,
            plan=plan,
            day="mon",
            local_date=s.day,
            pain_before=s.pain_before,
            pain_after=s.pain_after,
            finished_at=h.at(s.day),
        )
        for s in made.sessions
    )
    report = report_build(owner=user, start=start, end=made.today, now=AFTER)
    assert report.sessions_total == len(made.sessions) > 60
    assert len(report.sessions) == 60
    assert report.sessions[-1].day.endswith(str(made.today.year))
    assert report.weeks_by == "month"
    assert report.weeks[0].week == "June 2024"
    assert len(report.weeks) <= 11
    assert "60 most recent" in report_html(report)


def test_a_screening_from_a_session_symptom_says_where_it_came_from(ana: User) -> None:
    Screening.objects.filter(owner=ana).update(source="session")
    report = built(ana)
    assert report.screenings[0].source == "symptoms reported at the end of a guided session"
    assert "From symptoms reported at the end of a guided session." in report_html(report)
