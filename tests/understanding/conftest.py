"""What the understanding tests share: the shipped agency catalog, the first office it suggests, a story read."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.i18n import Catalog
from bot.understanding.agencies import Agency, AgencyCatalog
from bot.understanding.story import StoryReading, read_story, story_words
from tests.harness import shipped_agencies, shipped_places

STORY_DAY = date(2026, 12, 2)


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


def ranked(catalog: AgencyCatalog, story: str, region: str | None = None) -> list[str]:
    """The codes of every office suggested, best first."""
    return [m.agency.code for m in catalog.suggest(story, region=region)]


def region_of_first(catalog: AgencyCatalog, story: str, region: str | None = None) -> str | None:
    """The region code of the first office suggested, None when there is none or it is a national body."""
    agency = first_agency(catalog, story, region)
    return agency.region_code if agency else None


def region_of_first_regional(catalog: AgencyCatalog, story: str, region: str | None = None) -> str | None:
    """The region code of the first regional office suggested (a national body may come first: 'jalan nasional')."""
    return next((m.agency.region_code for m in catalog.suggest(story, region=region) if m.agency.region_code), None)


def story_reading(story: str) -> StoryReading:
    """A first message as the conversation reads it (bot/understanding/story.py), with no home region."""
    agencies, places = shipped_agencies(), shipped_places()
    return read_story(story, STORY_DAY, story_words(Catalog.load()), resolve_place=lambda t: places.resolve(t, None),
                      suggest_agency=agencies.suggest, suggest_category=agencies.category, home=None,
                      agency_category=agencies.usual_category, story_places=agencies.story_places)


def filled_region(story: str) -> str | None:
    """The region read_story fills surely (without asking) from a first message, None when it asks."""
    found = story_reading(story)
    where = found.answers.get("location") or {}
    return where.get("region") if found.confidence.get("location", 0.0) >= 0.7 else None
