"""Round 78 (h-tuneC): what the story reader fills without asking. A boat, a bus or a road between two kabupaten named
as its two ends is asked, not filled as one of them; how long each gap lasts in a trouble that comes and goes
("kadang dua hari tak ada") and how often a thing comes ("2 minggu sekali", "2 hari seminggu") are no date. Fresh
sentences, written for this file (none copied from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled
from tests.understanding.conftest import story_reading


def _date(story: str) -> str | None:
    return story_reading(story).answers.get("incident_date")


def test_a_journey_between_two_kabupaten_is_asked_not_filled() -> None:
    # the other end, named in the same clause, lies in another kabupaten: which office is the story's, asked
    assert (
        _filled(
            "speedboat dari long hubung ke melak kutai barat jadwalnya tidak tentu, penumpang sering terlantar di "
            "dermaga"
        )
        is None
    )
    assert (
        _filled("perahu dari long hubung ke melak kutai barat sering mogok di tengah sungai, tidak ada pelampung")
        is None
    )
    assert (
        _filled(
            "Kapal kayu ke Gili Ketapang dari dermaga di kota Probolinggo selalu kelebihan muatan, anak sekolah "
            "berdiri di pinggir perahu"
        )
        is None
    )


def test_how_long_each_gap_lasts_is_no_date() -> None:
    # "kadang dua hari": sometimes two days without, not two days ago
    assert _date("Kapal perintis ke pulau kami jarang datang, kadang dua hari tidak ada, sembako jadi mahal") is None
    assert _date("Listrik di dusun kami sering padam, kadang sehari semalam tidak nyala, ikan di freezer busuk") is None
    assert _date("Bidan di pustu jarang ada, kadang sebulan cuma seminggu datang, ibu hamil kesulitan") is None


def test_how_often_is_no_date() -> None:
    # every two weeks, twice a week, every three months: a rate, not since when
    assert _date("Truk sampah cuma lewat 2 minggu sekali, sampah numpuk di depan gang dan bau busuk") is None
    assert _date("Air PDAM di perumahan kami cuma mengalir 2 hari seminggu, tagihan tetap penuh") is None
    assert _date("Honor guru ngaji dibayar tiga bulan sekali, itu pun sering dipotong tanpa alasan") is None



def test_a_second_clause_naming_the_place_is_read_too() -> None:
    # the first clause's route stays within the kabupaten (Melak to Barong Tongkok, both Kutai Barat); the second,
    # naming Melak again, runs to Samarinda: the reader goes on to it (it once stopped there with an error)
    assert _filled("kapal dari Melak ke Barong Tongkok sering batal. di kec Melak kab Kutai Barat, kapal dari Melak "
                   "ke Samarinda juga telat") is None
