"""What the understanding tests share: the shipped agency catalog, and the first office it suggests."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import Agency, AgencyCatalog


@pytest.fixture(scope="session")
def catalog() -> AgencyCatalog:
    """The national catalog as the bot loads it (built once; AgencyCatalog.default() keeps it)."""
    return AgencyCatalog.default()


def first_agency(catalog: AgencyCatalog, story: str, region: str | None = None) -> Agency | None:
    """The first office suggested, None when there is none."""
    found = catalog.suggest(story, region=region)
    return found[0].agency if found else None


def first(catalog: AgencyCatalog, story: str, region: str | None = None) -> str | None:
    """The code of the first office suggested, None when there is none."""
    agency = first_agency(catalog, story, region)
    return agency.code if agency else None


def region_of_first(catalog: AgencyCatalog, story: str, region: str | None = None) -> str | None:
    """The region code of the first office suggested, None when there is none or it is a national body."""
    agency = first_agency(catalog, story, region)
    return agency.region_code if agency else None


def region_of_first_regional(catalog: AgencyCatalog, story: str, region: str | None = None) -> str | None:
    """The region code of the first regional office suggested (a national body may come first: 'jalan nasional')."""
    return next((m.agency.region_code for m in catalog.suggest(story, region=region) if m.agency.region_code), None)
