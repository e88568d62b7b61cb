"""Dates as people say them, on a fixed today: Wednesday 2 December 2026."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.i18n import default_catalog
from flows.dates import DateProblem, IncidentDate, date_words, find_incident_date, read_incident_date

TODAY = date(2026, 12, 2)  # a Wednesday
WORDS = date_words(default_catalog())


def said(text: str) -> IncidentDate:
    """What the parser reads from one answer."""
    return read_incident_date(text, TODAY, WORDS)


@pytest.mark.parametrize(("text", "expected"), [
    # relative spans in any spelling
    ("6 bln lalu", date(2026, 6, 2)), ("3 hr yg lalu", date(2026, 11, 29)), ("udah 3 hari", date(2026, 11, 29)),
    ("sdh 2 minggu", date(2026, 11, 18)), ("2 mgg yg lalu", date(2026, 11, 18)),
    ("3 bulan yang lalu", date(2026, 9, 2)), ("seminggu yang lalu", date(2026, 11, 25)),
    ("empat hari lalu", date(2026, 11, 28)), ("sudah 5 hari", date(2026, 11, 27)),
    ("minggu lalu", date(2026, 11, 25)),
    # yesterday and today, Javanese and Sundanese too
    ("sejak kemarin", date(2026, 12, 1)), ("wingi", date(2026, 12, 1)), ("kamari", date(2026, 12, 1)),
    ("kemarin lusa", date(2026, 11, 30)), ("tadi", TODAY), ("hari ini", TODAY),
    # weekdays: the most recent such day before today
    ("hari senin", date(2026, 11, 30)), ("hari jumat", date(2026, 11, 27)), ("senin kemarin", date(2026, 11, 30)),
    ("hari minggu", date(2026, 11, 29)), ("jemuah", date(2026, 11, 27)), ("rebo", date(2026, 11, 25)),
    # day of month, month names in Indonesian, Javanese spellings and English
    ("tgl 5", date(2026, 11, 5)), ("tanggal 1", date(2026, 12, 1)), ("17 agustus", date(2026, 8, 17)),
    ("17 agustus 2025", date(2025, 8, 17)), ("20 nopember", date(2026, 11, 20)), ("5 okt", date(2026, 10, 5)),
    ("3 pebruari", date(2026, 2, 3)), ("17/8", date(2026, 8, 17)), ("17/8/2026", date(2026, 8, 17)),
    ("2026-08-17", date(2026, 8, 17)), ("31 december", date(2025, 12, 31)),
    # numbers in words, as a voice note's transcript has them
    ("dua belas hari yang lalu", date(2026, 11, 20)), ("lima belas hari lalu", date(2026, 11, 17)),
    ("tanggal dua puluh lima", date(2026, 11, 25)), ("tanggal sebelas", date(2026, 11, 11)),
    ("tgl lima", date(2026, 11, 5)),
])
def test_exact_dates(text: str, expected: date) -> None:
    """Exact days, whatever the spelling."""
    found = said(text)
    assert (found.day, found.approximate) == (expected, False)


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("tahun lalu", date(2025, 12, 2), "approximate"), ("1 thn lalu", date(2025, 12, 2), "approximate"),
    ("bulan lalu", date(2026, 11, 2), "approximate"), ("sejak 2019", date(2019, 1, 1), "year"),
    ("awal bulan", date(2026, 12, 1), "approximate"), ("awal oktober", date(2026, 10, 1), "approximate"),
    ("akhir bulan lalu", date(2026, 11, 30), "approximate"), ("pertengahan agustus", date(2026, 8, 15), "approximate"),
    ("januari kemarin", date(2026, 1, 1), "month"), ("sekitar 3 minggu lalu", date(2026, 11, 11), "approximate"),
    # the edge of last month or year ("lalu" was read past, and gave this month's, or a day to come)
    ("awal bulan lalu", date(2026, 11, 1), "approximate"),
    ("pertengahan bulan lalu", date(2026, 11, 15), "approximate"),
    ("akhir tahun lalu", date(2025, 12, 31), "approximate"), ("awal tahun lalu", date(2025, 1, 1), "approximate"),
])
def test_approximate_dates_say_so(text: str, expected: date, precision: str) -> None:
    """A vague answer stores its date marked as approximate (or only its month or year)."""
    found = said(text)
    assert found.day == expected
    assert found.answers()["incident_date_precision"] == precision


@pytest.mark.parametrize(("text", "day", "time", "part"), [
    ("kejadiannya kemarin sore sekitar jam empat", date(2026, 12, 1), "16:00", None),
    ("kemarin malam jam 9", date(2026, 12, 1), "21:00", None), ("jam 3 sore tadi", TODAY, "15:00", None),
    ("pukul 10.30", TODAY, "10:30", None), ("tadi pagi", TODAY, None, "morning"),
    ("wingi bengi", date(2026, 12, 1), None, "night"), ("hari senin siang", date(2026, 11, 30), None, "noon"),
    # "semalam" is last night: yesterday's date
    ("semalam", date(2026, 12, 1), None, "night"), ("semalam jam 9", date(2026, 12, 1), "21:00", None),
    # "malam minggu" is Saturday night, "malam jumat" Thursday's: the night before the day named
    ("malam minggu kemarin", date(2026, 11, 28), None, "night"), ("malem jumat", date(2026, 11, 26), None, "night"),
    ("malam senin kemarin jam 11", date(2026, 11, 29), "23:00", None),
])
def test_times_of_day_are_kept(text: str, day: date, time: str | None, part: str | None) -> None:
    """An hour or a part of the day, when said, is kept beside the date."""
    found = said(text)
    assert (found.day, found.time, found.part) == (day, time, part)


@pytest.mark.parametrize("text", ["tidak ingat", "sudah lama", "lupa", "udah lama banget", "gak inget",
                                  "wis suwe", "don't remember"])
def test_an_honest_unknown(text: str) -> None:
    """"Tidak ingat / sudah lama" is an answer: no date, stored as unknown."""
    found = said(text)
    assert found.day is None
    assert found.answers() == {"incident_date": None, "incident_date_precision": "unknown",
                               "incident_time": None, "incident_part": None}


@pytest.mark.parametrize(("text", "problem"), [
    ("besok", "future"), ("minggu depan", "future"), ("25/12/2026", "future"), ("31/2/2026", "unknown"),
    ("kapan ya", "unknown"), ("jalan rusak", "unknown"), ("", "unknown"), ("🙂", "unknown"), ("40", "unknown"),
])
def test_no_date_is_no_date(text: str, problem: str) -> None:
    """The future and words that name no day are refused, with the reason."""
    with pytest.raises(DateProblem, match=problem):
        said(text)


@pytest.mark.parametrize(("story", "expected"), [
    ("assalamualaikum pak, jalan di dusun kami rusak parah sudah 2 tahun", date(2024, 12, 2)),
    ("ktp sy blm jadi udh 3 bulan sejak rekam", date(2026, 9, 2)),
    ("lampu jalan RT 3 mati sejak hari senin, gelap", date(2026, 11, 30)),
    ("sampah di pasar menumpuk di RT 3 RW 5", None),
    ("eh pak jalan di depan rumah rusak sudah dua belas hari nggak diperbaiki", date(2026, 11, 20)),
    ("kejadiannya tanggal sebelas pak", date(2026, 11, 11)),
    # a number word alone is no day: "lima" is how many
    ("anak saya lima orang tidak sekolah", None),
])
def test_a_date_inside_a_story(story: str, expected: date | None) -> None:
    """The story helper can find the date a long message mentions; numbers alone (RT 3) are none."""
    found = find_incident_date(story, TODAY, WORDS)
    assert (found.day if found else None) == expected
