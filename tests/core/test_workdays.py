"""Working-day arithmetic on the 2026 Indonesian calendar, with expected dates worked out by hand."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.clock import FixedClock
from bot.core.workdays import (
    WIB,
    WIT,
    WITA,
    WorkCalendar,
    build_calendar,
    calendar_from_env,
    calendar_warnings,
    parse_dates,
)
from tests.harness import ChatHarness

JKT = ZoneInfo(WIB)


def wib(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """Return a WIB wall-clock moment."""
    return datetime(y, m, d, hh, mm, tzinfo=JKT)


def end_of(d: date, tz: str = WIB) -> datetime:
    """Return 23:59:59.999999 local on d, in UTC, the shape every deadline has."""
    return datetime.combine(d, time.max, tzinfo=ZoneInfo(tz)).astimezone(UTC)


@pytest.fixture
def cal() -> WorkCalendar:
    """Return the default calendar: national holidays plus the package's cuti bersama."""
    return WorkCalendar()


# Weekdays off in 2026 according to holidays 0.109, typed by hand from the SKB 3 Menteri 2026 so that
# a package upgrade that moves a date shows up here. Weekend holidays (Idul Fitri 21-22 Mar, Easter
# 5 Apr, Waisak 31 May) are left out because weekends are off anyway.
NATIONAL_2026 = {
    date(2026, 1, 1),  # Thu, Tahun Baru Masehi
    date(2026, 1, 16),  # Fri, Isra Mikraj
    date(2026, 2, 17),  # Tue, Tahun Baru Imlek
    date(2026, 3, 19),  # Thu, Nyepi
    date(2026, 4, 3),  # Fri, Wafat Yesus Kristus (Good Friday)
    date(2026, 5, 1),  # Fri, Hari Buruh
    date(2026, 5, 14),  # Thu, Kenaikan Yesus Kristus
    date(2026, 5, 27),  # Wed, Idul Adha
    date(2026, 6, 1),  # Mon, Hari Lahir Pancasila
    date(2026, 6, 16),  # Tue, Tahun Baru Islam
    date(2026, 8, 17),  # Mon, Hari Kemerdekaan
    date(2026, 8, 25),  # Tue, Maulid Nabi
    date(2026, 12, 25),  # Fri, Natal
}
CUTI_BERSAMA_2026 = {
    date(2026, 2, 16),  # Mon, Imlek
    date(2026, 3, 18),  # Wed, Nyepi
    date(2026, 3, 20),  # Fri, Idul Fitri (Lebaran is Sat 21 + Sun 22)
    date(2026, 3, 23),  # Mon, Idul Fitri
    date(2026, 3, 24),  # Tue, Idul Fitri
    date(2026, 5, 15),  # Fri, Kenaikan Yesus Kristus
    date(2026, 5, 28),  # Thu, Idul Adha
    date(2026, 12, 24),  # Thu, Natal
}


def weekdays_off(calendar: WorkCalendar, year: int) -> set[date]:
    """Return every Monday-Friday of `year` that is not a working day."""
    day, off = date(year, 1, 1), set()
    while day.year == year:
        if day.weekday() < 5 and not calendar.is_working_day(day):
            off.add(day)
        day += timedelta(days=1)
    return off


def test_2026_days_off_match_the_skb(cal: WorkCalendar) -> None:
    assert weekdays_off(cal, 2026) == NATIONAL_2026 | CUTI_BERSAMA_2026


def test_package_cuti_bersama_can_be_turned_off() -> None:
    cal = WorkCalendar(package_cuti_bersama=False)
    assert weekdays_off(cal, 2026) == NATIONAL_2026


def test_holiday_names_are_indonesian(cal: WorkCalendar) -> None:
    assert cal.holiday_name(date(2026, 3, 19)) == "Hari Suci Nyepi"
    assert cal.holiday_name(date(2026, 12, 24)) == "Cuti Bersama Hari Raya Natal"
    assert cal.holiday_name(date(2026, 8, 12)) is None


def test_weekends_are_not_working_days(cal: WorkCalendar) -> None:
    assert not cal.is_working_day(date(2026, 8, 8))  # Saturday
    assert not cal.is_working_day(date(2026, 8, 9))  # Sunday
    assert cal.is_working_day(date(2026, 8, 10))  # Monday


def test_holidays_load_lazily_per_year(cal: WorkCalendar) -> None:
    cal.is_working_day(date(2026, 5, 1))
    cal.is_working_day(date(2026, 6, 1))
    assert set(cal._years) == {2026}


def test_is_working_day_rejects_datetimes(cal: WorkCalendar) -> None:
    # A datetime's date depends on the zone, the bug these checks exist to prevent.
    with pytest.raises(TypeError, match="local dates"):
        cal.is_working_day(datetime(2026, 8, 10, 20, tzinfo=UTC))


# --- configured cuti bersama -----------------------------------------------------------------


def test_configured_cuti_bersama_for_a_year_the_package_lacks() -> None:
    # holidays 0.109 has no cuti bersama after 2027. Tue 26 Dec 2028 (after Christmas on Monday) is
    # a plausible SKB day; until the package knows it, it only comes from configuration.
    assert WorkCalendar().is_working_day(date(2028, 12, 26))
    cal = WorkCalendar(cuti_bersama=parse_dates("2028-12-26"))
    assert not cal.is_working_day(date(2028, 12, 26))
    assert cal.holiday_name(date(2028, 12, 26)) == "Cuti bersama (konfigurasi)"


def test_configured_cuti_bersama_moves_a_deadline() -> None:
    # Without the package list, Wed 23 Dec 2026 + 3 HK: Thu 24 (1), Fri 25 is Natal, Mon 28 (2),
    # Tue 29 (3). Configuring 24 Dec as cuti bersama pushes it to Wed 30.
    start = wib(2026, 12, 23, 10)
    bare = WorkCalendar(package_cuti_bersama=False)
    assert bare.add_working_days(start, 3) == end_of(date(2026, 12, 29))
    configured = WorkCalendar(cuti_bersama=[date(2026, 12, 24)], package_cuti_bersama=False)
    assert configured.add_working_days(start, 3) == end_of(date(2026, 12, 30))


def test_extra_holidays_are_days_off() -> None:
    # e.g. a regional holiday or an election day (Pilkada) declared a day off.
    cal = WorkCalendar(extra_holidays=[date(2026, 8, 12)])
    assert not cal.is_working_day(date(2026, 8, 12))
    assert cal.holiday_name(date(2026, 8, 12)) == "Hari libur (konfigurasi)"


def test_calendar_rejects_bad_configuration() -> None:
    with pytest.raises(ValueError, match="workdays"):
        WorkCalendar(workdays=())
    with pytest.raises(ValueError, match="workdays"):
        WorkCalendar(workdays=(0, 7))
    with pytest.raises(TypeError, match="cuti_bersama"):
        WorkCalendar(cuti_bersama=["2026-12-24"])  # type: ignore[list-item]


# --- add_working_days ------------------------------------------------------------------------


def test_friday_evening_is_due_end_of_wednesday(cal: WorkCalendar) -> None:
    # Fri 7 Aug 2026 19:00 WIB, 3 HK: the start day never counts, Mon 10 / Tue 11 / Wed 12 are 1-3.
    assert cal.add_working_days(wib(2026, 8, 7, 19), 3) == end_of(date(2026, 8, 12))
    assert cal.add_working_days(wib(2026, 8, 7, 19), 3) == datetime(2026, 8, 12, 16, 59, 59, 999999, UTC)


def test_saturday_counts_from_monday(cal: WorkCalendar) -> None:
    # Sat 8 Aug 2026: Monday is day 1, so the deadline equals the Friday-evening one.
    assert cal.add_working_days(wib(2026, 8, 8, 9), 3) == end_of(date(2026, 8, 12))
    assert cal.add_working_days(wib(2026, 8, 9, 23, 59), 1) == end_of(date(2026, 8, 10))


def test_long_weekend_with_independence_day(cal: WorkCalendar) -> None:
    # Fri 14 Aug 2026 evening, 3 HK: Mon 17 Aug is Hari Kemerdekaan, so Tue 18 / Wed 19 / Thu 20.
    assert cal.add_working_days(wib(2026, 8, 14, 20), 3) == end_of(date(2026, 8, 20))


def test_lebaran_and_nyepi_week(cal: WorkCalendar) -> None:
    # Tue 17 Mar 2026, 3 HK. Off: Wed 18 (cuti Nyepi), Thu 19 (Nyepi), Fri 20 (cuti Lebaran),
    # Sat 21-Sun 22 (Idul Fitri), Mon 23-Tue 24 (cuti Lebaran). Working: Wed 25, Thu 26, Fri 27.
    assert cal.add_working_days(wib(2026, 3, 17, 10), 3) == end_of(date(2026, 3, 27))
    # Only national holidays: Wed 18 (1), Fri 20 (2), Mon 23 (3).
    bare = WorkCalendar(package_cuti_bersama=False)
    assert bare.add_working_days(wib(2026, 3, 17, 10), 3) == end_of(date(2026, 3, 23))


def test_across_new_year(cal: WorkCalendar) -> None:
    # Wed 30 Dec 2026, 3 HK: Thu 31 (1), Fri 1 Jan 2027 is Tahun Baru, Mon 4 (2), Tue 5 Jan 2027
    # is Isra Mikraj (a holiday of the next year, loaded on demand), Wed 6 (3).
    assert cal.add_working_days(wib(2026, 12, 30, 9), 3) == end_of(date(2027, 1, 6))


def test_fractional_and_zero_budgets(cal: WorkCalendar) -> None:
    # Half a working day after Friday evening is Monday noon (working days count 24 h each).
    assert cal.add_working_days(wib(2026, 8, 7, 19), 0.5) == wib(2026, 8, 10, 12).astimezone(UTC)
    # Zero days: due by the end of the start day itself.
    assert cal.add_working_days(wib(2026, 8, 7, 19), 0) == end_of(date(2026, 8, 7))
    with pytest.raises(ValueError, match="negative"):
        cal.add_working_days(wib(2026, 8, 7, 19), -1)


def test_results_are_utc(cal: WorkCalendar) -> None:
    due = cal.add_working_days(wib(2026, 8, 7, 19), 3)
    assert due.utcoffset() == timedelta(0)


def test_naive_datetimes_are_rejected(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        cal.add_working_days(datetime(2026, 8, 7, 19), 3)
    with pytest.raises(ValueError, match="timezone-aware"):
        cal.working_days_between(datetime(2026, 8, 7), wib(2026, 8, 8))


# --- time zones ------------------------------------------------------------------------------


def test_the_local_date_decides_not_the_utc_date(cal: WorkCalendar) -> None:
    # 2026-08-10 23:30 UTC is Tue 11 Aug 06:30 WIB. The start day is Tuesday, so 3 HK ends on
    # Fri 14; counting from the UTC date (Monday) would wrongly give Thu 13.
    start = datetime(2026, 8, 10, 23, 30, tzinfo=UTC)
    assert cal.add_working_days(start, 3, WIB) == end_of(date(2026, 8, 14))


def test_2330_wib_stays_on_its_wib_date(cal: WorkCalendar) -> None:
    # Sun 9 Aug 23:30 WIB = 16:30 UTC Sunday = Mon 10 Aug 00:30 WITA = 01:30 WIT.
    start = wib(2026, 8, 9, 23, 30)
    # WIB: start day Sunday, so Mon 10 / Tue 11 / Wed 12, due 23:59:59 WIB = 16:59:59 UTC.
    assert cal.add_working_days(start, 3, WIB) == datetime(2026, 8, 12, 16, 59, 59, 999999, UTC)
    # WITA and WIT offices: already Monday there, so Tue 11 / Wed 12 / Thu 13 in their zone.
    assert cal.add_working_days(start, 3, WITA) == datetime(2026, 8, 13, 15, 59, 59, 999999, UTC)
    assert cal.add_working_days(start, 3, WIT) == datetime(2026, 8, 13, 14, 59, 59, 999999, UTC)


def test_zone_abbreviations_and_unknown_zones(cal: WorkCalendar) -> None:
    start = wib(2026, 8, 9, 23, 30)
    assert cal.add_working_days(start, 3, "WIT") == cal.add_working_days(start, 3, WIT)
    assert cal.add_working_days(start, 3, "wita") == cal.add_working_days(start, 3, WITA)
    with pytest.raises(ValueError, match="unknown time zone 'Asia/Bandung'"):
        cal.add_working_days(start, 3, "Asia/Bandung")


# --- fractions and elapsed working time ------------------------------------------------------


def test_eighty_percent_moment(cal: WorkCalendar) -> None:
    # Fri 7 Aug 19:00, 3 HK: 80% = 2.4 working days = Mon + Tue + 0.4 x 24 h = Wed 12 Aug 09:36 WIB.
    remind = cal.at_fraction(wib(2026, 8, 7, 19), 3, 0.8)
    assert remind == wib(2026, 8, 12, 9, 36).astimezone(UTC)
    assert remind == datetime(2026, 8, 12, 2, 36, tzinfo=UTC)


def test_eighty_percent_skips_holidays(cal: WorkCalendar) -> None:
    # Tue 17 Mar 2026, 3 HK: working days are Wed 25, Thu 26, Fri 27, so 2.4 HK is Fri 27 09:36 WIB.
    assert cal.at_fraction(wib(2026, 3, 17, 10), 3, 0.8) == wib(2026, 3, 27, 9, 36).astimezone(UTC)


def test_whole_fraction_equals_the_deadline(cal: WorkCalendar) -> None:
    start = wib(2026, 8, 14, 20)
    assert cal.at_fraction(start, 5, 1.0) == cal.add_working_days(start, 5)
    # 80% of 5 HK is exactly 4 whole days. Mon 17 Aug is Hari Kemerdekaan, so Tue 18 (1), Wed 19 (2),
    # Thu 20 (3), Fri 21 (4): the reminder is the end of Friday, the deadline the end of Mon 24.
    assert cal.at_fraction(start, 5, 0.8) == end_of(date(2026, 8, 21))
    assert cal.add_working_days(start, 5) == end_of(date(2026, 8, 24))
    assert cal.at_fraction(start, 5, 0) == cal.budget_start(start)


def test_budget_start_is_midnight_after_the_local_start_day(cal: WorkCalendar) -> None:
    assert cal.budget_start(wib(2026, 8, 7, 19)) == wib(2026, 8, 8).astimezone(UTC)
    assert cal.budget_start(datetime(2026, 8, 10, 23, 30, tzinfo=UTC)) == wib(2026, 8, 12).astimezone(UTC)


def test_working_days_between_counts_only_working_days(cal: WorkCalendar) -> None:
    # Fri 19:00 -> Mon 12:00: 5 h of Friday + 12 h of Monday; the weekend counts zero.
    assert cal.working_days_between(wib(2026, 8, 7, 19), wib(2026, 8, 10, 12)) == pytest.approx(17 / 24)
    # Fri 14 Aug -> Tue 18 Aug, both midnight: only Friday counts (Mon 17 is Independence Day).
    assert cal.working_days_between(wib(2026, 8, 14), wib(2026, 8, 18)) == pytest.approx(1.0)
    # Whole Lebaran/Nyepi stretch Wed 18 -> Wed 25 Mar 2026 is zero working time.
    assert cal.working_days_between(wib(2026, 3, 18), wib(2026, 3, 25)) == 0
    assert cal.working_days_between(wib(2026, 8, 10, 12), wib(2026, 8, 7, 19)) == pytest.approx(-17 / 24)


def test_working_days_between_inverts_at_fraction(cal: WorkCalendar) -> None:
    start = wib(2026, 3, 17, 10)
    for fraction in (0.1, 0.5, 0.8):
        moment = cal.at_fraction(start, 3, fraction)
        elapsed = cal.working_days_between(cal.budget_start(start), moment)
        assert elapsed == pytest.approx(3 * fraction)


def test_working_days_between_in_another_zone(cal: WorkCalendar) -> None:
    # Mon 10 Aug 00:00-09:00 UTC is 07:00-16:00 WIB but 09:00-18:00 WIT: 9 h either way.
    a, b = datetime(2026, 8, 10, 0, tzinfo=UTC), datetime(2026, 8, 10, 9, tzinfo=UTC)
    assert cal.working_days_between(a, b, WIT) == pytest.approx(9 / 24)
    # Sun 9 Aug 20:00 UTC -> Mon 03:00 UTC: in WIB that is Mon 03:00-10:00 (7 h of Monday); in UTC
    # terms it would include 4 h of Sunday, which must not count.
    a, b = datetime(2026, 8, 9, 20, tzinfo=UTC), datetime(2026, 8, 10, 3, tzinfo=UTC)
    assert cal.working_days_between(a, b, WIB) == pytest.approx(7 / 24)


# --- next_local_time -------------------------------------------------------------------------


def test_next_local_time_same_day_and_next_day(cal: WorkCalendar) -> None:
    assert cal.next_local_time(wib(2026, 8, 7, 6), 7, 0) == datetime(2026, 8, 7, 0, 0, tzinfo=UTC)
    # Exactly at 07:00 the next digest is tomorrow's, so a job that wakes on time does not repeat.
    assert cal.next_local_time(wib(2026, 8, 7, 7), 7, 0) == wib(2026, 8, 8, 7).astimezone(UTC)
    assert cal.next_local_time(wib(2026, 8, 7, 7, 1), 7, 0) == wib(2026, 8, 8, 7).astimezone(UTC)


def test_next_local_time_in_wit(cal: WorkCalendar) -> None:
    # 23:30 UTC on 6 Aug is already 08:30 WIT on 7 Aug, so 08:00 WIT next comes on 8 Aug.
    now = datetime(2026, 8, 6, 23, 30, tzinfo=UTC)
    assert cal.next_local_time(now, 8, 0, WIT) == datetime(2026, 8, 7, 23, 0, tzinfo=UTC)


def test_next_local_time_on_working_days_only(cal: WorkCalendar) -> None:
    # Friday 08:00 -> skip the weekend and Mon 17 Aug (Hari Kemerdekaan) -> Tue 18 Aug 07:00.
    now = wib(2026, 8, 14, 8)
    assert cal.next_local_time(now, 7, 0, working_days_only=True) == wib(2026, 8, 18, 7).astimezone(UTC)
    assert cal.next_local_time(now, 7, 0) == wib(2026, 8, 15, 7).astimezone(UTC)


def test_next_local_time_rejects_bad_times(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="invalid local time 24:00"):
        cal.next_local_time(wib(2026, 8, 7), 24, 0)


# --- parse_dates -----------------------------------------------------------------------------


def test_parse_dates_lists_and_ranges() -> None:
    assert parse_dates("2026-12-24,2026-12-26") == [date(2026, 12, 24), date(2026, 12, 26)]
    # Whitespace, semicolons, duplicates and ranges are accepted; the result is sorted and unique.
    assert parse_dates(" 2026-12-24 ;2026-03-20..2026-03-22\n2026-12-24 ") == [
        date(2026, 3, 20),
        date(2026, 3, 21),
        date(2026, 3, 22),
        date(2026, 12, 24),
    ]
    assert parse_dates("") == []
    assert parse_dates("  ") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-12-24,24/12/2026", r"date item #2 '24/12/2026': expected YYYY-MM-DD, e\.g\. 2026-12-24"),
        ("2026-02-30", r"date item #1 '2026-02-30': not a real calendar date"),
        ("2026-13-01", r"date item #1 '2026-13-01': not a real calendar date"),
        ("2026-3-20", r"date item #1 '2026-3-20': expected YYYY-MM-DD"),
        ("2026-03-24..2026-03-20", r"date item #1 '2026-03-24\.\.2026-03-20': range ends before it starts"),
        ("2026-03-20..", r"date item #1 '2026-03-20\.\.': expected YYYY-MM-DD"),
    ],
)
def test_parse_dates_errors_name_the_bad_item(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_dates(text)


# --- the configured calendar: LAPORBOT_CUTI_BERSAMA / _EXTRA_HOLIDAYS / _NOT_HOLIDAYS, and its gaps ---


def test_not_holidays_cancel_a_listed_day_but_not_a_weekend() -> None:
    cal = WorkCalendar(not_holidays=[date(2026, 12, 24), date(2026, 12, 26)])
    assert cal.is_working_day(date(2026, 12, 24))  # the package's cuti bersama, cancelled
    assert not cal.is_working_day(date(2026, 12, 26))  # a Saturday stays a Saturday
    assert not cal.is_working_day(date(2026, 12, 25))


def test_calendar_from_env_reads_the_three_variables() -> None:
    cal = calendar_from_env({"LAPORBOT_CUTI_BERSAMA": "2028-12-26", "LAPORBOT_EXTRA_HOLIDAYS": "2026-08-12",
                             "LAPORBOT_NOT_HOLIDAYS": "2026-12-24"})
    assert not cal.is_working_day(date(2028, 12, 26)) and not cal.is_working_day(date(2026, 8, 12))
    assert cal.is_working_day(date(2026, 12, 24))
    assert calendar_from_env({}) is calendar_from_env({"LAPORBOT_CUTI_BERSAMA": " "})  # built once per config
    with pytest.raises(ValueError, match="LAPORBOT_NOT_HOLIDAYS: date item #1"):
        calendar_from_env({"LAPORBOT_NOT_HOLIDAYS": "24-12-2026"})


def test_warning_when_estimates_lie_ahead() -> None:
    # holidays 0.109: Idul Fitri 2027 and Idul Adha 2027 are still its own estimates
    (warning,) = calendar_warnings(build_calendar(), date(2026, 12, 2))
    assert "3 holiday(s) in the coming 12 months are estimates" in warning
    assert "2027-03-10 Hari Raya Idul Fitri (perkiraan)" in warning and "2027-05-17" in warning
    # an operator who checked the SKB confirms the dates: the warning goes
    confirmed = calendar_from_env({"LAPORBOT_EXTRA_HOLIDAYS": "2027-03-10,2027-03-11,2027-05-17"})
    assert calendar_warnings(confirmed, date(2026, 12, 2)) == []
    # a moved estimate: cancel the computed day, add the real one (dates here are only an example)
    moved = calendar_from_env({"LAPORBOT_NOT_HOLIDAYS": "2027-03-10,2027-03-11,2027-05-17",
                               "LAPORBOT_EXTRA_HOLIDAYS": "2027-03-11,2027-03-12,2027-05-16"})
    assert moved.is_working_day(date(2027, 3, 10)) and calendar_warnings(moved, date(2026, 12, 2)) == []


def test_warning_when_no_cuti_bersama_is_known() -> None:
    # From 26 December 2027 the package knows no cuti bersama for the coming 12 months.
    warnings = calendar_warnings(build_calendar(), date(2027, 12, 26))
    assert warnings[0].startswith("no cuti bersama known from 2027-12-26 to 2028-12-25")
    assert "LAPORBOT_CUTI_BERSAMA" in warnings[0]
    assert "estimates" in warnings[1]  # and 2028's Islamic, Chinese and Buddhist holidays are computed
    configured = calendar_from_env({"LAPORBOT_CUTI_BERSAMA": "2028-12-22"})  # an example date, not the SKB
    assert not any("cuti bersama" in w for w in calendar_warnings(configured, date(2027, 12, 26)))
    # with nothing to warn about a year earlier
    assert not any("cuti bersama" in w for w in calendar_warnings(build_calendar(), date(2026, 12, 2)))


def test_config_check_prints_the_calendar_warning(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli.ops import calendar_check
    from bot.settings import Settings

    settings = Settings.from_env({})
    assert calendar_check(settings, today=date(2027, 12, 26)) == []
    out = capsys.readouterr().out
    assert "warning: no cuti bersama known from 2027-12-26" in out
    bad = Settings.from_env({"LAPORBOT_EXTRA_HOLIDAYS": "2027-02-30"})
    assert calendar_check(bad, today=date(2026, 12, 2)) == [
        "LAPORBOT_EXTRA_HOLIDAYS: date item #1 '2027-02-30': not a real calendar date (day is out of range for month)"]


async def test_an_extra_holiday_moves_admin_sla_metrics_and_autoclose_alike(
    harness: ChatHarness, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """One configured holiday: the admin SLA deadline, laporbot_sla_breaches and survey autoclose all move."""
    from functools import partial
    from types import SimpleNamespace

    from bot.admin.sla import AdminSettings
    from bot.app import section_of
    from bot.cli import main
    from bot.ops.metrics import DatabaseStats
    from bot.settings import Settings
    from bot.wiring import read_sections
    from tests.surveys.test_survey_transcripts import resolve

    await resolve(harness, "warga", "Jalan berlubang")  # responded now: the 10-working-day autoclose clock runs
    asked = harness.clock.now()
    due = build_calendar().add_working_days(asked, 10, WIB)
    holiday = build_calendar().next_working_day(asked.astimezone(JKT).date())
    just_late = due + timedelta(minutes=1)
    configured = {"LAPORBOT_EXTRA_HOLIDAYS": holiday.isoformat()}

    def settings(env: dict[str, str]) -> Settings:
        return Settings.from_env({"DATABASE_URL": harness.db.url, **env})

    # 1. the admin SLA clocks
    assert AdminSettings.from_env({}).calendar.add_working_days(asked, 10, WIB) == due
    admin_due = AdminSettings.from_env(configured).calendar.add_working_days(asked, 10, WIB)
    assert admin_due > just_late

    # 2. the metric
    async def breaches(env: dict[str, str]) -> float:
        read = settings(env)
        stats = DatabaseStats(SimpleNamespace(db=harness.db, clock=FixedClock(just_late),  # type: ignore[arg-type]
                                              settings=read, section=partial(section_of, read_sections(read))))
        await stats.refresh()
        family = next(f for f in stats.collect() if f.name == "laporbot_sla_breaches")
        return next(s.value for s in family.samples if s.labels == {"clock": "autoclose"})

    assert await breaches(configured) == 0
    assert await breaches({}) == 1

    # 3. `laporbot survey autoclose`
    monkeypatch.setattr("bot.core.clock.SystemClock.now", lambda self: just_late)
    monkeypatch.setenv("DATABASE_URL", harness.db.url)
    for name, value in configured.items():
        monkeypatch.setenv(name, value)
    assert await asyncio.to_thread(main, ["survey", "autoclose"]) == 0
    assert "0 laporan ditutup otomatis." in capsys.readouterr().out
    monkeypatch.delenv("LAPORBOT_EXTRA_HOLIDAYS")
    assert await asyncio.to_thread(main, ["survey", "autoclose"]) == 0
    assert "1 laporan ditutup otomatis." in capsys.readouterr().out
