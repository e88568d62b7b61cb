"""The `holidays` package's answers for a span of years, kept as data so a start need not import the package.

`holidays` imports ~120 modules (~8 MB) to compute what is, for one country and the years a deployment meets,
a few hundred dates. The answers for `YEARS` are computed once and cached (bot/core/data_cache.py, keyed by the
package's version, the country and this code); a year outside the span is asked of the package itself.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.core import data_cache

# Wide enough for every deadline and report a deployment of this release will compute; other years still work.
YEARS = range(2020, 2041)
# The category sets the working-day calendar asks for: public days, with or without the government's
# cuti bersama, and cuti bersama alone.
QUERIES: tuple[tuple[str, ...], ...] = (("public",), ("public", "government"), ("government",))
_CACHE_FORMAT = 1
_DATA = Path(__file__).resolve().parent.parent / "data"

Days = dict[date, str]


@dataclass(frozen=True)
class HolidayTable:
    """One country's holidays per category set and year, in the names' language the calendar shows."""

    country: str
    supported_categories: frozenset[str]
    language: str | None  # "id" where the package has Indonesian names, else its default
    years: dict[tuple[tuple[str, ...], int], Days]

    def days(self, year: int, categories: tuple[str, ...]) -> Days:
        """(date -> name) of one year in these categories, from the table or, outside it, the package."""
        found = self.years.get((categories, year))
        if found is None:
            found = _computed(self.country, year, categories, self.language)
        return found

    def _state(self) -> Any:
        """Plain values for marshal."""
        return (self.country, sorted(self.supported_categories), self.language,
                [(list(c), y, [(d.toordinal(), n) for d, n in days.items()]) for (c, y), days in self.years.items()])

    @classmethod
    def _from_state(cls, state: Any) -> HolidayTable:
        """The table back from `_state`."""
        country, categories, language, years = state
        return cls(country, frozenset(categories), language,
                   {(tuple(c), y): {date.fromordinal(o): n for o, n in days} for c, y, days in years})


def package_version() -> str:
    """The installed `holidays` version, read from its metadata (importing the package is what we avoid)."""
    return importlib.metadata.version("holidays")


def _package() -> Any:
    """The `holidays` package, imported only when a table is built or a year outside it is asked for."""
    return importlib.import_module("holidays")


def _computed(country: str, year: int, categories: tuple[str, ...], language: str | None) -> Days:
    """One year's holidays as the package computes them."""
    return dict(_package().country_holidays(country, years=year, categories=categories, language=language).items())


def _build(country: str) -> HolidayTable:
    """Ask the package: fails with NotImplementedError on a country it does not know."""
    probe = _package().country_holidays(country)
    # Names are shown to Indonesian admins; without this 0.109 returns English names.
    language = "id" if "id" in probe.supported_languages else None
    supported = frozenset(probe.supported_categories)
    years = {(categories, year): _computed(country, year, categories, language)
             for categories in QUERIES if set(categories) <= supported for year in YEARS}
    return HolidayTable(country, supported, language, years)


@lru_cache(maxsize=4)
def holiday_table(country: str) -> HolidayTable:
    """The country's table: from the cache beside the shipped data, or built by the package and cached."""
    cache = data_cache.cache_file(_DATA, f"holidays_{country}", (Path(__file__),), _CACHE_FORMAT,
                                  extra=package_version())
    return data_cache.load(cache, lambda: _build(country), HolidayTable._state, HolidayTable._from_state)[0]
