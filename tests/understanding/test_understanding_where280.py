"""Where the story is (round 80, tuner B2): a town's whole name stands for its kecamatan before the last word of it
(reapplied from round 80's tuner B with the kind prior retrained)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


def test_a_town_said_in_full_stands_for_its_kecamatan(catalog: AgencyCatalog) -> None:
    # 'Tanjung Balai Karimun' is the town of Kec. Karimun (Kabupaten Karimun), not Kota Tanjungbalai of North Sumatra
    story = "di Tanjung Balai Karimun nyamuk DBD banyak, anak tetangga meninggal"
    assert (region_of_first(catalog, story) or "").startswith("21.02")
