"""Words that call for help before a complaint: emergencies happening now, and violence against women or children.

Both read a message as words (lower-cased, punctuation aside) against word lists in the catalogs: emergency
words in `ops.po`, violence words and what makes an emergency word no emergency (past, near miss, "if") in
`protect.po`. Pure: no storage, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from bot.core.i18n import Catalog
from flows.matching import clean

_SPLIT = re.compile(r"[^\w]+")
_YEAR = re.compile(r"^(19[5-9]\d|20[0-4]\d)$")  # "gempa 2018": a dated event is a past one


def tokens_of(text: str) -> list[str]:
    """The message's words, lower-cased, without punctuation."""
    return [t for t in _SPLIT.split(clean(text)) if t]


class WordList:
    """Single words and multi-word phrases from `|`-separated catalog entries, every locale."""

    def __init__(self, words: Iterable[str] = (), phrases: Iterable[tuple[str, ...]] = ()) -> None:
        self.words = frozenset(words)
        self.phrases = tuple(sorted(set(phrases)))
        # Prepared once for the hot path (every text message is read): phrases by their first word, and the
        # long words a typo is looked for in.
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            self._by_first.setdefault(phrase[0], []).append(phrase)
        # A typo changes the length by one at most: for each token length, the long words it may be a typo of.
        long_words = [w for w in self.words if len(w) >= 7]
        self._by_length = {size: tuple(sorted(w for w in long_words if abs(len(w) - size) <= 1))
                           for size in range(7, max(map(len, long_words), default=6) + 2)}

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
        return cls(words, phrases)

    def found_in(self, tokens: Sequence[str], *, typos: bool = False) -> bool:
        """Whether a word (a long one also with one typo, if asked) or a whole phrase occurs in the tokens."""
        for index, token in enumerate(tokens):
            if token in self.words or (typos and self.near(token)):
                return True
            for phrase in self._by_first.get(token, ()):
                if tuple(tokens[index:index + len(phrase)]) == phrase:
                    return True
        return False

    def near(self, token: str) -> bool:
        """A typo of a long word ("kebakran"): one letter dropped, doubled or swapped."""
        candidates = self._by_length.get(len(token))
        if not candidates:
            return False
        # Levenshtein (bit-parallel, fast) finds the few within 2 edits; a swap is 2 there but 1 in Damerau's.
        close = process.extract(token, candidates, scorer=Levenshtein.distance, score_cutoff=2, limit=None)
        return any(DamerauLevenshtein.distance(token, word) <= 1 for word, _, _ in close)


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
    not_now: WordList = field(default_factory=WordList)
    right_now: WordList = field(default_factory=WordList)
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

    def __post_init__(self) -> None:
        object.__setattr__(self, "_strong", WordList(self.strong, self.phrases))  # indexed once

    def match(self, text: str) -> bool:
        """Whether a message reads like an emergency happening now."""
        tokens = tokens_of(text)
        if not tokens:
            return False
        strong = self._strong.found_in(tokens, typos=True)
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
