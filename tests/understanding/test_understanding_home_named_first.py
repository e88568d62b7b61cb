"""A story told home first: the teller's Kota, then the place of the problem in the kabupaten around it (issue 17).

"aku manggon nang Kota X, tapi ibuk nang Y (a kecamatan of Kabupaten X), puskesmas Y ...": the Kota is where the
teller lives, named first and with its level word, so it outscored the kecamatan unless something said it was the
teller's. The words that say so are also spoken in Javanese and Minang ('wonten', 'manggon', 'tingga', 'liwat'),
and a trip's next leg starts after 'ke', not after 'lewat'. Every story here was written for this test.
"""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from flows.engine import CONFIDENT
from tests.understanding.conftest import region_of_first, story_reading

HOME_FIRST = [
    # Javanese 'wonten' between 'tinggal' and the place, and before the relative's place
    ("kulo tinggal wonten Kota Madiun, nanging bapak wonten Dolopo, puskesmas Dolopo obate telat terus", "35.19"),
    # Javanese 'manggon' (to live)
    ("aku manggon nang Kota Kediri, tapi simbah nang Pare, lampu dalan nang Pare mati kabeh", "35.06"),
    # Minang 'tingga' (to live) and 'amak' (mother)
    ("ambo tingga di Bukittinggi tapi amak di Baso, bansos amak alah tigo bulan indak cair", "13.06"),
    # Javanese 'liwat' (through): where the trouble lies on the way
    ("aku seko Kota Mojokerto saben esuk liwat Trowulan, lampu abang ijo mati wis seminggu", "35.16"),
    # 'lewat' is where the road passes, not the next end of the trip
    ("kami dari Kota Cilegon ke Anyer lewat Mancak, jalannya rusak parah banyak lubang", "36.04"),
]


@pytest.mark.parametrize(("story", "regency"), HOME_FIRST)
def test_the_place_of_the_problem_outranks_the_tellers_kota(catalog: AgencyCatalog, story: str, regency: str
                                                             ) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), HOME_FIRST)
def test_the_tellers_kota_is_not_filled_unasked(story: str, regency: str) -> None:
    """The story reader does not fill the Kota the place words name: the whole story reads another kabupaten."""
    found = story_reading(story)
    where = found.answers.get("location") or {}
    if found.confidence.get("location", 0.0) >= CONFIDENT:
        assert where.get("region", "").startswith(regency)
    agency = found.answers.get("agency") or ""
    assert not agency[:1].isdigit() or agency.startswith(regency)
    offered = (found.answers.get("suggested_place") or {}).get("code", regency)
    assert offered.startswith(regency)


def _read(story: str) -> tuple[dict, float, str | None]:
    found = story_reading(story)
    return found.answers.get("location") or {}, found.confidence.get("location", 0.0), found.answers.get("agency")


@pytest.mark.parametrize("story", [
    "bapak dirujuk teko Kota Blitar nang RSUD Ngudi Waluyo Wlingi tapi kamare kebak terus",
    "kakak saya dari Kota Malang dirujuk ke RSUD Kanjuruhan Kepanjen, sudah dua hari belum dapat kamar",
])
def test_a_kota_read_beside_a_place_of_its_province_is_asked(story: str) -> None:
    """The whole story's reading leads with the Kota the place words name, but also reads a place of another
    kabupaten of its province: which one is meant is a doubt, so "Di mana kejadiannya?" is asked."""
    where, sure, agency = _read(story)
    assert sure < CONFIDENT
    assert "region" not in where
    assert agency is None


@pytest.mark.parametrize(("story", "region"), [
    ("jalan di kec. Kepanjen kab Malang rusak parah, banyak lubang", "35.07"),
    ("saya warga Kota Blitar, lampu jalan di depan rumah mati semua sudah sebulan", "35.72"),
])
def test_a_place_read_alone_is_still_filled(story: str, region: str) -> None:
    where, sure, _ = _read(story)
    assert sure >= CONFIDENT
    assert where["region"].startswith(region)


@pytest.mark.parametrize("story", [
    "saya tinggal di Medan, tapi orang tua di Percut Sei Tuan, air Tirtanadi disana mati tiga hari",
    "air Tirtanadi di Lubuk Pakam udah seminggu keruh kali, bau kaporit pula",
])
def test_tirtanadi_is_the_provinces_water_company(catalog: AgencyCatalog, story: str) -> None:
    """PDAM Tirtanadi is North Sumatra's (it serves Deli Serdang as well as Medan): its name says the province, so
    it is no second mention of Kota Medan against a kecamatan of Deli Serdang."""
    assert (region_of_first(catalog, story) or "").startswith("12.07")
