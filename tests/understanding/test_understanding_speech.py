"""The regional words of a story lean toward where they are spoken, to choose between same-named places."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.regions import SPEECH_AREAS, RegionIndex
from tests.understanding.conftest import first_agency, region_of_first


@pytest.mark.parametrize(("story", "regency"), [
    # Tambaksari is a kecamatan of Surabaya and of Ciamis: Suroboyoan says one, Sundanese the other
    ("rek, got nang Tambaksari mampet, koen ngerti gak banjir terus", "35.78"),
    ("punten, abdi warga Tambaksari, jalan desa rusak parah teu acan dibenerkeun", "32.07"),
    # Wenang: a kecamatan of Manado, and villages elsewhere
    ("ngana, lampu jalan di Wenang mati samua, nyanda ada yang urus", "71.71"),
])
def test_regional_words_choose_between_same_named_places(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_without_regional_words_same_named_places_are_not_guessed(catalog: AgencyCatalog) -> None:
    assert first_agency(catalog, "got di Tambaksari mampet banjir terus", None) is None


def test_regional_words_never_outweigh_the_place_named(catalog: AgencyCatalog) -> None:
    """A Betawi speaker writing about Kuta (Bali) is not sent to a village Kuta near Jakarta."""
    assert (region_of_first(catalog, "aye mau lapor, sampah di Kuta numpuk di pantai") or "").startswith("51.03")


def test_every_speech_area_is_a_province_or_kabupaten() -> None:
    regions = RegionIndex.default()
    for word, codes in SPEECH_AREAS.items():
        assert word == word.lower().strip() and codes, word
        for code in codes:
            region = regions.get(code)
            assert region is not None and len(code) in (2, 5), (word, code)


@pytest.mark.parametrize(("story", "regency"), [
    # 'lima puluh' inside a price is no Kecamatan Lima Puluh (Pekanbaru, Batu Bara)
    ("harga beras di Oebobo naik jadi seratus lima puluh ribu sekarung", "53.71"),
])
def test_number_words_in_a_number_are_no_place(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_place_named_with_number_words_is_still_a_place(catalog: AgencyCatalog) -> None:
    assert (region_of_first(catalog, "air pdam mati di kec. Lima Puluh kota pekanbaru") or "").startswith("14.71")


def test_a_temple_is_no_village(catalog: AgencyCatalog) -> None:
    """'ke pura' is going to the temple, not to the village Pura (Alor): Alor's offices are not suggested at all."""
    found = catalog.suggest("jalan ke pura desa di Sukawati rusak")
    assert found and found[0].agency.region_code == "51.04"
    assert not any((m.agency.region_code or "").startswith("53.05") for m in found)


@pytest.mark.parametrize(("story", "regency"), [
    # West Sumatra's places typed as Minang speakers say them (two words changed: too far for typo-matching)
    ("lampu jalan di Lubuak Basuang mati", "13.06"),
    ("jalan ka nagari di Tanjuang Raya longsor, oto indak bisa lewat", "13.06"),
    ("sampah di pasa Payakumbuah alah busuak", "13.76"),
    ("aia PDAM di Gunuang Talang mati", "13.02"),
])
def test_minang_spellings_of_west_sumatran_places(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)
