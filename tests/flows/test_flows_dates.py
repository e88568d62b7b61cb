"""The incident date as people type it (flows/dates.py), the phrases once tested on bot/understanding/dates.py."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.i18n import default_catalog
from flows.dates import DateProblem, date_words, parse_incident_date

TODAY = date(2026, 8, 20)  # a Thursday


@pytest.mark.parametrize(("text", "expected"), [
    ("kemarin sore", date(2026, 8, 19)),
    ("kmrn sore jam 4", date(2026, 8, 19)),
    ("tadi pagi", TODAY),
    ("hari ini", TODAY),
    ("semalam", date(2026, 8, 19)),
    ("kemarin lusa", date(2026, 8, 18)),
    ("senin lalu", date(2026, 8, 17)),
    ("jumat kemarin", date(2026, 8, 14)),
    ("kamis lalu", date(2026, 8, 13)),  # said on a Thursday: a week ago
    ("minggu lalu", date(2026, 8, 13)),  # last week, not Sunday
    ("3 hari yang lalu", date(2026, 8, 17)),
    ("tiga hari lalu", date(2026, 8, 17)),
    ("seminggu lalu", date(2026, 8, 13)),
    ("12/3/2026", date(2026, 3, 12)),
    ("15/8", date(2026, 8, 15)),
    ("12 maret", date(2026, 3, 12)),
    ("25 desember", date(2025, 12, 25)),  # a future date means last year
    ("5 agustus 2025", date(2025, 8, 5)),
])
def test_incident_date(text: str, expected: date) -> None:
    assert parse_incident_date(text, TODAY, date_words(default_catalog())) == expected


@pytest.mark.parametrize("text", ["jalan rusak", "", "rt 02/03", "31/2/2026"])
def test_not_a_date(text: str) -> None:
    with pytest.raises(DateProblem):
        parse_incident_date(text, TODAY, date_words(default_catalog()))
