"""Accuracy on the measured set (tests/data/words_measured.csv), written before tuning and kept apart.

The rows were never used to choose words or rules; the table tests beside this file are the tuning set.
Run with -s to see the figure. Today is Wednesday 2 December 2026 for the date rows.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from bot.core.i18n import default_catalog
from flows.dates import DateProblem, IncidentDate, date_words, read_incident_date
from tests.words_support import resolve

MEASURED = Path(__file__).parents[1] / "data" / "words_measured.csv"
TODAY = date(2026, 12, 2)
PARTS = {"morning": "pagi", "noon": "siang", "afternoon": "sore", "night": "malam"}


def _date_answer(text: str) -> str:
    try:
        found: IncidentDate = read_incident_date(text, TODAY, date_words(default_catalog()))
    except DateProblem as problem:
        return str(problem)
    if found.day is None:
        return "unknown"
    out = found.day.isoformat()
    if found.time:
        out += f" {found.time}"
    elif found.part:
        out += f" {PARTS[found.part]}"
    return ("approx:" if found.approximate else "") + out


def test_accuracy_on_the_measured_set() -> None:
    """At least 95% of the measured everyday answers and dates are read as meant (the figure is printed)."""
    rows = list(csv.DictReader(MEASURED.open(encoding="utf-8")))
    misses = []
    for row in rows:
        if row["context"] == "date":
            got = _date_answer(row["text"])
        else:
            got = resolve(row["context"], row["text"]) or ""
        if got != row["expected"]:
            misses.append((row["context"], row["text"], row["expected"], got))
    accuracy = 1 - len(misses) / len(rows)
    print(f"\nwords measured set: {len(rows) - len(misses)}/{len(rows)} = {accuracy:.1%}; misses: {misses}")
    assert len(rows) >= 100
    assert accuracy >= 0.95, misses
