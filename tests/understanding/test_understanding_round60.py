"""Round 60: fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_an_office_said_with_provinsi_is_the_province(catalog: AgencyCatalog) -> None:
    # 'dinas pertanian provinsi', 'rumah sakit provinsi': the word after the office or what it runs names the
    # level, though the place named is a kabupaten or kota
    assert first(catalog, "pupuk bersubsidi di Kabupaten Klaten tinggal sedikit, mohon dinas pertanian provinsi "
                          "tambah jatah") == "33-distan"
    assert first(catalog, "kapal saya di Kabupaten Pati belum dapat izin berlayar, dinas kelautan dan perikanan "
                          "provinsi lambat sekali") == "33-diskan"
    assert first(catalog, "rumah sakit provinsi di Kota Semarang antriannya panjang sekali") == "33-rsud"
    # ...without it the kabupaten's own office stays first
    assert first(catalog, "dinas pertanian Kabupaten Klaten belum bagi benih padi") == "33.10-distan"
