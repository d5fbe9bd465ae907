"""The break timer in a real browser: the countdown, the alert and the notification when a break
is due (time moved on with Playwright's clock), the buttons that record a break, the routine in
the guided player, the widget on Today and the week of breaks on the progress page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, look, screenshot
from tests.browser.drive import eventually
from tests.examples import GUIDE_PROFILE, cleared_answers

pytestmark = pytest.mark.django_db(transaction=True)

# Records every notification the page makes, and passes permission questions to the browser.
NOTIFICATION_SPY = """
(() => {
  const Real = window.Notification;
  window.__notes = [];
  class Spy {
    constructor(title, options) { window.__notes.push({ title, body: (options || {}).body }); }
    close() {}
  }
  Object.defineProperty(Spy, "permission", { get: () => (Real ? Real.permission : "default") });
  Spy.requestPermission = (callback) => Real.requestPermission(callback);
  window.Notification = Spy;
})();
"""
STEP_CHANGED = (
    "([step]) => !document.getElementById('player-done').hidden"
    " || document.getElementById('player-stage').dataset.step !== step"
)
BLOCKED = """
Object.defineProperty(window.Notification, "permission", { get: () => "denied" });
"""


def midday_zone(now: dt.datetime) -> str:
    """A fixed-offset zone where it is about midday now, so working hours always hold."""
    offset = (12 - now.hour) % 24
    if offset > 14:
        offset -= 24
    if offset == 0:
        return "Etc/GMT"
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"  # the Etc signs are reversed


def desk_worker(*, result: str = "self_care", plan: bool = False) -> Any:
    """The person who just signed up, screened, in a zone where it is about midday, working
    every day from five minutes ago for five hours, with a break every 20 minutes."""
    from django.contrib.auth.models import User

    from tests.coach.views.test_plans import screened, with_plan
    from upback.coach.models import Account
    from upback.coach.services.breaks import break_settings_save
    from upback.coach.services.screenings import screening_record
    from upback.core.safety import parse_screening

    user = User.objects.get()
    now = dt.datetime.now(dt.UTC)
    zone = midday_zone(now)
    Account.objects.filter(owner=user).update(time_zone=zone)
    # Work began five minutes ago: the first break (20 minutes after the page opens) is the
    # day's first, so its routine is the first of the rotation, shoulder rolls.
    began = (now.astimezone(ZoneInfo(zone)) - dt.timedelta(minutes=5)).replace(second=0)
    start, end = f"{began:%H:%M}", f"{began + dt.timedelta(hours=5):%H:%M}"
    if result == "self_care":
        screening_record(
            owner=user,
            screening=parse_screening({"age": 35, "answers": cleared_answers()}),
            source="web",
        )
    else:
        screened(user, result)
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    break_settings_save(
        owner=user, values={"days": days, "start": start, "end": end, "interval_minutes": 20}
    )
    if plan:
        with_plan(user, **GUIDE_PROFILE)
    return user


def records(user: Any) -> list[Any]:
    from upback.coach.models import BreakRecord

    return list(BreakRecord.objects.filter(owner=user).order_by("at"))


def open_timer(page: Any, live_server: Any) -> None:
    page.clock.install(time=dt.datetime.now(dt.UTC))
    page.goto(f"{live_server.url}/breaks/")
    expect(page.locator("#break-countdown")).to_be_visible()


def test_the_countdown_runs_and_a_due_break_alerts_and_notifies(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    desk_worker()
    page.context.grant_permissions(["notifications"])
    page.add_init_script(NOTIFICATION_SPY)
    open_timer(page, live_server)
    countdown = page.locator("#break-countdown")
    expect(countdown).to_have_text(re.compile(r"^(20:0\d|19:5\d)$"))
    expect(page.get_by_role("heading", name="Next break")).to_be_visible()
    expect(page.locator("#break-routine-name")).to_have_text("Shoulder rolls")
    expect(page.locator("#break-notify-status")).to_contain_text("Notifications are on")
    assert not page.get_by_role("button", name="Snooze 5 min").is_visible()
    look(page, "breaks")
    page.emulate_media(color_scheme="dark")
    assert_accessible(page)
    screenshot(page, "breaks-dark")
    page.emulate_media(color_scheme="light")

    page.clock.run_for(60_000)  # a minute on, the countdown has moved by a minute
    expect(countdown).to_have_text(re.compile(r"^(19:0\d|18:5\d)$"))
    page.clock.fast_forward("19:10")
    expect(page.get_by_role("heading", name="Time for a movement break")).to_be_visible()
    expect(page.locator("#break-live")).to_have_text(
        "Time for a movement break. Shoulder rolls: 10 slow rolls backwards, then 5 forwards"
    )
    assert page.title().startswith("Break time · ")
    notes = page.evaluate("window.__notes")
    assert notes == [
        {
            "title": "Time for a movement break",
            "body": "Shoulder rolls: 10 slow rolls backwards, then 5 forwards",
        }
    ]
    for name in ("Snooze 5 min", "Snooze 10 min", "Skip this break", "Start micro-routine"):
        expect(page.get_by_role(page_role(name), name=name)).to_be_visible()
    look(page, "breaks-due")
    page.clock.run_for(5_000)
    assert len(page.evaluate("window.__notes")) == 1, "one notification per break, not a stream"


def page_role(name: str) -> str:
    return "link" if name == "Start micro-routine" else "button"


@pytest.fixture
def server_clock(monkeypatch: pytest.MonkeyPatch) -> dict[str, dt.timedelta]:
    """Moves the live server's clock along with the page's: `server_clock["by"] = ...`."""
    from django.utils import timezone

    real = timezone.now
    shift = {"by": dt.timedelta(0)}
    monkeypatch.setattr(timezone, "now", lambda: real() + shift["by"])
    return shift


def test_snooze_skip_and_a_break_taken_are_recorded_and_move_the_timer(
    signed_up: Any, live_server: Any, server_clock: dict[str, dt.timedelta]
) -> None:
    page = signed_up
    user = desk_worker()
    open_timer(page, live_server)
    page.clock.fast_forward("20:30")
    server_clock["by"] = dt.timedelta(minutes=20, seconds=30)
    expect(page.get_by_role("heading", name="Time for a movement break")).to_be_visible()

    page.get_by_role("button", name="Snooze 10 min").click()
    expect(page.get_by_role("heading", name="Next break")).to_be_visible()
    expect(page.locator("#break-countdown")).to_have_text(re.compile(r"^(10:00|9:5\d)$"))
    eventually(lambda: [r.outcome for r in records(user)] == ["snoozed"])
    expect(page.locator("#break-saved")).to_have_text(
        "Snoozed: upback will remind you again in 10 minutes."
    )

    page.clock.fast_forward("10:05")
    server_clock["by"] += dt.timedelta(minutes=10, seconds=5)
    expect(page.get_by_role("heading", name="Time for a movement break")).to_be_visible()
    page.get_by_role("button", name="Skip this break").click()
    expect(page.locator("#break-countdown")).to_have_text(re.compile(r"^(20:00|19:5\d)$"))
    # A break taken straight after the skip: the two answers may come back in either order,
    # and the page keeps the newest.
    page.get_by_role("button", name="I took a break").click()
    expect(page.locator("#break-saved")).to_have_text("Break recorded — 1 today.")
    expect(page.locator("#break-taken")).to_have_text("1")
    eventually(lambda: [r.outcome for r in records(user)] == ["snoozed", "skipped", "taken"])
    assert all(r.channel == "web" and r.client_id for r in records(user))
    # The page sends the moment of each press: the snooze was 20.5 minutes after opening.
    first, second = records(user)[:2]
    assert dt.timedelta(minutes=10) <= second.at - first.at <= dt.timedelta(minutes=11)


def test_a_break_taken_offline_is_kept_by_the_service_worker_and_sent_later(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    user = desk_worker()
    page.goto(f"{live_server.url}/breaks/")
    # The app's service worker answers for the page while offline (202 {"queued": true}).
    page.wait_for_function("navigator.serviceWorker && !!navigator.serviceWorker.controller")
    page.context.set_offline(True)
    page.get_by_role("button", name="I took a break").click()
    expect(page.locator("#break-saved")).to_have_text(
        "Saved on this device; it will sync when you are back online."
    )
    expect(page.locator("#break-taken")).to_have_text("1")
    assert records(user) == []
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    eventually(lambda: len(records(user)) == 1, seconds=20)
    (stored,) = records(user)
    assert (stored.outcome, stored.channel) == ("taken", "web")


def test_notifications_are_asked_for_only_from_the_button(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    desk_worker()
    page.goto(f"{live_server.url}/breaks/")
    allow = page.get_by_role("button", name="Allow notifications")
    expect(allow).to_be_visible()
    expect(page.locator("#break-notify-status")).to_contain_text("Notifications are off")
    page.context.grant_permissions(["notifications"])
    allow.click()
    expect(page.locator("#break-notify-status")).to_contain_text("Notifications are on")
    expect(allow).to_be_hidden()


def test_a_browser_that_blocks_notifications_is_named_plainly(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    desk_worker()
    page.add_init_script(BLOCKED)
    page.goto(f"{live_server.url}/breaks/")
    expect(page.locator("#break-notify-status")).to_contain_text(
        "Your browser has blocked notifications for upback"
    )
    expect(page.get_by_role("button", name="Allow notifications")).to_be_hidden()


def test_start_micro_routine_runs_in_the_player_and_records_the_break(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    user = desk_worker()
    page.goto(f"{live_server.url}/breaks/")
    page.get_by_role("link", name="Start micro-routine").click()
    page.wait_for_url(re.compile(r"/breaks/routine/shoulder_rolls/\?kind=micro$"))
    page.locator("#player-stage").wait_for(state="visible")
    expect(page.locator("#player-name")).to_have_text("Shoulder rolls")
    expect(page.locator("#player-count-of")).to_have_text("of 15 reps")
    look(page, "break-routine")
    for _ in range(15):  # one tap a roll; the last one finishes the break and records it
        page.locator("#player-counter").click()
    page.wait_for_url(re.compile(r"/breaks/$"))
    expect(page.locator("#break-saved")).to_have_text("Break recorded — 1 today.")
    (stored,) = records(user)
    assert (stored.outcome, stored.routine, stored.channel) == ("taken", "shoulder_rolls", "web")


def run_the_break(page: Any) -> None:
    """Run the break routine with its on-screen controls until it records and returns."""
    from playwright.sync_api import Error

    page.locator("#player-stage").wait_for(state="visible")
    for _ in range(200):
        if re.search(r"/breaks/$", page.url):
            return
        try:
            stage = page.locator("#player-stage")
            kind, step = stage.get_attribute("data-kind"), stage.get_attribute("data-step")
            if kind == "reps":
                target = int(page.locator("#player-count-of").inner_text().split()[1])
                for _tap in range(target):
                    page.locator("#player-counter").click()
            else:
                page.wait_for_function(STEP_CHANGED, arg=[step], timeout=15_000)
        except Error:
            page.wait_for_url(re.compile(r"/breaks/$"))  # it finished and went back
    raise AssertionError("the break never ended")


def test_an_active_break_runs_its_moves_and_walk_and_counts_once(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    user = desk_worker()
    page.goto(f"{live_server.url}/breaks/routine/scapular_squeeze/?kind=active&speed=100")
    expect(page.get_by_role("heading", name="Movement break · an active break")).to_be_visible()
    expect(page.locator("#player-progress-label")).to_contain_text("Exercise 1 of 4")
    look(page, "break-routine-active")
    run_the_break(page)
    expect(page.locator("#break-saved")).to_have_text("Break recorded — 1 today.")
    (stored,) = records(user)
    assert (stored.kind, stored.routine) == ("active", "scapular_squeeze")


def test_a_stopped_person_sees_the_countdown_and_no_routine(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    desk_worker(result="emergency")
    page.goto(f"{live_server.url}/breaks/")
    expect(page.locator("#break-countdown")).to_be_visible()
    expect(page.get_by_text("Exercises are on hold until you have been checked.")).to_be_visible()
    assert page.get_by_role("link", name="Start micro-routine").count() == 0
    look(page, "breaks-stopped")


def test_working_hours_are_changed_and_a_mistake_is_explained(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    desk_worker()
    page.goto(f"{live_server.url}/breaks/")
    page.get_by_role("link", name="Change your working hours").click()
    page.wait_for_url(re.compile(r"/breaks/settings/$"))
    page.get_by_label("Saturday").uncheck()
    page.get_by_label("Sunday").uncheck()
    page.get_by_label("Minutes between breaks").fill("10")
    page.get_by_role("button", name="Save working hours").click()
    expect(
        page.get_by_text("Breaks come at most every 20 minutes: give 20 or more.")
    ).to_be_visible()
    expect(page.get_by_label("Minutes between breaks")).to_have_value("10")
    expect(page.get_by_label("Saturday")).not_to_be_checked()
    look(page, "breaks-settings-error")
    page.get_by_label("Minutes between breaks").fill("40")
    page.get_by_role("button", name="Save working hours").click()
    page.wait_for_url(re.compile(r"/breaks/$"))
    expect(
        page.get_by_text(
            re.compile(r"^Monday to Friday, \d\d:\d\d to \d\d:\d\d: a break every 40 minutes")
        )
    ).to_be_visible()


def test_today_shows_the_break_widget_counting_down(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    desk_worker(plan=True)
    page.clock.install(time=dt.datetime.now(dt.UTC))
    page.goto(f"{live_server.url}/today/")
    widget = page.locator("#break-widget")
    expect(widget.get_by_role("heading", name="Movement breaks")).to_be_visible()
    expect(page.locator("#break-widget-countdown")).to_have_text(
        re.compile(r"^, in (20:0\d|19:5\d)$")
    )
    expect(widget).to_contain_text("0 breaks taken today.")
    look(page, "today-breaks")
    widget.get_by_role("link", name="Open the break timer").click()
    page.wait_for_url(re.compile(r"/breaks/$"))


def test_the_progress_page_shows_the_week_of_breaks(signed_up: Any, live_server: Any) -> None:
    from upback.coach.selectors.accounts import local_now
    from upback.coach.services.breaks import break_record

    page = signed_up
    user = desk_worker(plan=True)
    page.goto(f"{live_server.url}/progress/")
    expect(page.get_by_text("No breaks recorded in the last 7 days yet.")).to_be_visible()

    now = local_now(owner=user)
    for days_ago, outcomes in enumerate(
        [["taken"] * 6, ["taken"] * 9 + ["skipped"], [], ["taken", "snoozed"], ["taken"] * 12]
    ):
        for n, outcome in enumerate(outcomes):
            at = now - dt.timedelta(days=days_ago, minutes=5 * (n + 1))
            break_record(owner=user, at=at, outcome=outcome, channel="cli" if n % 2 else "web")
    page.goto(f"{live_server.url}/progress/")
    section = page.locator("section", has=page.get_by_role("heading", name="Movement breaks"))
    expect(section).to_contain_text("In the last 7 days you took 28 of 98 planned breaks (29%).")
    expect(section.locator("tbody tr")).to_have_count(7)
    section.scroll_into_view_if_needed()
    look(page, "progress-breaks")
