"""The agency directory the complaint flow asks: which agency did the citizen mean?"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol

from rapidfuzz import fuzz, process, utils

from flows.ports import AgencyChoice


class AgencyDirectory(Protocol):
    """Agencies a complaint can be addressed to."""

    def match(self, text: str, region: str | None) -> list[AgencyChoice]:
        """Candidates for what the citizen typed, best first."""
        ...

    def name(self, code: str) -> str | None:
        """An agency's display name."""
        ...

    def suggest(self, description: str, region: str | None) -> list[AgencyChoice]:
        """Agencies for the problem a story describes."""
        ...

    def category(self, description: str) -> str | None:
        """The category a story most likely belongs to."""
        ...

    def usual_category(self, code: str) -> str | None:
        """The complaint category an agency usually handles."""
        ...

    def story_places(self, description: str) -> tuple[str, ...]:
        """The places a story reads as where it happened, best first, one per kabupaten/kota; none when it names
        none."""
        ...


class ListAgencies:
    """A small directory matched with plain fuzzy matching (tests, tiny deployments)."""

    def __init__(self, rows: Iterable[tuple[str, str]], cutoff: float = 70) -> None:
        self._names = dict(rows)
        self._codes = list(self._names)
        self._choices = [utils.default_process(n) for n in self._names.values()]
        self._cutoff = cutoff

    def match(self, text: str, region: str | None) -> list[AgencyChoice]:
        """Top three by WRatio."""
        found = process.extract(utils.default_process(text), self._choices, scorer=fuzz.WRatio, limit=3,
                                score_cutoff=self._cutoff)
        return [AgencyChoice(self._codes[i], self._names[self._codes[i]], score) for _, score, i in found]

    def name(self, code: str) -> str | None:
        """The name of an agency."""
        return self._names.get(code)

    def suggest(self, description: str, region: str | None) -> list[AgencyChoice]:
        """No keyword knowledge in a plain list."""
        return []

    def category(self, description: str) -> str | None:
        """No keyword knowledge in a plain list."""
        return None

    def usual_category(self, code: str) -> str | None:
        """A plain list knows no categories."""
        return None

    def story_places(self, description: str) -> tuple[str, ...]:
        """A plain list reads no places: none is vouched for, so where it happened is asked."""
        return ()


class CatalogAgencies:
    """The full agency catalog with Indonesian abbreviations and regions (bot.understanding)."""

    def __init__(self, catalog: Any) -> None:
        self._catalog = catalog
        # A story is read at several steps of one complaint (category, agency hint, agency options):
        # the answers are the same each time, so each story is read once.
        self._suggested = lru_cache(maxsize=2048)(self._suggest)
        self._categorised = lru_cache(maxsize=2048)(self._category)
        self._placed = lru_cache(maxsize=2048)(catalog.story_places)

    def match(self, text: str, region: str | None) -> list[AgencyChoice]:
        """Top three from the catalog's matcher."""
        return [AgencyChoice(m.agency.code, m.agency.name, m.score, m.agency.region_code)
                for m in self._catalog.match(text, region=region, limit=3)]

    def name(self, code: str) -> str | None:
        """The name of an agency."""
        agency = self._catalog.get(code)
        return agency.name if agency else None

    def suggest(self, description: str, region: str | None) -> list[AgencyChoice]:
        """Agencies for the problem a story describes (keywords such as puskesmas, KTP, jalan, sampah)."""
        return list(self._suggested(description, region))

    def category(self, description: str) -> str | None:
        """The category a story most likely belongs to."""
        return self._categorised(description)

    def usual_category(self, code: str) -> str | None:
        """The category the agency's kind usually handles (a Dinas Kesehatan: kesehatan)."""
        agency = self._catalog.get(code)
        return self._catalog.category_of(agency) if agency is not None else None

    def story_places(self, description: str) -> tuple[str, ...]:
        """The places the story as a whole reads as where it happened, as suggest() reads them, best first."""
        return self._placed(description)

    def _suggest(self, description: str, region: str | None) -> tuple[AgencyChoice, ...]:
        return tuple(AgencyChoice(m.agency.code, m.agency.name, m.score, m.agency.region_code)
                     for m in self._catalog.suggest(description, region=region, limit=3))

    @staticmethod
    def _category(description: str) -> str | None:
        from bot.understanding import suggest_category

        return suggest_category(description)
