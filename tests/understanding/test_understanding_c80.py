"""Round 80 (h-tuneC): what the story reader fills without asking. A place read from the story's words is asked, not
filled, where the story calls on an office by the name of another kabupaten/kota. Fresh sentences, written for this
file (none copied from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled


def test_an_office_called_on_by_another_kabupaten_s_name_makes_the_place_asked() -> None:
    # the nurse stays in Melak (Kutai Barat); the citizen calls on Mahakam Ulu's health office: which is it? asked
    assert _filled("Pustu di kampung kami tutup terus, perawatnya sudah 2 bulan di kec. Melak. Mohon Dinkes Mahulu "
                   "perhatikan") is None


def test_an_office_called_on_by_the_place_s_own_kabupaten_keeps_it_filled() -> None:
    assert _filled("jalan di kec. Melak kab Kutai Barat rusak parah, mohon dinas PU Kutai Barat perbaiki") == "64.07.06"
    assert _filled("Air PDAM di kecamatan Ngoro mati seminggu, tolong PDAM Jombang") == "35.17.03"
