"""What a first message fills without asking (bot/understanding/story.read_story), round 74: more words a date
reader would misread as when the trouble began — an age or how new a thing is ("baru 17 thn"), how long a service
takes ("jadi sehari"), how often or how much per day ("2x seminggu", "30rb sehari"), "minggu" said as a week
("minggu ini"), a market named by its day ("pasar kemis"), Manado's "mar" (but); and "minggu kemaren" read as last
week. Fresh sentences written for this file, none copied from a story set."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.i18n import Catalog
from flows.dates import date_words, read_incident_date
from flows.engine import CONFIDENT
from flows.ports import StoryReading
from tests.harness import read_shipped_story

TODAY = date(2026, 12, 2)


def read(text: str) -> StoryReading:
    """A story read as the bot reads it in a national deployment (no kabupaten of its own)."""
    return read_shipped_story(text, TODAY)


@pytest.mark.parametrize(
    "story",
    [
        # how old the person is, not how long ago: "baru"/"masih" before the years
        "cucu saya yg baru 16 thn dipaksa kerja di kapal ikan, tolong ditindak",
        "adik sy masih 13 tahun mau dinikahkan sama juragan, kami takut",
        # how new the thing is: the cracks did not begin three years ago
        "sekolah yang baru 3 tahun dibangun atapnya sudah bocor semua",
        "trotoar baru setahun diperbaiki udah ambles lagi di ujungnya",
        # how long a service takes, as a broker promises it
        "di depan kantor capil ada yg nawarin akta jadi sehari asal bayar 250rb",
        # how often: a "se-" span with a count of times beside it
        "bidan desa cuma datang 2x seminggu, ibu hamil susah periksa",
        "pompa air cuma nyala seminggu sekali, warga beli air galon",
        "listrik di kampung kami padam, sehari bisa empat kali, tv rusak",
        # how much a day or a month
        "upah buruh angkut di gudang cuma 35rb sehari dari pagi sampai sore",
        "anak saya disuruh bayar les wajib 150 ribu sebulan di sekolah negeri",
        "kerja di pabrik kerupuk 12 jam sehari tapi ga dapat lembur",
        # "minggu" said as a week, never the last Sunday
        "sudah 3 motor jatuh minggu ini di lubang depan sekolah",
        "petugas dukcapil nyuruh balik minggu depan terus, blangko habis",
        "guru honorer gak masuk berminggu-minggu, murid dipulangkan",
        # a market named by its market day is a place
        "jalan di depan pasar kemis berlubang besar, motor sering jatuh",
        "trotoar di pasar rebo dipakai parkir motor semua",
        # Manado's "mar" is "but", no March
        "torang so lapor ke kelurahan mar nyanda ada yang datang angkat sampah",
    ],
)
def test_words_a_date_reader_would_misread_name_no_date(story: str) -> None:
    assert "incident_date" not in read(story).answers


@pytest.mark.parametrize(
    ("story", "day", "precision"),
    [
        # "minggu kemaren" (another spelling of kemarin) is last week, as "minggu lalu" is: about a week ago
        ("ada kecelakaan di tikungan minggu kemaren, lampu jalan mati", "2026-11-25", "approximate"),
        # Javanese and Sundanese "yesterday" after a month or year: last month, last year
        ("bantuan pkh mbah kula mandeg sejak sasi wingi", "2026-11-02", "approximate"),
        ("saluran irigasi jebol ti taun kamari can dibenerkeun", "2025-12-02", "approximate"),
    ],
)
def test_yesterday_after_a_week_month_or_year_is_the_last_one(story: str, day: str, precision: str) -> None:
    found = read(story).answers
    assert found.get("incident_date") == day
    assert found.get("incident_date_precision") == precision


@pytest.mark.parametrize(
    ("answer", "day"),
    [
        ("minggu kemaren", date(2026, 11, 25)),
        ("bulan kemaren", date(2026, 11, 2)),
        ("taun kamari", date(2025, 12, 2)),
    ],
)
def test_the_date_question_reads_the_last_week_month_or_year_too(answer: str, day: date) -> None:
    assert read_incident_date(answer, TODAY, date_words(Catalog.load())).day == day


@pytest.mark.parametrize(
    ("story", "region"),
    [
        # the teller says where they are from ("kami dari", "kulo saking"): their home, named with its kecamatan, and
        # the whole story's reading agrees — the place is filled, as "sy dr Kab Blitar" is kept as the teller's own
        ("pak kami dari pagerharjo samigaluh, jalan ke pasar longsor, motor gak bisa lewat", "34.01.11.2007"),
        ("kulo saking sendangsari pengasih, dalan desa rusak, mboten wonten perbaikan", "34.01.07.2006"),
    ],
)
def test_the_tellers_own_home_named_with_its_kecamatan_is_the_place(story: str, region: str) -> None:
    found = read(story)
    assert found.answers["location"]["region"] == region
    assert found.confidence["location"] >= CONFIDENT


@pytest.mark.parametrize(
    ("story", "title"),
    [
        # "ibu saya", "bapak sy": whose mother or father the story is about, no greeting to take off
        (
            "Ibu saya dirawat di rumah sakit daerah, disuruh beli infus sendiri",
            "Ibu saya dirawat di rumah sakit daerah, disuruh beli infus sendiri",
        ),
        (
            "Bapak sy jatuh dari ojek di jalan berlubang dekat pasar",
            "Bapak sy jatuh dari ojek di jalan berlubang dekat pasar",
        ),
        # regional forms of address and politeness said before the story: taken off the title
        ("Nyuwun sewu, lampu merah ing prapatan mati telung dina", "Lampu merah ing prapatan mati telung dina"),
        ("Iye pak, pipa air di lorong kami bocor ki sejak kemarin", "Pipa air di lorong kami bocor ki sejak kemarin"),
        ("Tabe' pak, jembatan gantung di kampung kami talinya putus", "Jembatan gantung di kampung kami talinya putus"),
        ("Bang, pasar ikan becek dan gelap, lampunya mati semua", "Pasar ikan becek dan gelap, lampunya mati semua"),
        ("Ya'ahowu, sekolah kami atapnya bocor kalau hujan", "Sekolah kami atapnya bocor kalau hujan"),
        # the teller's "I want to report" in regional speech, as "saya mau lapor" is
        ("Ulun handak melapor, titian di gang kami patah", "Titian di gang kami patah"),
        ("Beta mau lapor, sampah di kali su numpuk", "Sampah di kali su numpuk"),
    ],
)
def test_a_title_keeps_whose_kin_and_drops_regional_address(story: str, title: str) -> None:
    assert read(story).answers["title"] == title
