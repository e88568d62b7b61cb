"""Everyday words as data: yes, no, "don't know", skip, done, no photo, thanks, greetings, filler.

The lists live in locales/<lang>/LC_MESSAGES/lexicon.po (every locale merged, since people mix languages);
this module only reads them. `lexicon(catalog).words("greeting")` is what other modules use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from bot.core.i18n import Catalog
from flows.matching import clean, match_words

KINDS = ("yes", "no", "dontknow", "skip", "done", "nophoto", "thanks", "greeting", "filler")
# yes/no keep their historic keys: bot/ops/privacy.py reads them too.
_KEYS = {"yes": "common.yes.words", "no": "common.no.words"}


def key_of(kind: str) -> str:
    """The catalog key holding a kind's words."""
    return _KEYS.get(kind, f"lexicon.{kind}.words")


def split_words(text: str | None) -> list[str]:
    """A |-separated list, stripped, empties dropped."""
    return [w.strip() for w in (text or "").split("|") if w.strip()]


class Lexicon:
    """The word lists of every locale, raw and cleaned, looked up by kind."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._raw: dict[str, frozenset[str]] = {}
        for kind in KINDS:
            words: set[str] = set()
            for locale in catalog.locales:
                words.update(split_words(catalog.maybe(key_of(kind), locale)))
            self._raw[kind] = frozenset(words)
        self._clean = {kind: frozenset(c for w in words if (c := _norm(w))) for kind, words in self._raw.items()}
        self._sorted: dict[str, tuple[str, ...]] = {}
        self._split: dict[tuple[str, ...], tuple[list[str], ...]] = {}

    def words(self, kind: str) -> frozenset[str]:
        """The words of one kind as written in the catalogs (emoji kept)."""
        return self._raw.get(kind, frozenset())

    def split_phrases(self, kinds: Iterable[str]) -> tuple[list[str], ...]:
        """The words of these kinds split into words, longest first: built once per set of kinds."""
        key = tuple(kinds)
        found = self._split.get(key)
        if found is None:
            found = self._split[key] = tuple(sorted((p.split() for kind in key for p in self.phrases(kind)),
                                                    key=len, reverse=True))
        return found

    def phrases(self, kind: str) -> tuple[str, ...]:
        """The cleaned words of one kind, longest first (for stripping a leading greeting or filler)."""
        found = self._sorted.get(kind)
        if found is None:  # sorted once per kind: every answer is stripped of its politeness
            found = self._sorted[kind] = tuple(sorted(self._clean.get(kind, ()), key=lambda w: (-len(w), w)))
        return found

    def is_word(self, text: str, kinds: Iterable[str] = KINDS) -> bool:
        """Whether the whole text is exactly one of the words of these kinds (no typo tolerance)."""
        cleaned = _norm(text)
        raw = text.strip()
        return any(cleaned in self._clean.get(k, ()) or raw in self._raw.get(k, ()) for k in kinds)

    def kind_of(self, text: str, kinds: Iterable[str] = KINDS) -> str | None:
        """Which of these kinds a short answer is ("ndak" -> "no"), typo-tolerant for longer words."""
        vocab = {k: self._raw.get(k, frozenset()) for k in kinds}
        return match_words(text, vocab)

    def expand(self, entries: Iterable[str]) -> tuple[list[str], list[str]]:
        """Split synonyms into plain labels and the words of the @kind lists they name."""
        labels: list[str] = []
        words: list[str] = []
        for entry in entries:
            if entry.startswith("@"):
                words.extend(self.words(entry[1:]))
            else:
                labels.append(entry)
        return labels, words


def _norm(text: str) -> str:
    return " ".join(clean(text).split())


@cache
def lexicon(catalog: Catalog) -> Lexicon:
    """The lexicon of a catalog, built once."""
    return Lexicon(catalog)


def strip_leading(text: str, catalog: Catalog, kinds: Iterable[str] = ("greeting", "filler")) -> str:
    """Text without the greetings and filler it opens with ("Assalamualaikum pak, jalan…" -> "jalan…").

    Works on whole words of the original text, so the rest keeps its spelling and punctuation.
    """
    tokens = text.split()
    return " ".join(tokens[_leading(tokens, [_norm(t) for t in tokens], lexicon(catalog).split_phrases(kinds)):])


def _leading(tokens: list[str], normed: list[str], phrases: tuple[list[str], ...]) -> int:
    """How many of the tokens the leading greetings and filler take."""
    start = 0
    while start < len(tokens):
        for phrase in phrases:
            if normed[start:start + len(phrase)] == phrase:
                start += len(phrase)
                break
        else:
            if normed[start] == "":  # a lone comma or dash between greetings
                start += 1
                continue
            break
    return start


def core(text: str, catalog: Catalog, kinds: Iterable[str] = ("filler", "thanks", "greeting")) -> str:
    """The answer without the politeness around it: "Inggih pak, matur nuwun" -> "Inggih"."""
    phrases = lexicon(catalog).split_phrases(kinds)
    all_tokens = text.split()
    normed = [_norm(t) for t in all_tokens]
    start = _leading(all_tokens, normed, phrases)
    if start >= len(all_tokens):
        return text.strip()  # nothing but politeness: that is the answer
    tokens, normed = all_tokens[start:], normed[start:]
    while tokens:
        for phrase in phrases:
            if len(tokens) > len(phrase) and normed[-len(phrase):] == phrase:
                tokens, normed = tokens[:-len(phrase)], normed[:-len(phrase)]
                break
        else:
            if len(tokens) > 1 and normed[-1] == "":
                tokens, normed = tokens[:-1], normed[:-1]
                continue
            break
    return " ".join(tokens).strip(" ,.!")


def vocab(catalog: Catalog, kinds: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """A match_words vocabulary: answer id -> the words of a kind ({"yes": "yes", "no": "no"})."""
    lex = lexicon(catalog)
    return {answer: lex.words(kind) for answer, kind in kinds.items()}
