"""The real ports of `upback remind`, without a real desktop: notifications and their fallback,
idle time per platform, keys, the terminal block and the routine player."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from upback.cli import idle
from upback.cli.notify import Banner, Desktop, TerminalOnly, desktop_session, open_notifier
from upback.cli.remind_parts import Prompt
from upback.cli.remind_terminal import (
    BreakScreen,
    KeyReader,
    WallClock,
    play_routine,
    routine_items,
)
from upback.core.breaks import PlannedBreak, break_routines, routine_for
from upback.core.session_steps import StepKind

# --- is there a desktop? ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, False),
        ({"TERM": "xterm", "SSH_CONNECTION": "10.0.0.2 5 10.0.0.1 22"}, False),
        ({"DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, True),
        ({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}, True),
    ],
)
def test_linux_has_a_desktop_only_with_a_display_or_a_session_bus(
    env: dict[str, str], expected: bool
) -> None:
    assert desktop_session("Linux", env) is expected


def test_macos_and_windows_always_have_one() -> None:
    assert desktop_session("Darwin", {}) and desktop_session("Windows", {})


# --- the notifier and its fallback -------------------------------------------------------------


class FakeDesktopNotifier:
    """Stands in for desktop_notifier.DesktopNotifier (async, like the real one)."""

    def __init__(self, *, capabilities: frozenset[str] = frozenset({"BUTTONS"})) -> None:
        self.capabilities = capabilities
        self.delivered: list[Any] = []
        self.cleared: list[str] = []
        self.deliver = True
        self.sent: list[Any] = []

    async def get_capabilities(self) -> frozenset[str]:
        return self.capabilities

    async def send(self, *, title: str, message: str, urgency: Any, buttons: Sequence[Any]) -> str:
        identifier = f"n{len(self.sent)}"
        self.sent.append((title, message, list(buttons)))
        if self.deliver:
            self.delivered.append(identifier)
        return identifier

    async def get_current_notifications(self) -> list[str]:
        return list(self.delivered)

    async def clear(self, identifier: str) -> None:
        self.cleared.append(identifier)
        self.delivered.remove(identifier)


DESKTOP = {"DISPLAY": ":0"}


def test_no_desktop_flag_or_no_display_means_the_terminal_only() -> None:
    assert isinstance(open_notifier(no_desktop=True), TerminalOnly)
    plain = open_notifier(system="Linux", env={})
    assert isinstance(plain, TerminalOnly) and plain.why == "no desktop session"
    assert plain.show("Time for a movement break", "Shoulder rolls") is False


def test_a_notifier_that_cannot_start_falls_back_to_the_terminal() -> None:
    def broken() -> Any:
        raise OSError("no session bus")

    chosen = open_notifier(system="Linux", env=DESKTOP, factory=broken)
    assert isinstance(chosen, TerminalOnly)
    assert chosen.why == "no notification service answered"


def test_a_notifier_with_no_real_backend_falls_back_too() -> None:
    dummy = FakeDesktopNotifier(capabilities=frozenset())
    assert isinstance(
        open_notifier(system="Linux", env=DESKTOP, factory=lambda: dummy), TerminalOnly
    )


def test_macos_outside_an_app_bundle_gets_a_banner_and_answers_by_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("upback.cli.notify.shutil.which", lambda name: "/usr/bin/osascript")
    dummy = FakeDesktopNotifier(capabilities=frozenset())
    chosen = open_notifier(system="Darwin", env={}, factory=lambda: dummy)
    assert isinstance(chosen, Banner)


def test_the_banner_quotes_what_it_shows() -> None:
    ran: list[list[str]] = []
    banner = Banner(run=lambda args: ran.append(args) or "")
    assert banner.show('Time for "a" break', "Shoulder rolls: 45 s.")
    assert ran[0][:2] == ["osascript", "-e"]
    assert 'with title "Time for \\"a\\" break"' in ran[0][2]


def test_a_desktop_notification_has_the_four_buttons_and_they_answer() -> None:
    fake = FakeDesktopNotifier()
    woken = threading.Event()
    chosen = open_notifier(system="Linux", env=DESKTOP, factory=lambda: fake, wake=woken.set)
    assert isinstance(chosen, Desktop)
    try:
        assert chosen.show("Time for a movement break", "Shoulder rolls: 45 s.") is True
        title, _, buttons = fake.sent[0]
        assert title == "Time for a movement break"
        assert [b.title for b in buttons] == [
            "Start routine",
            "Snooze 5 min",
            "Snooze 10 min",
            "Skip",
        ]
        assert chosen.answer() is None
        buttons[1].on_pressed()  # the person presses "Snooze 5 min"
        assert woken.is_set() and chosen.answer() == "snooze5"
        chosen.withdraw()
        assert fake.cleared == ["n0"]
    finally:
        chosen.close()


def test_a_notification_the_service_did_not_deliver_counts_as_not_shown() -> None:
    fake = FakeDesktopNotifier()
    chosen = open_notifier(system="Linux", env=DESKTOP, factory=lambda: fake)
    assert isinstance(chosen, Desktop)
    try:
        fake.deliver = False
        assert chosen.show("Time for a movement break", "Shoulder rolls") is False
    finally:
        chosen.close()


def test_a_hung_notification_service_counts_as_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeDesktopNotifier()
    chosen = open_notifier(system="Linux", env=DESKTOP, factory=lambda: fake)
    assert isinstance(chosen, Desktop)

    async def never(**kwargs: Any) -> str:
        await asyncio.sleep(3600)
        return ""

    monkeypatch.setattr("upback.cli.notify.WAIT", 0.05)
    monkeypatch.setattr(fake, "send", never)
    try:
        assert chosen.show("Time for a movement break", "Shoulder rolls") is False
    finally:
        chosen.close()


# --- idle time ----------------------------------------------------------------------------------


def answers(outputs: dict[str, str | None]) -> Any:
    def run(args: Sequence[str]) -> str | None:
        return outputs.get(args[0])

    return run


def test_gnome_idle_time_comes_from_mutter_in_milliseconds() -> None:
    source = idle.detect(
        system="Linux",
        env={"WAYLAND_DISPLAY": "wayland-0", "DBUS_SESSION_BUS_ADDRESS": "unix:path=/bus"},
        which=lambda name: f"/usr/bin/{name}",
        run=answers({"gdbus": "(uint64 93500,)\n"}),
    )
    assert source.name == "GNOME" and source.seconds() == pytest.approx(93.5)


def test_other_x11_desktops_use_xprintidle_when_it_is_installed() -> None:
    source = idle.detect(
        system="Linux",
        env={"DISPLAY": ":0", "DBUS_SESSION_BUS_ADDRESS": "unix:path=/bus"},
        which=lambda name: f"/usr/bin/{name}",
        run=answers({"gdbus": None, "xprintidle": "4200\n"}),
    )
    assert source.name == "X11 (xprintidle)" and source.seconds() == pytest.approx(4.2)


def test_macos_idle_time_comes_from_ioreg_in_nanoseconds() -> None:
    listing = '  |   "HIDIdleTime" = 61000000000\n  |   "HIDKeyboardModifierMappingPairs" = ()'
    source = idle.detect(
        system="Darwin",
        env={},
        which=lambda name: "/usr/sbin/ioreg",
        run=answers({"ioreg": listing}),
    )
    assert source.name == "macOS" and source.seconds() == pytest.approx(61.0)


@pytest.mark.parametrize(
    ("system", "env"),
    [
        ("Linux", {}),  # a server, or a terminal over SSH
        ("Linux", {"WAYLAND_DISPLAY": "wayland-0"}),  # Wayland without GNOME
        ("FreeBSD", {"DISPLAY": ":0"}),
    ],
)
def test_elsewhere_idle_time_is_unknown_and_the_timer_simply_runs(
    system: str, env: dict[str, str]
) -> None:
    source = idle.detect(system=system, env=env, which=lambda name: None, run=answers({}))
    assert source.name is None and source.seconds() is None


def test_a_failed_reading_is_unknown_rather_than_an_error() -> None:
    source = idle.gnome(run=answers({"gdbus": "Error: GDBus.Error:org.freedesktop.DBus"}))
    assert source.seconds() is None
    assert idle.run_command(["upback-no-such-command-here"]) is None


# --- keys, the clock, the terminal block and the routine ----------------------------------------


def test_single_keys_become_answers_and_anything_else_asks_for_help() -> None:
    reader = KeyReader(fd=-1, wake=lambda: None)
    for char in "\r5 0sSpq?x":
        reader.pressed.put(char)
    got = [reader.answer() for _ in range(10)]
    assert got == [
        "start",
        "snooze5",
        "help",
        "snooze10",
        "skip",
        "skip",
        "pause",
        "quit",
        "help",
        "help",
    ]
    assert reader.answer() is None


def test_the_routine_player_reads_its_keys_from_the_same_queue() -> None:
    reader = KeyReader(fd=-1, wake=lambda: None)
    for char in "x\nsq":
        reader.pressed.put(char)
    assert [reader.poll(0.01) for _ in range(3)] == ["enter", "s", "q"]
    assert reader.poll(0.01) is None


def test_the_wall_clock_wakes_at_once_for_a_key() -> None:
    clock = WallClock()
    clock.wake()
    before = datetime.now().timestamp()
    clock.sleep(30)
    assert datetime.now().timestamp() - before < 5
    assert clock.now().tzinfo is not None


def test_the_test_clock_starts_where_it_is_told_and_runs_faster() -> None:
    start = datetime(2026, 3, 2, 8, 55, tzinfo=ZoneInfo("UTC"))
    clock = WallClock(speed=600, start=start)
    assert clock.now() - start < timedelta(seconds=30)
    clock.sleep(60)  # a simulated minute: a tenth of a second
    assert timedelta(seconds=60) <= clock.now() - start < timedelta(minutes=5)


LONDON = ZoneInfo("Europe/London")


def a_prompt(kind: str = "micro", index: int = 0) -> Prompt:
    at = datetime(2025, 3, 31, 10, 30, tzinfo=LONDON)
    seconds = 300 if kind == "active" else routine_for(index).seconds
    planned = PlannedBreak(
        at, kind, routine_for(index, {"shoulder_rolls": "Shoulder rolls"}), seconds
    )  # type: ignore[arg-type]
    return Prompt(at, planned.kind, break_routines(planned), seconds)


def test_the_terminal_block_shows_time_kind_routine_dose_and_keys() -> None:
    console = Console(record=True, width=90)
    BreakScreen(console, bell=False).prompt(a_prompt(), desktop=False)
    text = console.export_text()
    assert "10:30 · Movement break" in text
    assert "Shoulder rolls" in text and "10 slow rolls backwards" in text and "45 s" in text
    for keys in ("Enter start", "5 snooze 5 min", "0 snooze 10 min", "s skip", "p pause"):
        assert keys in text
    assert "desktop" not in text


def test_an_active_block_lists_its_moves_and_the_walk() -> None:
    console = Console(record=True, width=90)
    BreakScreen(console, bell=False).prompt(a_prompt("active", 1), desktop=True)
    text = console.export_text()
    assert "Active break" in text and "5 minutes of moving" in text
    assert "Walk" in text and "2 min" in text
    assert "Also on your desktop" in text


def test_each_move_becomes_a_countdown_of_its_length() -> None:
    items, steps = routine_items(a_prompt("active", 1), {"scapular_squeeze": ("Sit tall.",)})
    assert [i.name for i in items][-1] == "Walk"
    assert items[0].how == ("Sit tall.",)
    timed = [s for s in steps if s.kind is StepKind.TIMED]
    assert sum(s.seconds or 0 for s in timed) == 300


def test_a_routine_plays_to_the_end_in_a_plain_terminal() -> None:
    console = Console(record=True, width=90)
    play_routine(a_prompt(), keys=None, console=console, how={}, speed=10_000)
    text = console.export_text()
    assert "Stop at once for sharp pain" in text
    assert "Shoulder rolls" in text and "done" in text


# --- against a real D-Bus session (when this machine has dbus-run-session) ----------------------

SESSION_SCRIPT = """
import asyncio, json, threading, time
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal
from upback.cli.notify import open_notifier

seen = {"before": type(open_notifier(system="Linux")).__name__}

class Notifications(ServiceInterface):
    def __init__(self):
        super().__init__("org.freedesktop.Notifications")
        self.shown, self.closed = [], []
    @method()
    def GetCapabilities(self) -> "as":
        return ["actions", "body"]
    @method()
    def Notify(self, app: "s", rid: "u", icon: "s", summary: "s", body: "s", actions: "as",
               hints: "a{sv}", timeout: "i") -> "u":
        self.shown.append([summary, body, actions])
        return len(self.shown)
    @method()
    def CloseNotification(self, nid: "u"):
        self.closed.append(nid)
    @method()
    def GetServerInformation(self) -> "ssss":
        return ["fake", "upback", "1", "1.2"]
    @signal()
    def ActionInvoked(self, nid: "u", key: "s") -> "us":
        return [nid, key]
    @signal()
    def NotificationClosed(self, nid: "u", reason: "u") -> "uu":
        return [nid, reason]

service, ready, loop = Notifications(), threading.Event(), asyncio.new_event_loop()
async def serve():
    bus = await MessageBus().connect()
    bus.export("/org/freedesktop/Notifications", service)
    await bus.request_name("org.freedesktop.Notifications")
    ready.set()
threading.Thread(target=lambda: (loop.run_until_complete(serve()), loop.run_forever()),
                 daemon=True).start()
ready.wait(10)
woke = threading.Event()
notifier = open_notifier(system="Linux", wake=woke.set)
seen["after"] = type(notifier).__name__
seen["shown"] = notifier.show("Time for a movement break", "Shoulder rolls: 45 s.")
seen["sent"] = service.shown[-1]
actions = service.shown[-1][2]
loop.call_soon_threadsafe(service.ActionInvoked, 1, actions[actions.index("Skip") - 1])
woke.wait(10)
seen["answer"] = notifier.answer()
notifier.show("Time for a movement break", "Thoracic rotation: 60 s.")
notifier.withdraw()
time.sleep(0.3)
seen["closed"] = service.closed
notifier.close()
print(json.dumps(seen))
"""


@pytest.mark.skipif(
    shutil.which("dbus-run-session") is None, reason="needs dbus-run-session (package dbus)"
)
def test_a_real_notification_service_shows_the_buttons_and_a_press_answers(
    tmp_path: Path,
) -> None:
    script = tmp_path / "session.py"
    script.write_text(SESSION_SCRIPT)
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] == "TerminalOnly"  # a session bus, but no notification service yet
    assert seen["after"] == "Desktop" and seen["shown"] is True
    summary, body, actions = seen["sent"]
    assert (summary, body) == ("Time for a movement break", "Shoulder rolls: 45 s.")
    assert [a for a in actions[1::2] if a] == [
        "Start routine",
        "Snooze 5 min",
        "Snooze 10 min",
        "Skip",
    ]
    assert seen["answer"] == "skip"
    assert seen["closed"] == [2]
