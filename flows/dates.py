"""Reading the date of an incident the way people say it: "kemarin", "3 hari lalu", "17/8", "17 agustus"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from babel.dates import get_day_names, get_month_names

from bot.i18n import Catalog
from flows.matching import clean


@dataclass(frozen=True)
class DateWords:
    """The vocabulary of relative dates, gathered from every locale's catalog and Babel's calendars."""

    today: frozenset[str]
    yesterday: frozenset[str]
    before_yesterday: frozenset[str]
    days_ago: tuple[str, ...]
    weeks_ago: tuple[str, ...]
    months_ago: tuple[str, ...]
    number_words: tuple[frozenset[str], ...]
    months: dict[str, int]
    weekdays: dict[str, int]

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> DateWords:
        """Build from locales/ (date.words.*) and Babel's month and day names."""

        def words(key: str) -> list[str]:
            out: list[str] = []
            for locale in catalog.locales:
                text = catalog.maybe(key, locale)
                if text:
                    out.extend(clean(w) for w in text.split("|") if clean(w))
            return out

        months: dict[str, int] = {}
        weekdays: dict[str, int] = {}
        for locale in catalog.locales:
            for width in ("wide", "abbreviated"):
                for number, name in get_month_names(width, locale=locale).items():
                    months[clean(name)] = number
                for number, name in get_day_names(width, locale=locale).items():
                    weekdays[clean(name)] = number
        for name, number in zip(words("date.words.month_aliases"), _alias_numbers(catalog), strict=False):
            months[name] = number
        numbers = []
        for index in range(1, 11):
            numbers.append(frozenset(words(f"number.{index}")))
        return cls(
            today=frozenset(words("date.words.today")),
            yesterday=frozenset(words("date.words.yesterday")),
            before_yesterday=frozenset(words("date.words.before_yesterday")),
            days_ago=tuple(words("date.words.days_ago")),
            weeks_ago=tuple(words("date.words.weeks_ago")),
            months_ago=tuple(words("date.words.months_ago")),
            number_words=tuple(numbers),
            months=months,
            weekdays=weekdays,
        )


def _alias_numbers(catalog: Catalog) -> list[int]:
    out: list[int] = []
    for locale in catalog.locales:
        text = catalog.maybe("date.words.month_alias_numbers", locale)
        if text:
            out.extend(int(n) for n in text.split("|"))
    return out


@cache
def date_words(catalog: Catalog) -> DateWords:
    """DateWords for a catalog, built once."""
    return DateWords.from_catalog(catalog)


class DateProblem(ValueError):
    """Why a date could not be accepted: 'unknown' or 'future'."""


_NUMERIC = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{2,4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_incident_date(text: str, today: date, words: DateWords) -> date:
    """Return the date meant, or raise DateProblem('unknown' | 'future').

    A day and month without a year that would lie in the future means last year's.
    """
    raw = text.strip().lower()
    found = _ISO.match(raw)
    if found:
        return _checked(_make(int(found[1]), int(found[2]), int(found[3])), today)
    found = _NUMERIC.match(raw)
    if found:
        day, month = int(found[1]), int(found[2])
        if found[3]:
            year = int(found[3])
            year = year + 2000 if year < 100 else year
            return _checked(_make(year, month, day), today)
        return _checked(_without_year(day, month, today), today)
    phrase = clean(raw)
    if not phrase:
        raise DateProblem("unknown")
    relative = _relative(phrase, today, words)
    if relative is None:
        phrase = re.sub(r"^(tanggal|tgl|tg|pada|hari)\s+", "", phrase)
        relative = _relative(phrase, today, words)
    if relative is not None:
        return _checked(relative, today)
    return _checked(_named_month(phrase, today, words), today)


def _relative(phrase: str, today: date, words: DateWords) -> date | None:
    if phrase in words.today or _starts_with_any(phrase, words.today):
        return today
    if phrase in words.before_yesterday or _starts_with_any(phrase, words.before_yesterday):
        return today - timedelta(days=2)
    if phrase in words.yesterday or _starts_with_any(phrase, words.yesterday):
        return today - timedelta(days=1)
    tokens = phrase.split()
    if not tokens:
        return None
    count = _count(tokens[0], words)
    rest = " ".join(tokens[1:]) if count is not None else phrase
    if count is None:
        # "seminggu lalu", "sebulan lalu": the prefix se- means one
        count, rest = 1, phrase[2:] if phrase.startswith("se") else phrase
    for unit, days in ((words.days_ago, 1), (words.weeks_ago, 7), (words.months_ago, 30)):
        for w in unit:
            if rest == w or rest.startswith(w + " "):
                return today - timedelta(days=count * days)
    for name, weekday in words.weekdays.items():
        if tokens[0] == name or (len(tokens) > 1 and tokens[-1] == name):
            back = (today.weekday() - weekday) % 7 or 7  # Babel counts Monday as 0
            return today - timedelta(days=back)
    return None


def _starts_with_any(phrase: str, options: frozenset[str]) -> bool:
    return any(phrase.startswith(o + " ") for o in options if " " not in o or len(o) > 6)


def _count(token: str, words: DateWords) -> int | None:
    if token.isdigit():
        return int(token)
    for index, names in enumerate(words.number_words):
        if token in names:
            return index + 1
    return None


def _named_month(phrase: str, today: date, words: DateWords) -> date:
    found = re.match(r"^(\d{1,2})\s+([a-z]+)(?:\s+(\d{4}))?", phrase)
    if not found:
        raise DateProblem("unknown")
    month = words.months.get(found[2])
    if month is None:
        raise DateProblem("unknown")
    day = int(found[1])
    if found[3]:
        return _make(int(found[3]), month, day)
    return _without_year(day, month, today)


def _without_year(day: int, month: int, today: date) -> date:
    candidate = _make(today.year, month, day)
    return candidate if candidate <= today else _make(today.year - 1, month, day)


def _make(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateProblem("unknown") from exc


def _checked(day: date, today: date) -> date:
    if day > today:
        raise DateProblem("future")
    if day.year < 1990:
        raise DateProblem("unknown")
    return day
