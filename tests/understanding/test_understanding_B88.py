"""Where the story is (round 88, tuner B): 'pagar' (a fence) is no short name of Kota Pagar Alam, 'tembok' (a wall) no
desa Tembok, and Javanese words of size ('cilik', 'gedhe', 'alit', 'ageng')
run on after 'kali' make no desa Kalicilik; a village head's title in the
regions' words ('kades', 'perbekel', 'kuwu', 'keuchik', 'pambakal') names the village he heads; a transmigration
settlement listed as 'UPT X' is called 'X'; a village name a few kabupaten share, said after 'di', none of them the
teller's, sets the teller's home aside as one of one kabupaten does; of the places a name is shared by, the one
holding the teller's home named apart is meant."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # 'pagar' (a fence) after a comma is no short name of Kota Pagar Alam: the kelurahan said is the place
        ("kolam bekas galian di Loa Bakung dibiarkan terbuka, pagar juga belum dibuat", "64.72"),
        ("warga di Sempaja Utara resah, pagar tembok perumahan roboh ke jalan", "64.72"),
        # Javanese 'kali cilik' (a small river) run together is no desa Kalicilik (of Demak and Bojonegoro): the desa
        # the teller names is the place
        ("kali cilik cedhak sawah mampet, banyune mlebu omah warga nang Nglopang", "35.20"),
        ("kali cilik meluap, sawah warga Cipawon kerendem", "33.03"),
        # a village head named by his village in the regions' words: Bali 'perbekel', 'kades', Cirebon 'kuwu'
        ("surat pengantar saking perbekel Budakeling kena biaya, ten wenten kwitansi", "51.07"),
        ("bantuan BLT dipotong sama kades Cipawon, warga ga berani protes", "33.03"),
        ("pak kuwu Bungko ora gelem tanda tangan surat tanah", "32.09"),
        # a transmigration settlement listed as 'UPT X' is called by its own name, and the kecamatan said beside it
        # settles which of the places so named it is
        ("jalan ke Tambak Sari di Poto Tano rusak, truk sawit tidak bisa lewat", "52.07"),
        ("warga transmigrasi Pantan Kela minta jalan diperbaiki", "11.13"),
        # of the kecamatan called Wonosari (five kabupaten), the one holding the teller's desa is meant
        ("puskesmas Wonosari tutup jam 11, dokter tidak ada. Kami warga Karangrejek", "34.03"),
        # Banggai is a kabupaten and Banggai Laut's kecamatan: the teller's desa lies in the kecamatan
        ("listrik di Banggai padam tiap malam. Saya tinggal di Kokini", "72.11"),
    ],
)
def test_place_read(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # a shared village name after 'di', none in the teller's kabupaten (Kumpulrejo: Salatiga, Purworejo,
        # Kendal, Bojonegoro, Tuban, Musi Rawas), is where it happened: the teller's kabupaten is no reading
        ("di Kumpulrejo pabrik buang limbah ke kali, saya sendiri tinggal di Kabupaten Semarang", "33.22"),
        ("upah buruh di Kumpulrejo dipotong. Saya tinggal di Boyolali", "33.09"),
    ],
)
def test_home_set_aside(catalog: AgencyCatalog, story: str, regency: str) -> None:
    assert not any(p.startswith(regency) for p in catalog.story_places(story))


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # counter-case: Pagar Alam said whole is still the kota
        ("jalan di Pagar Alam rusak, truk teh lewat tiap hari", "16.72"),
        # counter-case: the desa Kalicilik named as one word with its kabupaten is still read
        ("banjir di Kalicilik Demak belum surut", "33.21"),
        # counter-case: the teller's kabupaten holding one of the shared names settles which it is
        ("upah buruh di Kumpulrejo dipotong. Saya tinggal di Tuban", "35.23"),
        # counter-case: the desa with its level word after 'kepala desa' is read as before
        ("kepala desa Budakeling tidak pernah di kantor", "51.07"),
    ],
)
def test_still_read(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


@pytest.mark.parametrize(
    "story",
    [
        # counter-case: the title followed by what he does names no place
        "kades jarang ngantor, dana desa tidak jelas buat apa",
        "keuchik kutip uang bantuan dari warga miskin",
        # counter-case: a fence alone names no place
        "pagar sekolah roboh kena angin",
        # 'tembok' (a wall) after 'di' is no desa Tembok (Batang, Buleleng)
        "katanya gratis, tulisannya ada di tembok kantor",
        "poster pengumuman cuma ditempel di tembok, warga tidak tahu",
    ],
)
def test_no_place_read(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()
