"""Round 76 (h-tuneC2): a kabupaten/kota said in a story as a place apart from the trouble is never filled as where it
happened — a relative's home or workplace, a town one must go to to buy, sell or see to an errand, what others wrongly
think. The bot then asks where (a wrong fill routes the complaint to another kabupaten's office). Fresh sentences,
written for this file (none copied from a story set)."""

from __future__ import annotations

from tests.understanding.conftest import filled_region as _filled
from tests.understanding.conftest import story_reading


def test_a_relatives_home_or_work_town_is_not_where_it_happened() -> None:
    # a brother's or a father's town, said with where they live or work, is theirs, not the trouble's
    assert (
        _filled(
            "Lampu jalan di depan rumah kami mati sebulan, gelap sekali kalau malam. Kakakku yang tinggal di "
            "Kota Madiun bilang di sana terang semua"
        )
        is None
    )
    assert (
        _filled(
            "Anak sekolah kami dimintai sumbangan bangunan 2 juta, kami tidak mampu. Bapaknya kerja di Kota "
            "Pekalongan, gajinya kecil"
        )
        is None
    )
    assert (
        story_reading(
            "Anak sekolah kami dimintai sumbangan bangunan 2 juta, kami tidak mampu. Bapaknya kerja di "
            "Kota Pekalongan, gajinya kecil"
        ).answers.get("agency")
        is None
    )


def test_a_town_one_goes_to_buy_or_sell_is_not_where_it_happened() -> None:
    # what the trouble makes the teller do elsewhere: buy water, buy fertiliser, sell rubber in the town
    assert (
        _filled(
            "Pompa air desa rusak sudah sebulan belum diganti, kami terpaksa pergi ke Kota Bima beli air "
            "galon, mahal sekali"
        )
        is None
    )
    assert (
        _filled(
            "Pupuk subsidi di kios kosong terus sejak musim tanam, petani disuruh beli di Kota Palu harganya "
            "dua kali lipat"
        )
        is None
    )
    assert (
        _filled(
            "Jembatan gantung di kampung kami putus diterjang banjir, kalau mau jual karet ke Kota Jambi harus "
            "memutar jauh"
        )
        is None
    )
    # ...while an errand that is the trouble itself keeps its place: told first, or at the office named
    assert (
        _filled("urus akta kelahiran di dukcapil kota Kediri sudah 3 minggu belum jadi, katanya sistem error")
        == "35.71"
    )
    assert (
        _filled("Warga mengeluh, waktu berobat di puskesmas di kota Bengkulu disuruh bayar padahal punya BPJS")
        == "17.71"
    )


def test_a_town_others_wrongly_think_is_not_where_it_happened() -> None:
    assert (
        _filled(
            "Sampah di gang kami tidak diangkut dua minggu. Petugas kira kami masuk Kota Tasikmalaya padahal "
            "kami kabupaten"
        )
        is None
    )
