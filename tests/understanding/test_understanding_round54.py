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
