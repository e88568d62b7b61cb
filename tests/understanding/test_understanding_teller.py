"""Where the teller lives or works is who they are, not where the problem is; words that only look like places."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(("story", "regency"), [
    ("Sy tinggal di Makassar, tapi mau lapor puskesmas di Bantaeng tutup terus", "73.03"),
    ("saya pns di kota Jambi, ortu di Sengeti, jalan ke rumah ortu rusak parah", "15.05"),
    ("kakak saya kerja di Balikpapan, saya mau lapor sekolah di Tenggarong rusak atapnya", "64.02"),
])
def test_the_place_of_the_problem_outranks_where_the_teller_lives(
        catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    # nothing else is named: home is where the problem is
    ("saya warga Lhokseumawe, jalan di depan rumah rusak", "11.73"),
    # 'pasar pelita' is a landmark of the teller's own town, not the villages called Pelita elsewhere
    ("sy warga kota sukabumi, pasar pelita becek dan sampah numpuk", "32.72"),
])
def test_where_the_teller_lives_stands_when_nothing_else_is_named(
        catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_di_mana_is_no_town(catalog: AgencyCatalog) -> None:
    """'mana' folds to Manna's key (a town of Bengkulu Selatan): 'calo di mana-mana' names no place."""
    assert region_of_first(catalog, "pungli di samsat Kotabumi, calo di mana-mana") == "18"


@pytest.mark.parametrize("story", [
    "lintas Bangkinang - Pekanbaru di Rimbo Panjang kec Tambang gelap tanpa lampu jalan",
    "jalan Bangkinang - Pekanbaru, di Rimbo Panjang kec Tambang, lampu jalan mati",
])
def test_an_everyday_word_after_its_level_word_is_that_place(catalog: AgencyCatalog, story: str) -> None:
    """'kec. Tambang' names the kecamatan though 'tambang' also means a mine: it outranks a route's end."""
    assert (region_of_first(catalog, story) or "").startswith("14.01")
