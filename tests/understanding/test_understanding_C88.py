"""Round 88 (h-tuneC): what the story reader fills without asking. A desa's one-word name written as a name after
"di", and a desa or kelurahan said near ("dekat", "deket", "sekitar") by its name, are where the trouble is; a boat's
end written as a name the region data holds once, elsewhere, makes the route a crossing (asked); a namesake listed
for an everyday word after "kota" is no place. Fresh sentences, written for this file (none copied from a story
set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled


def test_a_one_word_desa_written_as_a_name_after_di_is_filled() -> None:
    assert _filled("Posyandu di Mensiku sudah dua bulan tidak buka, bidan desa jarang datang, ibu hamil bingung "
                   "periksa kemana") == "61.05.21.2008"
    assert _filled("Lampu jalan di Mensiku mati semua sejak lebaran, malam gelap gulita dan rawan maling") \
        == "61.05.21.2008"
    # the same word typed in lower case may be a word of speech: asked, as before
    assert _filled("posyandu di mensiku sudah dua bulan tidak buka, bidan desa jarang datang") is None


def test_a_desa_said_near_by_its_name_is_filled() -> None:
    assert _filled("Tikungan tajam deket Nanga Biang tidak ada rambu, sudah tiga motor masuk jurang bulan ini") \
        == "61.03.01.2008"
    assert _filled("Sampah menumpuk di sekitar Mensiku, truk tidak pernah datang, bau menyengat sampai ke sekolah") \
        == "61.05.21.2008"
    # near a thing, not a name: "dekat jembatan kecil" is no Kel. Jembatan Kecil of Kota Bengkulu
    assert _filled("jalan berlubang dekat jembatan kecil, motor sering jatuh malam hari, mohon ditambal") is None


def test_a_boats_end_written_as_a_lone_desa_elsewhere_is_a_crossing() -> None:
    assert _filled("speedboat dari Mensiku ke Kota Pontianak sering batal tanpa kabar, penumpang terlantar di "
                   "dermaga") is None
    assert _filled("Perahu motor dari Mensiku ke Kota Pontianak penuh sesak, tidak ada pelampung sama sekali") is None
    # one end named, no route: filled as before
    assert _filled("kapal ke Kota Pontianak sering telat berangkat, penumpang menunggu sampai malam tanpa kejelasan") \
        == "61.71"


def test_an_everyday_word_after_kota_names_no_namesake() -> None:
    # "kota bilang" (the town says) is likened to Kec. Bolaang, Bulang, Belang: no name said, asked
    assert _filled("Torang pe surat pindah ke Bolaang Mongondow, dorang di kota bilang tunggu bulan depan. Lama "
                   "skali") is None
    assert _filled("Torang pe berkas pindah ke Bolaang Mongondow, orang di kota bilang musti tunggu. So lama") is None
    # a kecamatan whose name holds "Kota" is still its own namesake
    assert _filled("Jalan di Kota Tengah banyak lubang besar di depan sekolah, anak anak sering jatuh dari motor") \
        == "75.71.06"
