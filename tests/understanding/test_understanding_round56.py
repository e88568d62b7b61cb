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
