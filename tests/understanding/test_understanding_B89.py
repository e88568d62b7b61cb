"""Where the story is (round 89, tuner B): 'pekat' (thick, of smoke or water) and 'poli' (a hospital's clinic) are
everyday words, no Kecamatan Pekat of Dompu nor desa Poli of Timor Tengah Selatan; 'pinang' (areca nut) and Sundanese
'bumi' (house) are everyday words on their own, no Kecamatan Pinang of Kota Tangerang nor Kelurahan Bumi of Surakarta,
while the many places whose names run them on with another word ('Sungai Pinang', 'Bumi Makmur') are still read;
where the message is written or typed from ('sing ngetik iki putu kulo neng surabaya', 'nulis ini dari Bekasi') is the
writer's place, not where it happened; a kecamatan's or village's name a kota's and a kabupaten's places share is the
kota's when the story calls on the kota's government or mayor ('pemkot', 'walikota', 'wali kota', 'pemerintah kota'),
as a kabupaten/kota's shared name already was."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog


@pytest.mark.parametrize(
    "story",
    [
        # 'pekat' (thick, dark) said of smoke or water is no Kecamatan Pekat (Dompu) nor Kelurahan Pekat (Sumbawa)
        "ASAP PEKAT LAGI!! lahan gambut di belakang komplek kami terbakar sudah 3 hari tidak ada yang padamkan, api "
        "merambat ke kebun warga, anak2 batuk sesak. Tolong tim karhutla turun secepatnya",
        "asap pabrik hitam pekat masuk rumah warga tiap malam, anak-anak batuk",
        "air sumur kami kuning pekat dan bau besi sejak ada galian",
        # 'poli' (a hospital's clinic) is no desa Poli (Timor Tengah Selatan) nor desa Poly (Parigi Moutong)
        "Di RSUD Cibabat antrian poli pasien BPJS dari jam 5 subuh, ambil nomor manual, dokter dateng jam 11. Sistem "
        "online gak berguna, udah daftar online tetep disuruh antri ulang",
        "antri di poli jantung dari subuh, dokternya datang siang",
        "pendaftaran di poli mata ditutup jam 10, pasien tua disuruh besok",
        # 'pinang' (areca nut), sold, grown, carried, is no Kecamatan Pinang (Kota Tangerang) nor desa Pinang
        "Pedagang pinang di sekitar Pasar Sentral berjualan di badan jalan, macet tiap sore. Satpol PP tidak pernah "
        "menertibkan",
        "para mama jualan pinang deng sayur di emperan toko digusur",
        "petani pinang susah jual hasil panen, tengkulak tawar murah",
        # Sundanese 'bumi' (house) alone is no Kelurahan Bumi (Surakarta) nor desa Bumi (Pegunungan Bintang)
        "abah abdi yuswana 78 taun, nyalira di bumi, teu aya nu ngurus. tatangga ge ngarasa karunya. ti baheula teu "
        "acan kantos kenging bantosan naon2",
        "nenek abdi nyalira di bumi, hateupna bocor",
        "kami pasien BPJS di RSUD Bumi Panua disuruh beli obat sendiri di apotik luar, katanya stok habis",
    ],
)
def test_everyday_word_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # counter-cases: the kecamatan and desa Pekat with their level words, Poli Polia run on, are still read
        ("Sapi warga di desa Pekat kec Pekat Dompu banyak yang sakit", "52.05"),
        ("jalan dari wia wia ke pangi pangi di poli polia itu hancur sekali", "74.11"),
        # counter-cases: names that run 'pinang' or 'bumi' on with another word are still read
        ("listrik di bumi makmur bintang ara byarpet tiap hari", "63.09"),
        ("got di kec pinang tangerang mampet, banjir trs", "36.71"),
        ("warga Bumi Waras belum dapat bantuan sembako", "18.71"),
    ],
)
def test_still_read(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # the grandchild typing for the teller is in Surabaya; the teller's Sampung (Ponorogo) is where it happened
        ("kulo warga sampung, sing ngetik iki putu kulo neng surabaya. bantuan sembako BPNT ket wulan wingi mboten "
         "cair", "35.02"),
        ("sing nulis iki anakku neng Jakarta, aku warga Karangrejek, banyu PDAM mati seminggu", "34.03"),
        ("saya nulis ini dari Bekasi, jalan di desa Cipawon rusak parah sudah setahun", "33.03"),
        ("yang ngetik ini cucu saya di Medan, kami warga Karangrejek, bantuan lansia tidak cair", "34.03"),
    ],
)
def test_writer_place_set_aside(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # counter-cases: written for a relative, the relative's place is where it happened
        ("Kita tulis ini for kita pe opa di Tiniawangko, umur 80 lebe", "71.05"),
        ("Saya nulis untuk nenek saya di Seputuk. Nenek mau kontrol mata", "65.04"),
        # counter-case: a sentence's end closes the writer's clause
        ("selamat siang pak ini cucunya yg ketik. opung saya tinggal di tanah jawa simalungun, akte lahir adik belum "
         "siap", "12.08"),
    ],
)
def test_written_for_still_read(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Petir: Kecamatan Petir of Kabupaten Serang, Kelurahan Petir of Kota Tangerang; the pemkot is called on
        ("Fasum taman dan jalan di perumahan kami di Petir belum diserahkan developer ke pemkot, jalannya rusak semua, "
         "developer kabur. Mohon pemkot ambil alih PSU-nya", "36.71"),
        ("jalan perumahan di Petir rusak, pemerintah kota diam saja", "36.71"),
        ("sampah numpuk di Petir, pak walikota kemana", "36.71"),
        # Ciwaringin: Kecamatan Ciwaringin of Kabupaten Cirebon, Kelurahan Ciwaringin of Kota Bogor
        ("angkot ngetem sembarangan di Ciwaringin tiap sore, pak wali kota tolong tertibkan", "32.71"),
    ],
)
def test_kota_called_on(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # counter-cases: the regent or the kabupaten's government called on keeps the kabupaten's place first
        ("lampu jalan di Ciwaringin mati, pak bupati tolong", "32.09"),
        ("drainase di Petir mampet, pemkab tolong", "36.04"),
    ],
)
def test_kabupaten_called_on(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)
