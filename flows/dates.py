"""Reading the date of an incident the way people say it.

"kemarin", "3 hr yg lalu", "udah 3 hari", "6 bln lalu", "sejak 2019", "tgl 5", "wingi", "hari senin",
"awal bulan", "17 agustus", "17/8", "kemarin sore sekitar jam empat", and "tidak ingat / sudah lama".
Every word list lives in locales/ (date.words.*), Babel adds month and day names (kept as data:
bot/core/cldr_tables.py); nothing here is a word.

Kept in one module (~500 lines): one reader whose phrase rules (spans, weekdays, months, numbers, parts of
day) call each other; its words are data in the locale lexicon.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

from bot.core.i18n import Catalog, CldrTable, default_cldr, long_date, month_year
from flows.matching import clean

PARTS = ("morning", "noon", "afternoon", "night")


def _spaced(text: str) -> str:
    return " ".join(clean(text).split())


@dataclass(frozen=True)
class DateWords:
    """The vocabulary of dates, gathered from every locale's catalog and Babel's calendars."""

    today: frozenset[str]
    yesterday: frozenset[str]
    before_yesterday: frozenset[str]
    days_ago: tuple[str, ...]
    weeks_ago: tuple[str, ...]
    months_ago: tuple[str, ...]
    number_words: tuple[frozenset[str], ...]
    months: dict[str, int]
    weekdays: dict[str, int]
    years_ago: tuple[str, ...] = ()
    ago: tuple[str, ...] = ()
    noise: tuple[str, ...] = ()
    approximate: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    future: tuple[str, ...] = ()
    start: tuple[str, ...] = ()
    middle: tuple[str, ...] = ()
    end: tuple[str, ...] = ()
    hour: tuple[str, ...] = ()
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    last_night: tuple[str, ...] = ()  # "semalam", "last night": yesterday, at night
    not_dates: frozenset[str] = frozenset()  # "rt", "no", "km": a number after them is an address, not a date
    teens: tuple[str, ...] = ()  # "belas": "dua belas" is 12
    tens: tuple[str, ...] = ()  # "puluh": "dua puluh lima" is 25
    day_of_month: frozenset[str] = frozenset()  # "tanggal": "tanggal lima" is the 5th
    # every word of every kind above, derived once: find_incident_date skips the windows that hold none
    vocabulary: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "vocabulary", _words_of(self))

    @classmethod
    def from_catalog(cls, catalog: Catalog, cldr: CldrTable | None = None) -> DateWords:
        """Build from locales/ (date.words.*) and Babel's month and day names (the shipped table by default)."""
        table = cldr or default_cldr()

        def words(key: str) -> list[str]:
            out: list[str] = []
            for locale in catalog.locales:
                text = catalog.maybe(key, locale)
                if text:
                    out.extend(_spaced(w) for w in text.split("|") if _spaced(w))
            return out

        def longest(key: str) -> tuple[str, ...]:
            return tuple(sorted(set(words(key)), key=lambda w: (-len(w), w)))

        months: dict[str, int] = {}
        weekdays: dict[str, int] = {}
        for locale in catalog.locales:
            for width in ("wide", "abbreviated"):
                for number, name in table.month_names(width, locale).items():
                    months[_spaced(name)] = number
                for number, name in table.day_names(width, locale).items():
                    weekdays[_spaced(name)] = number
        for name, number in zip(words("date.words.month_aliases"),
                                _numbers(catalog, "date.words.month_alias_numbers"), strict=False):
            months[name] = number
        for name, number in zip(words("date.words.weekday_aliases"),
                                _numbers(catalog, "date.words.weekday_alias_numbers"), strict=False):
            weekdays[name] = number
        return cls(
            today=frozenset(words("date.words.today")),
            yesterday=frozenset(words("date.words.yesterday")),
            before_yesterday=frozenset(words("date.words.before_yesterday")),
            days_ago=longest("date.words.days_ago"),
            weeks_ago=longest("date.words.weeks_ago"),
            months_ago=longest("date.words.months_ago"),
            years_ago=longest("date.words.years_ago"),
            number_words=tuple(frozenset(words(f"number.{i}")) for i in range(1, 13) if catalog.has(f"number.{i}")),
            months=months,
            weekdays=weekdays,
            ago=longest("date.words.ago"),
            noise=longest("date.words.since"),
            approximate=longest("date.words.approximate"),
            unknown=longest("date.words.unknown"),
            future=longest("date.words.future"),
            start=longest("date.words.start"),
            middle=longest("date.words.middle"),
            end=longest("date.words.end"),
            hour=longest("date.words.hour"),
            parts=tuple((p, longest(f"date.words.{p}")) for p in PARTS),
            last_night=longest("date.words.last_night"),
            not_dates=frozenset(words("date.words.not_date_before")),
            teens=longest("date.words.teens"),
            tens=longest("date.words.tens"),
            day_of_month=frozenset(words("date.words.day_of_month")),
        )


def _numbers(catalog: Catalog, key: str) -> list[int]:
    out: list[int] = []
    for locale in catalog.locales:
        text = catalog.maybe(key, locale)
        if text:
            out.extend(int(n) for n in text.split("|"))
    return out


@cache
def date_words(catalog: Catalog) -> DateWords:
    """DateWords for a catalog, built once."""
    return DateWords.from_catalog(catalog)


class DateProblem(ValueError):
    """Why a date could not be accepted: 'unknown' or 'future'."""


@dataclass(frozen=True)
class IncidentDate:
    """When it happened, as honestly as it was said: a day (or none), approximate or not, a time of day."""

    day: date | None
    approximate: bool = False
    time: str | None = None  # "16:00" when an hour was said
    part: str | None = None  # morning / noon / afternoon / night when said without an hour
    grain: str | None = None  # "month" or "year" when only that much was said ("sejak 2019")

    def answers(self) -> dict[str, Any]:
        """The answers to store: incident_date (ISO or None) and what qualifies it."""
        return {"incident_date": self.day.isoformat() if self.day else None,
                "incident_date_precision": "unknown" if self.day is None
                else self.grain or ("approximate" if self.approximate else "day"),
                "incident_time": self.time, "incident_part": None if self.time else self.part}


UNKNOWN = IncidentDate(None)
DATE_SLOTS = ("incident_date", "incident_date_precision", "incident_time", "incident_part")  # IncidentDate.answers()


def date_in_words(text: Callable[..., str], locale: str, said: Mapping[str, Any], cldr: CldrTable | None = None
                  ) -> str:
    """The incident date as honestly as it was said, for people: "sekitar Mei 2024", "sekitar tahun 2019",
    "19 Agustus 2026, sore", "1 Desember 2026, jam 16:00", "tidak ingat (tanggal tidak diketahui)"; "" if none.

    `said` holds DATE_SLOTS (the answers, or a stored complaint's columns; the date as ISO text or a date);
    `text(key, **values)` gives the locale's words (complaint.summary.date_*, date.part.*), `cldr` the month names
    (the shipped table by default). A date stored without its precision (before it was kept) is shown as a day.
    """
    incident = said.get("incident_date")
    precision = said.get("incident_date_precision")
    if not incident:
        return text("complaint.summary.date_unknown") if precision == "unknown" else ""
    day = incident if isinstance(incident, date) else date.fromisoformat(str(incident))
    if precision == "year":
        words = text("complaint.summary.date_year", year=day.year)
    elif precision == "month":
        words = month_year(day, locale, cldr)
    else:
        words = long_date(day, locale, cldr)
    if precision in ("approximate", "month", "year"):
        words = text("complaint.summary.date_approx", date=words)
    if said.get("incident_time"):
        words = text("complaint.summary.date_time", date=words, time=said["incident_time"])
    elif said.get("incident_part"):
        words = text("complaint.summary.date_part", date=words, part=text(f"date.part.{said['incident_part']}"))
    return words
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{2,4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_incident_date(text: str, today: date, words: DateWords) -> date:
    """The day meant, or DateProblem('unknown' | 'future'); "tidak ingat" is 'unknown' here."""
    found = read_incident_date(text, today, words)
    if found.day is None:
        raise DateProblem("unknown")
    return found.day


def read_incident_date(text: str, today: date, words: DateWords) -> IncidentDate:
    """What a citizen's answer to "when?" says, or DateProblem('unknown' | 'future') when it says nothing.

    A day and month without a year that would lie in the future means last year's; a weekday is the most
    recent one before today; "6 bulan lalu" counts calendar months.
    """
    return _read(text, today, words, story=False)


def _read(text: str, today: date, words: DateWords, *, story: bool) -> IncidentDate:
    """read_incident_date; in a story an hour or a part of day alone names no day ("tutup jam 10 pagi"), nor
    a number no date word leads ("gempa 2018", "buka 10 pagi")."""
    raw = " ".join(text.strip().lower().split())
    for stamp in (raw, raw.rstrip(".")):
        found = _ISO.match(stamp)
        if found:
            return IncidentDate(_checked(_make(int(found[1]), int(found[2]), int(found[3])), today))
        found = _NUMERIC.match(stamp)
        if found:
            day, month = int(found[1]), int(found[2])
            if found[3]:
                year = int(found[3])
                return IncidentDate(_checked(_make(year + 2000 if year < 100 else year, month, day), today))
            return IncidentDate(_checked(_without_year(day, month, today), today))
    phrase = _in_digits(re.sub(r"(\d)([a-z])", r"\1 \2", _spaced(raw)), words)  # "3hr" is "3 hr"
    if not phrase:
        raise DateProblem("unknown")
    phrase = _eve(phrase, words)
    if _has(phrase, words.future) and not _has(phrase, words.before_yesterday):
        raise DateProblem("future")  # "besok", but not the "lusa" of "kemarin lusa"
    last_night = _has(phrase, words.last_night)  # "semalam": yesterday, at night
    if last_night:
        phrase = _strip(phrase, words.last_night)
    phrase, time, part = _time_of_day(phrase, words, "night" if last_night else None)
    approximate = _has(phrase, words.approximate) and time is None  # "sekitar jam empat" rounds the hour
    if _has(phrase, words.unknown) and not re.search(r"\d", phrase):
        return UNKNOWN
    core = _strip(phrase, words.noise)
    if story and core.isdecimal() and not phrase.endswith(f" {core}"):
        # "gempa 2018", "buka 10 pagi": a number no date word leads is no date here; nor one a since-word only
        # follows ("sampe jam 3, udah negur": the "udah" begins the next clause) — "sejak tgl 3" leads with it
        raise DateProblem("unknown")
    if story and not _said_as_span(phrase, core, words):
        raise DateProblem("unknown")
    said = (today - timedelta(days=1) if last_night else today, False)
    found = _core(core, today, words, story) if core else said if (time or part) and (last_night or not story) else None
    if found is None:
        raise DateProblem("unknown")
    day, approx = found
    grain = approx if isinstance(approx, str) else None
    return IncidentDate(_checked(day, today), approximate or bool(approx), time, part, grain)


def _said_as_span(phrase: str, core: str, words: DateWords) -> bool:
    """Whether a unit's "-an" form ("3 bulanan") is a rough span in a story: "udah 3 bulanan" (about three months)
    leads with a since-word, "3 bulanan yg lalu" ends with an ago-word; "kontrak 3 bulanan", "iuran 3 bulanan"
    say how often, not when. A phrase without such a form is a span as it is (True)."""
    tokens = core.split()
    units = (words.days_ago, words.weeks_ago, words.months_ago, words.years_ago)
    if not any(t.endswith("an") and t in names and t[:-2] in names for t in tokens for names in units):
        return True
    led = phrase != core and phrase.endswith(f" {core}")  # only since-words before it
    return led or _strip(core, words.ago) != core


def find_incident_date(text: str, today: date, words: DateWords, longest: int = 6) -> IncidentDate | None:
    """The first date said somewhere in a longer story ("… rusak parah sudah 2 tahun"), or None.

    Only windows with a date word count: a lone number ("RT 3", "gempa 2018", "bayar 2000") is no date inside
    a story, nor an hour or a part of day without a day ("tutup jam 10 pagi", "gelap kalau malam"). Written
    dates ("12/3/2026", "tgl 12-03-26", "15/8") are read as such unless an address names the number ("RT 02/03").
    """
    tokens = _spaced(_written_dates(text[:2000], today, words)).split()[:300]
    vocab = _vocabulary(words)
    # a window with no date word and no digit never reads as a date: most of a story is skipped unread
    dated = [any(c.isdecimal() for c in t) or t in vocab or (t.startswith("se") and t[2:] in vocab) for t in tokens]
    for start in range(len(tokens)):
        if not dated[start]:
            continue  # a word no date phrase uses is left over by every reading, so no window starts with one
        for size in range(min(longest, len(tokens) - start), 0, -1):
            if not dated[start + size - 1]:
                continue  # nor ends with one
            window = " ".join(tokens[start:start + size])
            if size == 1 and _strip(window, words.noise) == "":
                continue
            try:
                found = _read(window, today, words, story=True)
            except DateProblem:
                continue
            if found.day is not None:
                return found
    return None


def _vocabulary(words: DateWords) -> frozenset[str]:
    """Every word any date phrase of any kind uses: a window without one (or a digit) is no date."""
    return words.vocabulary


def _words_of(words: DateWords) -> frozenset[str]:
    """The single words of every date phrase of every kind (DateWords.vocabulary)."""
    phrases: list[str] = [*words.today, *words.yesterday, *words.before_yesterday, *words.days_ago, *words.weeks_ago,
                          *words.months_ago, *words.years_ago, *words.months, *words.weekdays, *words.ago,
                          *words.noise, *words.approximate, *words.unknown, *words.future, *words.start,
                          *words.middle, *words.end, *words.hour, *words.last_night, *words.not_dates,
                          *words.teens, *words.tens]
    phrases += [w for group in words.number_words for w in group]
    phrases += [w for _, group in words.parts for w in group]
    return frozenset(token for phrase in phrases for token in phrase.split())


# ---- pieces -----------------------------------------------------------------------------------

_WRITTEN = re.compile(r"(?<![\w/.-])(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([/.-])(\d{1,2})(?:\5(\d{2,4}))?)"
                      r"(?![\w/]|[.-]\d)")


def _written_dates(text: str, today: date, words: DateWords) -> str:
    """A story with its written dates in words ("12/3/2026" -> "12 maret 2026"), so the windows read them whole.

    A number after an address or an hour word ("RT 02/03", "no 12/3", "jam 10.30") is left as it is; "5-6" and
    "12.3" count only after a date word ("tgl 12.3"); an impossible or future written date is dropped, so that
    none of its pieces ("2026") is read as a date instead.
    """
    names = {number: name for name, number in sorted(words.months.items(), reverse=True) if name.isalpha()}
    hours = {h for h in words.hour if " " not in h}

    def spelled(found: re.Match[str]) -> str:
        before = re.findall(r"[^\W_]+", text[max(0, found.start() - 24):found.start()].lower())
        last = before[-1] if before else ""
        if last in words.not_dates or last in hours:
            return found.group()
        if found[1]:
            year, month, day = int(found[1]), int(found[2]), int(found[3])
        else:
            day, month = int(found[4]), int(found[6])
            if found[7] is None and found[5] != "/" and last not in words.noise:
                return found.group()  # "umur 5-6 tahun", "2.5 meter"
            year = int(found[7]) if found[7] else None
            year = year + 2000 if year is not None and year < 100 else year
        try:
            said = _make(year, month, day) if year else _without_year(day, month, today)
            _checked(said, today)
        except DateProblem:
            return " "
        return f" {said.day} {names[said.month]} {said.year} "

    return _WRITTEN.sub(spelled, text)


def _has(phrase: str, options: tuple[str, ...]) -> bool:
    """Whether one of the options is in the phrase as whole words."""
    singles, spaced = _options(options)
    padded = f" {phrase} "
    return not singles.isdisjoint(padded.split(" ")) or any(o in padded for o in spaced)


def _strip(phrase: str, options: tuple[str, ...]) -> str:
    """The phrase without the options (longest first), as whole words."""
    padded = f" {phrase} "
    if not _has(phrase, options):  # the usual case, decided without a pass per option
        return " ".join(padded.split())
    for option in options:  # longest first
        while f" {option} " in padded:
            padded = padded.replace(f" {option} ", " ", 1)
    return " ".join(padded.split())


@lru_cache(maxsize=256)
def _options(options: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The options of one word (a set: one lookup per word of the phrase), and the others padded for a search.

    A word without spaces is " word " inside " phrase " exactly when it is one of the phrase's split(" ") pieces.
    """
    singles = frozenset(o for o in options if o and " " not in o)
    return singles, tuple(f" {o} " for o in options if not o or " " in o)


def _eve(phrase: str, words: DateWords) -> str:
    """"malam minggu" is Saturday night, "malam jumat" Thursday's: the night before the day named, said as that
    night ("sabtu malam"), so the weekday and the part of the day are read as usual."""
    tokens = phrase.split()
    nights = dict(words.parts).get("night", ())
    for i in range(len(tokens) - 1):
        day = words.weekdays.get(tokens[i + 1])
        if tokens[i] in nights and day is not None:
            # a name of that day that is no "week" too ("ahad", not "minggu": "minggu kemarin" is a week ago)
            eve = min((name for name, number in words.weekdays.items() if number == (day - 1) % 7),
                      key=lambda name: name in words.weeks_ago)
            return " ".join([*tokens[:i], eve, tokens[i], *tokens[i + 2:]])
    return phrase


def _in_digits(phrase: str, words: DateWords) -> str:
    """Numbers said in words as digits: "dua belas" 12, "dua puluh lima" 25 (a voice note's transcript)."""
    tokens, out, i = phrase.split(), [], 0
    if not any(w in words.teens or w in words.tens or w in words.day_of_month for w in tokens):
        return phrase

    def unit(k: int) -> int | None:
        n = _count(tokens[k], words) if k < len(tokens) else None
        return n if n is not None and 1 <= n <= 9 else None

    while i < len(tokens):
        n = unit(i)
        if n is not None and i + 1 < len(tokens) and tokens[i + 1] in words.teens:
            out.append(str(10 + n))
            i += 2
        elif n is not None and i + 1 < len(tokens) and tokens[i + 1] in words.tens:
            ones = unit(i + 2)
            out.append(str(10 * n + (ones or 0)))
            i += 3 if ones is not None else 2
        elif out and out[-1] in words.day_of_month and (day := _count(tokens[i], words)) is not None:
            out.append(str(day))  # "tanggal lima"; a lone "lima" ("anak saya lima") stays a word
            i += 1
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def _count(token: str, words: DateWords) -> int | None:
    if token.isdecimal():
        return int(token)
    for index, names in enumerate(words.number_words):
        if token in names:
            return index + 1
    return None


def _time_of_day(phrase: str, words: DateWords, part: str | None = None) -> tuple[str, str | None, str | None]:
    """Take "jam 4", "pukul 16.00" and "sore" out of the phrase; return what is left, the time and the part."""
    for name, options in words.parts:
        if _has(phrase, options):
            part = part or name
            phrase = _strip(phrase, options)
    hour = minute = None
    tokens = phrase.split()
    for i, token in enumerate(tokens):
        if token in {h for h in words.hour if " " not in h} and i + 1 < len(tokens):
            value = _count(tokens[i + 1], words)
            if value is not None and 0 <= value <= 24:
                hour, minute = value, 0
                rest = tokens[i + 2:]
                if rest and rest[0].isdecimal() and len(rest[0]) == 2 and int(rest[0]) < 60:
                    minute, rest = int(rest[0]), rest[1:]  # "16.00" was cleaned to "16 00"
                tokens = tokens[:i] + rest
                break
    phrase = " ".join(tokens)
    if hour is None:
        return phrase, None, part
    if part in ("afternoon", "night") and hour < 12:
        hour += 12
    elif part == "noon" and hour < 6:
        hour += 12
    return phrase, f"{hour % 24:02d}:{minute:02d}", None


Said = tuple[date, bool | str]  # the day, and whether it is approximate (or only its "month"/"year")


def _core(core: str, today: date, words: DateWords, story: bool = False) -> Said | None:
    """The date named by what remains once filler, the time and "sejak/sudah" are gone."""
    if core in words.today:
        return today, False
    if core in words.before_yesterday:
        return today - timedelta(days=2), False
    if core in words.yesterday:
        return today - timedelta(days=1), False
    tokens = core.split()
    # "hari senin", "senin kemarin", "jumat lalu": the most recent such day before today
    hari = len(tokens) >= 2 and tokens[0] in words.days_ago and tokens[1] in words.weekdays
    named = tokens[1] if hari else tokens[0] if tokens and tokens[0] in words.weekdays else None
    rest = " ".join(tokens[2:] if hari else tokens[1:])
    # "minggu lalu" is last week; "hari minggu (lalu)" and a lone "minggu" are Sunday
    week_unit = named in words.weeks_ago and not hari and rest != ""
    if named and not week_unit and _strip(rest, (*words.ago, *words.yesterday)) == "":
        back = (today.weekday() - words.weekdays[named]) % 7 or 7  # Babel counts Monday as 0
        return today - timedelta(days=back), False
    span = _span(tokens, today, words, story)
    if span is not None:
        return span
    return _calendar(tokens, today, words)


def _span(tokens: list[str], today: date, words: DateWords, story: bool = False) -> Said | None:
    """ "3 hari", "6 bln lalu", "seminggu yg lalu", "tahun lalu": a span back from today.

    Years are approximate. Inside a story a span tells how long the trouble has lasted ("air mati sudah tiga
    hari", "KTP belum jadi 3 bulan"): roughly when it began, so weeks and months are approximate there, and
    days too unless "lalu" names the day ("3 hari yang lalu"). Answering the date question, "sudah 2 minggu"
    and "6 bln lalu" are taken as that day (tests/data/words_measured.csv).
    """
    rest = " ".join(tokens)
    count: int | None = 1
    numbered = False
    if tokens and _count(tokens[0], words) is not None:
        count, rest, numbered = _count(tokens[0], words), " ".join(tokens[1:]), True
    elif rest.startswith("se") and len(tokens[0]) > 3:
        rest, numbered = rest[2:], True  # "seminggu", "sebulan", "setahun": se- is one
    units = ((words.days_ago, "d"), (words.weeks_ago, "w"), (words.months_ago, "m"), (words.years_ago, "y"))
    for names, unit in units:
        for name in names:
            if rest == name or rest.startswith(name + " "):
                after = rest[len(name):].strip()
                # "minggu kemaren", "bulan kamari", "minggu wingi": a week, month or year after "yesterday" is the
                # last one, as with "lalu" ("kemarin" alone is an ago-word already; its other spellings are not)
                if after and _strip(after, words.ago) != "" and not (unit != "d" and after in words.yesterday):
                    continue
                if not numbered and not after:
                    return None  # a bare "bulan" is no date
                n = count or 0
                if unit == "d":
                    return today - timedelta(days=n), story and not after
                if unit == "w":
                    return today - timedelta(days=7 * n), story
                if unit == "m":
                    return _months_back(today, n), story or not numbered
                return _months_back(today, 12 * n), True
    return None


def _calendar(tokens: list[str], today: date, words: DateWords) -> Said | None:
    """ "17 agustus", "tgl 5", "awal bulan", "akhir oktober 2025", "sejak 2019", "januari kemarin"."""
    edge = None
    while tokens and (tokens[0] in words.start or tokens[0] in words.middle or tokens[0] in words.end):
        edge = "start" if tokens[0] in words.start else "middle" if tokens[0] in words.middle else "end"
        tokens = tokens[1:]
    said = len(tokens)
    tokens = [t for t in tokens if _strip(t, words.ago) != ""] if tokens else tokens
    ago = len(tokens) < said  # "awal bulan lalu", "pertengahan bulan kemarin": the month before this one
    if len(tokens) == 2 and tokens[0] in words.years_ago and tokens[1].isdecimal():
        tokens = tokens[1:]  # "tahun 2020"
    text = " ".join(tokens)
    if edge and text in (*words.months_ago, *(f"{m} {a}" for m in words.months_ago for a in words.ago)):
        last = ago or text not in words.months_ago  # "awal bulan lalu" vs "awal bulan"
        base = _months_back(today, 1) if last or (edge == "end") else today
        return _edge(base.year, base.month, edge, today), True
    if edge and text in words.years_ago:  # "akhir tahun lalu" is last year's end; "akhir tahun" this one's, so far
        return min(_edge_year(today.year - 1 if ago else today.year, edge), today), True
    if len(tokens) == 1 and tokens[0].isdecimal():
        number = int(tokens[0])
        if 1990 <= number <= today.year:
            return _edge_year(number, edge or "start"), True if edge else "year"
        if 1 <= number <= 31:
            return _day_of_month(number, today), False
        return None
    found = re.fullmatch(r"(?:(\d{1,2}) )?([a-z]+)(?: (\d{4}))?", text)
    if not found or found[2] not in words.months:
        return None
    month = words.months[found[2]]
    year = int(found[3]) if found[3] else (today.year if month <= today.month else today.year - 1)
    if found[1]:
        day = int(found[1])
        if found[3]:
            return _make(year, month, day), False
        return _without_year(day, month, today), False
    return _edge(year, month, edge or "start", today), True if edge else "month"


def _edge(year: int, month: int, edge: str, today: date) -> date:
    last = calendar.monthrange(year, month)[1]
    day = {"start": 1, "middle": 15, "end": last}[edge]
    candidate = date(year, month, day)
    return min(candidate, today)


def _edge_year(year: int, edge: str) -> date:
    return date(year, {"start": 1, "middle": 7, "end": 12}[edge], {"start": 1, "middle": 1, "end": 31}[edge])


def _day_of_month(day: int, today: date) -> date:
    """ "tgl 5": the most recent 5th, this month or the one before."""
    year, month = today.year, today.month
    for _ in range(3):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) <= today:
            return date(year, month, day)
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    raise DateProblem("unknown")


def _months_back(today: date, months: int) -> date:
    """The same day so many calendar months ago (the 31st becomes the month's last day)."""
    total = today.year * 12 + today.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


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
