"""Where a story happened, second round of 6 December (fresh sentences, none taken from a story set)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import story_reading


@pytest.mark.parametrize(("story", "kins"), [
    # a relative's word typed with a letter held down, or written short, is still a relative's place
    ("honor guru ngaji di ds kedungwringin blm cair 3 bln, sodaara sy di kab berau jg sama", "64.03"),
    ("bantuan sembako di desa jatimulya blm dibagi, kakaak sy di kota samarinda jg nunggu", "64.72"),
    ("air pdam di kel kepuharjo mati, sdr sy di kab tabalong udah lapor jg", "63.09"),
])
def test_a_relatives_place_typed_in_a_hurry_is_the_relatives(catalog: AgencyCatalog, story: str, kins: str) -> None:
    assert not any(code.startswith(kins) for code in catalog.story_places(story))
    region = (story_reading(story).answers.get("location") or {}).get("region") or ""
    assert not region.startswith(kins)
