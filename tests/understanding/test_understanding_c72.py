"""What a first message fills without asking (bot/understanding/story.read_story), round 72: the kabupaten a story
calls on by name confirms the place it reads; the words a date reader would misread as a day (whom the chat is
written to, how often, how old, how many, a place named like a weekday); and a title that ends where a clause ends
and starts where the story does. Fresh sentences written for this file, none copied from a story set."""

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
    # the kabupaten named right before a plea is whose office the citizen asks to act: it agrees with the kecamatan
    # the story reads, so the place is filled
    ("lampu jalan di cimerak mati semua sebulan ini, gelap. pangandaran tolong", "32.18.03"),
    # ...and so is one named, even by its everyday short name, right after one of its offices
    ("jembatan kecil di cipatat retak dan miring, truk masih lewat. tolong dinas pu kbb cek", "32.17.07"),
])
def test_the_kabupaten_called_on_by_name_confirms_the_place(story: str, region: str) -> None:
    found = read(story)
    assert found.answers["location"]["region"] == region
    assert found.confidence["location"] >= CONFIDENT


def test_a_kabupaten_said_as_where_someone_is_taken_confirms_nothing() -> None:
    # "dibawa ke Pangandaran tolong": where the child must be taken, not whose office is called on
    found = read("lampu jalan di cimerak mati semua, anak sy harus dibawa ke pangandaran tolong")
    assert "region" not in (found.answers.get("location") or {})


@pytest.mark.parametrize("story", [
    # "min" is the admin the chat is written to, not Babel's short name of Minggu (Sunday)
    "min jalan ke sekolah rusak parah, tolong min diperbaiki",
    # how often, not when: the day after "tiap" recurs
    "balap liar tiap malam minggu di jalan raya, warga resah",
    # how old, not how long ago
    "anak tetangga umur 12 tahun disuruh kerja di bengkel tiap hari",
    # how many times, not the 4th of the month
    "truk pasir ngebut, sudah 4 kali nabrak pagar warga",
    # Setu is a kecamatan's name, said after "di", never "di sabtu"
    "angkot ngetem di setu sampai macet, tolong ditertibkan",
])
def test_words_a_date_reader_would_misread_name_no_date(story: str) -> None:
    assert "incident_date" not in read(story).answers


@pytest.mark.parametrize(("story", "day", "time"), [
    ("kemarin sore jam 4 pipa pdam pecah di depan rumah", "2026-12-01", "16:00"),  # an hour's number stays
    ("air mati sejak tgl 5, sudah lapor belum ada petugas datang", "2026-11-05", None),  # a day of the month stays
])
def test_a_date_said_plainly_is_still_read(story: str, day: str, time: str | None) -> None:
    found = read(story).answers
    assert found["incident_date"] == day
    assert found.get("incident_time") == time


@pytest.mark.parametrize(("story", "title"), [
    # a title cut short ends where a clause ends, when one ends in its second half
    ("Got di depan sekolah mampet dan airnya meluap ke jalan tiap hujan, anak anak pulang sekolah harus lewat "
     "genangan setinggi lutut", "Got di depan sekolah mampet dan airnya meluap ke jalan tiap hujan"),
    # "1,5 jt" is a number, not a clause's end
    ("Sekolah di kampung kami narik uang perpisahan sebesar 1,5 jt per siswa padahal banyak orang tua tidak mampu",
     "Sekolah di kampung kami narik uang perpisahan sebesar 1,5 jt per siswa"),
    # the clause the intro's comma leads into ("tp kerja di …") still tells who speaks: the next sentence is the story
    ("Sy warga kota Kediri, tp kerja di Nganjuk. Trotoar di depan pasar dipakai parkir motor semua",
     "Trotoar di depan pasar dipakai parkir motor semua"),
    # forms of address and exclamations a chat opens with are no part of the title
    ("gaes pasar malam di lapangan desa bikin macet parah tiap sore", "Pasar malam di lapangan desa bikin macet parah "
     "tiap sore"),
    ("anjir sinyal di desa kami hilang terus sudah seminggu", "Sinyal di desa kami hilang terus sudah seminggu"),
])
def test_titles_read_as_a_citizen_would_write_them(story: str, title: str) -> None:
    assert read(story).answers["suggested_title"] == title
