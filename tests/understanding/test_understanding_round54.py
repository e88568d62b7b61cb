"""Round 54 (tuned on blind52 and blind53): fresh sentences for each rule kept, written for this file."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.normalize import tokenize
from tests.understanding.conftest import first


def test_tpi_in_capitals_is_the_fish_auction(catalog: AgencyCatalog) -> None:
    # 'TPI' typed in capitals is Tempat Pelelangan Ikan, and names the place it stands in (a facility word)
    assert [t.text for t in tokenize("TPI Brondong")] == ["tpi", "brondong"]
    assert first(catalog, "TPI Tasikagung atapnya bocor, timbangan rusak sudah sebulan") == "33.17-diskan"
    # ...typed small it is still 'tapi'
    assert [t.text for t in tokenize("jalan rusak tpi gak diperbaiki")][2] == "tapi"
    assert first(catalog, "lampu jalan di Kota Agung mati tpi ga ada yang benerin") != "18.06-diskan"


def test_everyday_words_that_name_a_far_desa_are_no_place(catalog: AgencyCatalog) -> None:
    # 'kenalan' (an acquaintance), Manado 'deng' (with), 'terumbu karang' (the reef), 'lelang' (an auction) are also
    # the names of a desa or two; in a story they are the everyday words, even after 'ke', 'di' or a facility word
    assert catalog.story_places("beras bantuan cuma dikasih ke kenalan pak RT, kami tidak dapat") == ()
    assert catalog.story_places("pembangunan gedung deng pagar sekolah so mangkrak") == ()
    assert catalog.story_places("penyelam ambil ikan hias di terumbu karang pake potasium") == ()
    assert catalog.story_places("pelelangan ikan di dermaga sepi, lelang dimainkan tengkulak") == ()


def test_a_docked_wage_leaves_the_workplace_aside_when_another_office_is_named(catalog: AgencyCatalog) -> None:
    # the queue at the dukcapil cost a day's wage at work: the workplace's kota is not where the dukcapil is
    story = "urus akta di dukcapil lama sekali, sy kerja di Kota Tegal, cuti dipotong gaji"
    assert catalog.story_places(story) == ()
    # ...but a wage unpaid where the teller works is the workplace's, whatever office it is
    assert catalog.story_places("saya kerja di RSUD Kota Tegal, gaji 3 bulan belum dibayar") == ("33.76",)
    assert catalog.story_places("sy kerja di Kota Tegal, gaji dipotong terus tanpa alasan") == ("33.76",)
