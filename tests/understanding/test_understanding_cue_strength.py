"""How sure a word is a place: 'di X' over a word that merely starts a clause; weak words lend no support."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(("story", "regency"), [
    # 'dagangan' (goods) is also a kecamatan of Madiun: after a comma it only starts a clause
    ("pasar di Kajen atapnya bocor, dagangan kami basah semua", "33.26"),
    ("los ikan di Weleri becek, dagangan busuk karena atap rusak", "33.24"),
])
def test_a_place_after_di_outranks_a_word_that_starts_a_clause(
        catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize("story", [
    "minggu lalu saya ke Sleman tapi mau lapor rumah ortu di Depok, Sawangan: selokan mampet",
    "kemarin main ke Sleman, tapi ini soal jalan di Depok, Sawangan yang amblas",
])
def test_a_place_after_another_and_a_comma_is_the_address_going_on(catalog: AgencyCatalog, story: str) -> None:
    """'Depok, Sawangan' is one address: the kecamatan after the comma is as sure as after 'di', so Kota Depok's
    Sawangan stands level with Sleman's kecamatan Depok and Sleman is not suggested first."""
    assert not (region_of_first(catalog, story) or "").startswith("34.04")


@pytest.mark.parametrize(("story", "regency"), [
    # 'lalu lalang' is no village Lalang of Batu Bara, though 'truk batubara' is also in the sentence
    ("debu di Muara Jawa parah, truk batubara lalu lalang siang malam", "64.02"),
])
def test_a_weak_word_lends_a_bare_village_no_support(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    # 'per sak' is no slip for Perak (Jombang); 'so ba' (Manado: 'already') is no Soba
    ("pupuk di kios Sukodadi dijual 150 ribu per sak", "35.24"),
    ("got di Malalayang so ba sumbat, air meluap ke jalan", "71.71"),
    # 'semen' is cement before it is Kecamatan Semen (Kediri)
    ("harga semen di toko bangunan Kedungwaru naik jadi 70rb per sak", "35.04"),
])
def test_short_words_run_together_and_everyday_words_are_no_place(
        catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_trip_destination_gives_way_to_the_place_of_the_problem(catalog: AgencyCatalog) -> None:
    """'study tour ke Bali' is where the class goes; the school is in Pamulang (Tangerang Selatan)."""
    story = "SMA negeri di Pamulang maksa murid ikut study tour ke Bali bayar 4 juta"
    found = catalog.suggest(story)
    assert found and (found[0].agency.region_code or "").startswith("36")


def test_a_road_between_two_places_keeps_both(catalog: AgencyCatalog) -> None:
    """'jalan Sagaranten ke Tegalbuleud': the second is the road's other end, not a trip elsewhere."""
    assert (region_of_first(catalog, "jalan kabupaten Cidolog ke Sagaranten amblas") or "").startswith("32.02")


def test_a_misspelt_place_after_di_late_in_a_long_story_is_still_read(catalog: AgencyCatalog) -> None:
    """Typo-matching tries a few words only: the word after 'di' goes first, wherever it stands."""
    story = ("assalamualaikum bapak ibu mohon maaf mengganggu waktunya saya warga biasa mau melaporkan bahwa "
             "jalan utama kampung kami rusak berat berlubang dalam sekali di Pringgbaya")
    assert (region_of_first(catalog, story) or "").startswith("52.03")
