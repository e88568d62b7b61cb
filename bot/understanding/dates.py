"""Relative and written dates in Indonesian chat text ('kemarin sore', 'senin lalu', '3 hari yang lalu').

Used by the story reader (bot/understanding/story.py) to find the incident date inside a whole story; the date
question itself reads its answer with flows/dates.py. `today` is always passed in (from the injected clock).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.understanding.normalize import normalize

WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6,
            "ahad": 6}
MONTHS = {"januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3,
          "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
          "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "september": 9, "sep": 9, "sept": 9,
          "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11, "desember": 12,
          "des": 12}
PARTS = {"pagi": "pagi", "subuh": "pagi", "siang": "siang", "sore": "sore", "petang": "sore",
         "malam": "malam"}
_UNIT_DAYS = {"hari": 1, "minggu": 7, "pekan": 7}
_AGO = r"(?:yang |yg )?(?:lalu|kemarin|kebelakang|sebelumnya)"
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class WhenPhrase:
    """A date found in text, with the part of day when one was given."""

    date: date
    part_of_day: str | None = None
    approximate: bool = False


def _minus_months(d: date, months: int) -> date:
    """Step back whole months, clamping the day (31 Mar - 1 month = 28/29 Feb)."""
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    """Build a date or None when the numbers do not make one."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _part(text: str) -> str | None:
    """Part of day named in the text."""
    for word in text.split():
        if word in PARTS:
            return PARTS[word]
    return None


def _numeric(raw: str, today: date, part: str | None) -> WhenPhrase | None:
    """'12/3/2025', '12-03-25', '12.3' (read before normalising, which drops the separators)."""
    m = re.search(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?(?![\d/.-])", raw)
    if not m or re.search(r"\b(?:rt|rw|no|nomor|blok|km)\.?\s*$", raw[:m.start()].lower()):
        return None  # 'RT 02/03' is an address, not a date
    day, month = int(m[1]), int(m[2])
    year = int(m[3]) if m[3] else today.year
    year += 2000 if year < 100 else 0
    d = _safe_date(year, month, day)
    if d and not m[3] and d > today:
        d = _safe_date(year - 1, month, day)
    return WhenPhrase(d, part) if d else None


def _absolute(text: str, today: date) -> WhenPhrase | None:
    """'12 maret 2025', 'tanggal 12 maret', 'tanggal 5' in normalised text."""
    m = re.search(rf"\b(\d{{1,2}}) ({_MONTH_RE})\b(?: (\d{{4}}))?", text)
    if m:
        year = int(m[3]) if m[3] else today.year
        d = _safe_date(year, MONTHS[m[2]], int(m[1]))
        if d and not m[3] and d > today:
            d = _safe_date(year - 1, MONTHS[m[2]], int(m[1]))
        if d:
            return WhenPhrase(d, _part(text))
    m = re.search(r"\btanggal (\d{1,2})\b", text)
    if m:
        d = _safe_date(today.year, today.month, int(m[1]))
        if d and d > today:
            prev = _minus_months(today.replace(day=1), 1)
            d = _safe_date(prev.year, prev.month, int(m[1]))
        if d:
            return WhenPhrase(d, _part(text))
    return None


def parse_when(text: str, today: date) -> WhenPhrase | None:
    """Find the incident date in text relative to today; None when no date is named."""
    t = normalize(text)
    if not t:
        return None
    part = _part(t)
    found = _numeric(text[:500], today, part) or _absolute(t, today)
    if found:
        return found
    m = re.search(rf"\b(\d+) (hari|minggu|pekan|bulan|tahun) {_AGO}\b", t)
    if m:
        n, unit = int(m[1]), m[2]
        if unit in _UNIT_DAYS:
            return WhenPhrase(today - timedelta(days=n * _UNIT_DAYS[unit]), part, approximate=unit != "hari")
        if n > 100:
            return None
        months = n * 12 if unit == "tahun" else n
        return WhenPhrase(_minus_months(today, months), part, approximate=True)
    if re.search(r"\b(?:kemarin lusa|2 hari lalu)\b", t):
        return WhenPhrase(today - timedelta(days=2), part)
    m = re.search(r"\b(?:hari )?(senin|selasa|rabu|kamis|jumat|sabtu|minggu|ahad)"
                  r"(?: (lalu|kemarin|kemaren))?\b", t)
    # 'minggu' is Sunday only as 'hari minggu'; 'minggu lalu' is last week
    if m and (m[1] != "minggu" or m.group().startswith("hari")):
        # 'senin lalu' on a Monday means a week ago; bare 'senin' may be today.
        back = (today.weekday() - WEEKDAYS[m[1]]) % 7
        if back == 0 and m[2]:
            back = 7
        return WhenPhrase(today - timedelta(days=back), part)
    if re.search(r"\b(?:minggu|pekan) (?:lalu|kemarin)\b", t):
        return WhenPhrase(today - timedelta(days=7), part, approximate=True)
    if re.search(r"\bbulan (?:lalu|kemarin)\b", t):
        return WhenPhrase(_minus_months(today, 1), part, approximate=True)
    if re.search(r"\btahun (?:lalu|kemarin)\b", t):
        return WhenPhrase(_minus_months(today, 12), part, approximate=True)
    if re.search(r"\b(?:kemarin|semalam|tadi malam)\b", t):
        return WhenPhrase(today - timedelta(days=1), part or ("malam" if "malam" in t else None))
    if re.search(r"\b(?:hari ini|tadi|barusan|baru saja|sekarang)\b", t):
        return WhenPhrase(today, part)
    return None


def parse_duration(text: str) -> timedelta | None:
    """How long something has lasted: 'ktp belum jadi 3 bulan' -> ~90 days; None when not said."""
    m = re.search(r"\b(\d+) (hari|minggu|pekan|bulan|tahun)\b", normalize(text))
    if not m:
        return None
    n = int(m[1])
    days = {"hari": 1, "minggu": 7, "pekan": 7, "bulan": 30, "tahun": 365}[m[2]] * n
    return timedelta(days=days) if days <= 36500 else None
