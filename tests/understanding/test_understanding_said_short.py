"""Places said the short way, and everyday words of regional speech that are no place (issue 17).

Every story here was written for this test; none is a bench story.
"""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


def test_a_kecamatan_named_for_a_side_of_its_kota_is_found_without_kota(catalog: AgencyCatalog) -> None:
    """Kecamatan 'Kota Ternate Selatan' is said 'ternate selatan': not the desa of that name in Alor."""
    story = "jalan berlubang di ternate selatan, motor sering jatuh"
    assert (region_of_first(catalog, story) or "").startswith("82.71")


def test_betawi_where_is_no_slip_for_a_place(catalog: AgencyCatalog) -> None:
    """'kemane' (Betawi 'ke mana', where is) is no slip for Kemang after an office's name."""
    story = "satpol pp kemane, lapak liar di pinggir jalan tebet bikin macet tiap sore"
    assert (region_of_first(catalog, story) or "").startswith("31.74")
