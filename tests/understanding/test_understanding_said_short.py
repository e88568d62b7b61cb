"""Places said the short way, and everyday words of regional speech that are no place (issue 17).

Every story here was written for this test; none is a bench story.
"""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


def test_a_kecamatan_named_for_a_side_of_its_kota_is_found_without_kota(catalog: AgencyCatalog) -> None:
    """Kecamatan 'Kota Ternate Selatan' is said 'ternate selatan': not the desa of that name in Alor."""
    assert (region_of_first(catalog, "jalan berlubang di ternate selatan, motor sering jatuh") or "").startswith("82.71")
