"""A story's date is found by reading only the windows that begin and end on a date word (or a digit)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.i18n import default_catalog
from flows.dates import (
    DateProblem,
    DateWords,
    IncidentDate,
    _read,
    _spaced,
    _strip,
    _written_dates,
    date_words,
    find_incident_date,
)

WORDS = date_words(default_catalog())
DATE_WORDS = sorted(WORDS.vocabulary)
OTHER_WORDS = ["jalan", "rusak", "rt", "02/03", "12/3/2026", "2018", "jam", "10", "3hr", "seminggu", "lamanya",
               "sekolah", "lampu", "mati", "di", "dusun", "x", "tgl", "5an", "pagi", "sore", ".", ","]


def every_window(text: str, today: date, words: DateWords, longest: int = 6) -> IncidentDate | None:
    """The first date of any window at all, longest first at each start: the scan find_incident_date shortens."""
    tokens = _spaced(_written_dates(text[:2000], today, words)).split()[:300]
    for start in range(len(tokens)):
        for size in range(min(longest, len(tokens) - start), 0, -1):
            window = " ".join(tokens[start:start + size])
            if size == 1 and _strip(window, words.noise) == "":
                continue
            try:
                found = _read(window, today, words, story=True)
            except DateProblem:
                continue
            if found.day is not None:
                return found
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(DATE_WORDS + OTHER_WORDS), min_size=1, max_size=12),
       st.sampled_from([date(2026, 12, 2), date(2026, 1, 3), date(2024, 2, 29)]))
def test_the_shortened_scan_finds_what_reading_every_window_finds(tokens: list[str], today: date) -> None:
    text = " ".join(tokens)
    assert find_incident_date(text, today, WORDS) == every_window(text, today, WORDS)


def test_a_span_inside_a_long_story_is_still_found() -> None:
    story = "lampu jalan di gang kami mati sudah dua minggu lamanya padahal sudah lapor ke pak rt"
    found = find_incident_date(story, date(2026, 12, 2), WORDS)
    assert found is not None and found.day == date(2026, 11, 18) and found.approximate
