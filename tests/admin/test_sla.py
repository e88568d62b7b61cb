"""SLA clocks per complaint status on the 2026 calendar, with expected dates worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.deadlines import Deadline, SlaPolicy, classify, deadlines
from bot.core.workdays import WIB, WIT, WorkCalendar

JKT = ZoneInfo(WIB)


def wib(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """Return a WIB wall-clock moment."""
    return datetime(y, m, d, hh, mm, tzinfo=JKT)


def end_of(d: date, tz: str = WIB) -> datetime:
    """Return 23:59:59.999999 local on d, in UTC."""
    return datetime.combine(d, time.max, tzinfo=ZoneInfo(tz)).astimezone(UTC)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    """Return the default calendar (national holidays and cuti bersama)."""
    return WorkCalendar()


def test_submitted_runs_the_3_day_verify_clock(cal: WorkCalendar) -> None:
    # Fri 7 Aug 2026 19:00 WIB: Mon 10 / Tue 11 / Wed 12 are HK 1-3; 80% (2.4 HK) is Wed 09:36.
    got = deadlines("submitted", wib(2026, 8, 7, 19), cal, SlaPolicy())
    assert got == Deadline("verify", end_of(date(2026, 8, 12)), wib(2026, 8, 12, 9, 36).astimezone(UTC))


@pytest.mark.parametrize("status", ["verified", "in_progress"])
def test_verified_and_in_progress_run_the_5_day_followup_clock(cal: WorkCalendar, status: str) -> None:
    # Verified Wed 12 Aug 10:00: Thu 13 (1), Fri 14 (2), Mon 17 is Hari Kemerdekaan, Tue 18 (3),
    # Wed 19 (4), Thu 20 (5). 80% of 5 is exactly 4 HK: the end of Wed 19.
    got = deadlines(status, wib(2026, 8, 12, 10), cal, SlaPolicy())
    assert got == Deadline("followup", end_of(date(2026, 8, 20)), end_of(date(2026, 8, 19)))


def test_responded_runs_the_10_day_autoclose_clock_over_christmas(cal: WorkCalendar) -> None:
    # Follow-up given Thu 10 Dec 2026: Fri 11 (1), 14-18 (2-6), Mon 21 (7), Tue 22 (8), Wed 23 (9),
    # Thu 24 cuti bersama Natal, Fri 25 Natal, Mon 28 (10). 80% = 8 HK: the end of Tue 22.
    got = deadlines("responded", wib(2026, 12, 10, 14), cal, SlaPolicy())
    assert got == Deadline("autoclose", end_of(date(2026, 12, 28)), end_of(date(2026, 12, 22)))


def test_submitted_before_lebaran(cal: WorkCalendar) -> None:
    # Tue 17 Mar 2026: 18-24 Mar are Nyepi, Idul Fitri and their cuti bersama, so HK 1-3 are
    # Wed 25, Thu 26, Fri 27 and the reminder is Fri 27 09:36 WIB.
    got = deadlines("submitted", wib(2026, 3, 17, 10), cal, SlaPolicy())
    assert got is not None
    assert got.due_at == end_of(date(2026, 3, 27))
    assert got.remind_at == wib(2026, 3, 27, 9, 36).astimezone(UTC)


@pytest.mark.parametrize("status", ["draft", "closed", "rejected", "archived", ""])
def test_other_statuses_have_no_clock(cal: WorkCalendar, status: str) -> None:
    assert deadlines(status, wib(2026, 8, 7, 19), cal, SlaPolicy()) is None


def test_policy_is_optional_and_configurable(cal: WorkCalendar) -> None:
    start = wib(2026, 8, 7, 19)
    assert deadlines("submitted", start, cal) == deadlines("submitted", start, cal, SlaPolicy())
    # A 2-HK tier with a 50% reminder: Mon 10 / Tue 11, reminder at the end of Monday.
    got = deadlines("submitted", start, cal, SlaPolicy(verify_days=2, reminder_fraction=0.5))
    assert got == Deadline("verify", end_of(date(2026, 8, 11)), end_of(date(2026, 8, 10)))


def test_office_zone_changes_the_start_day(cal: WorkCalendar) -> None:
    # Sun 9 Aug 23:30 WIB is already Mon 01:30 WIT: a Jayapura office starts counting on Tuesday.
    start = wib(2026, 8, 9, 23, 30)
    in_wib = deadlines("submitted", start, cal, SlaPolicy(), WIB)
    in_wit = deadlines("submitted", start, cal, SlaPolicy(), WIT)
    assert in_wib is not None and in_wit is not None
    assert in_wib.due_at == end_of(date(2026, 8, 12), WIB)
    assert in_wit.due_at == end_of(date(2026, 8, 13), WIT)


@pytest.mark.parametrize(
    "kwargs",
    [{"verify_days": 0}, {"followup_days": -1}, {"reminder_fraction": 0}, {"reminder_fraction": 1.2}],
)
def test_policy_rejects_nonsense(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="SlaPolicy"):
        SlaPolicy(**kwargs)


def test_classify_ok_remind_breached(cal: WorkCalendar) -> None:
    got = deadlines("submitted", wib(2026, 8, 7, 19), cal, SlaPolicy())
    assert got is not None
    tick = timedelta(microseconds=1)
    assert classify(wib(2026, 8, 10, 9), got) == "ok"
    assert classify(got.remind_at - tick, got) == "ok"
    assert classify(got.remind_at, got) == "remind"  # Wed 12 Aug 09:36 WIB
    assert classify(wib(2026, 8, 12, 23, 59), got) == "remind"
    assert classify(got.due_at, got) == "remind"  # the whole due date is still in time
    assert classify(got.due_at + tick, got) == "breached"  # Thu 13 Aug 00:00 WIB
    assert classify(wib(2026, 8, 13, 8), got) == "breached"


def test_classify_rejects_naive_now(cal: WorkCalendar) -> None:
    got = deadlines("submitted", wib(2026, 8, 7, 19), cal, SlaPolicy())
    assert got is not None
    with pytest.raises(ValueError, match="timezone-aware"):
        classify(datetime(2026, 8, 12, 10), got)
