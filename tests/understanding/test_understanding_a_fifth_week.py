"""A fifth week's inbox: slang that is some village's name, a lake many kabupaten share, and a name several provinces
share told apart by another place the story names (blind31's tuning, 5 December; every story written fresh for the
test)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.normalize import tokenize
from bot.understanding.regions import MIN_SCORE, RegionIndex
from tests.understanding.conftest import region_of_first_regional


@pytest.fixture(scope="module")
def regions() -> RegionIndex:
    """The shipped region index."""
    return RegionIndex.default()


def test_looking_for_after_an_office_is_no_village(catalog: AgencyCatalog) -> None:
    # 'nyari' (slang for 'mencari') after 'damkar' is what the fire crew did, not the desa Nyari in Kalimantan Barat
    story = "hydrant di jalan salemba raya kering, kemarin mobil damkar nyari air sampe jauh"
    assert not (region_of_first_regional(catalog, story) or "").startswith("61")


@pytest.mark.parametrize("text", ["aku kerjo neng pabrik, dalan kampung rusak ra didandani",
                                  "bapak kerjo tiap hari, jalan kampung rusak"])
def test_javanese_work_is_no_kecamatan(regions: RegionIndex, text: str) -> None:
    # 'kerjo' (Javanese 'work') is the kecamatan Kerjo of Karanganyar only where a place is plainly meant
    cands = regions.scan(tokenize(text), reply=False)
    assert not cands or cands[0].score < MIN_SCORE


def test_a_lake_many_kabupaten_share_names_none_of_them(catalog: AgencyCatalog) -> None:
    # Lake Toba's shores belong to seven kabupaten: the kecamatan named is Samosir's, not a desa of Kabupaten Toba
    story = "keramba di danau toba sekitar simanindo bikin air bau, tolong ditertibkan"
    assert (region_of_first_regional(catalog, story) or "").startswith("12.17")


@pytest.mark.parametrize(("story", "regency"), [
    # Lembang of Bandung Barat, not of Pinrang: the story names Bandung, even as where the cars come from
    ("macet parah di lembang tiap libur, mobil dari arah jakarta sama bandung numpuk di jalan", "32.17"),
    # Tanjung Raya of Agam, not of Mesuji: the relatives the family stays with are in Bukittinggi
    ("banjir bandang di kec. tanjung raya, rumah kami hanyut, sekarang kami tinggal sementara di tempat saudara di "
     "bukittinggi", "13.06"),
])
def test_a_name_provinces_share_is_the_one_near_another_place_named(catalog: AgencyCatalog, story: str,
                                                                    regency: str) -> None:
    assert (region_of_first_regional(catalog, story) or "").startswith(regency)
