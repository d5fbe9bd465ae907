"""Every `upback` command: the module that defines it and the one line `upback --help` shows.

`upback --help` lists the commands from this table without importing them, so it starts in a
fraction of the time; a command's module is imported only when that command runs (or shows its
own help). The summaries are the first paragraph of each command's help, and a test checks that
they still match, so the listing is the same as if every module had been imported.
"""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    module: str
    summary: str


# In the order `upback --help` has always listed them: the commands, then the two groups.
COMMANDS: dict[str, Entry] = {
    "backup": Entry(
        "upback.cli.backup_cmd",
        "Save a consistent copy of all upback data to FILE (safe while the server runs).",
    ),
    "restore": Entry(
        "upback.cli.backup_cmd",
        "Restore a backup into this install, which must be empty (stop the server first).",
    ),
    "calendar": Entry(
        "upback.cli.calendar_cmd",
        "Write your routine, strength days, habit reminders and next review as a calendar file.",
    ),
    "check": Entry(
        "upback.cli.check_cmd",
        "Check upback's configuration; with --deploy, whether it is safe to serve on a network.",
    ),
    "export": Entry(
        "upback.cli.data_cmd",
        "Save everything you have recorded in one file, to keep or to import elsewhere.",
    ),
    "import": Entry(
        "upback.cli.data_cmd",
        "Bring back an export into this account (it must have no data yet).",
    ),
    "delete-account": Entry(
        "upback.cli.data_cmd",
        "Delete this account and everything recorded in it, for good.",
    ),
    "handout": Entry(
        "upback.cli.handout_cmd",
        "Your plan as a printable exercise sheet (PDF): one card per exercise, with tick boxes.",
    ),
    "heat-cold": Entry(
        "upback.cli.heat_cmd",
        "Heat or cold for your back? A few questions, then which to use, how long, and how safely.",
    ),
    "library": Entry(
        "upback.cli.library_cmd",
        "List the techniques, show one (upback library SLUG), or check the content.",
    ),
    "log": Entry(
        "upback.cli.log_cmd",
        "Record today's pain (or a past day's). Logging the same day again updates that entry.",
    ),
    "plan": Entry("upback.cli.plan_cmd", "Build your personal 7-day plan."),
    "progress": Entry(
        "upback.cli.progress_cmd",
        "Is it working? Your pain trend, relief, sessions done and what to do next.",
    ),
    "remind": Entry(
        "upback.cli.remind_cmd",
        "Movement-break reminders for the desk: run it and leave it running (Ctrl+C stops).",
    ),
    "report": Entry(
        "upback.cli.report_cmd",
        "A PDF report for your physio: pain, relief, sessions, safety checks, plan and notes.",
    ),
    "screen": Entry(
        "upback.cli.screen_cmd",
        "Take the safety screen: the warning signs that mean get help before exercising.",
    ),
    "serve": Entry(
        "upback.cli.serve_cmd",
        "Start the web app: apply migrations, gather static files, serve with gunicorn.",
    ),
    "session": Entry(
        "upback.cli.session_cmd",
        "Do today's routine here in the terminal, with timers; saved like a web session.",
    ),
    "sleep": Entry(
        "upback.cli.sleep_cmd",
        "Pillow, towel roll, mattress and habit tips for the way you sleep.",
    ),
    "start": Entry(
        "upback.cli.start_cmd",
        "Start here: the safety check, your profile and your personal plan.",
    ),
    "migrate": Entry("upback.cli.main", "Create or update the database (safe to run any time)."),
    "version": Entry("upback.cli.main", "Print upback's version."),
    "desk": Entry(
        "upback.cli.desk_cmd",
        "Check your workstation, desk numbers from your height, and the text-neck model.",
    ),
    "habit": Entry(
        "upback.cli.habit_cmd",
        "Two habits for a month: pick two, tick them off daily, see your runs and the summary.",
    ),
}
