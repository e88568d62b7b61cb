"""Round 68 (h-tuneC): fresh sentences for each rule kept, written for this file (none copied from a story set)."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import first


def test_ash_from_a_chimney_or_a_plant_is_pollution(catalog: AgencyCatalog) -> None:
    # ash said coming from a chimney, a power plant or a factory is the environment office's to measure
    assert first(catalog, "abu dari cerobong pabrik semen di Kabupaten Tuban turun tiap sore ke genteng kami, "
                          "anak2 sesak napas") == "35.23-dlh"
    assert first(catalog, "debu batu bara dari PLTU di Kota Cilegon jatuh ke jemuran warga, tolong dicek") == (
        "36.72-dlh")
    # ...a volcano's ash falling is still the disaster office's
    assert first(catalog, "abu vulkanik turun lagi di Kabupaten Karo, masker belum dibagi") == "12.06-bpbd"


def test_a_retaining_wall_that_gives_way_is_public_works(catalog: AgencyCatalog) -> None:
    # the wall gives way and lets the earth go: the wall is Public Works' to rebuild
    assert first(catalog, "talud di pinggir kali di Kota Ambon runtuh semalam, dapur tetangga ikut longsor") == (
        "81.71-pupr")
    assert first(catalog, "tembok penahan tanah di belakang sekolah di Kabupaten Garut ambrol, takut longsor lagi "
                          "kalau hujan") == "32.05-pupr"

