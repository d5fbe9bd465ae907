"""`upback session`: today's routine in the terminal, saved like a web session.

The whole session runs through Typer's runner with scripted input and a fast clock
(`UPBACK_SPEED`): the plan is the guide's case on a Tuesday, whose items are, in order: gentle
warm-up (2 min), cat-cow (10 rounds), child's pose (holds), chair back extension (8 reps),
thread the needle, doorway stretch (holds), foam roller (90 s), belly breathing (5 min).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.cli.conftest import Upback, one_clear_line
from tests.coach.views.test_player import screened
from tests.examples import GUIDE_PROFILE
from upback.cli.session_cmd import (
    ENTER,
    PAUSE,
    QUIT,
    SKIP,
    Clock,
    Item,
    Moment,
    Player,
    big,
    moment_panel,
)
from upback.coach.models import GuidedSession, Plan
from upback.coach.services.plans import plan_create, profile_save
from upback.core.library import Dose
from upback.core.profile import parse_profile
from upback.core.session_steps import StepKind, item_steps, session_steps

pytestmark = pytest.mark.django_db

TUESDAY = dt.date(2026, 3, 3)
ITEMS = 8
# Cat-cow: "10" at once; chair back extension: Enter once per rep.
ROUTINE = "10\n" + "\n" * 8
# After pain now: no stop symptom (Enter), then "about right" and pain 1 for every item.
NO_SYMPTOMS = "\n"
FEEDBACK = NO_SYMPTOMS + "2\n1\n" * ITEMS


@pytest.fixture
def tester(upback: Upback, monkeypatch: pytest.MonkeyPatch) -> User:
    """The terminal's account, screened safe, with the guide's plan, on a Tuesday."""
    monkeypatch.setenv("UPBACK_SPEED", "100000")
    monkeypatch.setattr("upback.coach.selectors.local_today", lambda *, owner, now=None: TUESDAY)
    user = User.objects.create_user("tester")
    screened(user, "self_care")
    profile = parse_profile(GUIDE_PROFILE)
    profile_save(owner=user, profile=profile)
    plan_create(owner=user, profile=profile)
    return user


def the_session() -> GuidedSession:
    return GuidedSession.objects.get(owner__username="tester")


def statuses(session: GuidedSession) -> list[str]:
    return [item.status for item in session.items.order_by("order")]


def test_a_whole_session_runs_to_the_end_and_is_saved_like_a_web_one(
    upback: Upback, tester: User
) -> None:
    result = upback("session", input="4\n" + ROUTINE + "2\n" + FEEDBACK)
    assert result.exit_code == 0, result.output
    session = the_session()
    assert (session.pain_before, session.pain_after, session.source) == (4, 2, "cli")
    assert session.finished_at is not None
    assert session.local_date == TUESDAY
    assert session.day == "tue"
    assert statuses(session) == ["done"] * ITEMS
    assert {(i.feeling, i.pain_during) for i in session.items.all()} == {("about_right", 1)}
    assert "Session saved" in result.stdout
    assert "Your pain went from 4 to 2" in result.stdout
    assert "8 of 8 exercises done" in result.stdout


def test_it_shows_the_routine_the_steps_and_each_item_as_it_is_done(
    upback: Upback, tester: User
) -> None:
    out = upback("session", input="4\n" + ROUTINE + "2\n" + FEEDBACK).stdout
    assert "8 exercises, about" in out
    assert "Cat-cow" in out
    assert "Left side" in out and "Switch" in out and "Right side" in out
    assert "Press Enter after each one" in out
    assert "Tap" not in out  # the web's word; the terminal has keys
    assert "8 of 8 reps" in out
    assert out.count("✓") == ITEMS


def test_the_web_sees_the_terminal_session(upback: Upback, tester: User) -> None:
    upback("session", input="4\n" + ROUTINE + "2\n" + FEEDBACK)
    client = Client()
    client.force_login(tester)
    response = client.get(reverse("player_summary", args=[the_session().pk]))
    assert response.status_code == 200
    assert "Session saved" in response.content.decode()


def test_bad_pain_is_asked_again_until_it_is_a_number_from_0_to_10(
    upback: Upback, tester: User
) -> None:
    result = upback("session", input="a lot\n11\n-1\n5\n" + ROUTINE + "3\n" + FEEDBACK)
    assert result.exit_code == 0, result.output
    assert "Please give a whole number from 0 to 10" in result.stdout
    assert the_session().pain_before == 5


def test_a_bad_feeling_is_asked_again(upback: Upback, tester: User) -> None:
    result = upback("session", input="4\n" + ROUTINE + "2\n\n" + "5\n2\n1\n" + "2\n1\n" * 7)
    assert result.exit_code == 0, result.output
    assert "Please type 1, 2 or 3." in result.stdout


def test_s_skips_an_exercise_and_q_stops_and_saves_the_rest_as_skipped(
    upback: Upback, tester: User
) -> None:
    # Cat-cow skipped; stop during the chair back extension; feedback for the 2 done items.
    script = "4\ns\n\n\nq\n" + "3\n" + NO_SYMPTOMS + "1\n0\n3\n4\n" + "n\n"
    result = upback("session", input=script)
    assert result.exit_code == 0, result.output
    session = the_session()
    assert statuses(session) == ["done", "skipped", "done"] + ["skipped"] * 5
    assert session.finished_at is not None and session.pain_after == 3
    feelings = [(i.feeling, i.pain_during) for i in session.items.order_by("order")][:3]
    assert feelings == [("too_easy", 0), ("", None), ("too_hard", 4)]
    assert "2 of 8 exercises done. 6 skipped" in result.stdout
    assert not session.stopped_for_symptoms


def test_stopping_for_a_worrying_symptom_is_saved_with_the_safety_net(
    upback: Upback, tester: User
) -> None:
    result = upback("session", input="4\nq\n" + "6\n" + NO_SYMPTOMS + "2\n4\n" + "y\n")
    assert result.exit_code == 0, result.output
    assert the_session().stopped_for_symptoms
    assert "Something did not feel right" in result.stdout
    assert "upback screen" in result.stdout


def test_a_stop_symptom_ends_the_session_as_a_safety_check_with_no_more_questions(
    upback: Upback, tester: User
) -> None:
    from upback.coach.models import Screening
    from upback.core import adapt

    chest = 1 + [key for key, _ in adapt.SESSION_SYMPTOMS].index("chest_pain_or_pressure")
    result = upback("session", input=f"4\nq\n5\n{chest}\n")
    assert result.exit_code == 0, result.output
    assert "call your local emergency number" in result.stdout
    assert "upback has stopped the session" in result.stdout
    assert "How did it feel?" not in result.stdout
    session = the_session()
    assert session.finished_at is not None and session.stopped_for_symptoms
    latest = Screening.objects.filter(owner=tester).order_by("-created_at", "-id").first()
    assert latest is not None and latest.source == "session"
    assert latest.disposition in ("emergency", "urgent")
    again = upback("session")
    assert again.exit_code == 1
    assert "Please get checked first" in again.stdout


def test_reps_count_by_enter_or_by_a_number_and_nonsense_gets_a_hint(
    upback: Upback, tester: User
) -> None:
    script = "4\n" + "3\nmaybe\n\n10\n" + "\n" * 8 + "2\n" + FEEDBACK
    result = upback("session", input=script)
    assert result.exit_code == 0, result.output
    assert "3 of 10 rounds" in result.stdout
    assert "4 of 10 rounds" in result.stdout
    assert "type how many you did" in result.stdout
    assert statuses(the_session()) == ["done"] * ITEMS


def test_when_input_ends_midway_what_was_done_is_kept_and_the_next_run_carries_on(
    upback: Upback, tester: User
) -> None:
    first = upback("session", input="4\n10\n\n\n")
    assert first.exit_code == 1
    assert "Everything you finished is saved" in first.stdout
    assert "Traceback" not in first.output
    session = the_session()
    assert session.finished_at is None
    assert statuses(session)[:3] == ["done", "done", "done"]
    assert statuses(session)[3] == "pending"

    second = upback("session", input="y\n" + "\n" * 8 + "1\n" + FEEDBACK)
    assert second.exit_code == 0, second.output
    assert "Carrying on from exercise 4 of 8" in second.stdout
    assert GuidedSession.objects.count() == 1
    again = the_session()
    assert again.finished_at is not None and again.pain_before == 4
    assert statuses(again) == ["done"] * ITEMS


def test_saying_no_to_carrying_on_starts_afresh(upback: Upback, tester: User) -> None:
    upback("session", input="4\n10\n")
    result = upback("session", input="n\n6\n" + ROUTINE + "5\n" + FEEDBACK)
    assert result.exit_code == 0, result.output
    assert GuidedSession.objects.count() == 2
    assert GuidedSession.objects.filter(finished_at__isnull=False).get().pain_before == 6


def test_it_refuses_with_the_stop_message_while_a_warning_sign_is_active(
    upback: Upback, tester: User
) -> None:
    screened(tester, "emergency")
    result = upback("session", input="4\n")
    assert result.exit_code == 1
    assert "Please get checked first" in result.stdout
    assert "Call your local emergency number now" in result.stdout
    assert "Cat-cow" not in result.stdout
    assert not GuidedSession.objects.exists()


def test_before_any_screening_it_says_to_run_upback_start(upback: Upback) -> None:
    result = upback("session")
    assert result.exit_code == 1
    assert "upback start" in result.stdout
    assert not GuidedSession.objects.exists()


def test_before_any_plan_it_says_to_run_upback_start(upback: Upback) -> None:
    user = User.objects.create_user("tester")
    screened(user, "self_care")
    result = upback("session")
    assert result.exit_code == 1
    assert "You do not have a plan yet" in result.stdout
    assert "upback start" in result.stdout


def test_a_day_with_nothing_planned_is_a_rest_day(upback: Upback, tester: User) -> None:
    plan = Plan.objects.get(owner=tester)
    for day in plan.data["days"]:
        if day["day"] == "tue":
            day["items"] = []
    plan.save()
    result = upback("session")
    assert result.exit_code == 0
    assert "A rest day is part of the plan" in result.stdout
    assert not GuidedSession.objects.exists()


def test_a_soon_result_keeps_the_session_to_gentle_items(upback: Upback, tester: User) -> None:
    screened(tester, "soon")
    result = upback("session", input="4\n" + "\n" * 20 + "2\n" + FEEDBACK)
    assert "Gentle items only for now" in result.stdout
    from upback.core.library import default_library

    library = default_library().techniques
    slugs = [item.slug for item in the_session().items.all()]
    assert slugs and all(library[slug].suitability.flare_ok for slug in slugs)


def test_a_bad_speed_is_one_clear_line_naming_the_option(upback: Upback, tester: User) -> None:
    result = upback("session", "--speed", "fast")
    assert result.exit_code == 2
    assert "--speed" in one_clear_line(result)


# The player itself, with scripted keys as a terminal would send them.


class ScriptedKeys:
    """Keys pressed in a real terminal: one entry per poll; None means nothing pressed yet."""

    live = True

    def __init__(self, keys: Iterable[str | None]) -> None:
        self.keys = list(keys)
        self.polls = 0

    def poll(self, timeout: float | None) -> str | None:
        self.polls += 1
        if not self.keys:
            return None if timeout is not None else ENTER
        return self.keys.pop(0)


class Seen:
    def __init__(self) -> None:
        self.moments: list[Moment] = []
        self.ended: list[tuple[str, str]] = []

    def item_started(self, item: Item, position: int, of: int) -> None:
        pass

    def show(self, moment: Moment) -> None:
        self.moments.append(moment)

    def item_ended(self, item: Item, status: str) -> None:
        self.ended.append((item.name, status))


def play(doses: list[Dose], keys: Iterable[str | None]) -> tuple[bool, Seen, list[tuple[int, str]]]:
    items = [Item(order=n, name=f"item {n}", dose="") for n in range(len(doses))]
    steps = session_steps([(item.name, dose) for item, dose in zip(items, doses, strict=True)])
    seen, recorded = Seen(), list[tuple[int, str]]()
    player = Player(
        items,
        steps,
        ScriptedKeys(keys),
        Clock(speed=100000),
        seen,
        lambda order, status: recorded.append((order, status)),
    )
    return player.run(), seen, recorded


HOLD = Dose(hold_seconds=30, per_side=True)
REPS = Dose(reps=5)


def test_enter_moves_on_from_a_countdown_and_s_skips_the_rest_of_the_item() -> None:
    stopped, seen, recorded = play([HOLD, HOLD], [ENTER, SKIP])
    assert not stopped
    assert recorded == [(0, "skipped"), (1, "done")]
    assert seen.ended[0] == ("item 0", "skipped")


def test_pause_freezes_the_countdown_until_enter() -> None:
    stopped, seen, _ = play([Dose(hold_seconds=30)], [PAUSE, None, None, ENTER])
    paused = [m for m in seen.moments if m.paused]
    assert len(paused) == 1
    assert paused[0].remaining == pytest.approx(10.0, abs=0.5)
    assert not stopped


def test_q_stops_at_once_and_leaves_the_item_unrecorded() -> None:
    stopped, _, recorded = play([REPS, HOLD], [ENTER, QUIT])
    assert stopped
    assert recorded == []


def test_q_while_paused_still_stops() -> None:
    stopped, _, _ = play([REPS], [PAUSE, QUIT])
    assert stopped


def test_a_typed_number_sets_the_reps_done_and_backspace_corrects_it() -> None:
    stopped, seen, recorded = play([REPS], ["9", "back", "3", ENTER, ENTER, ENTER])
    assert recorded == [(0, "done")]
    counts = [m.count for m in seen.moments]
    assert counts[-3:] == [3, 4, 5]
    assert any(m.typed == "9" for m in seen.moments)
    assert not stopped


def test_the_progress_bar_only_moves_forwards_to_the_last_step() -> None:
    # Estimates: hold item 75 s (ready, left, switch, right), reps 15 s, timed item 70 s.
    _, seen, _ = play([HOLD, REPS, Dose(duration_seconds=60)], [None] * 5)
    progress = [m.progress for m in seen.moments]
    assert progress == sorted(progress)
    assert progress[0] == 0.0
    assert 100 / 160 <= progress[-1] <= 1.0
    assert seen.moments[-1].seconds_left <= 60


def test_the_live_panel_has_a_big_countdown_the_cue_and_the_keys() -> None:
    step = item_steps(HOLD, name="Doorway chest stretch")[1]
    assert step.kind is StepKind.HOLD
    moment = Moment(
        item=Item(order=0, name="Doorway chest stretch", dose="30 s hold each side"),
        position=2,
        of=6,
        step=step,
        remaining=23.2,
        progress=0.4,
        seconds_left=300,
    )
    from rich.console import Console

    console = Console(width=80, record=True)
    console.print(moment_panel(moment))
    text = console.export_text()
    assert "Doorway chest stretch" in text
    assert "Left side" in text
    assert "2 of 6" in text
    assert "about 5 minutes left" in text
    assert "s skip" in text and "p pause" in text and "q stop and save" in text
    assert all(row.strip() in text for row in big("0:24", "").plain.splitlines())
