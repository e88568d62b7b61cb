"""Where the story is (round 91, tuner B): Lampung's words ('tabik pun', 'pekon', 'tiyuh', 'peratin') lean to Lampung
as other regions' speech leans to theirs, and so do everyday Javanese words ('iki', 'arep', 'njaluk', 'bocah', 'dalan',
'menyang', ...) to Java and Cirebon, and Malang's walikan 'ayas' to Malang Raya; 'ngantri', 'ngantre', 'ngantar'
(queueing, taking someone) are everyday words, no slip for Kecamatan Ngantru, Ngantang or Menganti; a desa named in
everyday words straight before the kecamatan that holds a desa so called ('Karang Tengah Gunung Puyuh') is that desa;
the regulation a mayor or a regent makes ('perwali', 'perbup') calls on the kota or the kabupaten as 'walikota' and
'bupati' do; a verb in '-kan' after a level word used as an adjective ('dishub kabupaten jalankan lagi') is no two
slips in a kabupaten's name (Balangan)."""

from __future__ import annotations

import pytest

from bot.understanding.agencies import AgencyCatalog


@pytest.mark.parametrize(
    ("story", "province"),
    [
        # Bunut Seberang, Sinar Gading, Pematang Pasir: a desa of Sumatera Utara or Jambi and one of Lampung
        ("tabik pun, jalan di Bunut Seberang rusak parah", "18.09"),
        ("warga pekon kami di Sinar Gading belum dapat pupuk", "18.08"),
        ("jalan tiyuh di Pematang Pasir longsor", "18.01"),
        # Pagar Dewa: a desa of Sumatera Selatan, Bengkulu and Lampung (and a kecamatan of Lampung Barat and Tubaba)
        ("sudah lapor peratin, jembatan di Pagar Dewa tetap putus", "18"),
    ],
)
def test_lampung_words_lean_to_lampung(catalog: AgencyCatalog, story: str, province: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(province)


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Badang, Seling, Ringin: a desa of Jambi or Riau and one of Jombang, Kebumen, Blora; told in Javanese
        ("dalan neng Badang bolong kabeh, bocah2 sekolah podo tibo", "35.17"),
        ("SD neng Seling arep digabung", "33.05"),
        ("puskesmas neng Ringin njaluk duit 100 ewu", "33.17"),
        # Bedali: a desa of Kediri and one of Kabupaten Malang; Malang's walikan
        ("ayas kate lapor, sampah di Bedali gak diangkut", "35.07"),
    ],
)
def test_javanese_words_lean_to_java(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


@pytest.mark.parametrize(
    "story",
    [
        # 'ngantri'/'ngantre' (queueing) is no slip for Kecamatan Ngantru (Tulungagung), 'mengantri' none for
        # Menganti (Gresik), 'ngantar' (taking someone) none for Ngantang (Malang)
        "kulo ngantri ten puskesmas saking enjing",
        "nyuwun sewu, ngantre ten samsat suwe sanget",
        "kulo mengantri ten kantor dukcapil",
        "kulo ngantar bapak ten rumah sakit",
        "wis ngantrinya suwe, kulo mboten dilayani",
    ],
)
def test_queueing_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert catalog.story_places(story) == ()


@pytest.mark.parametrize(
    ("story", "place"),
    [
        # Karang Tengah: a kecamatan of Cianjur, Garut, Kota Tangerang, Demak and Kudus, and a kelurahan of Gunung
        # Puyuh (Kota Sukabumi)
        ("jalan di karang tengah gunung puyuh rusak", "32.72.01.1004"),
        ("PJU di Karang Tengah Gunung Puyuh mati semua", "32.72.01.1004"),
    ],
)
def test_village_before_its_kecamatan(catalog: AgencyCatalog, story: str, place: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0] == place


@pytest.mark.parametrize(
    ("story", "regency"),
    [
        # Sungai Medang: a desa of Kerinci and a kelurahan of Kota Lubuklinggau
        ("truk tanah masih lewat Sungai Medang siang hari, padahal ada perwali", "16.74"),
        # Jogoboyo, Tejosari: a kelurahan of Kota Lubuklinggau or Kota Metro and a desa of Purworejo or Magelang
        ("truk tanah lewat Jogoboyo siang hari, melanggar perbup", "33.06"),
        ("jam operasional truk di Tejosari melanggar perbup", "33.08"),
        # Petir: Kecamatan Petir of Kabupaten Serang, Kelurahan Petir of Kota Tangerang
        ("karaoke di Petir buka sampai pagi, melanggar perwal", "36.71"),
    ],
)
def test_regulation_calls_on_its_head(catalog: AgencyCatalog, story: str, regency: str) -> None:
    places = catalog.story_places(story)
    assert places and places[0].startswith(regency)


@pytest.mark.parametrize(
    "story",
    [
        # 'jalankan' after 'kabupaten' is no two slips in Balangan (Kalimantan Selatan)
        "bus sekolah sudah sebulan berhenti, tolong dishub kabupaten jalankan lagi",
    ],
)
def test_verb_after_level_word_no_place(catalog: AgencyCatalog, story: str) -> None:
    assert not any(p.startswith("63.11") for p in catalog.story_places(story))
