"""What a first message fills without asking (bot/understanding/story.read_story): fresh sentences written for this
file, none copied from a story set."""

from __future__ import annotations

from datetime import date

import pytest

from flows.engine import CONFIDENT
from flows.ports import StoryReading
from tests.harness import read_shipped_story

TODAY = date(2026, 12, 2)


def read(text: str) -> StoryReading:
    """A story read as the bot reads it in a national deployment (no kabupaten of its own)."""
    return read_shipped_story(text, TODAY)


@pytest.mark.parametrize(("story", "region"), [
    # the teller's Kota and the Kabupaten around it, both named with their level words: the whole story puts it in
    # a kecamatan of one of them, and that one's level word is taken
    ("saya kerja di Kota Madiun tapi rumah ibu di Dolopo, Kabupaten Madiun, jalan depan balai desa ambles sudah "
     "sebulan", "35.19"),
    ("PDAM di Kota Pasuruan bukan Kabupaten Pasuruan, di Gadingrejo airnya mati tiga hari", "35.75"),
    # ...a level word read without the words the story goes on with ("kab dompu dipotong" is Kabupaten Dompu)
    ("bantuan beras di Woja kab dompu dipotong kades, sy tinggal di kota bima", "52.05"),
    ("gorong2 di Lowokwaru kota malang mampet, sy orang kab malang tiap hari lewat", "35.73"),
    ("puskesmas di Sumberpucung kab malang tutup siang, sy kerja di kota malang", "35.07"),
])
def test_the_level_word_the_whole_story_confirms_is_filled(story: str, region: str) -> None:
    found = read(story)
    assert found.answers["location"]["region"] == region
    assert found.confidence["location"] >= CONFIDENT  # "Di mana kejadiannya?" is not asked


@pytest.mark.parametrize("story", [
    # two kabupaten named, each by its level word and nothing finer: which one it happened in is asked
    "sy kuliah di kota malang, rumah di kab malang bocor",
    "antrean puskesmas di Kota Batu lama sekali, padahal saya dari Kab Malang sudah datang subuh",
])
def test_two_kabupaten_named_by_level_words_alone_are_asked(story: str) -> None:
    found = read(story)
    assert found.confidence.get("location", 0.0) < CONFIDENT
    assert "region" not in (found.answers.get("location") or {})
    assert "agency" not in found.answers


@pytest.mark.parametrize(("story", "region"), [
    # a kecamatan or kelurahan named by its level word has namesakes in other provinces; the kabupaten said after
    # it without one makes the whole story read one of them, and no other place
    ("jalan berlubang di kecamatan Cibeber, Cianjur, sudah setahun belum ditambal", "32.03.03"),
    ("lampu jalan di kecamatan Pagelaran, Pringsewu, mati semua sejak lebaran", "18.10.05"),
    ("pasar ikan di kecamatan Labuan, Pandeglang, becek dan baunya menyengat", "36.01.12"),
    ("air PDAM di kelurahan Kapuk, Cengkareng, keruh tiga hari ini", "31.73.01.1005"),
    ("posyandu di kecamatan Bandung, Serang, tidak buka lagi sejak bidannya pindah", "36.04.34"),
])
def test_the_namesake_the_whole_story_reads_is_filled(story: str, region: str) -> None:
    found = read(story)
    assert found.answers["location"]["region"] == region
    assert found.confidence["location"] >= CONFIDENT


def test_namesakes_the_whole_story_reads_several_of_are_asked() -> None:
    # the story's reading keeps three Sukadana, and nothing says which: none is taken
    found = read("puskesmas di kecamatan Sukadana kehabisan obat sudah dua minggu")
    assert found.confidence.get("location", 0.0) < CONFIDENT
    assert "agency" not in found.answers


@pytest.mark.parametrize(("story", "region"), [
    # a kecamatan named with the kabupaten holding it, no level word: two names that agree with each other and with
    # the whole story's reading
    ("puskesmas di Sape, Bima tutup jam sepuluh pagi, pasien disuruh pulang", "52.06.06"),
    ("jembatan bambu di Cikalong Tasikmalaya hanyut kena banjir, anak sekolah tidak bisa lewat", "32.06.03"),
    ("lampu jalan di Kasihan Bantul mati semua, jalan gelap rawan begal", "34.02.16"),
    ("air sumur warga di Kuta Alam Banda Aceh asin sejak banjir rob", "11.71.02"),
    # ...a namesake paired with another kabupaten the story denies is no rival
    ("gorong2 di Kalibaru Banyuwangi mampet, ini bukan Kalibaru Jakarta Utara", "35.10.11"),
])
def test_a_place_named_with_its_kabupaten_is_filled(story: str, region: str) -> None:
    found = read(story)
    assert found.answers["location"]["region"] == region
    assert found.confidence["location"] >= CONFIDENT


@pytest.mark.parametrize("story", [
    # where the trucks come from is no place of the trouble
    "truk tanah dari galian di Parung Panjang Bogor lewat depan sekolah kami tiap hari, jalan hancur",
    # the same name said with two kabupaten, neither denied: asked
    "pasar di Kalibaru Banyuwangi becek, tapi saya sering belanja di Kalibaru Cilincing juga",
])
def test_a_pair_said_as_an_origin_or_beside_a_rival_is_asked(story: str) -> None:
    found = read(story)
    assert found.confidence.get("location", 0.0) < CONFIDENT
    assert "region" not in (found.answers.get("location") or {})


@pytest.mark.parametrize(("story", "region"), [
    # the whole story's reading keeps namesakes after the place it reads first; the pair names that one by itself
    ("jembatan di Tanjungsari Sumedang retak besar, truk masih lewat", "32.11.11"),
    ("pipa PDAM di Sukamaju Bekasi bocor sudah dua minggu", "32.16.04.2002"),
    ("jalan di Cisarua Sumedang rusak parah setelah longsor", "32.11.23"),
    # ...or names a kecamatan and a desa of one kabupaten, both called so
    ("sekolah dasar di Ciawi Tasikmalaya atapnya bocor, murid belajar di lorong", "32.06.36"),
    # ...and a level word's namesakes the same
    ("puskesmas di kecamatan Sukadana, Kayong Utara, kehabisan obat sudah dua minggu", "61.11.01"),
])
def test_a_pair_among_namesakes_is_filled(story: str, region: str) -> None:
    found = read(story)
    assert found.answers["location"]["region"] == region
    assert found.confidence["location"] >= CONFIDENT


@pytest.mark.parametrize(("story", "region"), [
    # a kecamatan named alone, and the office of the kabupaten holding it called on by the kabupaten's name
    ("lampu jalan di Ngoro padam seminggu, PLN Jombang tolong dicek", "35.17.03"),
    ("sampah di pasar Kertek menumpuk, DLH Wonosobo kapan diangkut", "33.07.08"),
    ("air sumur warga di Driyorejo berbau, mohon dinas Gresik periksa pabrik", "35.25.15"),
    ("PDAM Sleman tolong, air di rumah saya di Godean mati tiga hari", "34.04.02"),
])
def test_a_place_and_its_kabupatens_office_are_filled(story: str, region: str) -> None:
    found = read(story)
    assert found.answers["location"]["region"] == region
    assert found.confidence["location"] >= CONFIDENT


def test_a_place_said_as_an_origin_beside_the_office_is_asked() -> None:
    found = read("truk pasir dari Ngoro lewat tiap malam, kabel listrik putus, PLN Jombang tolong")
    assert found.confidence.get("location", 0.0) < CONFIDENT


@pytest.mark.parametrize(("story", "region"), [
    # "X yang di Y": the kecamatan told apart from its namesakes by the kabupaten holding it
    ("Ngoro yang di Jombang ya, bukan Ngoro Mojokerto. lampu jalan depan pasar mati semua", "35.17.03"),
    ("Godean yg di Sleman, jalan rusak parah depan sekolah, banyak lubang", "34.04.02"),
])
def test_a_place_said_to_be_the_one_in_its_kabupaten_is_filled(story: str, region: str) -> None:
    found = read(story)
    assert found.answers["location"]["region"] == region
    assert found.confidence["location"] >= CONFIDENT


@pytest.mark.parametrize("story", [
    # a level word said where someone was referred or came from is not where it happened: the kabupaten of the
    # puskesmas that referred him is not the town of the hospital he was refused at
    "ibu saya dirujuk dari puskesmas Kepanjen (kab Malang) ke RSUD di kota Malang, disana disuruh pulang lagi",
    "anak sy dibawa dr klinik di Ngoro kab Jombang ke rumah sakit di kota Mojokerto, ditolak krn kamar penuh",
])
def test_a_level_word_said_as_where_one_came_from_is_not_filled(story: str) -> None:
    found = read(story)
    assert found.confidence.get("location", 0.0) < CONFIDENT
