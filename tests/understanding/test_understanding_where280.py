"""Where the story is (round 80, tuner B2): a town's whole name stands for its kecamatan before the last word of it
(reapplied from round 80's tuner B with the kind prior retrained); a factory is named by the place it stands in
('pabrik klari'), not by what it makes ('pabrik tempe'); 'disana' points back at the place just named, which is where
the trouble is, not the place the story is told from."""

from __future__ import annotations

from bot.understanding.agencies import AgencyCatalog
from tests.understanding.conftest import region_of_first


def test_a_town_said_in_full_stands_for_its_kecamatan(catalog: AgencyCatalog) -> None:
    # 'Tanjung Balai Karimun' is the town of Kec. Karimun (Kabupaten Karimun), not Kota Tanjungbalai of North Sumatra
    story = "di Tanjung Balai Karimun nyamuk DBD banyak, anak tetangga meninggal"
    assert (region_of_first(catalog, story) or "").startswith("21.02")


def test_a_factory_is_named_by_its_place(catalog: AgencyCatalog) -> None:
    # 'pabrik klari' is a factory in Kec. Klari (Karawang), where the worker was laid off, not home in Bekasi
    story = "kerja di pabrik klari di phk tanpa pesangon, saya tinggal di bekasi"
    assert (region_of_first(catalog, story) or "").startswith("32.15")


def test_what_a_factory_makes_is_no_place(catalog: AgencyCatalog) -> None:
    # 'pabrik tempe' makes tempe; Kec. Tempe of Wajo is not meant, nor is Kec. Semen of Kediri in 'pabrik semen'
    for story in ("limbah pabrik tempe dibuang ke kali, bau sekali", "debu pabrik semen bikin sesak napas"):
        assert not (region_of_first(catalog, story) or "").startswith(("73.13", "35.06")), story


def test_there_points_back_at_the_place_just_named(catalog: AgencyCatalog) -> None:
    # 'puskesmas disana' is the clinic in Tinombo (Parigi Moutong), where the family is, not in Palu where we are
    story = "kami di Palu, keluarga di Tinombo, puskesmas disana tutup pas lebaran, nenek sakit tidak bisa berobat"
    assert (region_of_first(catalog, story) or "").startswith("72.08")
