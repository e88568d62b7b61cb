"""Round 80 (h-tuneF): a boat's crossing read in more of the ways people say it, so the level that spans it runs it
(bench/data/LABELLING.md, after UU 23/2014): 'ka' for 'ke', the end it leaves from said last, the speedboat said
'speed' or 'boat', an island named bare, an end that names several places all giving one level, a kecamatan before a
namesake desa, Kupang (kota and kabupaten) against another province; and 'kapal feri' alone the transport office's,
not the ministry's, whatever the route. Fresh sentences written for this file, none copied from a story set."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.crossings import crossings
from bot.understanding.normalize import tokenize
from bot.understanding.regions import RegionIndex
from tests.understanding.conftest import first


def _levels(story: str) -> list[str]:
    return [c.level for c in crossings(tokenize(story, slang=True), RegionIndex.default())]


@pytest.mark.parametrize(("story", "level"), [
    ("speedboat dari ternate ka sofifi penuh terus", "prov"),  # 'ka': 'ke' in Manado Malay and Minang
    ("kapal ke pulau tidung dari muara angke sering telat", "prov"),  # the end it leaves from said last
    ("speed dari tulehu ke saparua ongkosnya naik", "kab"),  # the speedboat said short
    ("boat dari sanur ke lembongan tidak ada pelampung", "prov"),
    ("kapal dari sumenep ke kangean batal terus", "kab"),  # an island named bare
    ("kapal dari manado ke siau jarang berangkat", "prov"),
    ("kapal feri dari bira ke pamatata antri dua hari", "prov"),  # Bira of Bulukumba or of Makassar: either way
    ("kapal dari sei berombang ke tanjung balai kelebihan muatan", "prov"),
    ("kapal dari kalianget ke kangean tiketnya dijual calo", "kab"),  # the kecamatan, not a desa named so
    ("kapal dari kupang ke kisar sudah sebulan tidak singgah", "pusat"),  # Kota or Kabupaten Kupang: NTT either way
])
def test_more_crossings_are_read(story: str, level: str) -> None:
    assert _levels(story) == [level]


@pytest.mark.parametrize("story", [
    "kapal kayu dari siompu ke daratan kelebihan muatan",  # 'daratan', the mainland, is no slip for Pulau Derawan
    "kapal wisata ka pulau angso duo dari pariaman tidak ada pelampung",  # no island read: a kelurahan's namesake
    "kapal dari bangsal ke gili trawangan tidak ada jadwal",  # Bangsal read nowhere near Lombok: unread
])
def test_no_crossing_level_from_a_namesake(story: str) -> None:
    assert "pusat" not in _levels(story)


def test_an_end_with_unlisted_places_gives_no_level() -> None:
    # 'sungai guntung' names more places than are listed; the one in Indragiri Hilir may be among the unlisted
    assert _levels("pompong ke sungai guntung dari tembilahan tidak ada pelampung") == []


def test_a_ferry_with_no_route_is_the_transport_office(catalog: AgencyCatalog) -> None:
    # most ferries run inside a kabupaten or between kabupaten of a province: the ministry only when the route says so
    assert first(catalog, "kapal feri sering batal berangkat, penumpang terlantar berjam-jam", "53.20") \
        == "53.20-dishub"
