"""Round 87 (h-tuneC): what the story reader fills without asking. A river's name is no desa said with its holder; the
teller's own "kami warga X", "saya dari X" and a road "ke X" say a desa by its name alone as "di X" does; a place word
right after a landmark's begins a place; the teller's "kami di <kabupaten>" said apart pairs with the one place the
story reads. Fresh sentences, written for this file (none copied from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled


def test_a_rivers_name_before_a_town_is_no_desa_of_that_town() -> None:
    # "Bengawan" alone names no place: read as Kel. Punggawan of Kota Surakarta only beside "Solo"
    assert _filled("Bengawan Solo meluap, sawah di pinggir kampung terendam semua, petani rugi besar") is None
    # a desa said with its holder is still filled
    assert _filled("air PDAM mati terus di Tanjung Batu Derawan sudah tiga hari, warga beli air galon") \
        == "64.03.07.2003"


def test_the_tellers_own_home_said_by_its_name_alone_is_filled() -> None:
    # a voice note: "kami warga X" opens the story, X a desa the region data holds once, the one place it reads
    assert _filled("selamat siang pak kami warga mensiku jalan ke sekolah rusak parah kalau hujan motor tidak bisa "
                   "lewat tolong diperbaiki") == "61.05.21.2008"
    assert _filled("Permisi bu, saya dari Nanga Biang. Listrik padam tiap malam sudah seminggu, anak-anak tidak bisa "
                   "belajar, mohon PLN cek trafonya") == "61.03.01.2008"
    # someone else's origin is no home: asked
    assert _filled("truk sawit dari Mensiku lewat jalan desa tiap hari, debunya masuk rumah dan anak batuk batuk") \
        is None


def test_a_road_said_to_a_desa_is_that_desas_road() -> None:
    assert _filled("Jembatan ke Mensiku sudah miring, papannya lapuk, anak sekolah takut lewat") == "61.05.21.2008"
    assert _filled("jalan poros ke Nanga Biang berlubang besar, truk sawit sering terperosok, mohon PU tambal") \
        == "61.03.01.2008"
    # a boat that does not go ("jalan" a verb) names no road: asked
    assert _filled("kapal tidak jalan ke Nanga Biang sudah seminggu, warga tidak bisa belanja") is None


def test_a_place_word_right_after_a_landmarks_begins_a_place() -> None:
    assert _filled("Tumpukan sampah dekat desa Mensiku bau busuk, lalat masuk ke rumah warga, mohon DLH angkut") \
        == "61.05.21.2008"


def test_the_tellers_kabupaten_said_apart_pairs_with_the_one_place_read() -> None:
    # a kecamatan alone is offered, not filled; with the teller's own kabupaten said apart, the two agree: filled
    assert _filled("Pupuk subsidi di kios di Binjai Hulu kosong terus, petani terpaksa beli mahal di pengecer. Kami di "
                   "Sintang.") == "61.05.21"
    # the place said as where the fertiliser comes from is no pair: asked
    assert _filled("Pupuk subsidi dari Binjai Hulu dijual mahal di pengecer, petani susah. Kami di Sintang.") is None


def test_manado_mar_ends_a_place_name_as_tapi_does() -> None:
    # Manado "mar" is "but": "desa mar …" names no Desa Maar of Maluku Tenggara
    assert _filled("kita so urus surat pindah di desa mar sampe sekarang nyanda kaluar, torang so tunggu tiga minggu") \
        is None
    assert _filled("sore pak kita mo lapor bantuan beras so dua bulan kase masuk nama lewat desa mar sampe sekarang "
                   "nyanda dapa") is None
