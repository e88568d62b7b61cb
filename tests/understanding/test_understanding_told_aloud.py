"""Stories told aloud and in passing: where an errand took the teller, everyday words that look like places, a place
given and named again (blind23's tuning, 4 December; every story written fresh for the test)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize(("story", "office"), [
    # where the teller went to do something ('ke Bukittinggi ngurus izin', 'berobat ke Sungguminasa') is where it
    # happened, not the home they came from
    ("sy orang Padang, kemarin ke Bukittinggi ngurus izin usaha, petugasnya minta uang pelicin", "13.75-dpmptsp"),
    ("saya dari Makassar bawa ibu berobat ke Sungguminasa, dokternya tidak ada", "73.06-dinkes"),
    # 'ngadat' (stalls) is no slip for Ngada
    ("air pdam Playen ngadat seminggu", "34.03-pdam"),
])
def test_where_it_happened(catalog: AgencyCatalog, story: str, office: str) -> None:
    assert first(catalog, story) == office


def test_a_dukun_is_no_kecamatan(catalog: AgencyCatalog) -> None:
    # 'melahirkan ke dukun' is an errand to a traditional midwife, not to Kecamatan Dukun of Magelang or Gresik
    found = catalog.suggest("bidan desa di Pajar Bulan pindah, ibu ibu melahirkan ke dukun lagi")
    assert found and not any((m.agency.region_code or "").startswith(("33.08", "35.25")) for m in found)


def test_a_problem_word_is_no_slip_for_the_given_province(catalog: AgencyCatalog) -> None:
    # 'sumbat' (blocked) named with the place given in Padang is the drain's state, not a slip for 'Sumbar'
    assert first(catalog, "banda di lubuk begalung sumbat, aia naiak", "13.71.06") == "13.71-pupr"


def test_a_problem_word_running_past_a_place_name_still_counts(catalog: AgencyCatalog) -> None:
    # 'jalan desa Pagedangan Ilir': 'desa' says which place and, with 'jalan', what is flooded
    found = catalog.suggest("jalan desa Pagedangan Ilir terendam seminggu, motor mogok semua", region="36.03.07.2008")
    assert "36.03-pupr" in [m.agency.code for m in found]
