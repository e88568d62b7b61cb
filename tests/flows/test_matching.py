"""Answers as citizens type them: numbers, number words, keycaps, typos, slang yes and no."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core import tracking
from bot.core.i18n import default_catalog
from flows.dates import DateProblem, date_words, parse_incident_date
from flows.matching import match_label, match_words, parse_number

NUMBERS = [{"satu"}, {"dua"}, {"tiga"}]
LABELS = {"pengaduan": ["Pengaduan (ada masalah)"], "aspirasi": ["Aspirasi (usul/saran)"],
          "informasi": ["Permintaan informasi"]}
YES_NO = {"yes": {"ya", "iya", "y", "yoi", "benar", "betul", "ok", "👍"},
          "no": {"tidak", "nggak", "gak", "ga", "bukan", "salah", "👎"}}


@pytest.mark.parametrize(("text", "expected"), [
    ("2", 2), (" 2. ", 2), ("no 3", 3), ("2️⃣", 2), ("dua", 2), ("DUA", 2), ("🔟", 10), ("tiga!", 3),
    ("2 hari lalu", None), ("", None), ("🙂", None), ("1234", None),
])
def test_parse_number(text: str, expected: int | None) -> None:
    """Digits, keycaps and number words pick an option; longer text does not."""
    assert parse_number(text, NUMBERS) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("yang dua", 2), ("yg satu", 1), ("nomor tiga", 3), ("yang nomor dua", 2), ("dua", 2),
    ("yang", None), ("dua yang", None), ("yang dua hari lalu", None),
])
def test_a_number_word_after_words_that_lead_to_it(text: str, expected: int | None) -> None:
    """ "yang pertama", "nomor dua": the words before an option's number word are no answer of their own."""
    assert parse_number(text, NUMBERS, {"yang", "yg", "nomor"}) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("pengadaun", "pengaduan"), ("PENGADUAN", "pengaduan"), ("aspirasi", "aspirasi"),
    ("minta informasi", "informasi"), ("xyz", None), ("", None), ("a" * 5000, None),
])
def test_match_label(text: str, expected: str | None) -> None:
    """Labels with typos and case differences are recognised; nonsense is not."""
    assert match_label(text, LABELS) == expected


@pytest.mark.parametrize("text", ["p", "P", "b", "pe", "la"])
def test_a_letter_or_two_is_no_label_by_likeness(text: str) -> None:
    """"p" (WhatsApp's hello) had opened a complaint: it is in "lapor" and "pengaduan"; "b" had opened Help."""
    menu = {"complaint": ["Buat pengaduan", "lapor", "pengaduan", "adu"], "status": ["Cek status laporan"],
            "survey": ["Isi survei"], "help": ["Bantuan"]}
    assert match_label(text, menu) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("ya", "yes"), ("iyaa", "yes"), ("Iya!", "yes"), ("yoi", "yes"), ("betul", "yes"), ("ok", "yes"),
    ("👍", "yes"), ("tidak", "no"), ("nggak", "no"), ("gak", "no"), ("ga", "no"), ("bukan", "no"),
    ("salahh", "no"), ("👎", "no"), ("mungkin", None), ("gaa", "no"), ("yaaa", "yes"),
])
def test_yes_no_words(text: str, expected: str | None) -> None:
    """Indonesian yes/no in slang, with repeated letters and thumbs."""
    assert match_words(text, YES_NO) == expected


def test_shipped_yes_no_vocabulary() -> None:
    """The words the issue names are all in the catalog."""
    catalog = default_catalog()
    yes = set(catalog.text("common.yes.words").split("|"))
    no = set(catalog.text("common.no.words").split("|"))
    assert {"ya", "iya", "y", "yoi", "benar", "betul", "ok", "👍"} <= yes
    assert {"tidak", "nggak", "gak", "ga", "bukan", "salah", "👎"} <= no


TODAY = date(2026, 8, 20)  # a Thursday


@pytest.mark.parametrize(("text", "expected"), [
    ("hari ini", TODAY), ("tadi pagi", TODAY), ("kemarin", date(2026, 8, 19)), ("kemarin sore", date(2026, 8, 19)),
    ("kemarin lusa", date(2026, 8, 18)), ("2 hari lalu", date(2026, 8, 18)), ("dua hari yang lalu", date(2026, 8, 18)),
    ("seminggu lalu", date(2026, 8, 13)), ("senin lalu", date(2026, 8, 17)), ("17/8", date(2026, 8, 17)),
    ("17-08-2026", date(2026, 8, 17)), ("17.8.26", date(2026, 8, 17)), ("17 agustus", date(2026, 8, 17)),
    ("17 Agustus 2026", date(2026, 8, 17)), ("17 agt", date(2026, 8, 17)), ("2026-08-17", date(2026, 8, 17)),
    ("25/12", date(2025, 12, 25)), ("tanggal 1 juli", date(2026, 7, 1)), ("yesterday", date(2026, 8, 19)),
])
def test_incident_dates(text: str, expected: date) -> None:
    """The ways people say when something happened."""
    assert parse_incident_date(text, TODAY, date_words(default_catalog())) == expected


@pytest.mark.parametrize(("text", "problem"), [
    ("besok", "future"), ("31/2/2026", "unknown"), ("21/8/2026", "future"), ("25/12/2026", "future"),
    ("", "unknown"), ("🙂", "unknown"), ("12/1/1800", "unknown"), ("99/99", "unknown"),
])
def test_rejected_dates(text: str, problem: str) -> None:
    """Impossible and future dates are refused with the reason."""
    with pytest.raises(DateProblem, match=problem):
        parse_incident_date(text, TODAY, date_words(default_catalog()))


def test_tracking_numbers_catch_every_single_typo() -> None:
    """Changing any one symbol of a tracking number makes it invalid."""
    number = tracking.from_number(123456)
    body = number.removeprefix("LPR-")
    assert tracking.normalize(number) == number
    for i, ch in enumerate(body):
        for other in tracking.ALPHABET:
            if other != ch:
                typo = body[:i] + other + body[i + 1:]
                assert tracking.normalize(typo) is None, typo


def test_tracking_numbers_avoid_confusable_symbols() -> None:
    """No 0/O or 1/I/L in what citizens read."""
    assert not set("01OIL") & set(tracking.ALPHABET)
    assert all(not set("01OIL") & set(tracking.random_tracking_number()[4:]) for _ in range(200))


@pytest.mark.parametrize("text", ["lpr 222223t", "LPR-222223T", " lpr_222-223t ", "222223T"])
def test_tracking_number_forms(text: str) -> None:
    """Spaces, dashes, case and a missing prefix are all fine."""
    assert tracking.normalize(text) == "LPR-222223T"


def test_tracking_numbers_catch_swapped_neighbours() -> None:
    """Swapping two different neighbouring symbols (check symbol included) is caught."""
    for n in range(0, 31**6, 7919 * 97):
        code = tracking.from_number(n).removeprefix("LPR-")
        for i in range(len(code) - 1):
            if code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
                assert tracking.normalize(swapped) is None, (code, swapped)
