"""Where the live reminder saves each answer and reads the safety state: two ways, one behaviour.

- `DjangoStore` works in this process, through the services and selectors.
- `ChildStore` is for the lean loop process (`remind_lean`), which never imports Django, since
  Django and the ORM are most of a resident reminder's memory. Each of its database calls (a few
  per break, so a few dozen a working day) runs `python -m upback.cli.remind_store` as a
  short-lived child that reads one JSON request on stdin, answers it through the same functions
  as `DjangoStore`, writes one JSON reply and exits, giving its memory back.

Either way a database that cannot answer never stops the reminders: an answer that could not be
saved is said so, and the last safety state read stands (the run started only after a check that
allowed it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, get_args

from rich.console import Console

from upback.cli.remind_parts import Care
from upback.core.breaks import BreakEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NOT_SAVED = (
    "[yellow]This break could not be saved (the database was busy); the reminders carry on.[/]"
)
CHILD_TIMEOUT = 60.0
"""Seconds a child may take (Django start-up plus one query) before it counts as failed."""
_CARES: dict[str, Care] = {state: state for state in get_args(Care)}
PLAIN_GOODBYE = "\nReminders stopped. Run [bold]upback remind[/] to start again."
"""The goodbye when the database cannot say how today went."""


class Store(Protocol):
    def record(self, event: BreakEvent, routine: str) -> None:
        """Save what happened (the event, and the routine's slug or "")."""

    def care(self) -> Care:
        """The safety state now."""

    def goodbye(self) -> str:
        """The last line after the run, with today's and the week's breaks (Rich markup)."""


# --- through Django, in this process -----------------------------------------------------------


def _fresh_connection() -> None:
    """A run lasts days and the database server may drop an idle connection, so let Django
    replace a stale one before each use; never mid-transaction, where it is still in use."""
    from django.db import close_old_connections, connection

    if not connection.in_atomic_block:
        close_old_connections()


def record_break(owner: User, event: BreakEvent, routine: str) -> bool:
    """Save one answer; False when the database could not take it."""
    from django.db import DatabaseError

    from upback.coach.services.breaks import break_record

    _fresh_connection()
    try:
        break_record(
            owner=owner,
            at=event.at,
            outcome=event.kind,
            kind=event.break_kind,
            trigger=event.source,
            channel="cli",
            routine=routine,
        )
    except DatabaseError:
        return False
    return True


def read_care(owner: User) -> Care | None:
    """The safety state from the latest screening; None when the database cannot answer."""
    from django.db import DatabaseError

    from upback.coach.selectors.screenings import care_state_get

    _fresh_connection()
    try:
        state = care_state_get(owner=owner)
    except DatabaseError:
        return None
    return "stopped" if state.stopped else "gentle" if state.gentle_only else "ok"


class DjangoStore:
    def __init__(self, owner: User, first: Care, console: Console) -> None:
        self.owner = owner
        self.last = first
        self.console = console

    def record(self, event: BreakEvent, routine: str) -> None:
        if not record_break(self.owner, event, routine):
            self.console.print(NOT_SAVED)

    def care(self) -> Care:
        self.last = read_care(self.owner) or self.last
        return self.last

    def goodbye(self) -> str:
        from upback.cli.remind_show import goodbye_line

        return goodbye_line(owner=self.owner)


# --- through a short-lived child process -------------------------------------------------------


def answer(request: dict[str, Any]) -> dict[str, Any]:
    """The child's side: one request answered with Django (already set up)."""
    from upback.cli.remind_show import goodbye_line
    from upback.coach.services.accounts import local_user_get_or_create

    owner = local_user_get_or_create(username=request["user"])
    if request["op"] == "record":
        given = request["event"]
        event = BreakEvent(
            at=datetime.fromisoformat(given["at"]),
            kind=given["kind"],
            break_kind=given["break_kind"],
            source=given["source"],
        )
        return {"saved": record_break(owner, event, request["routine"])}
    if request["op"] == "care":
        return {"care": read_care(owner)}
    return {"line": goodbye_line(owner=owner)}


def run_child(request: str) -> str | None:
    """Run one child with `request` on its stdin; its stdout, or None if it failed."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "upback.cli.remind_store"],
            input=request,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class ChildStore:
    def __init__(
        self,
        username: str,
        first: Care,
        console: Console,
        run: Callable[[str], str | None] | None = None,
    ) -> None:
        self.username = username
        self.last = first
        self.console = console
        self.run = run or run_child

    def _ask(self, op: str, **given: Any) -> dict[str, Any]:
        reply = self.run(json.dumps({"op": op, "user": self.username, **given}))
        try:
            answered = json.loads(reply) if reply else {}
        except ValueError:
            return {}
        return answered if isinstance(answered, dict) else {}

    def record(self, event: BreakEvent, routine: str) -> None:
        sent = {
            "at": event.at.isoformat(),
            "kind": event.kind,
            "break_kind": event.break_kind,
            "source": event.source,
        }
        if self._ask("record", event=sent, routine=routine).get("saved") is not True:
            self.console.print(NOT_SAVED)

    def care(self) -> Care:
        state = self._ask("care").get("care")
        if isinstance(state, str):
            self.last = _CARES.get(state, self.last)
        return self.last

    def goodbye(self) -> str:
        line = self._ask("goodbye").get("line")
        return line if isinstance(line, str) else PLAIN_GOODBYE


def main() -> None:
    from upback.cli import db

    db.setup()
    sys.stdout.write(json.dumps(answer(json.loads(sys.stdin.read()))))


if __name__ == "__main__":
    main()
