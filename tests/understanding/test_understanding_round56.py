"""Round 56: fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_what_harms_nature_is_the_environment_office(catalog: AgencyCatalog) -> None:
    # a coal power plant's smoke or warm water, water hyacinth choking a lake, mangroves cut down: the environment
    # office's, though fishermen or fish are who suffer
    assert first(catalog, "asap hitam dari cerobong PLTU di Jepara tiap malam, jemuran warga kotor") == "33.20-dlh"
    assert first(catalog, "eceng gondok di waduk Gajah Mungkur Wonogiri makin lebar, perahu susah jalan") == "33.12-dlh"
    assert first(catalog, "mangrove di pesisir Kabupaten Demak ditebangi buat tambak baru, ikan makin sedikit") == (
        "33.21-dlh")


def test_a_crashed_price_of_what_fishers_sell_is_the_fisheries_office(catalog: AgencyCatalog) -> None:
    # the price rule sends a crashed price to the office of those who grow it: for fish, shrimp or salt that is the
    # fisheries office, not agriculture
    assert first(catalog, "harga udang vaname di Kabupaten Sidoarjo anjlok, petambak rugi") == "35.15-diskan"
    assert first(catalog, "harga garam krosok di Kabupaten Rembang jatuh lagi, kami rugi terus") == "33.17-diskan"
    # ...a crop's crashed price is still agriculture's, and a fish seller who falls off a bike is no price at all
    assert first(catalog, "harga jagung di Kabupaten Dompu anjlok pas panen raya") == "52.05-distan"
    assert first(catalog, "jalan di Kabupaten Rembang berlubang, penjual ikan jatuh dari motor") == "33.17-pupr"
