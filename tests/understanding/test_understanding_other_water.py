"""A thing word followed by 'at' and another thing ('air di kali', Javanese 'air nang kali') is that other thing: the
river's water is no piped water (keywords.PAIR_OTHER_THING, found in review of round 78). Fresh sentences."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


@pytest.mark.parametrize("story", [
    "air nang kali saiki butek lan mambu, warga ora iso adus maneh. kami di Kota Semarang",
    "air di kali item dan bau, warga gak bisa nyuci lagi. kami di Kota Semarang",
])
def test_the_river_s_water_is_no_piped_water(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "33.74-dlh"


# (a guard: it passes before the change too)
def test_water_at_home_is_still_piped_water(catalog: AgencyCatalog) -> None:
    assert first(catalog, "air di rumah kami keruh dan bau kaporit. kami di Kota Semarang") == "33.74-pdam"
