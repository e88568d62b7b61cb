"""Round 94 (h-tuneC): what the story reader offers at "Di mana kejadiannya?", fills, and keeps as the kabupaten a
typed place is looked for in first. A kota said only as the end a boat goes to ("speedboat dari pulau X ke Manado",
"kapal Tahuna - Manado") is the town the boat links the teller's island with, not where the trouble is. Every
sentence here is fresh, written for this file (none copied from a set)."""

from __future__ import annotations

import pytest

from tests.understanding.conftest import story_reading


def _offered(story: str) -> list[str]:
    """The region codes offered as buttons at "Di mana kejadiannya?" (none when nothing is offered)."""
    offer = story_reading(story).answers.get("suggested_place")
    return [o["code"] for o in (offer, *offer.get("others", ()))] if offer else []


def _story_region(story: str) -> str | None:
    """The kabupaten/kota a typed place is looked for in first (None when the story reads none surely)."""
    return story_reading(story).answers.get("story_region")


def _filled(story: str) -> str | None:
    """The region filled without asking (confidence 0.7 or more), if any."""
    reading = story_reading(story)
    place = reading.answers.get("location") or {}
    return place.get("region") if reading.confidence.get("location", 0.0) >= 0.7 else None


# Class: a kota named only as the end a boat goes to (blind86 row 66: 'Speedboat reguler dari Wailabu ke Kota
# Sorong'; blind83 row 127: 'Perahu penumpang dari pulau Nain ke Manado'; blind57 row 195: 'tiket kapal manado -
# siau'; blind87 row 132: 'Kapal dari Wawonii ke Kendari'; blind16 row 188: 'kapal dari natuna ke tanjung pinang').
_BOAT_TOWN_STORY_REGION = [
    ("Perahu motor dari pulau Mantehage ke Manado tidak pakai pelampung, anak sekolah duduk di atap", None),
    ("Tiket kapal Tahuna - Manado dijual calo di luar loket dua kali lipat, penumpang terlantar", None),
    ("speedboat tujuan Batam dari Pulau Buru penuh terus, tiket dijual calo", None),
    ("Longboat reguler dari kampung kami ke Kota Sorong cuma jalan dua minggu sekali, mama-mama susah jual", None),
    # the island's kabupaten is kept (Konawe Kepulauan)
    ("Kapal dari Wawonii ke Kendari sering telat, kami dari Langara bawa hasil kebun jadi busuk", "74.12"),
    # a kota's kecamatan the boat goes to, likewise (blind76 row 33: 'kapal ke Muara Angke dari pulau harapan')
    ("Kapal ke Muara Angke dari pulau kami sering batal tanpa kabar, orang sakit tertahan", None),
]


@pytest.mark.parametrize(("story", "region"), _BOAT_TOWN_STORY_REGION)
def test_the_kota_a_boat_goes_to_is_not_the_story_region(story: str, region: str | None) -> None:
    """A kota said only as the end a boat goes to is not where a typed place is looked for first."""
    assert _story_region(story) == region


@pytest.mark.parametrize(("story", "offered"), [
    # the boat's town is no button beside the island's place (Saparua, Maluku Tengah; Kab. Kepulauan Selayar)
    ("kapal cepat dari Saparua ke Ambon sering batal tanpa kabar, kami susah berobat", ["81.01.12"]),
    ("Kapal dari Selayar ke Makassar sering batal, orang sakit susah dirujuk", ["73.01"]),
])
def test_the_kota_a_boat_goes_to_is_no_button(story: str, offered: list[str]) -> None:
    """A kota said only as the end a boat goes to is not offered beside the island's place."""
    assert _offered(story) == offered


def test_the_kotas_kecamatan_a_boat_goes_to_is_no_button() -> None:
    """A kecamatan of a kota the boat goes to is no button beside the island's place (blind85 row 79: 'Kapal kayu
    dari Semau ke Tenau Kupang'): Semau, Kab. Kupang, stays."""
    offered = _offered("perahu penumpang dari pulau Semau ke Oebobo penuh sesak, pelampung kurang")
    assert "53.01.04" in offered
    assert "53.71.04" not in offered


def test_the_kota_a_boat_goes_to_is_not_filled() -> None:
    """'ke Kota Sorong' after a boat and 'dari kampung kami' is not filled as the place of the trouble."""
    assert _filled("Longboat reguler dari kampung kami ke Kota Sorong cuma jalan dua minggu sekali, mama-mama "
                   "susah jual") is None


def test_the_kota_a_boat_leaves_from_or_holding_the_island_stays() -> None:
    """(Edge cases, passing on both: the end a boat leaves from is as often the kota's own harbour; an island inside
    the kota is the kota's own.)"""
    assert "71.72" in _offered("Kapal ke Kepulauan Sangihe dari Bitung ditunda terus tanpa info, penumpang "
                               "terlantar")
    assert _story_region("Speedboat dari Moti ke Ternate tidak ada pelampung, torang takut") == "82.71"
    assert _story_region("pompong ke pulau penyengat naikin tarif sendiri, penumpang dikenakan dua kali lipat"
                         ) == "21.72"
