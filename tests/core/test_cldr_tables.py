"""The cached CLDR table answers as Babel does, and a turn's dates and lists on it load none of Babel's locale data."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date, get_day_names, get_month_names
from babel.lists import format_list

from bot.core import data_cache
from bot.core.cldr_tables import WIDTHS, CldrTable, UnknownDateField, babel_version, build, cldr_table
from bot.core.i18n import default_catalog, default_cldr, long_date, month_year, or_list, shipped_locales
from flows.dates import DateWords

ROOT = Path(__file__).resolve().parent.parent.parent
LOCALES = ("id", "en")
ITEMS = ("*kembali*", "*batal*", "*bantuan*", "*menu*", "*ulang*")


def _days(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


def test_the_shipped_locales_are_the_catalogs_the_source_first() -> None:
    assert shipped_locales() == default_catalog().locales == LOCALES
    assert default_cldr().locales == LOCALES


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("year", [2024, 2025])  # a leap year and a normal one
def test_every_day_of_a_year_is_written_as_babel_writes_it(locale: str, year: int) -> None:
    table = default_cldr()
    for day in _days(year):
        assert long_date(day, locale, table) == format_date(day, "long", locale=locale), day
        assert month_year(day, locale, table) == format_date(day, "MMMM y", locale=locale), day


@pytest.mark.parametrize("locale", LOCALES)
def test_month_and_day_names_are_babels(locale: str) -> None:
    table = default_cldr()
    for width in WIDTHS:
        assert table.month_names(width, locale) == dict(get_month_names(width, locale=locale).items())
        assert table.day_names(width, locale) == dict(get_day_names(width, locale=locale).items())
    assert len(table.month_names("wide", locale)) == 12 and len(table.day_names("wide", locale)) == 7


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5])
def test_or_lists_are_joined_as_babel_joins_them(locale: str, count: int) -> None:
    items = list(ITEMS[:count])
    assert or_list(items, locale, default_cldr()) == format_list(items, style="or", locale=locale)


def test_an_unknown_locale_is_answered_in_indonesian_and_a_regional_one_in_its_language() -> None:
    table = default_cldr()
    day = date(2026, 8, 17)
    assert long_date(day, "xx", table) == format_date(day, "long", locale="id") == "17 Agustus 2026"
    assert or_list(["a", "b", "c"], "xx", table) == "a, b, atau c"
    assert table.month_names("wide", "xx")[8] == "Agustus"
    assert long_date(day, "en_US", table) == long_date(day, "en-GB", table) == "August 17, 2026"


def test_a_locale_babel_does_not_know_is_left_out_of_the_table_and_answered_in_the_first() -> None:
    table = build(("id", "zz"))
    assert set(table.words) == {"id"}
    assert table.format_date(date(2024, 2, 29), "long", "zz") == "29 Februari 2024"


def test_other_fields_are_filled_as_babel_fills_them() -> None:
    """The filler's other fields (weekday names, padded day, numeric month, two-digit year), checked on every day."""
    formats = {"full": "full", "numeric": "dd/MM/yy", "short_names": "EEE, d MMM yyyy"}
    table = build(LOCALES, formats)
    for locale in LOCALES:
        for day in _days(2024):
            for name, pattern in formats.items():
                assert table.format_date(day, name, locale) == format_date(day, pattern, locale=locale), (name, day)


@pytest.mark.parametrize("pattern", ["G y", "QQQ y", "d MMMMM y", "w", "LLLL y", "h:mm"])
def test_a_pattern_field_the_filler_does_not_know_fails_the_build(pattern: str) -> None:
    with pytest.raises(UnknownDateField):
        build(LOCALES, {"long": "long", "odd": pattern})


def test_a_fallback_locale_babel_does_not_know_fails_the_build() -> None:
    with pytest.raises(ValueError, match="fallback"):
        build(("zz", "id"))


def _cache(directory: Path, version: str) -> Path:
    source = directory / "code.py"
    source.write_text("x = 1\n")
    return data_cache.cache_file(directory, "cldr_id_en", (source,), 1, extra=version)


def _load(cache: Path) -> tuple[CldrTable, str]:
    return data_cache.load(cache, lambda: build(LOCALES), CldrTable._state, CldrTable._from_state)


def test_the_table_survives_its_cache_round_trip(tmp_path: Path) -> None:
    cache = _cache(tmp_path, babel_version())
    built, how = _load(cache)
    assert how == "csv" and cache.exists()
    loaded, how = _load(cache)
    assert how == "cache"
    assert loaded == built == default_cldr()
    day = date(2024, 2, 29)
    for locale in (*LOCALES, "xx"):
        assert loaded.format_date(day, "long", locale) == built.format_date(day, "long", locale)
        assert loaded.or_list(list(ITEMS), locale) == built.or_list(list(ITEMS), locale)


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    cache = _cache(tmp_path, babel_version())
    cache.parent.mkdir()
    cache.write_bytes(b"\x00not marshal")
    table, how = _load(cache)
    assert how == "csv" and table == default_cldr()
    assert _load(cache) == (table, "cache")  # rewritten whole


def test_another_babel_version_is_another_cache_file_and_the_stale_one_is_dropped(tmp_path: Path) -> None:
    stale = _cache(tmp_path, "0.1")
    stale.parent.mkdir()
    stale.write_bytes(b"stale")
    now = _cache(tmp_path, babel_version())
    assert now != stale
    table, how = _load(now)
    assert how == "csv" and table == default_cldr()
    assert now.exists() and not stale.exists()


def test_the_default_table_is_cached_beside_the_shipped_data() -> None:
    table = cldr_table(LOCALES)
    assert table is default_cldr()
    assert list((ROOT / "bot" / "data" / "__pycache__").glob("cldr_id_en-*.marshal"))


def test_date_words_take_their_month_and_day_names_from_the_table() -> None:
    words = DateWords.from_catalog(default_catalog(), default_cldr())
    assert words.months["agustus"] == words.months["august"] == words.months["agu"] == 8
    assert words.weekdays["senin"] == words.weekdays["monday"] == 0


def test_a_process_on_the_warm_cache_loads_no_babel_locale_data() -> None:
    """Date words, a long date, a month and an "or" list in a fresh process, from the cached table alone."""
    default_cldr()  # the cache file written, as the Dockerfile does at build time
    script = (
        "from datetime import date\n"
        "import babel.core, babel.localedata\n"
        "from bot.core.i18n import default_catalog, long_date, month_year, or_list\n"
        "from flows.dates import DateWords, date_in_words\n"
        "words = DateWords.from_catalog(default_catalog())\n"
        "said = {'incident_date': '2026-08-17', 'incident_date_precision': 'month'}\n"
        "print(words.months['agustus'], long_date(date(2024, 2, 29), 'id'), month_year(date(2026, 8, 17), 'id'),\n"
        "      date_in_words(lambda key, **v: v.get('date', key), 'id', said), or_list(['a', 'b', 'c'], 'id'),\n"
        "      sorted(babel.localedata._cache), babel.core._global_data is None, sep='|')\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip().split("|") == ["8", "29 Februari 2024", "Agustus 2026", "Agustus 2026", "a, b, atau c",
                                             "[]", "True"]
