"""Dates in stories: a since-word must lead a number, and a unit's "-an" form is how often unless a since-word
leads it or an ago-word follows it. On a fixed today: Wednesday 2 December 2026."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.i18n import default_catalog
from flows.dates import date_words, find_incident_date, read_incident_date

TODAY = date(2026, 12, 2)  # a Wednesday
WORDS = date_words(default_catalog())


def story_day(story: str) -> date | None:
    """The day find_incident_date reads in a story, or None."""
    found = find_incident_date(story, TODAY, WORDS)
    return found.day if found else None


@pytest.mark.parametrize(("story", "expected"), [
    # a since-word after a number begins the next clause: "buka sampai jam 4, sudah kami tegur" names no 4th
    ("warung kopi di ujung gang buka sampai jam 4, sudah kami tegur berkali kali", None),
    ("bengkel las itu kerja sampe jam 2 udah diingetin pak rt tetep aja", None),
    # "-an" after a count is how often: a contract renewed every three months began nothing three months ago
    ("karyawan toko dikontrak 3 bulanan terus tanpa kejelasan", None),
    ("iuran sampah 6 bulanan dinaikkan sepihak oleh pengelola", None),
    # ... but led by a since-word or followed by an ago-word it is a rough span ("udah 2 bulanan" = about two months)
    ("pompa air masjid rusak udah 2 bulanan belum diganti", date(2026, 10, 2)),
    ("lampu taman padam 2 bulanan yang lalu", date(2026, 10, 2)),
    # what must keep working
    ("sejak tgl 3 air di rumah kami keruh", date(2026, 11, 3)),
    ("jembatan gantung putus 3 bulan lalu", date(2026, 9, 2)),
    ("kartu bpjs belum aktif sdh 3 bln", date(2026, 9, 2)),
    ("tgl 3 kemarin pasar kebanjiran", date(2026, 11, 3)),
    ("baru 2 thn diaspal jalannya sudah hancur", date(2024, 12, 2)),
])
def test_a_date_in_a_story(story: str, expected: date | None) -> None:
    """One case per rule, and the spans that must stay."""
    assert story_day(story) == expected


def test_an_answer_is_read_as_before() -> None:
    """Answering "kapan?", a bare number or "3 bulanan" still names a day (the rules are a story's)."""
    assert read_incident_date("3 bulanan", TODAY, WORDS).day == date(2026, 9, 2)
    assert read_incident_date("tgl 3", TODAY, WORDS).day == date(2026, 11, 3)
