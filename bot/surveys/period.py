"""Survey periods: one SKM response per citizen, unit and period (a calendar quarter by default).

The period is the one the local date falls in, in the deployment's zone (Asia/Jakarta by default):
23:30 WIB on 30 September is still the third quarter although UTC is already in October.
Keys are stable strings stored with each response: 2026-Q3, 2026-08, 2026-S2, 2026.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PERIODS = ("quarter", "month", "semester", "year")
DEFAULT_PERIOD = "quarter"
DEFAULT_TZ = "Asia/Jakarta"


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period: its stored key and its first and last local dates."""

    key: str
    first: date
    last: date

    def label(self, locale: str = "id") -> str:
        """How people say it: "Juli–September 2026", "Agustus 2026", "2026"."""
        # Babel here, not at the top: a server imports this module for its periods and must not import Babel at
        # start for the labels only reports write (bot/core/i18n.py caches what a start needs of it)
        from babel.dates import get_month_names

        months = get_month_names("wide", context="stand-alone", locale=locale)
        if self.first.month == 1 and self.last.month == 12:
            return str(self.first.year)
        if self.first.month == self.last.month:
            return f"{months[self.first.month]} {self.first.year}"
        return f"{months[self.first.month]}–{months[self.last.month]} {self.first.year}"

    def bounds(self, tz: str = DEFAULT_TZ) -> tuple[datetime, datetime]:
        """The aware start (inclusive) and end (exclusive) of the period in the zone."""
        zone = ZoneInfo(tz)
        start = datetime.combine(self.first, time(), tzinfo=zone)
        end = datetime.combine(self.last + timedelta(days=1), time(), tzinfo=zone)
        return start, end


def check_kind(kind: str) -> str:
    """The period kind, or ValueError naming the allowed ones."""
    if kind not in PERIODS:
        raise ValueError(f"unknown survey period {kind!r}; use one of {', '.join(PERIODS)}")
    return kind


def period_of_date(day: date, kind: str = DEFAULT_PERIOD) -> Period:
    """The period a local date falls in."""
    check_kind(kind)
    year = day.year
    if kind == "year":
        return Period(str(year), date(year, 1, 1), date(year, 12, 31))
    if kind == "month":
        first_month, last_month, key = day.month, day.month, f"{year}-{day.month:02d}"
    elif kind == "quarter":
        quarter = (day.month - 1) // 3 + 1
        first_month, last_month, key = 3 * quarter - 2, 3 * quarter, f"{year}-Q{quarter}"
    else:
        half = 1 if day.month <= 6 else 2
        first_month, last_month, key = 6 * half - 5, 6 * half, f"{year}-S{half}"
    last_day = (date(year + (last_month == 12), last_month % 12 + 1, 1) - timedelta(days=1))
    return Period(key, date(year, first_month, 1), last_day)


def period_of(moment: datetime, kind: str = DEFAULT_PERIOD, tz: str = DEFAULT_TZ) -> Period:
    """The period an aware moment falls in, judged by its local date."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware one")
    return period_of_date(moment.astimezone(ZoneInfo(tz)).date(), kind)
