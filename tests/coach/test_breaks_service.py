"""Movement breaks in the database: recording a break (once, on the person's own date), the
working-hours settings, and the statistics per day and week."""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import time

import pytest
from django.contrib.auth.models import User

from upback.coach.models import Account, BreakRecord
from upback.coach.selectors.breaks import break_settings_get, break_summary, breaks_recorded_on
from upback.coach.services.breaks import break_record, break_settings_save
from upback.core.errors import InputProblem

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 5, 6, 3, 0, tzinfo=dt.UTC)  # Wednesday, 12:00 in Tokyo


def someone(name: str = "aiko", zone: str = "Asia/Tokyo") -> User:
    user = User.objects.create_user(name, password="a calm back 2026")
    Account.objects.create(owner=user, time_zone=zone)
    return user


def test_a_break_with_the_same_client_id_is_stored_once() -> None:
    aiko = someone()
    client_id = uuid.uuid4()
    first = break_record(owner=aiko, at=NOON, outcome="taken", client_id=client_id)
    again = break_record(owner=aiko, at=NOON, outcome="taken", client_id=client_id)
    assert first.pk == again.pk
    assert BreakRecord.objects.count() == 1


def test_without_a_client_id_every_break_counts() -> None:
    aiko = someone()
    break_record(owner=aiko, at=NOON, outcome="taken")
    break_record(owner=aiko, at=NOON, outcome="taken")
    assert breaks_recorded_on(owner=aiko, local_date=dt.date(2026, 5, 6)) == 2


def test_the_same_client_id_from_two_people_is_two_breaks() -> None:
    client_id = uuid.uuid4()
    break_record(owner=someone("aiko"), at=NOON, outcome="taken", client_id=client_id)
    break_record(owner=someone("ben"), at=NOON, outcome="taken", client_id=client_id)
    assert BreakRecord.objects.count() == 2


def test_a_break_counts_on_the_persons_own_date() -> None:
    late_utc = dt.datetime(2026, 5, 6, 23, 30, tzinfo=dt.UTC)
    tokyo = break_record(owner=someone("aiko"), at=late_utc, outcome="taken")
    lisbon = break_record(owner=someone("rui", "Europe/Lisbon"), at=late_utc, outcome="taken")
    assert tokyo.local_date == dt.date(2026, 5, 7)  # 08:30 the next morning in Tokyo
    assert lisbon.local_date == dt.date(2026, 5, 7)  # 00:30 in Lisbon (summer time)
    la = break_record(owner=someone("lou", "America/Los_Angeles"), at=late_utc, outcome="taken")
    assert la.local_date == dt.date(2026, 5, 6)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"outcome": "napped"}, "outcome"),
        ({"kind": "long"}, "kind"),
        ({"trigger": "magic"}, "trigger"),
        ({"channel": "fax"}, "channel"),
        ({"routine": "x" * 61}, "routine"),
        ({"at": dt.datetime(2026, 5, 6, 12, 0)}, "at"),
    ],
)
def test_bad_values_are_refused_naming_the_field(changes: dict[str, object], field: str) -> None:
    values: dict[str, object] = {"at": NOON, "outcome": "taken", **changes}
    with pytest.raises(InputProblem, match=f"^{field}: "):
        break_record(owner=someone(), **values)  # type: ignore[arg-type]
    assert not BreakRecord.objects.exists()


def test_settings_are_kept_in_the_persons_zone_and_read_back() -> None:
    aiko = someone()
    saved = break_settings_save(
        owner=aiko,
        values={"days": ["fri", "mon"], "start": "08:00", "end": "12:30", "interval_minutes": 25},
    )
    assert saved.timezone == "Asia/Tokyo"
    stored = Account.objects.get(owner=aiko).break_settings
    assert stored["days"] == ["mon", "fri"]
    assert "timezone" not in stored
    read = break_settings_get(owner=aiko)
    assert read == saved
    assert (read.start, read.end, read.interval_minutes) == (time(8, 0), time(12, 30), 25)


def test_settings_follow_the_account_when_the_zone_changes() -> None:
    aiko = someone()
    break_settings_save(owner=aiko, values={"interval_minutes": 40})
    Account.objects.filter(owner=aiko).update(time_zone="Europe/Lisbon")
    assert break_settings_get(owner=aiko).timezone == "Europe/Lisbon"


def test_refused_settings_keep_what_was_saved_before() -> None:
    aiko = someone()
    break_settings_save(owner=aiko, values={"interval_minutes": 45})
    with pytest.raises(InputProblem, match=r"^interval_minutes: "):
        break_settings_save(owner=aiko, values={"interval_minutes": 5})
    with pytest.raises(InputProblem, match=r"^end: must be after the start"):
        break_settings_save(owner=aiko, values={"start": "10:00", "end": "09:00"})
    with pytest.raises(InputProblem, match=r"^days: "):
        break_settings_save(owner=aiko, values={"days": []})
    assert break_settings_get(owner=aiko).interval_minutes == 45


def test_without_settings_or_with_broken_ones_the_defaults_apply() -> None:
    aiko = someone()
    defaults = break_settings_get(owner=aiko)
    assert (defaults.start, defaults.end, defaults.interval_minutes) == (time(9), time(17, 30), 30)
    assert defaults.timezone == "Asia/Tokyo"
    Account.objects.filter(owner=aiko).update(break_settings={"interval_minutes": 5, "x": 1})
    assert break_settings_get(owner=aiko) == defaults
    nobody = User.objects.create_user("nobody", password="a calm back 2026")  # no account yet
    assert break_settings_get(owner=nobody).timezone == "UTC"


def test_the_summary_counts_each_day_with_its_planned_breaks() -> None:
    aiko = someone()
    break_settings_save(owner=aiko, values={"start": "09:00", "end": "11:00"})  # 3 a day
    tz = dt.timezone(dt.timedelta(hours=9))
    for day, outcome in [(4, "taken"), (4, "taken"), (4, "snoozed"), (5, "skipped"), (9, "taken")]:
        break_record(owner=aiko, at=dt.datetime(2026, 5, day, 10, tzinfo=tz), outcome=outcome)
    summary = break_summary(owner=aiko, last_day=dt.date(2026, 5, 10))  # Mon 4 .. Sun 10 May
    assert [d.day for d in summary.days] == [dt.date(2026, 5, n) for n in range(4, 11)]
    assert [d.planned for d in summary.days] == [3, 3, 3, 3, 3, 0, 0]
    assert [(d.taken, d.snoozed, d.skipped) for d in summary.days[:2]] == [(2, 1, 0), (0, 0, 1)]
    assert summary.days[5].taken == 1  # a break on Saturday counts, with none planned
    assert (summary.taken, summary.snoozed, summary.skipped, summary.planned) == (3, 1, 1, 15)
    assert summary.share_taken == pytest.approx(3 / 15)


def test_the_summary_is_only_the_persons_own() -> None:
    aiko, ben = someone("aiko"), someone("ben")
    break_record(owner=ben, at=NOON, outcome="taken")
    assert break_summary(owner=aiko, last_day=dt.date(2026, 5, 6)).taken == 0
    assert break_summary(owner=ben, last_day=dt.date(2026, 5, 6)).taken == 1


def test_a_week_without_working_days_has_no_share() -> None:
    aiko = someone()
    break_settings_save(owner=aiko, values={"days": ["sat"]})
    summary = break_summary(owner=aiko, last_day=dt.date(2026, 5, 8), days=5)  # Mon-Fri
    assert summary.planned == 0
    assert summary.share_taken is None
