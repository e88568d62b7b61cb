"""What a first message fills without asking (bot/understanding/story.read_story), round 72: the kabupaten a story
calls on by name confirms the place it reads; the words a date reader would misread as a day (whom the chat is
written to, how often, how old, how many, a place named like a weekday); and a title that ends where a clause ends
and starts where the story does. Fresh sentences written for this file, none copied from a story set."""

from __future__ import annotations

from datetime import date

import pytest

from flows.ports import StoryReading
from tests.harness import read_shipped_story

TODAY = date(2026, 12, 2)


def read(text: str) -> StoryReading:
    """A story read as the bot reads it in a national deployment (no kabupaten of its own)."""
    return read_shipped_story(text, TODAY)


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
