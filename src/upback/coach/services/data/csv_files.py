"""The spreadsheet side of the export: one CSV per table, times on the person's own clock."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A spreadsheet cell; text that a spreadsheet would run as a formula is kept as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    # A byte-order mark so spreadsheets read accents and other non-ASCII letters correctly.
    return out.getvalue().encode("utf-8-sig")


def _joined(values: Any) -> str:
    return "; ".join(str(v) for v in values) if isinstance(values, list) else ""


Row = Mapping[str, Any]
Column = tuple[str, Callable[[Row], Any]]


def _relief(session: Row) -> Any:
    after = session["pain_after"]
    return session["pain_before"] - after if after is not None else None


def _changes(plan: Row) -> str:
    return "; ".join(
        ": ".join(str(c[k]) for k in ("slug", "reason") if c.get(k)) for c in plan["changes"]
    )


def _items_per_week(plan: Row) -> int:
    return sum(len(day.get("items", [])) for day in plan["data"].get("days", []))


def _psfs(n: int, key: str) -> Callable[[Row], Any]:
    return lambda r: r["psfs"][n].get(key) if n < len(r["psfs"]) else None


def _answered(value: str) -> Callable[[Row], str]:
    return lambda s: _joined([k for k, v in s["answers"].items() if v == value])


def _words(key: str) -> Callable[[Row], str]:
    return lambda r: str(r[key]).replace("_", " ")


def _csv_files(document: Row, zone: ZoneInfo) -> dict[str, bytes]:
    """The spreadsheet view of the document: one file per table, times on the person's clock."""

    def local(key: str) -> Callable[[Row], str]:
        def read(row: Row) -> str:
            stamp = row[key]
            if not stamp:
                return ""
            moment = dt.datetime.fromisoformat(stamp).astimezone(zone)
            return moment.strftime("%Y-%m-%d %H:%M:%S")

        return read

    def key(name: str) -> Callable[[Row], Any]:
        return lambda row: row[name]

    seen = local("confirmed_at")

    checkins: list[Column] = [
        ("date", key("local_date")),
        ("pain", key("pain")),
        ("stiffness", key("stiffness")),
        ("sleep_quality", key("sleep_quality")),
        ("stress", key("stress")),
        ("note", key("note")),
        ("recorded", local("created_at")),
    ]
    sessions: list[Column] = [
        ("session", key("number")),
        ("date", key("local_date")),
        ("day", key("day")),
        ("plan_version", key("plan_version")),
        ("started", local("started_at")),
        ("finished", local("finished_at")),
        ("pain_before", key("pain_before")),
        ("pain_after", key("pain_after")),
        ("relief", _relief),
        ("next_morning_pain", key("next_morning_pain")),
        ("stopped_for_symptoms", key("stopped_for_symptoms")),
        ("items_done", lambda s: sum(1 for i in s["items"] if i["status"] == "done")),
        ("items_total", lambda s: len(s["items"])),
        ("source", key("source")),
    ]
    items: list[Column] = [
        ("session", key("number")),
        ("date", key("local_date")),
        ("order", lambda i: i["order"] + 1),
        ("slug", key("slug")),
        ("name", key("name")),
        ("dose", lambda i: i["dose"].get("text")),
        ("status", key("status")),
        ("completed", local("completed_at")),
        ("feeling", _words("feeling")),
        ("pain_during", key("pain_during")),
    ]
    screenings: list[Column] = [
        ("taken", local("created_at")),
        ("result", _words("disposition")),
        ("rules", lambda s: _joined(s["rules"])),
        ("answered_yes", _answered("yes")),
        ("answered_not_sure", _answered("not_sure")),
        ("age", key("age")),
        ("sex", key("sex")),
        ("clinician_seen", lambda s: seen(s["clearance"]) if s["clearance"] else ""),
        ("source", key("source")),
    ]
    plans: list[Column] = [
        ("version", key("version")),
        ("created", local("created_at")),
        ("reason", key("reason")),
        ("gentle_only", key("gentle_only")),
        ("minutes_per_day", lambda p: p["data"].get("minutes_per_day")),
        ("items_per_week", _items_per_week),
        ("rules", lambda p: _joined(p["rules"])),
        ("changes", _changes),
    ]
    reviews: list[Column] = [
        ("date", key("local_date")),
        ("baseline_pain", key("baseline")),
        ("current_pain", key("current")),
        ("verdict", _words("verdict")),
        ("adherence", key("adherence")),
        ("global_impression", key("pgic")),
        *[(f"{k}_{n + 1}", _psfs(n, k)) for n in range(3) for k in ("activity", "score")],
        ("plan_version", key("plan_version")),
    ]
    breaks: list[Column] = [
        ("date", key("local_date")),
        ("time", local("at")),
        ("outcome", key("outcome")),
        ("kind", key("kind")),
        ("how", lambda b: "time away" if b["trigger"] == "idle" else "reminder"),
        ("where", lambda b: "terminal" if b["channel"] == "cli" else "browser"),
        ("routine", _words("routine")),
    ]
    habits: list[Column] = [
        ("month_start", key("started_on")),
        ("month_end", key("ends_on")),
        ("habit", key("name")),
        ("own_habit", key("own")),
        ("days_kept", key("days_kept")),
        ("dates_kept", key("dates_kept")),
    ]
    habit_rows = [
        {
            "started_on": month["started_on"],
            "ends_on": month["ends_on"],
            "name": habit["name"],
            "own": habit["own"],
            "days_kept": len(
                kept := [c["local_date"] for c in month["checks"] if c["habit"] == habit["slug"]]
            ),
            "dates_kept": _joined(kept),
        }
        for month in document.get("habit_months", [])
        for habit in month["habits"]
    ]
    numbered = [{**s, "number": n} for n, s in enumerate(document["sessions"], start=1)]
    session_items = [
        {**i, "number": s["number"], "local_date": s["local_date"]}
        for s in numbered
        for i in s["items"]
    ]
    tables: dict[str, tuple[list[Column], Iterable[Row]]] = {
        "checkins.csv": (checkins, document["checkins"]),
        "sessions.csv": (sessions, numbered),
        "session_items.csv": (items, session_items),
        "screenings.csv": (screenings, document["screenings"]),
        "plans.csv": (plans, document["plans"]),
        "reviews.csv": (reviews, document["reviews"]),
        "breaks.csv": (breaks, document.get("breaks", [])),
        "habits.csv": (habits, habit_rows),
    }
    return {
        name: _csv([h for h, _ in columns], ([get(r) for _, get in columns] for r in rows))
        for name, (columns, rows) in tables.items()
    }
