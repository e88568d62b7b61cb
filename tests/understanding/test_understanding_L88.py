"""The office's level (round 88, tuner L): the diploma a school holds back is that school's, so its level decides the
education office's ('ijazah SMP ditahan ... mau daftar SMA': the kabupaten's, the SMA only where the child would go;
'lulus SMA, ijazah ditahan': the province's); a boat said from one end with no 'ke' names no two ends side by side
('speedboat dari Serui singgah': no Pulau Singgah); an island said bare whose bare name is a desa of another province
('dari Muara Angke ke Lancang') is the island of the other end's province."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog
from bot.understanding.crossings import crossings
from bot.understanding.normalize import tokenize
from tests.understanding.conftest import first


@pytest.mark.parametrize(
    ("story", "region", "office"),
    [
        # the SMP's diploma is held; the SMA is only where the child means to go on to
        ("ijazah SMP anak kami masih ditahan sekolah karena uang gedung, padahal mau daftar SMA. tolong dinas "
         "pendidikan bantu", "33.05", "33.05-disdik"),
        ("rapor SMP anak saya ditahan kepala sekolah, dia mau lanjut ke SMK tidak bisa. mohon disdik turun tangan",
         "35.07", "35.07-disdik"),
        # the school finished whose diploma is held keeps its level (the province runs the SMA and the SMK)
        ("anak saya sudah lulus SMK tahun lalu tapi ijazahnya belum dikasih sekolah karena tunggakan SPP", "33.05",
         "33-disdik"),
        ("anakku wis tamat SMA, ijazahe ditahan sekolahan amarga durung lunas", "35.09", "35-disdik"),
    ],
)
def test_the_held_diplomas_school_decides_the_level(catalog: AgencyCatalog, story: str, region: str,
                                                    office: str) -> None:
    assert first(catalog, story, region) == office


@pytest.mark.parametrize(
    ("story", "region", "office"),
    [
        # counter-case: the SMK that holds the SMP's diploma is no school gone on to: it stays the province's
        ("SMK swasta minta uang gedung, kalau belum lunas ijazah SMP anak saya ditahan", "32.04", "32-disdik"),
        # counter-case: no diploma held, the SMA applied to keeps its level
        ("anak saya lulus SMP, mau daftar SMA negeri tapi ditolak karena zonasi", "33.05", "33-disdik"),
        # counter-case: a diploma an employer holds is no school's (the school finished stays in passing)
        ("anak saya lulusan SMK, ijazahnya ditahan pabrik tempat kerja sebagai jaminan", "33.05", "33.05-disdik"),
    ],
)
def test_other_schools_keep_their_level(catalog: AgencyCatalog, story: str, region: str, office: str) -> None:
    assert first(catalog, story, region) == office


@pytest.mark.parametrize(
    "story",
    [
        "speedboat dari Serui singgah di kampung kami tapi dermaganya rusak",
        "kapal dari Ternate singgah sebentar, penumpang susah naik karena tangga patah",
    ],
)
def test_a_boat_from_one_end_names_no_two_ends(catalog: AgencyCatalog, story: str) -> None:
    assert crossings(tokenize(story, slang=True), catalog.regions) == []


def test_a_boat_from_one_end_is_the_kabupatens(catalog: AgencyCatalog) -> None:
    assert first(catalog, "speedboat dari Serui singgah di kampung kami tapi dermaganya rusak",
                 "91.05.11.2008") == "91.05-dishub"


@pytest.mark.parametrize(
    ("story", "level"),
    [
        ("kapal ojek dari Muara Angke ke Tidung penuh sesak tiap minggu", "prov"),
        ("kapal dari Muara Angke ke Lancang tidak ada pelampung", "prov"),
        # counter-cases: ends read as they were
        ("kapal dari Ambon ke Saparua sering batal", "prov"),
        ("kapal dari Kalianget ke Sapudi penuh", "kab"),
    ],
)
def test_an_island_said_bare(catalog: AgencyCatalog, story: str, level: str) -> None:
    assert [c.level for c in crossings(tokenize(story, slang=True), catalog.regions)] == [level]


@pytest.mark.parametrize(
    "story",
    [
        "kapal ojek dari Muara Angke ke Tidung penuh sesak tiap minggu",
        "kapal dari Muara Angke ke Lancang tidak ada pelampung",
    ],
)
def test_an_island_said_bare_is_the_provinces(catalog: AgencyCatalog, story: str) -> None:
    assert first(catalog, story) == "31-dishub"
