"""Where the story is (round 82, tuner B): a message headed by nothing but its desa (and kecamatan) before the first
comma names where it is, as an address heads a letter; and a desa's name of several words that holds an office's
word ('kel Pematang Gubernur') is the desa after its level word."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # a desa alone heading the message (Kuto, Kerjo, Karanganyar: the only desa so named)
        ("Kuto, saluran irigasi jebol sejak minggu lalu, sawah kering", "33.13"),
        # a desa, then its kecamatan whose name is an everyday word ('licin', slippery): Segobang, Licin, Banyuwangi
        ("Segobang Licin, jembatan kayu ke sekolah lapuk, anak2 takut lewat", "35.10"),
        # ...and Plosorejo, Kerjo ('kerjo', work, in Javanese)
        ("Plosorejo Kerjo, sampah numpuk di pinggir kali ga ada yang angkut", "33.13"),
    ],
)
def test_a_heading_of_place_names_is_where_it_is(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(
    "story",
    [
        "Tolong, jalan di kampung kami rusak parah",  # a plea heading the message is no place
        "Kemarin, banjir besar lagi sampai masuk rumah",
    ],
)
def test_a_heading_of_ordinary_words_names_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()


def test_an_office_word_inside_a_village_name_after_its_level_word(catalog: AgencyCatalog) -> None:
    # Kelurahan Pematang Gubernur (Kota Bengkulu): 'gubernur' is the desa's name here, not the governor
    story = "kelurahan Pematang Gubernur, drainase mampet, tiap hujan air masuk rumah"
    assert (region_of_first(catalog, story) or "").startswith("17.71")


def test_the_governor_alone_is_still_the_governor(catalog: AgencyCatalog) -> None:
    # no level word before the name: 'pematang' is a ridge between paddies, 'gubernur' the governor
    assert "17.71.04.1003" not in catalog.story_places("pematang sawah longsor, sudah lapor ke gubernur")
