"""Where the story is (round 82, tuner B2): 'turun tangan' (step in) is a plea, no desa Tanggan of Sragen; and of the
desa/kelurahan that share a name, the one said with its level word inside the kota the same word names is that kota's
namesake seat ('kel Tual' is Kota Tual's, not a Papuan desa Tual)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first

_SRAGEN = "33.14"  # Desa Tanggan lies in Kabupaten Sragen


@pytest.mark.parametrize(
    "story",
    [
        # 'Jati' is a desa of Sragen among many others so named; 'tangan' must not add Sragen's desa Tanggan to it
        "di desa Jati banyak balita stunting, dinas kesehatan harus turun tangan",
        "jalan desa Jati rusak parah, pak bupati tolong turun tangan",
    ],
)
def test_stepping_in_names_no_village(catalog: AgencyCatalog, story: str) -> None:
    assert not any(code.startswith(_SRAGEN) for code in catalog.story_places(story))
    assert not (region_of_first(catalog, story) or "").startswith(_SRAGEN)


@pytest.mark.parametrize(
    "story",
    [
        "kel Tual, lampu jalan mati sebulan, gelap kalo malam",
        "desa Tual sampah numpuk di pinggir pantai, bau sekali",
    ],
)
def test_a_village_named_like_its_own_kota_is_that_kotas(catalog: AgencyCatalog, story: str) -> None:
    assert (region_of_first(catalog, story) or "").startswith("81.72")  # Kota Tual, Maluku
