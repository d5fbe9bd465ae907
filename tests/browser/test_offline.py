"""upback offline in a real browser: the service worker keeps the library and the player working,
queues what is recorded until the network is back, and never shows a stopped person an exercise.

Chromium runs service workers headless; `context.set_offline(True)` cuts the worker's network too.
The live server's port changes from run to run: the worker is scoped to "/" of whatever origin it
is served from, so nothing here depends on the port.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, look
from tests.browser.drive import eventually
from tests.examples import GUIDE_PROFILE, MECHANICAL_TRIGGER, cleared_answers

pytestmark = pytest.mark.django_db(transaction=True)

KEPT_PAGES = """async () => {
  const cache = await caches.open("upback-pages");
  return (await cache.keys()).map((request) => new URL(request.url).pathname);
}"""
KEPT_PICTURES = """async () => {
  const cache = await caches.open("upback-pictures");
  return (await cache.keys()).map((request) => new URL(request.url).pathname);
}"""
STATUS = ".pwa-status"


def screened(*, stopped: bool = False, gentle: bool = False) -> Any:
    """Record a safety screening for the one signed-up person: cleared, "see someone soon"
    (gentle movements only) or an emergency."""
    from django.contrib.auth.models import User

    from upback.coach.services.screenings import screening_record
    from upback.core.safety import parse_screening

    user = User.objects.get()
    answers = cleared_answers()
    if stopped:
        answers["chest_pain_or_pressure"] = "yes"
    if gentle:
        answers.update(dict.fromkeys(MECHANICAL_TRIGGER, "no"))  # no clear physical cause
    screening_record(
        owner=user, screening=parse_screening({"age": 35, "answers": answers}), source="web"
    )
    return user


def with_plan() -> Any:
    from upback.coach.services.plans import plan_create, profile_save
    from upback.core.profile import parse_profile

    user = screened()
    profile = parse_profile(GUIDE_PROFILE)
    profile_save(owner=user, profile=profile)
    plan_create(owner=user, profile=profile)
    return user


def a_technique() -> tuple[str, str]:
    from upback.core.library import default_library

    technique = next(iter(default_library().techniques.values()))
    return technique.slug, technique.name


def wait_for_worker(page: Any) -> None:
    """The worker is installed and in charge of this page."""
    # Polled from here: wait_for_function evaluates strings, which the strict CSP refuses.
    eventually(
        lambda: page.evaluate("() => navigator.serviceWorker.controller !== null"), seconds=15
    )


def kept(page: Any) -> list[str]:
    paths: list[str] = page.evaluate(KEPT_PAGES)
    return paths


def records_waiting(page: Any) -> int:
    count: int = page.evaluate(
        """() => new Promise((resolve, reject) => {
          const open = indexedDB.open("upback-offline");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction("queue").objectStore("queue").count();
            count.onsuccess = () => resolve(count.result);
          };
        })"""
    )
    return count


def offline_page_care(page: Any) -> str:
    care: str = page.evaluate(
        """async () => {
          const kept = await caches.match("/offline/");
          return kept ? kept.headers.get("X-Upback-Care") : "none";
        }"""
    )
    return care


def wait_until_kept(page: Any, path: str) -> None:
    eventually(lambda: path in kept(page))


def test_the_library_and_a_technique_page_still_open_offline(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    screened()
    slug, name = a_technique()
    page.goto(f"{live_server.url}/library/")
    wait_for_worker(page)
    wait_until_kept(page, "/library/")
    page.goto(f"{live_server.url}/library/{slug}/")
    wait_until_kept(page, f"/library/{slug}/")

    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()
    expect(page.locator(STATUS)).to_have_text("Offline — this is the copy kept on this device")
    look(page, "offline-kept-technique")

    page.goto(f"{live_server.url}/library/")
    expect(page.get_by_role("heading", level=1, name="Library")).to_be_visible()

    # A page that was never opened shows the offline page, with what does work.
    page.goto(f"{live_server.url}/progress/")
    expect(page.get_by_role("heading", level=1, name="You are offline")).to_be_visible()
    expect(page.locator("#offline-kept-list")).to_contain_text(name)
    look(page, "offline-page")
    page.context.set_offline(False)


def test_a_techniques_moving_picture_still_shows_offline_and_is_forgotten_on_a_stop(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    screened()
    page.goto(f"{live_server.url}/library/cat_cow/")
    wait_for_worker(page)
    page.reload()  # now the worker is in charge, so the pictures come through it
    wait_until_kept(page, "/library/cat_cow/")
    eventually(lambda: "/library/cat_cow/moving.svg" in page.evaluate(KEPT_PICTURES))

    page.context.set_offline(True)
    page.reload()
    expect(page.locator(STATUS)).to_have_text("Offline — this is the copy kept on this device")
    moving = page.locator("img[src$='/library/cat_cow/moving.svg']")
    eventually(lambda: moving.evaluate("image => image.complete && image.naturalWidth > 0"))
    look(page, "offline-kept-picture")
    page.context.set_offline(False)

    screened(stopped=True)  # a warning sign in a new safety check
    page.goto(f"{live_server.url}/today/")
    page.wait_for_url(re.compile(r"/stop/$"))
    eventually(lambda: page.evaluate(KEPT_PICTURES) == [])


def test_an_item_recorded_offline_waits_and_reaches_the_database_once_back_online(
    signed_up: Any, live_server: Any
) -> None:
    from upback.coach.models import GuidedItem, GuidedSession

    page = signed_up
    user = with_plan()
    page.goto(f"{live_server.url}/session/start/?speed=50")
    wait_for_worker(page)
    page.locator("label:has(input[name='pain'][value='4'])").click()
    page.get_by_role("button", name="Start the session").click()
    page.wait_for_url(re.compile(r"/session/\d+/\?speed=50$"))
    session = GuidedSession.objects.get(owner=user)
    wait_until_kept(page, f"/session/{session.pk}/")
    first = session.items.order_by("order").first()
    assert first is not None

    page.context.set_offline(True)
    page.locator("#player-skip").click()
    expect(page.locator(STATUS)).to_have_text("Offline — 1 record waiting to sync")
    look(page, "offline-player-waiting")
    first.refresh_from_db()
    assert first.status == GuidedItem.Status.PENDING, "nothing reached the server while offline"

    page.context.set_offline(False)
    expect(page.locator(STATUS)).to_contain_text("Synced")
    eventually(lambda: GuidedItem.objects.get(pk=first.pk).status == GuidedItem.Status.SKIPPED)
    statuses = list(session.items.order_by("order").values_list("status", flat=True))
    assert statuses.count(GuidedItem.Status.SKIPPED) == 1
    assert statuses[1:] == [GuidedItem.Status.PENDING] * (len(statuses) - 1)
    page.set_viewport_size(PHONE)
    look(page, "offline-player-synced")


def test_a_stopped_persons_kept_exercise_pages_are_not_shown_offline(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    screened()
    slug, name = a_technique()
    page.goto(f"{live_server.url}/library/{slug}/")
    wait_for_worker(page)
    wait_until_kept(page, f"/library/{slug}/")

    screened(stopped=True)  # a warning sign in a new safety check
    page.goto(f"{live_server.url}/today/")
    page.wait_for_url(re.compile(r"/stop/$"))  # upback sends a stopped person to the stop page
    eventually(lambda: not [path for path in kept(page) if path.startswith("/library/")])
    # The offline page kept on the device is fetched again for the new state.
    eventually(lambda: offline_page_care(page) == "stopped")

    page.context.set_offline(True)
    page.goto(f"{live_server.url}/library/{slug}/")
    expect(page.get_by_role("heading", level=1, name="You are offline")).to_be_visible()
    expect(page.get_by_role("heading", name=name)).to_have_count(0)
    expect(page.locator("main")).to_contain_text("holding exercises until you have been checked")
    look(page, "offline-page-stopped")
    page.context.set_offline(False)


def test_pages_kept_before_a_gentle_only_result_are_not_shown_offline(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    screened()
    page.goto(f"{live_server.url}/library/")
    wait_for_worker(page)
    wait_until_kept(page, "/library/")  # the full library, every technique

    screened(gentle=True)
    page.goto(f"{live_server.url}/today/")
    expect(page.get_by_role("heading", name="Gentle items only for now")).to_be_visible()
    eventually(lambda: "/library/" not in kept(page))

    page.context.set_offline(True)
    page.goto(f"{live_server.url}/library/")
    expect(page.get_by_role("heading", level=1, name="You are offline")).to_be_visible()
    page.context.set_offline(False)


def test_the_account_page_is_never_kept_and_offline_shows_the_offline_page(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    screened()
    page.goto(f"{live_server.url}/library/")
    wait_for_worker(page)
    page.goto(f"{live_server.url}/account/")
    page.goto(f"{live_server.url}/account/data/")
    wait_until_kept(page, "/library/")
    assert not [path for path in kept(page) if path.startswith("/account")]

    page.context.set_offline(True)
    page.goto(f"{live_server.url}/account/")
    expect(page.get_by_role("heading", level=1, name="You are offline")).to_be_visible()
    page.context.set_offline(False)


def test_logging_out_forgets_every_kept_page(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    screened()
    page.goto(f"{live_server.url}/library/")
    wait_for_worker(page)
    wait_until_kept(page, "/library/")
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    eventually(lambda: kept(page) == [])

    page.context.set_offline(True)
    page.goto(f"{live_server.url}/library/")
    expect(page.get_by_role("heading", level=1, name="You are offline")).to_be_visible()
    page.context.set_offline(False)


def test_the_manifest_is_linked_and_its_icons_load(signed_up: Any, live_server: Any) -> None:
    page = signed_up
    manifest = page.evaluate(
        """async () => {
          const link = document.querySelector('link[rel="manifest"]');
          const response = await fetch(link.href);
          return { type: response.headers.get("Content-Type"), body: await response.json() };
        }"""
    )
    assert manifest["type"] == "application/manifest+json"
    assert manifest["body"]["name"] == "upback — upper back coach"
    for icon in manifest["body"]["icons"]:
        status = page.evaluate("async (src) => (await fetch(src)).status", icon["src"])
        assert status == 200, icon["src"]


def test_the_worker_starts_under_the_strict_content_security_policy(
    browser: Any, live_server: Any
) -> None:
    context = browser.new_context(viewport=PHONE)  # no bypass_csp: the app's own policy applies
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/login/")
    wait_for_worker(page)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")
    assert not refused
    context.close()


def minutes_ago(minutes: int) -> str:
    moment = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(minutes=minutes)
    return moment.isoformat()


SEND_BREAK = """async ([clientId, at]) => {
  const csrf = document.cookie.match(/csrftoken=([^;]+)/)[1];
  const response = await fetch("/breaks/record/", {
    method: "POST",
    headers: {
      Accept: "application/json",
      "Content-Type": "application/x-www-form-urlencoded",
      "X-CSRFToken": csrf,
    },
    body: new URLSearchParams({
      outcome: "taken", kind: "micro", routine: "shoulder_rolls", client_id: clientId, at,
    }).toString(),
  });
  return { status: response.status, body: await response.json() };
}"""


def test_a_break_recorded_twice_offline_is_stored_once_back_online(
    signed_up: Any, live_server: Any
) -> None:
    from uuid import uuid4

    from upback.coach.models import BreakRecord
    from upback.core.breaks import ROTATION_SLUGS

    page = signed_up
    screened()
    assert "shoulder_rolls" in ROTATION_SLUGS
    page.goto(f"{live_server.url}/breaks/")
    wait_for_worker(page)
    routine = "/breaks/routine/shoulder_rolls/"
    page.goto(f"{live_server.url}{routine}")
    title = page.locator("h1").inner_text()
    wait_until_kept(page, routine)

    page.context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_have_text(title)  # the break's routine still opens
    client_id, at = str(uuid4()), minutes_ago(20)
    # The page tries twice (say, a retry after a timeout): both wait on the device.
    for _ in range(2):
        answer = page.evaluate(SEND_BREAK, [client_id, at])
        assert answer == {"status": 202, "body": {"queued": True}}
    expect(page.locator(STATUS)).to_have_text("Offline — 2 records waiting to sync")
    assert BreakRecord.objects.count() == 0

    page.context.set_offline(False)
    expect(page.locator(STATUS)).to_contain_text("Synced")
    eventually(lambda: BreakRecord.objects.count() == 1)
    record = BreakRecord.objects.get()
    assert (str(record.client_id), record.outcome, record.routine) == (
        client_id,
        "taken",
        "shoulder_rolls",
    )
    assert record.at == dt.datetime.fromisoformat(at), "the break keeps when it was taken"


def test_records_left_by_one_person_are_not_sent_for_the_next(
    signed_up: Any, live_server: Any
) -> None:
    from uuid import uuid4

    from upback.coach.models import BreakRecord

    page = signed_up
    screened()
    page.goto(f"{live_server.url}/breaks/")
    wait_for_worker(page)
    # The connection drops for this one request: the break waits on the device.
    page.context.route("**/breaks/record/", lambda route: route.abort("internetdisconnected"))
    answer = page.evaluate(SEND_BREAK, [str(uuid4()), minutes_ago(5)])
    assert answer["status"] == 202
    expect(page.locator(STATUS)).to_contain_text("1 record waiting to sync")

    # Before it is sent, this person logs out and someone else signs up on the same device.
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(STATUS)).to_have_text(
        "1 record waiting to sync — it is sent when you log in again"
    )
    page.context.unroute("**/breaks/record/")
    page.goto(f"{live_server.url}/signup/")
    page.get_by_label("Username").fill(f"q{uuid4().hex[:8]}")
    page.get_by_label("Password", exact=True).fill("a calm back 2026")
    page.get_by_label("Password confirmation").fill("a calm back 2026")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/screen/")
    # The worker heard who signed in and dropped the other person's record, unsent.
    eventually(lambda: records_waiting(page) == 0)
    assert BreakRecord.objects.count() == 0
    expect(page.locator(STATUS)).to_have_text("")


OFFER_INSTALL = """() => {
  const offer = new Event("beforeinstallprompt", { cancelable: true });
  offer.prompt = () => { window.__prompted = true; };
  offer.userChoice = Promise.resolve({ outcome: "accepted" });
  window.dispatchEvent(offer);
}"""


def test_install_is_offered_quietly_on_today_and_only_when_the_browser_offers_it(
    signed_up: Any, live_server: Any
) -> None:
    page = signed_up
    with_plan()
    page.goto(f"{live_server.url}/today/")
    install = page.get_by_role("button", name="Install upback")
    expect(install).to_have_count(0)  # no nag before the browser offers it

    page.evaluate(OFFER_INSTALL)
    expect(install).to_be_visible()
    look(page, "today-install-offer")
    install.click()
    assert page.evaluate("() => window.__prompted === true")
    expect(install).to_have_count(0)

    page.goto(f"{live_server.url}/library/")
    page.evaluate(OFFER_INSTALL)
    expect(install).to_have_count(0)  # only on Today and the account page
