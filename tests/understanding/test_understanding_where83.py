"""Where the story is (round 83, tuner B): everyday words that are also the name of one kecamatan ('tarik',
'harian', 'teriak', 'waris', Malay 'mane') or a slip away from one ('ubah', 'lingkar', 'pengaduan',
Sundanese 'tatangga') are no place inside a sentence; a day of the week after 'hari' or 'tiap' is the day, no
Kecamatan Senen; and 'hulu sungai' before a river's name is the river's upper reach, no Kecamatan Hulu Sungai."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog


@pytest.mark.parametrize(
    "story",
    [
        # 'tarik' (to pull: PLN to run a line), no Kec. Tarik of Sidoarjo
        "dusun kami belum ada listrik, tolong pln tarik kabel ke sini",
        # 'buruh harian' (a day labourer), no Kec. Harian of Samosir
        "suami sy buruh harian, kartu BPJS kami tiba2 tidak aktif",
        # 'teriak' (to scream), no Kec. Teriak of Bengkayang
        "tetangga sebelah sering teriak2 tengah malam, anaknya nangis terus",
        # 'ahli waris' (the heirs), no Distrik Waris of Keerom
        "sertifikat tanah mau dibalik nama ke ahli waris tapi berkas dipersulit",
        # Malay 'mane' (where, how), no Kec. Mane of Pidie
        "bantuan beras tak sampai ke kami, macam mane ni pak",
        # 'ubah' (to change) is no slip for Distrik Ubahak
        "petugas belum mau ubah KK kami, blanko habis",
        # 'lingkar' (a ring road) is no slip for Kec. Lingsar
        "jalan lingkar utara berlubang dalam",
        # 'pengaduan' (a complaint) is no slip for Kec. Pengabuan
        "air pdam mati 3 hari, nomor pengaduan tidak bisa dihubungi",
        # Sundanese 'tatangga' (a neighbour) is no slip for Kec. Tatanga of Palu
        "abdi teu kenging bantosan, ari tatangga nu beunghar kenging",
        # 'dari hari senen' (since Monday), no Kec. Senen
        "sampah di pinggir pasar belum diangkut dari hari senen",
        # 'hulu sungai' before a river's name: its upper reach, no Kec. Hulu Sungai of Ketapang
        "ada penambangan emas di hulu sungai Mahakam, airnya jadi coklat",
    ],
)
def test_everyday_words_name_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()

