"""The office's level (round 92, tuner L): a boat's crossing whose end it leaves from is the place the story opens
with, said as a heading ('Balohan, kapal cepat ke Banda Aceh'), is read between the heading's place and where the
boat goes; an island said by what it is ('kapal ke pulau besar') is no end a place list holds."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(
    ("story", "office"),
    [
        # taught by blind92 'Balohan, kapal cepat ke Banda Aceh sering batal' (Kota Sabang to Kota Banda Aceh)
        ("Balohan, speedboat ke Banda Aceh penuh terus, tiket habis dibeli calo", "11-dishub"),
        ("Pulau Rote, kapal cepat ke Kupang mogok di laut, penumpang tidak dikasih pelampung", "53-dishub"),
        ("Sinabang, kapal ferry ke Labuhan Haji batal lagi, penumpang tidur di dermaga", "11-dishub"),
    ],
)
def test_a_crossing_from_the_place_the_story_opens_with(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


@pytest.mark.parametrize(
    "story",
    [
        # (an edge folded in, passing on the start code too: the heading read as the boat's end must not make 'pulau
        # besar', the big island, Flores Timur's Kecamatan Pulau Besar: blind78 'Mbuang-Mbuang Bokan Kepulauan')
        "Mbuang-Mbuang Bokan Kepulauan, kapal ke pulau besar telat terus, beras habis",
    ],
)
def test_the_big_island_is_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "72.11-dishub"
