"""Word lists indexed once answer exactly as reading every word did: match_words, the date words' _has and _strip."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from flows.library import default_engine
from flows.matching import _DOUBLES, Vocabulary, clean, match_words


def reference(text: str, vocab: Mapping[str, Iterable[str]], cutoff: float = 80) -> str | None:
    """match_words as it was written first: every word of every key, in order."""
    raw = text.strip()
    if not raw:
        return None
    for key, words in vocab.items():
        if raw in words:
            return key
    cleaned = clean(raw)
    if not cleaned or len(cleaned) > 24:
        return None
    squeezed = _DOUBLES.sub(r"\1", cleaned)
    best: tuple[str, float] | None = None
    for key, words in vocab.items():
        for word in words:
            w = clean(word)
            if not w:
                continue
            if cleaned == w or squeezed == _DOUBLES.sub(r"\1", w):
                return key
            if len(w) < 4 or len(cleaned) < 3:
                continue
            score = fuzz.ratio(cleaned, w)
            if score >= cutoff and (best is None or score > best[1]):
                best = (key, score)
    return best[0] if best else None


LETTERS = st.text(alphabet="aaiiuuebdgklmnrsty .!1️⃣", min_size=0, max_size=9)
VOCABS = st.dictionaries(st.sampled_from(["yes", "no", "back", "help", "skip"]),
                         st.lists(LETTERS, min_size=1, max_size=6), min_size=1, max_size=5)


@settings(max_examples=400, deadline=None)
@given(text=LETTERS, vocab=VOCABS, cutoff=st.sampled_from([60, 80, 85, 101]))
def test_a_vocabulary_answers_as_reading_every_word(text: str, vocab: dict[str, list[str]], cutoff: float) -> None:
    assert Vocabulary(vocab).match(text, cutoff) == reference(text, vocab, cutoff)
    assert match_words(text, vocab, cutoff) == reference(text, vocab, cutoff)


def test_the_engine_words_answer_as_before() -> None:
    engine = default_engine()
    vocab = engine._vocab
    yes_no = {"yes": engine._words("common.yes.words"), "no": engine._words("common.no.words")}
    said = ["batal", "btal", "bantuan", "balik", "baik", "menu", "iya", "iyaa", "nggih", "ndak", "gak", "ora",
            "enggeus", "ya", "yoi", "tidakk", "lanjutt", "kembali", "ulang", "mulai", "status", "cek status",
            "stop", "👍", "✅", "halo", "assalamualaikum", "lewati", "skip", "tdk", "g", "bukan", "sanes", "teu"]
    for text in said:
        for cutoff in (80, 85, 101):
            assert Vocabulary(vocab).match(text, cutoff) == reference(text, vocab, cutoff), text
            assert Vocabulary(yes_no).match(text, cutoff) == reference(text, yes_no, cutoff), text


def _has_by_search(phrase: str, options: tuple[str, ...]) -> bool:
    padded = f" {phrase} "
    return any(f" {o} " in padded for o in options)


def _strip_by_search(phrase: str, options: tuple[str, ...]) -> str:
    padded = f" {phrase} "
    for option in options:
        while f" {option} " in padded:
            padded = padded.replace(f" {option} ", " ", 1)
    return " ".join(padded.split())


PHRASES = st.text(alphabet="ab c\t", max_size=12)
OPTIONS = st.lists(st.text(alphabet="ab c", max_size=5), max_size=5).map(tuple)


@settings(max_examples=600, deadline=None)
@given(phrase=PHRASES, options=OPTIONS)
def test_date_words_are_found_and_stripped_as_by_a_search_per_option(phrase: str, options: tuple[str, ...]) -> None:
    from flows.dates import _has, _strip

    assert _has(phrase, options) == _has_by_search(phrase, options)
    assert _strip(phrase, options) == _strip_by_search(phrase, options)
