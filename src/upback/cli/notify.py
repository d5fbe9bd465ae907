"""Desktop notifications for `upback remind`, with the terminal as the fallback.

desktop-notifier shows a notification with four buttons ("Start routine", "Snooze 5 min",
"Snooze 10 min", "Skip") on Linux (the freedesktop notification service over D-Bus), Windows
10+ (WinRT) and macOS (only from an app bundle; from a plain terminal macOS gets a short
`osascript` banner without buttons, and the answer is given with a key in the terminal).

Its API is asynchronous and its button callbacks need a running event loop, so the notifier
lives on an asyncio loop in a daemon thread; a pressed button lands in a queue that the reminder
loop reads, and wakes the reminder's clock. Anything that goes wrong (no notification service,
a hung bus, a refused permission) means False from `show`, and the terminal carries on alone.
"""

from __future__ import annotations

import contextlib
import os
import platform
import queue
import shutil
import threading
from collections.abc import Callable, Mapping
from typing import Any

from upback.cli.idle import run_command
from upback.cli.remind_parts import Answer

APP_NAME = "upback"
WAIT = 5.0
"""Seconds to wait for the notification service before falling back to the terminal."""

BUTTONS: tuple[tuple[str, Answer], ...] = (
    ("Start routine", "start"),
    ("Snooze 5 min", "snooze5"),
    ("Snooze 10 min", "snooze10"),
    ("Skip", "skip"),
)


def desktop_session(system: str | None = None, env: Mapping[str, str] | None = None) -> bool:
    """Whether there is a desktop to notify: always on macOS and Windows; on Linux a display or
    a session bus (a terminal over SSH or a server has neither)."""
    system = system or platform.system()
    env = os.environ if env is None else env
    if system in ("Darwin", "Windows"):
        return True
    return any(env.get(name) for name in ("WAYLAND_DISPLAY", "DISPLAY", "DBUS_SESSION_BUS_ADDRESS"))


class TerminalOnly:
    """No desktop notifications: every prompt is the terminal block."""

    desktop = False

    def __init__(self, why: str) -> None:
        self.why = why

    def show(self, title: str, message: str) -> bool:
        return False

    def withdraw(self) -> None:
        pass

    def answer(self) -> Answer | None:
        return None


class Banner:
    """macOS outside an app bundle: a banner through osascript; the answer comes by key."""

    desktop = True
    buttons = False

    def __init__(self, run: Callable[[list[str]], str | None] = run_command) -> None:
        self.run = run

    def show(self, title: str, message: str) -> bool:
        def quoted(text: str) -> str:
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

        script = f"display notification {quoted(message)} with title {quoted(title)}"
        return self.run(["osascript", "-e", script]) is not None

    def withdraw(self) -> None:
        pass

    def answer(self) -> Answer | None:
        return None


class Desktop:
    """desktop-notifier on its own event loop thread; buttons answer through a queue."""

    desktop = True
    buttons = True

    def __init__(self, notifier: Any, wake: Callable[[], None] = lambda: None) -> None:
        self._notifier = notifier
        self._wake = wake
        self._answers: queue.SimpleQueue[Answer] = queue.SimpleQueue()
        self._current: str | None = None
        # asyncio is imported only here: a terminal-only reminder stays ~3 MB smaller without it.
        import asyncio

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="upback-notify", daemon=True
        )
        self._thread.start()

    def _run(self, coroutine: Any) -> Any:
        import asyncio

        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=WAIT)

    def _press(self, answer: Answer) -> Callable[[], None]:
        def pressed() -> None:
            self._answers.put(answer)
            self._wake()

        return pressed

    async def _capable(self) -> bool:
        # The dummy backend (an unsupported platform, macOS outside an app bundle) has none.
        return bool(await self._notifier.get_capabilities())

    def usable(self) -> bool:
        try:
            return bool(self._run(self._capable()))
        except Exception:
            return False

    async def _send(self, title: str, message: str) -> bool:
        from desktop_notifier import Button, Urgency

        buttons = [Button(title=label, on_pressed=self._press(answer)) for label, answer in BUTTONS]
        identifier = await self._notifier.send(
            title=title, message=message, urgency=Urgency.Normal, buttons=buttons
        )
        # send() logs rather than raises when delivery fails; only a delivered one is listed.
        if identifier in await self._notifier.get_current_notifications():
            self._current = identifier
            return True
        return False

    def show(self, title: str, message: str) -> bool:
        self.withdraw()
        try:
            return bool(self._run(self._send(title, message)))
        except Exception:
            return False

    def withdraw(self) -> None:
        current, self._current = self._current, None
        # Already gone, or the service went away: either way there is nothing to take back.
        if current is not None:
            with contextlib.suppress(Exception):
                self._run(self._notifier.clear(current))

    def answer(self) -> Answer | None:
        try:
            return self._answers.get_nowait()
        except queue.Empty:
            return None

    def close(self) -> None:
        self.withdraw()
        self._loop.call_soon_threadsafe(self._loop.stop)


def open_notifier(
    *,
    no_desktop: bool = False,
    wake: Callable[[], None] = lambda: None,
    system: str | None = None,
    env: Mapping[str, str] | None = None,
    factory: Callable[[], Any] | None = None,
) -> Desktop | Banner | TerminalOnly:
    """The best way to reach the person here, saying why when it is the terminal only."""
    system = system or platform.system()
    if no_desktop:
        return TerminalOnly("--no-desktop")
    if not desktop_session(system, env):
        return TerminalOnly("no desktop session")
    try:
        if factory is None:
            from desktop_notifier import DesktopNotifier

            factory = lambda: DesktopNotifier(app_name=APP_NAME)  # noqa: E731
        desktop = Desktop(factory(), wake)
    except Exception:
        desktop = None
    if desktop is not None and desktop.usable():
        return desktop
    if desktop is not None:
        desktop.close()
    if system == "Darwin" and shutil.which("osascript"):
        return Banner()
    return TerminalOnly("no notification service answered")
