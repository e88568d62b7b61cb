"""Words that call for help before a complaint: emergencies happening now, and violence against women or children.

Both read a message as words (lower-cased, punctuation aside) against word lists in the catalogs: emergency
words in `ops.po`, violence words and what makes an emergency word no emergency (past, near miss, "if") in
`protect.po`. Pure: no storage, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.i18n import Catalog
from flows.matching import clean

_SPLIT = re.compile(r"[^\w]+")
_YEAR = re.compile(r"^(19[5-9]\d|20[0-4]\d)$")  # "gempa 2018": a dated event is a past one


def tokens_of(text: str) -> list[str]:
    """The message's words, lower-cased, without punctuation."""
    return [t for t in _SPLIT.split(clean(text)) if t]


@dataclass(frozen=True)
class WordList:
    """Single words and multi-word phrases from `|`-separated catalog entries, every locale."""

    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def from_catalog(cls, catalog: Catalog, keys: Iterable[str]) -> WordList:
        """Every locale's entries for these keys."""
        words: set[str] = set()
        phrases: set[tuple[str, ...]] = set()
        for key in keys:
            for locale in catalog.locales:
                for entry in (catalog.maybe(key, locale) or "").split("|"):
                    found = tuple(tokens_of(entry))
                    if len(found) == 1:
                        words.add(found[0])
                    elif found:
                        phrases.add(found)
        return cls(frozenset(words), tuple(sorted(phrases)))

    def found_in(self, tokens: Sequence[str], *, typos: bool = False) -> bool:
        """Whether a word (a long one also with one typo, if asked) or a whole phrase occurs in the tokens."""
        if any(t in self.words or (typos and _near(t, self.words)) for t in tokens):
            return True
        return any(_has_phrase(tokens, phrase) for phrase in self.phrases)


def _has_phrase(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(tokens[i:i + size]) == phrase for i in range(len(tokens) - size + 1))


def _near(token: str, words: frozenset[str]) -> bool:
    """A typo of a long word ("kebakran"): one letter dropped, doubled or swapped."""
    if len(token) < 7:
        return False
    from rapidfuzz.distance import DamerauLevenshtein

    return any(abs(len(w) - len(token)) <= 1 and DamerauLevenshtein.distance(token, w) <= 1
               for w in words if len(w) >= 7)


@dataclass(frozen=True)
class ViolenceWords:
    """A story of violence against a woman or a child (KDRT, pelecehan, perundungan…): SAPA 129 comes first."""

    words: WordList
    prevention: WordList  # "sosialisasi pencegahan kekerasan": a request about violence, not a story of it

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> ViolenceWords:
        """The words of `protect.po` in every locale."""
        return cls(WordList.from_catalog(catalog, ("protect.violence.words",)),
                   WordList.from_catalog(catalog, ("protect.prevention.words",)))

    def match(self, text: str) -> bool:
        """Whether the message tells of violence."""
        tokens = tokens_of(text)
        return self.words.found_in(tokens, typos=True) and not self.prevention.found_in(tokens)


@dataclass(frozen=True)
class EmergencyWords:
    """Words that mean someone may be in danger now: strong ones always, weak ones ("tolong") in a short cry.

    Not now: an emergency word next to a past-time or near-miss word ("pasca gempa 2018", "hampir tabrakan",
    "kalau ada kebakaran") is a complaint about its consequences or its risk, unless a "right now" word says
    otherwise. A violence story is left to ViolenceWords (its notice names 112 too).
    """

    strong: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    weak: frozenset[str]
    not_now: WordList = WordList(frozenset(), ())
    right_now: WordList = WordList(frozenset(), ())
    violence: ViolenceWords | None = None

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> EmergencyWords:
        """Every locale's words from the ops and protect catalogs."""
        strong = WordList.from_catalog(catalog, ("ops.emergency.words", "protect.emergency.words"))
        weak = WordList.from_catalog(catalog, ("ops.emergency.weak_words",))
        not_now = WordList.from_catalog(catalog, ("protect.past.words", "protect.near.words",
                                                  "protect.hypothetical.words"))
        return cls(strong.words, strong.phrases, weak.words, not_now,
                   WordList.from_catalog(catalog, ("protect.now.words",)), ViolenceWords.from_catalog(catalog))

    def match(self, text: str) -> bool:
        """Whether a message reads like an emergency happening now."""
        tokens = tokens_of(text)
        if not tokens:
            return False
        strong = WordList(self.strong, self.phrases).found_in(tokens, typos=True)
        # "tolong" is also Indonesian for "please" ("tolong diperbaiki"): only a short cry or "!" counts.
        cry = any(t in self.weak for t in tokens) and (len(tokens) <= 3 or "!" in text)
        if not (strong or cry):
            return False
        if self.violence is not None and self.violence.match(text):
            return False
        if cry and len(tokens) <= 3:
            return True
        later = self.not_now.found_in(tokens) or any(_YEAR.match(t) for t in tokens)
        return not later or self.right_now.found_in(tokens)
