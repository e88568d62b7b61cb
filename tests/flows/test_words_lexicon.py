"""The lexicon is data in locales/: every kind exists in every language, and reads as intended."""

from __future__ import annotations

import pytest

from bot.core.i18n import default_catalog
from flows.lexicon import KINDS, core, key_of, lexicon, strip_leading


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_words_in_every_locale(kind: str) -> None:
    """Each list exists in Indonesian and English (lexicon.po / the yes-no keys)."""
    catalog = default_catalog()
    for locale in catalog.locales:
        assert catalog.has(key_of(kind), locale), (kind, locale)


def test_the_keys_the_story_helper_reads_exist() -> None:
    """lexicon.greeting/filler/dontknow.words are there for the story extraction."""
    lex = lexicon(default_catalog())
    assert {"assalamualaikum", "selamat siang", "punten"} <= lex.words("greeting")
    assert {"saya ingin menyampaikan", "mohon maaf"} <= lex.words("filler")
    assert {"gak tau", "embuh", "teu terang"} <= lex.words("dontknow")


@pytest.mark.parametrize(("text", "kind"), [
    ("ndak", "no"), ("ndeq", "no"), ("mboten", "no"), ("ora", "no"), ("henteu", "no"), ("gak usah", "no"),
    ("terserah", "no"), ("nggih", "yes"), ("iye", "yes"), ("muhun", "yes"), ("siap", "yes"), ("y", "yes"),
    ("ok", "yes"), ("gak tau", "dontknow"), ("sdh", "done"), ("udah", "done"), ("gak ada", "nophoto"),
    ("matur nuwun", "thanks"), ("hatur nuhun", "thanks"), ("lewati", "skip"), ("rusak", None),
])
def test_kinds_of_everyday_answers(text: str, kind: str | None) -> None:
    """Which list a short answer belongs to."""
    kinds = ("yes", "no", "dontknow", "done", "nophoto", "thanks", "skip")
    assert lexicon(default_catalog()).kind_of(text, kinds) == kind


@pytest.mark.parametrize(("text", "expected"), [
    ("Assalamualaikum wr wb. Saya warga desa Paok, jalan rusak", "desa Paok, jalan rusak"),
    ("selamat siang, saya ingin menyampaikan laporan", ""),
    ("Punten, mohon maaf pak, lampu jalan mati", "lampu jalan mati"),
    ("jalan rusak", "jalan rusak"),
])
def test_greeting_and_filler_come_off_the_front(text: str, expected: str) -> None:
    """A story loses the greeting and filler it opens with, keeping its own spelling."""
    assert strip_leading(text, default_catalog()) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Inggih pak", "Inggih"), ("ndak bu, terima kasih", "ndak"), ("iya", "iya"), ("pak", "pak"),
])
def test_the_answer_inside_politeness(text: str, expected: str) -> None:
    """"Inggih pak" is "Inggih"; a lone "pak" stays (there is nothing else to read)."""
    assert core(text, default_catalog()) == expected
