"""Localised words: gettext catalogs under locales/, read with Babel, looked up by stable key; dates and lists in
the locale's way, from Babel's answers kept as data (bot/core/cldr_tables.py).

The catalogs' messages are cached beside them once read (bot/core/data_cache.py, keyed by the .po files, this code
and Babel's version; the Dockerfile writes the cache at build time), so a start neither parses the .po files nor
imports Babel's catalog reader and what it pulls in (~1 MB resident kept for good, and ~0.1 s).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from bot.core import data_cache
from bot.core.cldr_tables import CldrTable, babel_version, cldr_table

SOURCE_LOCALE = "id"
_CACHE_FORMAT = 1  # the shape of Catalog._state(); bump it when that changes


def find_locales() -> Path:
    """The catalogs: bot/locales/ in an installed wheel (setup.py puts them there), else locales/ in a checkout."""
    package = Path(__file__).resolve().parent.parent  # bot/ (this module is bot/core/i18n.py)
    for candidate in (package / "locales", package.parent / "locales"):
        if (candidate / SOURCE_LOCALE / "LC_MESSAGES").is_dir():
            return candidate
    return package / "locales"  # missing: Catalog.load says where it looked


LOCALES_DIR = find_locales()


class MissingKey(KeyError):
    """A message key has no text in a locale (caught by the catalog lint test)."""


class Catalog:
    """All messages of all locales; every .po file under locales/<lang>/LC_MESSAGES/ is merged."""

    def __init__(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        self._messages = {lang: dict(entries) for lang, entries in messages.items()}
        # asked for on every answer (each option's synonyms in each locale): worked out once
        self._locales = (SOURCE_LOCALE, *sorted(k for k in self._messages if k != SOURCE_LOCALE))

    @classmethod
    def load(cls, directory: Path = LOCALES_DIR) -> Catalog:
        """Every catalog of a directory: from its cache when read before from the same files, else read."""
        if not directory.is_dir():
            raise RuntimeError(f"no catalogs: {directory} does not exist (an incomplete install?)")
        sources = sorted(directory.glob("*/LC_MESSAGES/*.po"))
        # the key hashes each file's name and bytes; the locales and paths say which locale each belongs to
        where = " ".join([*shipped_locales(directory), *(str(po.relative_to(directory)) for po in sources)])
        cache = data_cache.cache_file(directory, "catalog", (*sources, Path(__file__)), _CACHE_FORMAT,
                                      extra=f"{babel_version()} {where}")
        return data_cache.load(cache, lambda: cls.read(directory), cls._state, cls._from_state)[0]

    @classmethod
    def read(cls, directory: Path) -> Catalog:
        """Read every catalog; untranslated and fuzzy entries are left out, as pybabel compile does."""
        from babel.messages.pofile import read_po  # only when the cache is cold: see the module's docstring

        messages: dict[str, dict[str, str]] = {}
        for lang_dir in sorted(p for p in directory.iterdir() if (p / "LC_MESSAGES").is_dir()):
            entries = messages.setdefault(lang_dir.name, {})
            for po in sorted((lang_dir / "LC_MESSAGES").glob("*.po")):
                with po.open("rb") as fh:
                    catalog = read_po(fh, locale=lang_dir.name)
                for message in catalog:
                    if message.id and message.string and not message.fuzzy:
                        entries[str(message.id)] = str(message.string)
        if SOURCE_LOCALE not in messages:
            raise RuntimeError(f"no {SOURCE_LOCALE} catalog under {directory}")
        return cls(messages)

    def _state(self) -> dict[str, dict[str, str]]:
        """Plain values for marshal."""
        return self._messages

    @classmethod
    def _from_state(cls, state: dict[str, dict[str, str]]) -> Catalog:
        """The catalog back from `_state`."""
        if not isinstance(state, dict) or SOURCE_LOCALE not in state:
            raise ValueError("not a message catalog")
        return cls(state)

    @property
    def locales(self) -> tuple[str, ...]:
        """Locales with a catalog, the source first."""
        return self._locales

    def keys(self, locale: str = SOURCE_LOCALE) -> set[str]:
        """Every key a locale defines."""
        return set(self._messages.get(locale, {}))

    def has(self, key: str, locale: str = SOURCE_LOCALE) -> bool:
        """Whether a locale defines the key."""
        return key in self._messages.get(locale, {})

    def text(self, key: str, locale: str = SOURCE_LOCALE, /, **values: Any) -> str:
        """The message for key in locale (falling back to Indonesian), with {named} fields filled."""
        template = self._messages.get(locale, {}).get(key)
        if template is None:
            template = self._messages[SOURCE_LOCALE].get(key)
        if template is None:
            raise MissingKey(key)
        return template.format_map(values) if values else template

    def maybe(self, key: str, locale: str = SOURCE_LOCALE, /, **values: Any) -> str | None:
        """Like text(), but None when the key does not exist."""
        try:
            return self.text(key, locale, **values)
        except MissingKey:
            return None


@cache
def default_catalog() -> Catalog:
    """The catalog shipped in locales/, loaded once per process."""
    return Catalog.load()


def shipped_locales(directory: Path = LOCALES_DIR) -> tuple[str, ...]:
    """The locales with catalogs under locales/, the source first (as Catalog.locales), without reading them."""
    found = sorted(p.name for p in directory.iterdir() if (p / "LC_MESSAGES").is_dir()) if directory.is_dir() else []
    return (SOURCE_LOCALE, *(name for name in found if name != SOURCE_LOCALE))


@cache
def default_cldr() -> CldrTable:
    """Babel's date and list words for the shipped locales, from the cache beside the shipped data."""
    return cldr_table(shipped_locales())


def long_date(day: date, locale: str, cldr: CldrTable | None = None) -> str:
    """A date the way people say it: 17 Agustus 2026 (Babel's "long" format)."""
    return (cldr or default_cldr()).format_date(day, "long", locale)


def month_year(day: date, locale: str, cldr: CldrTable | None = None) -> str:
    """A month the way people say it: Agustus 2026 (Babel's "MMMM y")."""
    return (cldr or default_cldr()).format_date(day, "month_year", locale)


def or_list(items: Sequence[str], locale: str, cldr: CldrTable | None = None) -> str:
    """ "a, b, atau c" (Babel's format_list, style "or")."""
    return (cldr or default_cldr()).or_list(items, locale)
