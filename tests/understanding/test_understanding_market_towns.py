"""Market towns, kota/kabupaten pairs and the teller's own town (issue 17: no report in the wrong kabupaten).

Every story here was written for this test; none is a bench story.
"""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from flows.engine import CONFIDENT
from tests.harness import shipped_agencies
from tests.understanding.conftest import region_of_first, story_reading

MARKETS = [
    # Desa Pasar Bangko (Merangin) is named for its own kecamatan's market; Rokan Hilir's Bangko has a market too,
    # and the teller lives in its capital
    ("saluran di pasar bangko mampet, air got masuk kios. saya tinggal di bagan siapiapi", "14.07"),
    # Desa Pasar Sukadana (Lampung Timur) is no more Sukadana than Kayong Utara's kecamatan of that name
    ("los ikan di pasar sukadana bocor, pedagang dari sungai melayu rayak kehujanan terus", "61.11"),
]


@pytest.mark.parametrize(("story", "regency"), MARKETS)
def test_a_desa_named_for_its_towns_market_names_no_town_above_the_others(catalog: AgencyCatalog, story: str,
                                                                         regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_the_market_desa_is_still_read_where_its_town_is_named(catalog: AgencyCatalog) -> None:
    """With its kabupaten named, 'pasar X' still reads that kabupaten's X."""
    assert (region_of_first(catalog, "pasar bangko merangin becek, sampah tidak diangkut") or "").startswith("15.02")


def test_madurese_e_after_tinggal_says_where_the_teller_lives(catalog: AgencyCatalog) -> None:
    """'sengko tinggal e Kota Malang' (Madurese 'e' is 'di'): the teller's Kota, not where the market is."""
    story = "atap pasar ganding bocor kabbhi, sengko tinggal e Kota Malang, mole ka ganding saban bulan"
    assert (region_of_first(catalog, story) or "").startswith("35.29")


def test_the_town_after_a_hospitals_own_name_is_where_it_stands(catalog: AgencyCatalog) -> None:
    """'RSUD Soeselo Slawi': a hospital named for a person, then its town; the Kota the patient came from is not
    where the hospital is."""
    story = "RSUD Soeselo Slawi antrinya parah, ibu saya dirujuk dari Kota Tegal tapi belum dapat kamar"
    assert (region_of_first(catalog, story) or "").startswith("33.28")


def test_a_hospital_named_by_its_town_has_no_second_town_after_it(catalog: AgencyCatalog) -> None:
    """'RSUD Kajen lambat sekali. Ayah saya ...': the town is Kajen, not Kecamatan Ayah (Kebumen)."""
    story = "pelayanan RSUD Kajen lambat sekali. Ayah saya nunggu dokter 5 jam"
    assert (region_of_first(catalog, story) or "").startswith("33.26")


KOTA_BESIDE_A_NEIGHBOUR = [
    # the Kota with its level word, and a kecamatan of the Kabupaten around it named plainly, far behind it
    ("kami di Kota Tegal tapi kontrakan di Adiwerna, air sumurnya bau dan keruh", "33.76", "33.28"),
    ("warung kami di kota Probolinggo, gudang di Dringu kebanjiran terus", "35.74", "35.13"),
]


@pytest.mark.parametrize(("story", "kota", "kabupaten"), KOTA_BESIDE_A_NEIGHBOUR)
def test_a_kota_read_beside_a_neighbours_kecamatan_is_asked_not_filled(story: str, kota: str, kabupaten: str
                                                                        ) -> None:
    found = story_reading(story)
    assert found.confidence.get("location", 0.0) < CONFIDENT
    assert not found.answers.get("agency")
    read = shipped_agencies().story_places(story)
    assert read[0] == kota and any(code.startswith(kabupaten) for code in read[1:])


def test_a_kota_named_again_or_alone_is_still_filled() -> None:
    """'sd di cimahi ... dinas pendidikan kota cimahi': the Kota's own name said twice is no neighbour."""
    found = story_reading("sd negeri di cimahi menahan ijazah anak saya, tolong dinas pendidikan kota cimahi")
    assert found.confidence.get("location", 0.0) >= CONFIDENT
    assert found.answers["location"]["region"] == "32.77"
