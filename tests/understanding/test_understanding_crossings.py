"""Issue 17, boats: a crossing named by its two ends is run by the level that spans them (UU 23/2014)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.crossings import crossings
from bot.understanding.normalize import tokenize
from bot.understanding.regions import RegionIndex
from tests.understanding.conftest import first


@pytest.mark.parametrize(("story", "expected"), [
    # between two kabupaten/kota of one province: the province's transport office
    ("kapal feri dari kayangan ke poto tano sering telat berjam jam", "52-dishub"),
    ("speedboat dari tarakan ke tanjung selor penuh sesak tidak ada pelampung", "65-dishub"),
    # between provinces: the ministry's
    ("kapal dari bitung ke ternate sering batal tanpa kabar", "kemenhub"),
    # inside one kabupaten: its own office, as before
    ("perahu penyeberangan dari saparua ke nusalaut tarifnya naik sendiri", "81.01-dishub"),
])
def test_a_crossing_goes_to_the_level_that_spans_its_ends(catalog: AgencyCatalog, story: str, expected: str) -> None:
    assert first(catalog, story) == expected


@pytest.mark.parametrize(("story", "level"), [
    ("kapal cepat ternate–sofifi kelebihan muatan", "prov"),  # ends joined by a dash
    ("roro dari pelabuhan dumai ke rupat antri sampai malam", "prov"),  # a harbour word before an end
    ("kapal feri dari luwuk ke salakan batal", "prov"),  # each end names places in several provinces, both here
    ("kapal dari bitung ke ternate sering batal", "pusat"),
])
def test_the_ends_are_read_as_places(story: str, level: str) -> None:
    found = crossings(tokenize(story, slang=True), RegionIndex.default())
    assert [c.level for c in found] == [level]


@pytest.mark.parametrize("story", [
    "kapal motor nunggu dari pagi ke sore belum berangkat",  # times, not places
    "jalan dari bitung ke manado rusak parah",  # a road: no boat
    "kapal ke ternate sering batal",  # one end only
    "jalan berlubang 5 km dari bitung ke manado",  # kilometres, not a ship
])
def test_no_crossing_without_two_places_and_a_boat(story: str) -> None:
    assert crossings(tokenize(story, slang=True), RegionIndex.default()) == []
