"""Where a story happened, when a sentence opens without its full stop, a relative is told by what they do, or a
Balinese hamlet is named (fresh sentences, none taken from a story set)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.normalize import tokenize
from tests.understanding.conftest import region_of_first


@pytest.mark.parametrize(("story", "regency"), [
    # a capitalised 'Saya' after a small letter opens the teller's sentence, as after a full stop
    ("lampu jalan depan rumah nenek di Bantul mati terus sebulan Saya di Sleman cuma bisa telpon", "34.02"),
    ("ktp ibu belum jadi padahal sudah setahun diurus di Kudus Saya di Semarang tidak bisa bolak balik", "33.19"),
    ("jalan rusak parah di Ngawi bikin motor jatuh Aku di Madiun tiap hari lewat situ", "35.21"),
])
def test_a_capitalised_teller_opens_a_sentence_without_a_full_stop(catalog: AgencyCatalog, story: str,
                                                                   regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


def test_a_capitalised_saya_after_a_small_letter_is_marked_as_a_stop() -> None:
    tokens = tokenize("jalan rusak sebulan Saya di Kota Malang, SAYA WARGA SINI", slang=True)
    assert [t.text for t in tokens if t.stop] == ["saya"]


@pytest.mark.parametrize(("story", "regency"), [
    # told in Bali ('kelian', a Bali place named), 'banjar' is the hamlet, not Kota or Kabupaten Banjar
    ("jalan di banjar kami rusak, kelian banjar sudah lapor ke desa tapi belum diperbaiki, lokasinya dekat pasar "
     "Sukawati", "51.04"),
    ("lampu jalan di banjar kami mati sebulan, tiang sudah matur ke kelian, di Kuta Utara", "51.03"),
    ("sampah di pinggir jalan Tegallalang numpuk, warga banjar sudah protes", "51.04"),
])
def test_a_balinese_hamlet_is_no_kabupaten_banjar(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)


@pytest.mark.parametrize(("story", "regency"), [
    # 'yang dagang' tells a relative by what they do; 'rumahnya' is the relative's home, not the teller's
    ("kakak saya yang dagang di Kota Medan cerita rumahnya di Percut Sei Tuan banjir seminggu", "12.07"),
])
def test_a_relative_told_by_what_they_do_and_their_home(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith(regency)

