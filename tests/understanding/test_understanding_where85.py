"""Where the story is (round 85, tuner B): a person's title after a hospital's word opens the name of the person the
hospital is named for ('RSUD Panembahan Senopati'), no place; 'sawah lebak' is a flood-plain field, no Kabupaten
Lebak; 'pdg panjang' is Padang Panjang, not Padang; 'ruangan' (a room) and Minang 'kabun' (a garden) are everyday
words, no Kecamatan Rungan or Kabun; of two words typed, one spelled as a name's own word, the other must look like
the rest of the name ('pangkalan jua' is no Pangkalan Bun); a bridge to a village ('jembatan gantung ke X') is the
bridge there, as a road to it is; 'karat' (rust) is an everyday word; a kin word ending a place's name ('Tanah
Abang') is no relative."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(
    "story",
    [
        # a hospital named for a person: the title 'panembahan' is no Kelurahan Panembahan of Kota Yogyakarta
        "ibu sy ditolak di IGD RSUD Panembahan Senopati, katanya belum gawat, disuruh pulang",
        # 'sawah lebak': the field a river floods each year (Sumatra, Kalimantan), no Kabupaten Lebak
        "sawah lebak kami tenggelam lagi, bibit padi busuk semua, minta bantuan benih",
        # 'ruangan' (a room) is no slip for Kecamatan Rungan of Gunung Mas
        "di ruangan tunggu puskesmas kipas mati, pasien kepanasan",
        # Minang 'kabun' (a garden) is no Kecamatan Kabun of Rokan Hulu
        "babi hutan masuak kabun jaguang warga, alah habih dimakan",
        # 'pangkalan' (the gas base) spelled right and Minang 'jua' (sells): 'jua' is no slip for the 'bun' of
        # Pangkalan Bun, so the two words are no Pangkalan Bun
        "elpiji susah dicari, pangkalan jua ka warung, harago naik taruih",
    ],
)
def test_everyday_words_name_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # counter-case: a hospital's title word is passed over, the town after the name is still read
        ("RS Haji Surabaya antrian BPJS lama sekali", "35.78"),
        # counter-case: Lebak said as where the flood is stays Kabupaten Lebak
        ("banjir di Lebak, sawah warga terendam semua", "36.02"),
        # counter-case: Kabun after 'SMK negeri di' is the kecamatan where the school stands
        ("anak sy masuk SMK negeri di Kabun, dipungut uang gedung", "14.06"),
        # counter-case: a slip in the other word that still looks like it is a slip ('brandn': Pangkalan Brandan)
        ("banjir di pangkalan brandn sudah 3 hari", "12.05"),
        # counter-case: a road toward a kota, nothing else named, is still that kota's
        ("jalan ke arah Medan berlubang besar", "12.71"),
        # 'abang' ending a place's name ('Tanah Abang di Muba') is the name's, no brother in Muba: the kabupaten
        # said after 'di' is where that Tanah Abang is
        ("Ini Tanah Abang di Muba ya, sungai berminyak", "16.06"),
        # counter-case: a brother's place named after the trouble's is still the brother's
        ("lampu jalan di Tanah Abang mati, abang saya di Sintang juga ngeluh", "31.71"),
    ],
)
def test_places_still_read(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


def test_bridge_to_a_village_is_there(catalog: AgencyCatalog) -> None:
    # a bridge to a village is the bridge there, as a road to it is, not the kota the teller works in ('karat',
    # rust, is no slip for Kel. Darat of that kota either)
    story = "jembatan gantung ke Salang Sigotom miring, talinya karat. Sy kerja di Medan"
    assert first(catalog, story) == "11.02-pupr"


@pytest.mark.parametrize(
    ("typed", "regency"),
    [
        # 'pdg panjang' typed short is Kota Padang Panjang, not Kota Padang and a word 'panjang'
        ("guguk malintang pdg panjang", "13.74"),
        ("pdg panjang", "13.74"),
        # counter-case: 'pdg' alone is still Padang
        ("pdg", "13.71"),
    ],
)
def test_padang_panjang_typed_short(catalog: AgencyCatalog, typed: str, regency: str) -> None:
    best = catalog.regions.resolve(typed, None).best
    assert best is not None and best.region.code.startswith(regency)
