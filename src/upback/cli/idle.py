"""How long the person has been away from the keyboard, where the computer will say.

`upback remind` counts time away as a break taken (and holds reminders meanwhile), but only
where the platform reports idle time:

- Linux on GNOME (Wayland or X11): Mutter's IdleMonitor over D-Bus, asked with `gdbus`.
- Linux on any other X11 desktop: the `xprintidle` command, when it is installed.
- macOS: `ioreg -c IOHIDSystem` (HIDIdleTime).
- Windows: GetLastInputInfo, through ctypes.

Anywhere else (KDE or sway on Wayland, a server over SSH) idle time is unknown and the timer
simply runs. Every source answers None when a reading fails, rather than raising, so a flaky
desktop never stops the reminder.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

TIMEOUT = 2.0
"""Seconds to wait for an idle-time command before giving up on that reading."""

Run = Callable[[Sequence[str]], str | None]


class IdleSource(Protocol):
    @property
    def name(self) -> str | None:
        """What tells idle time, in words ("GNOME"), or None when nothing does."""

    def seconds(self) -> float | None:
        """Seconds since the last key press or mouse move, or None when unknown right now."""


def run_command(args: Sequence[str]) -> str | None:
    """A command's output, or None when it is missing, fails or takes too long."""
    try:
        done = subprocess.run(
            list(args), capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


@dataclass
class Unknown:
    """No idle time on this platform: reminders come on the timer alone."""

    name: str | None = None

    def seconds(self) -> float | None:
        return None


_GDBUS = (
    "gdbus",
    "call",
    "--session",
    "--dest",
    "org.gnome.Mutter.IdleMonitor",
    "--object-path",
    "/org/gnome/Mutter/IdleMonitor/Core",
    "--method",
    "org.gnome.Mutter.IdleMonitor.GetIdletime",
)


@dataclass
class CommandIdle:
    """Idle time read from a command's output: the first number, times `scale` seconds."""

    name: str
    args: tuple[str, ...]
    scale: float
    pattern: str = r"(\d+)"
    run: Run = run_command

    def seconds(self) -> float | None:
        output = self.run(self.args)
        if output is None:
            return None
        found = re.search(self.pattern, output)
        return int(found.group(1)) * self.scale if found else None


def gnome(run: Run = run_command) -> CommandIdle:
    # gdbus prints "(uint64 12345,)": milliseconds.
    return CommandIdle("GNOME", _GDBUS, 0.001, r"uint64 (\d+)", run)


def xprintidle(run: Run = run_command) -> CommandIdle:
    return CommandIdle("X11 (xprintidle)", ("xprintidle",), 0.001, r"(\d+)", run)


def macos(run: Run = run_command) -> CommandIdle:
    # ioreg lists "HIDIdleTime" = 1234567890 in nanoseconds.
    return CommandIdle(
        "macOS", ("ioreg", "-c", "IOHIDSystem", "-d", "4"), 1e-9, r'"HIDIdleTime" = (\d+)', run
    )


class WindowsIdle:
    name: str | None = "Windows"

    def seconds(self) -> float | None:
        import ctypes

        class LastInput(ctypes.Structure):
            _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

        try:
            info = LastInput()
            info.cbSize = ctypes.sizeof(info)
            user32 = ctypes.windll.user32  # type: ignore[attr-defined]
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            if not user32.GetLastInputInfo(ctypes.byref(info)):
                return None
            # Both are milliseconds since boot, wrapping every 49.7 days.
            return float(((kernel32.GetTickCount() - info.dwTime) & 0xFFFFFFFF) / 1000.0)
        except (AttributeError, OSError):
            return None


def detect(
    *,
    system: str | None = None,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
    run: Run = run_command,
) -> IdleSource:
    """The best idle source here; one that does not answer on the first try is passed over."""
    system = system or platform.system()
    env = os.environ if env is None else env
    candidates: list[IdleSource] = []
    if system == "Windows":
        candidates.append(WindowsIdle())
    elif system == "Darwin" and which("ioreg"):
        candidates.append(macos(run))
    elif system == "Linux":
        graphical = bool(env.get("WAYLAND_DISPLAY") or env.get("DISPLAY"))
        if graphical and env.get("DBUS_SESSION_BUS_ADDRESS") and which("gdbus"):
            candidates.append(gnome(run))
        if env.get("DISPLAY") and which("xprintidle"):
            candidates.append(xprintidle(run))
    for source in candidates:
        if source.seconds() is not None:
            return source
    return Unknown()
