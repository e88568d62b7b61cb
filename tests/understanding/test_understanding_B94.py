"""Where the story is (round 94, tuner B): everyday words of regional speech and trade ('kasi', 'kase', 'toke',
'swadaya', 'tenda', 'gancang') are no places, so the place the story does name decides; and a gas base or a
fertiliser kiosk named by its desa ('pangkalan Olean', 'kios pupuk Pasirnagara') names that desa, as 'toko' and
'warung' already did."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # class: an everyday word read as a far place (tuning: blind44 'perawat cuma kasi obat' read Distrik Kasi of
        # Tambrauw over RSUD Andi Makkasau of Parepare; blind95 'Mohon dukcapil kasi kepastian' over Gading Rejo)
        ("perawat di RSUD Andi Makkasau cuma kasi obat penurun panas, dokter tidak datang", "73.72"),
        # (blind96 'Timbangan toke gatah di Sinyamu': Desa Tokke of Luwu Utara first; 'toke' is the rubber buyer)
        ("ambo jua gatah ka toke di Sinyamu, timbangan di toke kurang 5 kilo", "13.03"),
        # (blind96 'Harga TBS petani swadaya di Bangun Purba Timur Jaya': Desa Swadaya of Sintang and Bone first)
        ("petani swadaya di Bangun Purba Timur Jaya tidak dapat bantuan bibit sawit", "14.06"),
        # (blind95 'SD di Namo rusak kena gempa ... belajar di tenda': Desa Tenda of Ende and Manggarai beside it)
        ("warga korban gempa di Namo masih tidur di tenda, bantuan belum datang", "72.10"),
        # (blind95 'perempatan Pungkur ... Mohon dishub gancang': Desa Gancang of Banyumas, Sundanese 'quick')
        ("mohon dishub gancang ngalereskeun lampu merah di perempatan Pungkur", "32.73"),
    ],
)
def test_everyday_words_are_no_places(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert region_of_first(catalog, story) == regency


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # class: a gas base or fertiliser kiosk named by its desa (tuning: blind95 'GAS ELPIJI 3 KG DI PANGKALAN
        # OLEAN', blind96 'minyak tanah di pangkalan Todokuiha', 'kios pupuk Pasirnagara', blind88 'kios Karing':
        # the desa unread, the ministry first)
        ("gas melon di pangkalan Kutasirna kosong terus, katanya kiriman telat", "32.02"),
        ("kios pupuk Kosambibatu jual urea di atas HET, petani terpaksa beli yang non subsidi", "32.15"),
        ("pangkalan elpiji Warungdowo jual 30 ribu sebiji, padahal HET 18 ribu", "35.14"),
        ("urea subsidi di kios Pasirnagara habis terus tiap musim tanam", "32.07"),
        ("minyak tanah di pangkalan Sinyamu cuma buka seminggu sekali", "13.03"),
        # edge (passes on the start code too): 'di' before the desa read it already
        ("pangkalan elpiji di Warungdowo jual 30 ribu", "35.14"),
    ],
)
def test_a_base_or_kiosk_names_its_desa(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert region_of_first(catalog, story) == regency


@pytest.mark.parametrize(
    ("story", "place"),
    [
        # edge (passes on the start code too): a place whose name begins with 'pangkalan' is still that place, and a
        # level word still names the district the everyday word is a name of
        ("gas 3 kg di pangkalan kerinci langka sudah seminggu", "14.05.02"),
        ("jalan di distrik Kasi rusak parah, mobil tidak bisa lewat", "96.04.28"),
    ],
)
def test_names_said_as_places_stay_places(catalog: AgencyCatalog, story: str, place: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0] == place
