"""Babel's calendar and list words for the shipped locales, kept as data so a start and a turn never load Babel's
locale data.

Babel's first `Locale` access loads its global data (~2.2 MB) and, per locale, the locale's and root's data, and
keeps them in module caches for good: ~4.5 MB for what we ask of it, a few dozen names and three patterns per
locale. Those answers are computed once and cached (bot/core/data_cache.py, keyed by Babel's version, the locales
and this code): month and day names, the "long" and "MMMM y" date patterns (parsed by `babel.dates.parse_pattern`,
which needs no locale data, and filled here from the names), and the "or" list patterns (applied as babel.lists
does). An unknown locale is answered in the table's first locale, the source (`bot.core.i18n.SOURCE_LOCALE`).
"""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.core import data_cache

WIDTHS = ("wide", "abbreviated")  # of month and day names, format context: what the date reader and patterns use
# Our name for a date format -> Babel's name ("long") or its own pattern.
DATE_FORMATS: dict[str, str] = {"long": "long", "month_year": "MMMM y"}
LIST_PARTS = ("start", "middle", "end", "2")  # of a CLDR list pattern (babel.lists.format_list)
_CACHE_FORMAT = 1
_DATA = Path(__file__).resolve().parent.parent / "data"
_FIELD = re.compile(r"%\((\w+)\)s")


class UnknownDateField(ValueError):
    """A locale's date pattern has a field `DateFields` cannot fill: the table is not built."""


@dataclass(frozen=True)
class CalendarWords:
    """One locale's answers: names by width and number, date patterns, "or" list patterns."""

    months: dict[str, dict[int, str]]  # width -> 1..12 -> name
    days: dict[str, dict[int, str]]  # width -> 0 (Monday)..6 -> name, as Babel and date.weekday() count
    formats: dict[str, str]  # DATE_FORMATS name -> the pattern as `parse_pattern(...).format` ("%(d)s %(MMMM)s %(y)s")
    or_list: dict[str, str]  # LIST_PARTS -> "{0}, {1}"-style pattern


class DateFields:
    """The fields of a date pattern, filled from a locale's names as babel.dates.DateTimeFormat fills them."""

    # field letter -> the counts we fill: day, year (any count), month and weekday, numeric or by name
    KNOWN: dict[str, range | None] = {"d": range(1, 3), "y": None, "M": range(1, 5), "E": range(1, 5)}

    def __init__(self, day: date, words: CalendarWords) -> None:
        self.day = day
        self.words = words

    @classmethod
    def check(cls, fmt: str, where: str) -> None:
        """Raise UnknownDateField for a field of `fmt` this class cannot fill."""
        for name in _FIELD.findall(fmt):
            counts = cls.KNOWN.get(name[0], range(0))
            if len(set(name)) != 1 or (counts is not None and len(name) not in counts):
                raise UnknownDateField(f"{where}: date field {name!r} is not filled by bot/core/cldr_tables.py")

    def __getitem__(self, name: str) -> str:
        char, count = name[0], len(name)
        if char == "d":
            return f"{self.day.day:0{count}d}"
        if char == "y":
            year = f"{self.day.year:0{count}d}"
            return year[-2:] if count == 2 else year
        if char == "M":
            if count <= 2:
                return f"{self.day.month:0{count}d}"
            return self.words.months["wide" if count == 4 else "abbreviated"][self.day.month]
        if char == "E":
            return self.words.days["wide" if count == 4 else "abbreviated"][self.day.weekday()]
        raise KeyError(name)


@dataclass(frozen=True)
class CldrTable:
    """Babel's words for some locales; the first is the fallback for any other."""

    locales: tuple[str, ...]
    words: dict[str, CalendarWords]

    def of(self, locale: str) -> CalendarWords:
        """The words of a locale, of its language ("en_US" -> "en"), or of the fallback locale."""
        found = self.words.get(locale) or self.words.get(locale.replace("-", "_").split("_")[0])
        return found if found is not None else self.words[self.locales[0]]

    def month_names(self, width: str, locale: str) -> dict[int, str]:
        """1..12 -> name, as babel.dates.get_month_names(width, locale=locale)."""
        return self.of(locale).months[width]

    def day_names(self, width: str, locale: str) -> dict[int, str]:
        """0 (Monday)..6 -> name, as babel.dates.get_day_names(width, locale=locale)."""
        return self.of(locale).days[width]

    def format_date(self, day: date, name: str, locale: str) -> str:
        """A date in one of DATE_FORMATS ("long": 17 Agustus 2026, "month_year": Agustus 2026)."""
        words = self.of(locale)
        return words.formats[name] % DateFields(day, words)

    def or_list(self, items: Sequence[str], locale: str) -> str:
        """ "a, b, atau c", as babel.lists.format_list(items, style="or", locale=locale)."""
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        patterns = self.of(locale).or_list
        if len(items) == 2 and "2" in patterns:
            return patterns["2"].format(*items)
        result = patterns["start"].format(items[0], items[1])
        for item in items[2:-1]:
            result = patterns["middle"].format(result, item)
        return patterns["end"].format(result, items[-1])

    def _state(self) -> Any:
        """Plain values for marshal."""
        return (list(self.locales),
                [(locale, w.months, w.days, w.formats, w.or_list) for locale, w in self.words.items()])

    @classmethod
    def _from_state(cls, state: Any) -> CldrTable:
        """The table back from `_state`."""
        locales, words = state
        return cls(tuple(locales), {locale: CalendarWords(months, days, formats, or_list)
                                    for locale, months, days, formats, or_list in words})


def babel_version() -> str:
    """The installed Babel's version, read from its metadata (no locale data loaded)."""
    return importlib.metadata.version("babel")


def build(locales: Sequence[str], formats: Mapping[str, str] = DATE_FORMATS) -> CldrTable:
    """Ask Babel (loading its locale data): a locale it does not know is left out and answered in the first.

    Fails with UnknownDateField when a locale's pattern has a field DateFields does not fill.
    """
    from babel import Locale, localedata
    from babel.dates import get_date_format, get_day_names, get_month_names, parse_pattern

    words: dict[str, CalendarWords] = {}
    for code in locales:
        if not localedata.exists(code):
            continue
        locale = Locale.parse(code)
        named = ("full", "long", "medium", "short")  # Babel's own formats; anything else is a pattern
        patterns = {name: parse_pattern(get_date_format(fmt, locale=locale) if fmt in named else fmt).format
                    for name, fmt in formats.items()}
        for name, fmt in patterns.items():
            DateFields.check(fmt, f"{code} {name}")
        listing = locale.list_patterns["or"]  # CLDR's root has "or": babel.lists needs no fallback style for it
        words[code] = CalendarWords(
            months={width: dict(get_month_names(width, locale=locale).items()) for width in WIDTHS},
            days={width: dict(get_day_names(width, locale=locale).items()) for width in WIDTHS},
            formats=patterns,
            or_list={part: str(listing[part]) for part in LIST_PARTS if part in listing},
        )
    if not locales or locales[0] not in words:
        raise ValueError(f"Babel does not know the fallback locale {locales[:1]}")
    return CldrTable(tuple(locales), words)


@lru_cache(maxsize=4)
def cldr_table(locales: tuple[str, ...]) -> CldrTable:
    """These locales' table (the first the fallback): from the cache beside the shipped data, or built by Babel."""
    kind = "cldr_" + "_".join(locale.replace("-", "_") for locale in locales)
    cache = data_cache.cache_file(_DATA, kind, (Path(__file__),), _CACHE_FORMAT, extra=babel_version())
    return data_cache.load(cache, lambda: build(locales), CldrTable._state, CldrTable._from_state)[0]
