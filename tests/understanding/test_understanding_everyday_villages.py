"""Everyday and regional words that are also some village's whole name, read in a citizen's story: with no level word,
no kabupaten named and nothing that says a place is meant, such a word is no reading of where the story happened."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog


def _reads(catalog: AgencyCatalog, story: str, code: str) -> bool:
    return any(p == code or p.startswith(code + ".") for p in catalog.story_places(story))


@pytest.mark.parametrize(("story", "village"), [
    # a word that opens a clause after a comma or a bracket is no village's name said as a place
    ("kabel listrik putus di depan rumah, jari anak saya kesetrum sedikit", "35.22.26.2002"),  # Jari
    ("got mampet, paret depan rumah penuh sampah plastik dan lumpur", "71.10.02.2004"),          # Paret
    ("guru honor belum digaji, sementara kepala sekolah beli mobil baru", "12.18.01.2008"),     # Sementara
    ("anak saya lumpuh (polio) tapi tidak pernah dapat bantuan alat bantu jalan", "76.02.04.2011"),  # Polio
])
def test_a_lone_village_word_after_a_mark_is_no_place(catalog: AgencyCatalog, story: str, village: str) -> None:
    assert not _reads(catalog, story, village)


def test_a_village_after_a_mark_that_continues_an_address_is_still_read(catalog: AgencyCatalog) -> None:
    # 'Kaca' after its kecamatan's name and a comma goes on with the address
    places = catalog.story_places("jalan rusak parah di Marioriawa, Kaca, sudah 2 tahun tidak diaspal")
    assert places and places[0].startswith("73.12")


@pytest.mark.parametrize("story", [
    "lampu jalan dekat meunasah mati sudah seminggu, gelap sekali kalau malam",
    "jalan ke meunasah berlubang, anak-anak yang mengaji jatuh dari sepeda",
    "sampah di depan meunasah gampong kami tidak diangkut sudah lima hari",
])
def test_a_word_of_regional_speech_is_no_village_of_that_name(catalog: AgencyCatalog, story: str) -> None:
    # 'meunasah' (the Acehnese village prayer house) is also Desa Meunasah of Aceh Utara
    assert not _reads(catalog, story, "11.12.04.2024")


@pytest.mark.parametrize(("story", "village"), [
    ("ureung di gampong lon susah air bersih, sumur kering", "81.02.01.2069"),           # Acehnese 'my village'
    ("lampu dalan neng desa kulo mati kabeh wis seminggu", "73.14.06.2002"),              # Javanese 'my village'
])
def test_a_pronoun_after_a_level_word_is_whose_village_not_its_name(catalog: AgencyCatalog, story: str,
                                                                     village: str) -> None:
    assert not _reads(catalog, story, village)


def test_a_kecamatan_after_a_village_called_mine_is_read(catalog: AgencyCatalog) -> None:
    # 'desa kulo Sumpiuh' is my village in Sumpiuh (Banyumas), no Desa Kulo of Sidenreng Rappang
    places = catalog.story_places("jembatan neng desa kulo Sumpiuh ambrol kena banjir wingi")
    assert places and places[0].startswith("33.02")


@pytest.mark.parametrize(("story", "kecamatan"), [
    ("wereng nyerang sawah sambungmacan, pari akeh sing puso", "33.14.07"),   # Sambungmacan, Sragen
    ("banyu irigasi mati, sawah paron pecah-pecah, petani rugi", "35.21.10"),   # Paron, Ngawi
])
def test_a_kecamatan_after_a_field_word_is_where_the_field_lies(catalog: AgencyCatalog, story: str,
                                                                 kecamatan: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0] == kecamatan


def test_a_fields_size_is_no_kecamatan(catalog: AgencyCatalog) -> None:
    # 'sawah seluas 30 hektar' is a field's size, no Kecamatan Seluas of Bengkayang
    places = catalog.story_places("kami petani di Kecamatan Paron, irigasi jebol, sawah seluas 30 hektar kering")
    assert places and places[0].startswith("35.21.10")


def test_a_word_of_regional_speech_is_no_slip_for_a_village_of_the_kabupaten_named(catalog: AgencyCatalog) -> None:
    # with Aceh Besar named, 'meunasah' is no typo of its Desa Meunara (Montasik) or another village of it
    story = "kabel listrik dekat meunasah putus, petugas dari Aceh Besar belum datang"
    assert not any(p.startswith("11.06.") for p in catalog.story_places(story))


@pytest.mark.parametrize(("story", "village"), [
    ("bapak tinggal samo anak tirinyo, anak tu sering dipukul", "82.04.24.2010"),  # Minang 'samo' (with)
    ("harga pupuak di siko mahal bana, petani susah", "82.04.02.2004"),            # Minang 'siko' (here)
    ("tikus akeh neng pari, panen gagal", "36.01.17.2015"),                        # Javanese 'pari' (rice)
])
def test_a_word_of_regional_speech_where_it_is_spoken_is_no_village(catalog: AgencyCatalog, story: str,
                                                                     village: str) -> None:
    assert not _reads(catalog, story, village)


@pytest.mark.parametrize(("story", "village"), [
    ("buku di perpustakaan sudah usang, dari jaman dulu tidak pernah diganti", "62.05.02.2009"),  # Jaman
    ("lampu taman di alun-alun mati semua sejak minggu lalu", "35.08.20.2005"),                 # Alun-Alun
    ("pompa air PDAM rusak, warga tidak dapat air bersih", "15.04.07.2002"),                    # Pompa Air
    ("penumpang berdesakan di peron, tidak ada petugas yang mengatur", "33.24.03.2008"),         # Peron
    ("atap kios di pasar seni bocor, lukisan pedagang rusak", "96.05.24.2001"),                 # Seni
    ("nenek tinggal di gubuk reyot, belum pernah dapat bantuan rumah", "95.04.20.2004"),        # Gubuk
])
def test_an_everyday_word_is_no_village_in_a_story(catalog: AgencyCatalog, story: str, village: str) -> None:
    assert not _reads(catalog, story, village)


@pytest.mark.parametrize("story", [
    "kepala desa nang kantor jarang ana, warga bingung arep ngurus surat",
    "bantuan dana desa nang kampung kami ora dibagi rata",
])
def test_a_javanese_di_after_a_level_word_is_no_village(catalog: AgencyCatalog, story: str) -> None:
    assert not _reads(catalog, story, "82.04.09.2018")  # Desa Nang (Maluku Tengah)


@pytest.mark.parametrize(("story", "village"), [
    ("sekdes pakai mobil desa buat antar anaknya sekolah tiap hari", "15.08.14.2002"),        # Desa Buat (Bungo)
    ("longsor lagi, jalan desa tinggal separuh, motor susah lewat", "35.05.11.2005"),         # Desa Tingal (Blitar)
    ("kantor kelurahan tutup jam 11 padahal warga antre dari pagi", "33.16.10.2005"),          # Desa Tutup (Blora)
])
def test_a_level_word_before_an_everyday_word_names_no_village_of_that_name(catalog: AgencyCatalog, story: str,
                                                                             village: str) -> None:
    assert not _reads(catalog, story, village)


def test_an_everyday_village_name_with_its_level_word_and_its_kecamatan_is_read(catalog: AgencyCatalog) -> None:
    # 'Kelurahan Tampan, Payung Sekaki' (Pekanbaru): the kecamatan named says the everyday word is the name
    places = catalog.story_places("selokan di Kelurahan Tampan, Payung Sekaki mampet, air masuk rumah warga")
    assert places and places[0].startswith("14.71")


def test_a_kecamatan_near_which_something_is_is_read_after_deket(catalog: AgencyCatalog) -> None:
    # 'deket' (Jakarta and Javanese 'dekat') says a place is meant as 'dekat' does
    places = catalog.story_places("penambangan pasir di kali pelus deket sumpiuh bikin tebing longsor")
    assert places and places[0] == "33.02.07"


def test_the_great_mosque_is_no_village_called_agung(catalog: AgencyCatalog) -> None:
    story = "parkir liar di sekitar masjid agung bikin macet tiap jumat siang"
    assert not _reads(catalog, story, "63.09.04.1003")  # Kelurahan Agung (Tabalong)


def test_a_pronoun_is_no_part_of_a_slip_for_a_village(catalog: AgencyCatalog) -> None:
    # Balinese 'tiang' (I) and 'ktp' run together are no typo of Desa Tangkup (Karangasem)
    story = "om swastiastu, tiang ktp karangasem tapi kerja di denpasar, mau urus surat domisili di kelurahan"
    assert "51.07.02.2001" not in catalog.story_places(story)


def test_minang_kampuang_is_no_slip_for_a_village_of_padang(catalog: AgencyCatalog) -> None:
    # 'urang kampuang' (Minang: the people of the village) is no typo of Kelurahan Ampang (Kota Padang)
    places = catalog.story_places("di malalak jalan ka padang ambrol, urang kampuang indak bisa kalua")
    assert "13.71.09.1004" not in places
    assert places and places[0] == "13.06.16"


def test_a_town_people_know_is_read_before_a_village_of_its_name(catalog: AgencyCatalog) -> None:
    # Tarusan, the town of Koto XI Tarusan (Pesisir Selatan), not Desa Tarusan of Kapuas
    places = catalog.story_places("jalan ka mandeh dari tarusan ambrol, oto indak bisa lewat")
    assert places and places[0].startswith("13.01.07")


@pytest.mark.parametrize(("story", "kecamatan"), [
    # the waterfall park of Tawangmangu (Karanganyar), not Desa Grojogan of Nganjuk
    ("karcis masuk grojogan sewu ditarik dua kali, sing kaping pindho ora ana karcise", "33.13.06"),
    # the beach of Tanjungsari (Gunungkidul), not Desa Kukup of Karimun
    ("lapak pedagang di pantai kukup rusak kena ombak besar semalam", "34.03.17"),
])
def test_a_landmark_people_know_is_read_before_a_village_of_its_name(catalog: AgencyCatalog, story: str,
                                                                     kecamatan: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(kecamatan)
