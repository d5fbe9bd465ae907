"""The progress page (verdict in words, figures, charts with their numbers, ranges, empty state)
and the progress advice on Today."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from html import escape
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.coach.views.test_plans import client_for, person, with_plan
from upback.coach.models import CheckIn, GuidedSession, Plan
from upback.coach.views.progress import DayWords, table_number
from upback.core.journal_gen import JournalKind, generate
from upback.core.progress import VERDICT_LABELS, VERDICTS, Advice, Progress, Relief, Verdict
from upback.core.review import NEXT_STEPS

pytestmark = pytest.mark.django_db


def seed_journal(user: User, kind: JournalKind, *, days: int = 21, plan: Plan | None = None) -> int:
    """A generated journal of `days` days ending today, stored as check-ins and sessions."""
    today = timezone.localdate()
    journal = generate(kind, start=today - dt.timedelta(days=days - 1), days=days)
    seen: set[dt.date] = set()
    for entry in journal.pain:
        if entry.day in seen:  # one check-in a day
            continue
        seen.add(entry.day)
        CheckIn.objects.create(
            owner=user,
            local_date=entry.day,
            pain=entry.pain,
            stiffness=3,
            sleep_quality=6,
            stress=3,
        )
    plan = plan or Plan.objects.filter(owner=user).order_by("-version").first()
    if plan is not None:
        for session in journal.sessions:
            GuidedSession.objects.create(
                owner=user,
                plan=plan,
                day=session.day.strftime("%a").lower(),
                local_date=session.day,
                pain_before=session.pain_before,
                pain_after=session.pain_after,
                finished_at=timezone.now(),
            )
    return len(seen)


def made(verdict: Verdict = "no_change", **changes: Any) -> Progress:
    """A Progress as the selector would give it, for the page's wording."""
    base = Progress(
        baseline=6.0,
        current_7day=4.0,
        change_points=-2.0,
        change_percent=-33.3,
        verdict=verdict,
        advice=(),
        adherence=0.75,
        weeks=(),
        relief=Relief(sessions=0, average=None, per_session=()),
        daily=(),
        rolling_7day=(),
        streak_days=3,
        days_tracked=20,
        review_due=False,
    )
    return replace(base, **changes)


ADVICE = {
    "worsening": Advice("worsening", "safety", "Your pain over the last 3 days is higher."),
    "see_professional": Advice("see_professional", "refer", "See a physiotherapist."),
    "review_at_2_weeks": Advice("review_at_2_weeks", "review", "Worth a short look."),
    "review_due": Advice("review_due", "review", "Time for a short review."),
    "low_baseline": Advice("low_baseline", "info", "Your pain was fairly low."),
}


@pytest.fixture
def ana() -> User:
    return person("ana")


def _given(monkeypatch: pytest.MonkeyPatch, module: str, progress: Progress) -> list[Any]:
    calls: list[Any] = []

    def fake(*, owner: User, days: int | None = None, series: bool = True) -> Progress:
        calls.append(days)
        return progress

    monkeypatch.setattr(f"upback.coach.views.{module}.progress_get", fake)
    return calls


# ---------------------------------------------------------------------------------------------
# Who may see it
# ---------------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client: Client) -> None:
    response = client.get(reverse("progress"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_person_sees_only_their_own_check_ins(ana: User) -> None:
    ben = person("ben")
    with_plan(ben)
    seed_journal(ben, "worsening")
    response = client_for(ana).get(reverse("progress"))
    assert response.status_code == 200
    assert response.context["empty"]
    assert "Check in for a few days to see your trend" in response.content.decode()


def test_a_stopped_person_still_sees_progress_under_the_stop_banner_with_no_exercise() -> None:
    eve = person("eve")
    with_plan(eve)
    seed_journal(eve, "flat")
    person_stopped = User.objects.get(username="eve")
    from tests.coach.views.test_plans import screened

    screened(person_stopped, "urgent")
    response = client_for(person_stopped).get(reverse("progress"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please get checked first" in body
    assert reverse("player_start") not in body
    assert 'href="/checkin/"' not in body.split("<main", 1)[1]


# ---------------------------------------------------------------------------------------------
# The page with real data
# ---------------------------------------------------------------------------------------------


def test_three_weeks_of_improving_check_ins_show_figures_charts_and_their_numbers(
    ana: User,
) -> None:
    with_plan(ana)
    logged = seed_journal(ana, "improving", days=21)
    response = client_for(ana).get(reverse("progress"))
    assert response.status_code == 200
    body = response.content.decode()
    progress = response.context["progress"]
    assert progress.days_tracked >= logged
    assert VERDICT_LABELS[progress.verdict] in body
    assert escape(NEXT_STEPS[progress.verdict]) in body
    # Three charts, each drawn wide and narrow, each an accessible image with a title.
    assert body.count('role="img"') == 6
    assert body.count("<title id=") == 6
    assert "<script" not in body.split("<main", 1)[1]
    assert ' style="' not in body
    # Each chart has its summary beside it and its numbers behind a toggle.
    assert body.count("<figcaption>") == 3
    assert body.count("Show the numbers") == 3
    assert body.count("<details") == 3
    assert "When you started" in body and "Last 7 days" in body
    assert re.search(r"(down|up) [\d.]+ points? \(\d+%\)", body)
    assert "in a row with a check-in or a session" in body
    # Not yet due after 3 weeks, but a review can be done any time.
    assert not progress.review_due
    assert "Do a review now" in body and f'href="{reverse("review")}"' in body


def test_the_numbers_table_has_one_row_per_day_of_the_range(ana: User) -> None:
    with_plan(ana)
    seed_journal(ana, "improving", days=30)
    two = client_for(ana).get(reverse("progress"), {"range": "2w"})
    six = client_for(ana).get(reverse("progress"), {"range": "6w"})
    every = client_for(ana).get(reverse("progress"), {"range": "all"})
    assert len(two.context["pain_rows"]) == 14
    assert len(six.context["pain_rows"]) == 30
    assert len(every.context["pain_rows"]) == 30
    assert 'href="?range=2w" aria-current="page"' in two.content.decode()


def test_the_numbers_table_lists_the_newest_day_first_in_words(ana: User) -> None:
    with_plan(ana)
    seed_journal(ana, "improving", days=30)
    rows = client_for(ana).get(reverse("progress"), {"range": "2w"}).context["pain_rows"]
    today = timezone.localdate()
    assert rows[0][0] == date_filter(today, "D j M Y")
    assert rows[-1][0] == date_filter(today - dt.timedelta(days=13), "D j M Y")


# Every 7-day mean of whole scores has a denominator of 1 to 7: all of them, up to 10.
MEANS = sorted({total / count for count in range(1, 8) for total in range(0, 10 * count + 1)})


def test_the_table_writes_pain_exactly_as_the_floatformat_filter_would() -> None:
    for value in [*MEANS, 0.05, 0.25, 2.25, 2.35, 9.95, 9.999, 1e-9]:
        assert table_number(value, whole_as_integer=True) == floatformat(value, "-1"), value
        assert table_number(value, whole_as_integer=False) == floatformat(value, 1), value


def test_the_table_writes_days_exactly_as_the_date_filter_would() -> None:
    words = DayWords()
    for offset in range(0, 800, 3):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=offset)
        assert words(day) == date_filter(day, "D j M Y")


@pytest.mark.parametrize(("value", "days"), [("2w", 14), ("6w", 42), ("all", None)])
def test_each_range_asks_for_its_days(
    ana: User, monkeypatch: pytest.MonkeyPatch, value: str, days: int | None
) -> None:
    calls = _given(monkeypatch, "progress", made())
    response = client_for(ana).get(reverse("progress"), {"range": value})
    assert response.status_code == 200
    assert calls == [days]
    assert response.context["range"] == value


def test_no_range_means_six_weeks(ana: User, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _given(monkeypatch, "progress", made())
    response = client_for(ana).get(reverse("progress"))
    assert calls == [42]
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["3w", "", "all'><script>", "6W"])
def test_an_unknown_range_is_a_400_showing_six_weeks_with_a_notice(ana: User, value: str) -> None:
    response = client_for(ana).get(reverse("progress"), {"range": value})
    assert response.status_code == 400
    body = response.content.decode()
    assert "That range is not one upback knows" in body
    assert "<script>" not in body.split("<main", 1)[1]
    assert response.context["range"] == "6w"


def test_a_new_person_sees_the_empty_state(ana: User) -> None:
    response = client_for(ana).get(reverse("progress"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Check in for a few days to see your trend" in body
    assert 'role="img"' not in body
    assert reverse("checkin") in body


# ---------------------------------------------------------------------------------------------
# The verdict and the advice, in words
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("verdict", VERDICTS)
def test_every_verdict_is_shown_in_plain_words_with_what_to_do(
    ana: User, monkeypatch: pytest.MonkeyPatch, verdict: Verdict
) -> None:
    _given(monkeypatch, "progress", made(verdict))
    body = client_for(ana).get(reverse("progress")).content.decode()
    assert f">{VERDICT_LABELS[verdict]}</h2>" in body
    assert escape(NEXT_STEPS[verdict]) in body
    assert f"verdict-{verdict}" in body


def test_every_advice_line_is_on_the_progress_page_safety_first(
    ana: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    advice = tuple(ADVICE.values())[::-1]
    _given(monkeypatch, "progress", made("worsening", advice=advice, review_due=True))
    body = client_for(ana).get(reverse("progress")).content.decode()
    for item in ADVICE.values():
        assert escape(item.text) in body
    positions = [body.index(escape(ADVICE[c].text)) for c in ("worsening", "see_professional")]
    assert positions == sorted(positions)
    assert reverse("screen_start") in body
    assert reverse("advice_topic", args=["when-to-get-help"]) in body
    assert "Time for your 4-6-week review" in body


def test_figures_read_as_words() -> None:
    from upback.coach.views.progress import figures

    assert figures(made())["change"] == "down 2 points (33%)"
    assert figures(made(change_points=1.25, change_percent=20.8))["change"] == "up 1.2 points (21%)"
    assert figures(made(change_points=0.0, change_percent=0.0))["change"] == "no change"
    assert figures(made(change_points=-0.04, change_percent=-0.7))["change"] == "no change"
    assert figures(made(change_points=-1.0, change_percent=-16.7))["change"] == "down 1 point (17%)"
    assert figures(made(baseline=None, change_points=None))["change"] is None
    assert figures(made())["adherence"] == 75


# ---------------------------------------------------------------------------------------------
# Today
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["worsening", "see_professional", "review_at_2_weeks", "review_due"]
)
def test_today_shows_each_advice_message_in_a_box_at_the_top(
    ana: User, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    with_plan(ana)
    _given(monkeypatch, "today", made(advice=(ADVICE[code],), review_due=code == "review_due"))
    response = client_for(ana).get(reverse("today"))
    body = response.content.decode()
    assert response.status_code == 200
    assert escape(ADVICE[code].text) in body
    assert body.index(escape(ADVICE[code].text)) < body.index("Today's routine")
    links = {
        "worsening": reverse("screen_start"),
        "see_professional": reverse("advice_topic", args=["when-to-get-help"]),
        "review_at_2_weeks": reverse("progress"),
        "review_due": reverse("review"),
    }
    assert f'href="{links[code]}"' in body
    if code == "worsening":
        assert "Please take the safety check again" in body
    if code == "review_due":
        assert "Time for your 4-6-week review" in body


def test_today_keeps_quiet_notes_and_good_news_to_the_progress_page(
    ana: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_plan(ana)
    _given(monkeypatch, "today", made("steady_improvement", advice=(ADVICE["low_baseline"],)))
    body = client_for(ana).get(reverse("today")).content.decode()
    assert escape(ADVICE["low_baseline"].text) not in body
    assert "advice-box" not in body


def test_today_offers_the_review_when_it_is_due_from_real_data(ana: User) -> None:
    with_plan(ana)
    seed_journal(ana, "flat", days=35)
    body = client_for(ana).get(reverse("today")).content.decode()
    assert "Time for your 4-6-week review" in body
    assert f'href="{reverse("review")}"' in body


def test_today_shows_the_safety_check_when_pain_is_worsening_from_real_data(ana: User) -> None:
    with_plan(ana)
    seed_journal(ana, "worsening", days=21)
    body = client_for(ana).get(reverse("today")).content.decode()
    assert "Please take the safety check again" in body
    assert f'href="{reverse("screen_start")}"' in body


def test_the_nav_marks_progress_as_the_current_page(ana: User) -> None:
    body = client_for(ana).get(reverse("progress")).content.decode()
    assert f'<a href="{reverse("progress")}" aria-current="page">Progress</a>' in body
    review = client_for(ana).get(reverse("review")).content.decode()
    assert f'<a href="{reverse("progress")}" aria-current="page">Progress</a>' in review
