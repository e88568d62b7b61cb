"""Indonesian working days (hari kerja): holidays, cuti bersama and working-day arithmetic for SLAs.

Holiday data comes from the `holidays` package (0.109 checked). For Indonesia it has two categories:

* ``public``: the national holidays (hari libur nasional) from 1946 to 2100. Future Islamic, Chinese
  and Buddhist dates are astronomical estimates ("(perkiraan)") until the package ships the SKB
  dates, so a new SKB can move them by a day.
* ``government``: cuti bersama ("Joint Holiday"), the days off the SKB 3 Menteri / Keppres gives
  civil servants (ASN). 0.109 lists them up to and including 2027 and has nothing from 2028 on.

Agencies answering LAPOR! complaints are staffed by ASN, so both categories are non-working days
by default. The package runs out: from 2028 it has no cuti bersama, and Islamic holidays of the
coming year are estimates until the SKB is out. A deployment fixes its calendar with three settings,
read by `calendar_from_env` and built by `build_calendar` — the one function the admin SLA clocks,
the `laporbot_sla_breaches` metric and survey auto-close all use, so they agree on every day:

* ``LAPORBOT_CUTI_BERSAMA``: cuti bersama the package does not know (a new SKB, a revision);
* ``LAPORBOT_EXTRA_HOLIDAYS``: other days off (a regional holiday, an SKB date that moved an
  estimate, a one-off national day off);
* ``LAPORBOT_NOT_HOLIDAYS``: listed days that are working days after all (an estimate the SKB moved,
  a cancelled cuti bersama). A weekend stays a weekend.

The package's answers for 2020-2040 are cached as data (bot/core/holiday_tables.py), so a process only imports
it for a year outside that span (or to build the cache after an upgrade).

`calendar_warnings` says when the coming 12 months have no cuti bersama or still hold estimates
(`laporbot config check` prints it), so the calendar is fixed before a deadline is off by a day.

The SLA rule, used by every method below:

* A budget of N working days (HK) is counted from the **local date** of the start moment. The start
  day itself never counts, whether it is a working day or not ("H+N").
* The deadline is the end of the Nth working day after the start day, 23:59:59.999999 local time.
  Received Friday 19:00 with 3 HK: Monday, Tuesday and Wednesday are days 1-3, so it is due at the
  end of Wednesday. Received on Saturday: the count also starts on Monday, with the same deadline.
* Working-day time: each working day counts as 24 hours and every other day counts as 0, so
  fractions of a budget (the 80% reminder) fall inside working days, never on a weekend.

"Local" is the office's zone: WIB ``Asia/Jakarta``, WITA ``Asia/Makassar``, WIT ``Asia/Jayapura``.
A complaint sent at 23:30 WIB is still on that WIB date even though UTC is already past midnight
at 16:30; the zone decides which day is the start day. All datetimes in and out are aware; results
are in UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config.reader import Dates, Section, Var
from bot.core.holiday_tables import holiday_table, package_version

WIB = "Asia/Jakarta"
WITA = "Asia/Makassar"
WIT = "Asia/Jayapura"
DEFAULT_TZ = WIB

# Officials and config files say "WIB"; accept the abbreviations as well as IANA names.
TZ_ALIASES = {"WIB": WIB, "WITA": WITA, "WIT": WIT}

ONE_DAY = timedelta(days=1)
# A bound on consecutive days off, so a calendar with no working days fails instead of looping.
_MAX_DAYS_OFF = 366

EXTRA_HOLIDAY_NAME = "Hari libur (konfigurasi)"
CUTI_BERSAMA_NAME = "Cuti bersama (konfigurasi)"
# The package marks dates it computed rather than read from an SKB: "(perkiraan)" in Indonesian.
ESTIMATE_MARKERS = ("(perkiraan)", "(estimated)")
CALENDAR_VARIABLES = {"cuti_bersama": "LAPORBOT_CUTI_BERSAMA", "extra_holidays": "LAPORBOT_EXTRA_HOLIDAYS",
                      "not_holidays": "LAPORBOT_NOT_HOLIDAYS"}


@lru_cache(maxsize=32)
def zone(tz: str) -> ZoneInfo:
    """Resolve an IANA name or WIB/WITA/WIT into a ZoneInfo."""
    name = TZ_ALIASES.get(tz.strip().upper(), tz.strip())
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz!r}; use WIB, WITA, WIT or an IANA name") from exc


def _require_aware(value: datetime, name: str) -> None:
    """Reject naive datetimes: their date is ambiguous across WIB/WITA/WIT and UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got naive {value.isoformat()}")


def _midnight(d: date, tzinfo: ZoneInfo) -> datetime:
    """Return the first moment of local day d."""
    return datetime.combine(d, time.min, tzinfo=tzinfo)


def _end_of_day(d: date, tzinfo: ZoneInfo) -> datetime:
    """Return the last representable moment of local day d, in UTC."""
    return datetime.combine(d, time.max, tzinfo=tzinfo).astimezone(UTC)


class WorkCalendar:
    """Which days are working days, and working-day arithmetic on aware datetimes."""

    def __init__(
        self,
        extra_holidays: Iterable[date] = (),
        cuti_bersama: Iterable[date] = (),
        country: str = "ID",
        workdays: Iterable[int] = (0, 1, 2, 3, 4),
        *,
        package_cuti_bersama: bool = True,
        not_holidays: Iterable[date] = (),
    ) -> None:
        self._workdays = frozenset(workdays)
        if not self._workdays or not self._workdays <= set(range(7)):
            raise ValueError(f"workdays must be a non-empty subset of 0..6 (Monday=0), got {workdays!r}")
        self.country = country
        # Loaded (or built) now, to fail fast on an unknown country code.
        self._table = holiday_table(country)
        supported = self._table.supported_categories
        wanted = ["public"]
        if package_cuti_bersama and "government" in supported:
            wanted.append("government")
        self._categories = tuple(wanted)
        self._configured: dict[date, str] = {}
        for d in extra_holidays:
            self._configured[_as_date(d, "extra_holidays")] = EXTRA_HOLIDAY_NAME
        self._cuti_bersama: set[date] = set()
        for d in cuti_bersama:
            self._configured[_as_date(d, "cuti_bersama")] = CUTI_BERSAMA_NAME
            self._cuti_bersama.add(d)
        self._cancelled = frozenset(_as_date(d, "not_holidays") for d in not_holidays)
        self._years: dict[int, dict[date, str]] = {}

    def _days_off(self, year: int) -> dict[date, str]:
        """Return the holidays of one year (the package's and the configured ones), computed on first use."""
        cached = self._years.get(year)
        if cached is None:
            cached = dict(self._table.days(year, self._categories))
            cached.update({d: name for d, name in self._configured.items() if d.year == year})
            for d in self._cancelled:
                cached.pop(d, None)
            self._years[year] = cached
        return cached

    def _days_off_between(self, first: date, last: date) -> list[tuple[date, str]]:
        """(date, name) of every holiday from first to last inclusive."""
        found = []
        for year in range(first.year, last.year + 1):
            found += [(d, name) for d, name in self._days_off(year).items() if first <= d <= last]
        return sorted(found)

    def cuti_bersama_between(self, first: date, last: date) -> list[date]:
        """Cuti bersama from first to last inclusive: the package's (if used) and configured ones."""
        found = {d for d in self._cuti_bersama if first <= d <= last and d not in self._cancelled}
        if "government" in self._categories:
            for year in range(first.year, last.year + 1):
                package = self._table.days(year, ("government",))
                found.update(d for d in package if first <= d <= last and d not in self._cancelled)
        return sorted(found)

    def estimates_between(self, first: date, last: date) -> list[tuple[date, str]]:
        """Holidays from first to last that the package computed instead of reading an SKB."""
        return [(d, name) for d, name in self._days_off_between(first, last)
                if any(marker in name.lower() for marker in ESTIMATE_MARKERS)]

    def holiday_name(self, d: date) -> str | None:
        """Return why d is a holiday (package or configuration), or None."""
        return self._days_off(_as_date(d, "d").year).get(d)

    def is_working_day(self, d: date) -> bool:
        """Tell whether local date d is a working day."""
        d = _as_date(d, "d")
        return d.weekday() in self._workdays and d not in self._days_off(d.year)

    def next_working_day(self, d: date) -> date:
        """Return the first working day strictly after d."""
        for _ in range(_MAX_DAYS_OFF):
            d += ONE_DAY
            if self.is_working_day(d):
                return d
        raise ValueError(f"no working day within {_MAX_DAYS_OFF} days after {d}; check the calendar")

    def budget_start(self, start: datetime, tz: str = DEFAULT_TZ) -> datetime:
        """Return when an SLA clock started at `start` begins to run: midnight after its local date."""
        _require_aware(start, "start")
        tzinfo = zone(tz)
        return _midnight(start.astimezone(tzinfo).date() + ONE_DAY, tzinfo).astimezone(UTC)

    def _advance(self, start: datetime, amount: timedelta, tz: str) -> datetime:
        """Return the moment `amount` of working-day time has run after the start day."""
        _require_aware(start, "start")
        if amount < timedelta(0):
            raise ValueError(f"working-day amount must not be negative, got {amount / ONE_DAY}")
        tzinfo = zone(tz)
        day = start.astimezone(tzinfo).date()
        if amount == timedelta(0):
            return self.budget_start(start, tz)
        remaining = amount
        while True:
            day = self.next_working_day(day)
            if remaining == ONE_DAY:
                # A whole day ends at 23:59:59.999999, not at the next midnight, so the due
                # moment still carries the due date (what citizens and admins are shown).
                return _end_of_day(day, tzinfo)
            if remaining < ONE_DAY:
                return (_midnight(day, tzinfo) + remaining).astimezone(UTC)
            remaining -= ONE_DAY

    def add_working_days(self, start: datetime, n: float, tz: str = DEFAULT_TZ) -> datetime:
        """Return the deadline N working days after the local date of `start` (end of day, UTC)."""
        if n < 0:
            raise ValueError(f"n must not be negative, got {n}")
        if n == 0:
            # Zero days means "by the end of the start day", the reading closest to "H+0".
            _require_aware(start, "start")
            return _end_of_day(start.astimezone(zone(tz)).date(), zone(tz))
        return self._advance(start, timedelta(days=n), tz)

    def at_fraction(self, start: datetime, n: float, fraction: float, tz: str = DEFAULT_TZ) -> datetime:
        """Return the moment `fraction` of an N-working-day budget started at `start` has elapsed."""
        if n < 0 or fraction < 0:
            raise ValueError(f"n and fraction must not be negative, got n={n}, fraction={fraction}")
        return self._advance(start, timedelta(days=n * fraction), tz)

    def working_days_between(self, a: datetime, b: datetime, tz: str = DEFAULT_TZ) -> float:
        """Return the working-day time from a to b in (fractional) working days; negative if b < a."""
        _require_aware(a, "a")
        _require_aware(b, "b")
        if b < a:
            return -self.working_days_between(b, a, tz)
        tzinfo = zone(tz)
        # Compare in UTC: subtracting aware datetimes that share a tzinfo ignores the offset.
        a_utc, b_utc = a.astimezone(UTC), b.astimezone(UTC)
        total = timedelta(0)
        day = a.astimezone(tzinfo).date()
        last = b.astimezone(tzinfo).date()
        while day <= last:
            if self.is_working_day(day):
                lo = max(a_utc, _midnight(day, tzinfo).astimezone(UTC))
                hi = min(b_utc, _midnight(day + ONE_DAY, tzinfo).astimezone(UTC))
                total += hi - lo
            day += ONE_DAY
        return total / ONE_DAY

    def next_local_time(
        self, now: datetime, hh: int, mm: int, tz: str = DEFAULT_TZ, *, working_days_only: bool = False
    ) -> datetime:
        """Return the next moment strictly after `now` when the local clock reads hh:mm (UTC)."""
        _require_aware(now, "now")
        if not (0 <= hh <= 23 and 0 <= mm <= 59):
            raise ValueError(f"invalid local time {hh:02d}:{mm:02d}")
        tzinfo = zone(tz)
        local_now = now.astimezone(tzinfo)
        day = local_now.date()
        for _ in range(_MAX_DAYS_OFF + 2):
            candidate = datetime.combine(day, time(hh, mm), tzinfo=tzinfo)
            # Strictly after: a digest job that wakes exactly at hh:mm must schedule tomorrow's.
            if candidate > local_now and (not working_days_only or self.is_working_day(day)):
                return candidate.astimezone(UTC)
            day += ONE_DAY
        raise ValueError(f"no working day within {_MAX_DAYS_OFF} days after {day}; check the calendar")


@lru_cache(maxsize=16)
def _built(cuti_bersama: tuple[date, ...], extra_holidays: tuple[date, ...],
           not_holidays: tuple[date, ...]) -> WorkCalendar:
    return WorkCalendar(extra_holidays=extra_holidays, cuti_bersama=cuti_bersama, not_holidays=not_holidays)


def build_calendar(cuti_bersama: Iterable[date] = (), extra_holidays: Iterable[date] = (),
                   not_holidays: Iterable[date] = ()) -> WorkCalendar:
    """The deployment's working days; admin SLA, metrics and survey auto-close all get theirs here."""
    # One instance per configuration: its per-year holiday tables are loaded once per process.
    return _built(tuple(sorted(set(cuti_bersama))), tuple(sorted(set(extra_holidays))),
                  tuple(sorted(set(not_holidays))))


def calendar_from_env(env: Mapping[str, str]) -> WorkCalendar:
    """build_calendar from LAPORBOT_CUTI_BERSAMA / _EXTRA_HOLIDAYS / _NOT_HOLIDAYS; ValueError lists problems."""
    dates, problems = calendar_settings(env)
    if problems:
        raise ValueError("; ".join(problems))
    return build_calendar(**dates)


def calendar_settings(env: Mapping[str, str]) -> tuple[dict[str, list[date]], list[str]]:
    """The three calendar variables parsed (keyword -> dates) and one problem per bad variable."""
    section, problems = CalendarSettings.parse(env)
    return {keyword: list(getattr(section, keyword)) for keyword in CALENDAR_VARIABLES}, problems


def calendar_warnings(calendar: WorkCalendar, today: date, days: int = 365) -> list[str]:
    """What the calendar does not know for the coming `days`: no cuti bersama, estimated holidays."""
    last = today + timedelta(days=days)
    warnings = []
    if not calendar.cuti_bersama_between(today, last):
        warnings.append(
            f"no cuti bersama known from {today} to {last} (holidays {package_version()} lists none): once "
            f"the SKB is out, set LAPORBOT_CUTI_BERSAMA, or SLA deadlines will count those days as working days")
    estimates = calendar.estimates_between(today, last)
    if estimates:
        listed = ", ".join(f"{d} {name}" for d, name in estimates)
        warnings.append(
            f"{len(estimates)} holiday(s) in the coming 12 months are estimates, not SKB dates: {listed}. Check "
            f"the SKB; confirm a date with LAPORBOT_EXTRA_HOLIDAYS, move it with LAPORBOT_NOT_HOLIDAYS plus "
            f"LAPORBOT_EXTRA_HOLIDAYS, or upgrade holidays")
    return warnings


def _as_date(value: date, name: str) -> date:
    """Accept a plain date only: a datetime's date depends on a zone we don't know here."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} needs datetime.date values (local dates), got {value!r}")
    return value


_SEPARATORS = re.compile(r"[,;\s]+")


def parse_dates(text: str) -> list[date]:
    """Parse "2026-12-24,2026-12-26" (or "2026-03-20..2026-03-24" ranges) into sorted unique dates.

    >>> parse_dates("2026-12-24, 2026-03-20..2026-03-21")
    [datetime.date(2026, 3, 20), datetime.date(2026, 3, 21), datetime.date(2026, 12, 24)]
    """
    found: set[date] = set()
    items = [item for item in _SEPARATORS.split(text.strip()) if item]
    for position, item in enumerate(items, start=1):
        if ".." in item:
            first_text, _, last_text = item.partition("..")
            first = _parse_one(first_text, position, item)
            last = _parse_one(last_text, position, item)
            if last < first:
                raise ValueError(f"date item #{position} {item!r}: range ends before it starts")
            found.update(first + timedelta(days=i) for i in range((last - first).days + 1))
        else:
            found.add(_parse_one(item, position, item))
    return sorted(found)


def _parse_one(text: str, position: int, item: str) -> date:
    """Parse one strict YYYY-MM-DD date, naming the offending item on error."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"date item #{position} {item!r}: expected YYYY-MM-DD, e.g. 2026-12-24")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"date item #{position} {item!r}: not a real calendar date ({exc})") from exc


_DATES = "`YYYY-MM-DD` dates and `YYYY-MM-DD..YYYY-MM-DD` ranges, comma-separated"


@dataclass(frozen=True)
class CalendarSettings(Section):
    """The deployment's own days off and working days, over the `holidays` package's national calendar."""

    TABLE: ClassVar[str] = "workdays"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("LAPORBOT_CUTI_BERSAMA", Dates(parse_dates), (), f"cuti bersama the package does not list yet: {_DATES}",
            field="cuti_bersama"),
        Var("LAPORBOT_EXTRA_HOLIDAYS", Dates(parse_dates), (), "other days off: a regional holiday, the SKB date of a "
            f"holiday the package only estimated ({_DATES})", field="extra_holidays"),
        Var("LAPORBOT_NOT_HOLIDAYS", Dates(parse_dates), (), "listed days that are working days after all: an "
            f"estimate the SKB moved, a cancelled cuti bersama ({_DATES})", field="not_holidays"),
    )

    cuti_bersama: tuple[date, ...] = ()
    extra_holidays: tuple[date, ...] = ()
    not_holidays: tuple[date, ...] = ()

    def calendar(self) -> WorkCalendar:
        """The deployment's working days with these dates (build_calendar: one instance per configuration)."""
        return build_calendar(self.cuti_bersama, self.extra_holidays, self.not_holidays)
