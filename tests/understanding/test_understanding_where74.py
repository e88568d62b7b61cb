"""Words that run together or sound like a place: 'lampu ra ana' is no Lampura (Lampung Utara), Javanese and Minang
'bali' (come back, buy) said with nothing saying a place is meant is no Bali."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # 'dikon bali sesuk' (Javanese: told to come back tomorrow) is no Bali
        ("puskesmas Kedungadem ora ana dokter, pasien dikon bali sesuk terus", "35.22"),
    ],
)
def test_words_that_sound_like_a_place_are_words(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(
    ("story", "not_regency"),
    [
        # no place named: the light that is not there names no Lampung Utara
        ("dalan nang desa kami peteng, lampu ra ana wis rong wulan", "18.03"),
        # a complaint in Javanese about being sent back names no Bali
        ("ngurus KK neng kecamatan dikon bali maneh, wis ping telu", "51"),
        # 'disuruah bali buku' (Minang: told to buy the books) is no Bali either
        ("murid disuruah bali buku ka koperasi sakolah, mahal bana, ambo indak ado pitih", "51"),
        ("wis seminggu lampu ra ana nang perempatan, montor tabrakan terus", "18.03"),
    ],
)
def test_words_that_sound_like_a_place_name_none(catalog: AgencyCatalog, story: str, not_regency: str) -> None:
    assert not (region_of_first(catalog, story) or "").startswith(not_regency)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # a desa's name said in full ('Pasuruhan Kidul' of Kudus, 'Bendungan Hilir' of Jakarta Pusat): the desa
        # called by its first word alone in other kabupaten are no place the story names
        ("sawah ing Pasuruhan Kidul ora keduman banyu, irigasi rusak", "33.19"),
        ("got di Bendungan Hilir mampet, tiap hujan air naik ke rumah", "31.71"),
    ],
)
def test_a_village_said_in_full_is_not_the_shorter_names_inside_it(
    catalog: AgencyCatalog, story: str, regency: str
) -> None:
    assert {place[:5] for place in catalog.story_places(story)} == {regency}


def test_javanese_podo_is_a_word(catalog: AgencyCatalog) -> None:
    # 'warga podo ngangsu' (Javanese: the people all fetch water) is no Desa Podo of Pekalongan
    assert not (region_of_first(catalog, "banyu PDAM mati telung dino, warga podo ngangsu nang kali") or "").startswith(
        "33.26"
    )


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # 'di kampung Citanglar': a kampung is named by its desa's name, where the trouble is, not the town the
        # teller works in or came from
        ("saya kerja di kota Bandung, jalan di kampung Citanglar rusak parah tiap hujan jadi lumpur", "32.02"),
        ("posyandu di kampung Cikelat sudah 3 bulan tutup, saya warga Cianjur numpang tinggal", "32.02"),
    ],
)
def test_a_kampung_is_named_by_its_desa(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)
