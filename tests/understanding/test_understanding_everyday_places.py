"""Typed places read from everyday words: a kecamatan called Simpang, Pinggir or Ujung far away is a guess when the
word sits among others with no level word before it, so it is offered to confirm, never taken as sure."""

from __future__ import annotations

import pytest

from bot.understanding.regions import RegionIndex


@pytest.fixture(scope="module")
def regions() -> RegionIndex:
    return RegionIndex.default()


@pytest.mark.parametrize("text", [
    "warung kopi dekat simpang tiga",        # Kecamatan Simpang (OKU Selatan) is no sure reading of a crossroads
    "rumah di pinggir kali belakang masjid",  # nor Kecamatan Pinggir (Bengkalis) of a river's bank
    "gang buntu ujung jalan",                 # nor Kecamatan Ujung (Parepare) of a street's end
    "parkiran pantai barat dekat tugu",       # nor Kecamatan Pantai Barat (Supiori) of a west beach
])
def test_everyday_words_among_others_are_not_a_sure_place(regions: RegionIndex, text: str) -> None:
    res = regions.resolve(text)
    assert res.best is None


def test_everyday_word_with_its_level_word_or_alone_still_resolves(regions: RegionIndex) -> None:
    assert regions.resolve("kec. simpang").best is not None
    assert regions.resolve("simpang").best is not None  # a one-word answer to "where?" is a place
    # a kecamatan named with the word 'kota' names itself
    best = regions.resolve("kota selatan dekat pasar").best
    assert best is not None and best.region.code.startswith("75.71")


def test_everyday_word_in_the_home_kabupaten_stays_sure(regions: RegionIndex) -> None:
    best = regions.resolve("warung dekat ujung jalan", home="73.72").best
    assert best is not None and best.region.code.startswith("73.72")
