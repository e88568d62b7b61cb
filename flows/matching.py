"""Turning what a citizen typed into an option id: numbers, number words, keycaps, labels with typos."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache

from rapidfuzz import distance, fuzz, process, utils

KEYCAPS = {f"{d}\ufe0f\u20e3": str(d) for d in range(10)} | {f"{d}\u20e3": str(d) for d in range(10)}
KEYCAPS["\U0001f51f"] = "10"
_NUMBER = re.compile(r"^(?:no\.?|nomor|nomer|pilih(?:an)?|angka)?\s*(\d{1,2})\s*[.)]?$")
_REPEATS = re.compile(r"(.)\1{2,}")
_DOUBLES = re.compile(r"(.)\1+")


def clean(text: str) -> str:
    """Lower-case, drop punctuation and squeeze letters repeated three or more times ("iyaaa")."""
    if "\u20e3" in text or "\U0001f51f" in text:
        for cap, digit in KEYCAPS.items():
            text = text.replace(cap, digit)
    return _REPEATS.sub(r"\1", utils.default_process(text))


@lru_cache(maxsize=4096)
def _cleaned(word: str) -> str:
    return clean(word)


@lru_cache(maxsize=4096)
def _squeezed(word: str) -> str:
    return _DOUBLES.sub(r"\1", word)


def parse_number(text: str, number_words: Sequence[Sequence[str]] = (), leads: Collection[str] = ()) -> int | None:
    """Read an option number: "2", "2.", "no 2", "2️⃣", or a number word ("dua", "two"), after words that lead
    to it ("yang pertama", "nomor dua": `leads`).

    number_words[i] holds the words for i + 1 in every locale.
    """
    raw = text.strip()
    if "\u20e3" in raw or "\U0001f51f" in raw:
        for cap, digit in KEYCAPS.items():
            raw = raw.replace(cap, digit)
    found = _NUMBER.match(raw.lower())
    if found:
        return int(found.group(1))
    word = clean(raw)
    said = word.split()
    while len(said) > 1 and said[0] in leads:
        said = said[1:]
    for candidate in dict.fromkeys((word, " ".join(said))):
        for index, words in enumerate(number_words):
            if candidate in words:
                return index + 1
    return None


class Vocabulary:
    """A word list per key, indexed once: exact words in dicts, the words long enough for typos in a list.

    Matching is what reading every word in order would give: the first key holding the raw text; else the
    first word equal to the cleaned text (or equal once doubled letters are squeezed); else the first of the
    best typo matches.
    """

    __slots__ = ("_exact", "_fuzzy", "_fuzzy_keys", "_raw", "_squeezed")

    def __init__(self, vocab: Mapping[str, Iterable[str]]) -> None:
        self._raw: dict[str, str] = {}
        self._exact: dict[str, tuple[int, str]] = {}
        self._squeezed: dict[str, tuple[int, str]] = {}
        self._fuzzy: list[str] = []
        self._fuzzy_keys: list[str] = []
        order = 0
        for key, words in vocab.items():
            for word in words:
                self._raw.setdefault(word, key)
                w = _cleaned(word)
                if not w:
                    continue
                self._exact.setdefault(w, (order, key))
                self._squeezed.setdefault(_squeezed(w), (order, key))
                order += 1
                if len(w) >= 4:  # short words only match exactly: "ga" must not become "ya"
                    self._fuzzy.append(w)
                    self._fuzzy_keys.append(key)

    def match(self, text: str, cutoff: float = 80) -> str | None:
        """Which key a short message is (exact for emoji, typo-tolerant for words)."""
        raw = text.strip()
        if not raw:
            return None
        key = self._raw.get(raw)
        if key is not None:
            return key
        cleaned = clean(raw)
        if not cleaned or len(cleaned) > 24:
            return None
        exact = self._exact.get(cleaned)
        squeezed = self._squeezed.get(_DOUBLES.sub(r"\1", cleaned))  # "iyaa" is "iya", "gaa" is "ga"
        if exact is not None or squeezed is not None:
            return min(x for x in (exact, squeezed) if x is not None)[1]
        if len(cleaned) < 3 or cutoff > 100 or not self._fuzzy:
            return None
        found = process.extractOne(cleaned, self._fuzzy, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
        return self._fuzzy_keys[found[2]] if found is not None else None


@lru_cache(maxsize=256)
def _vocabulary(frozen: tuple[tuple[str, tuple[str, ...]], ...]) -> Vocabulary:
    return Vocabulary(dict(frozen))


def match_words(text: str, vocab: Vocabulary | Mapping[str, Iterable[str]], cutoff: float = 80) -> str | None:
    """Which vocabulary entry a short message is (exact for emoji, typo-tolerant for words).

    A Mapping is indexed on first use and kept (the word lists asked about are few and asked on every answer).
    """
    if not isinstance(vocab, Vocabulary):
        vocab = _vocabulary(tuple((key, tuple(words)) for key, words in vocab.items()))
    return vocab.match(text, cutoff)


def match_label(
    text: str,
    labels: Mapping[str, Sequence[str]],
    *,
    cutoff: float = 75,
    strict: bool = False,
    typos: bool = True,
) -> str | None:
    """Which option a label-like text names ("pengadaun" -> the option labelled "Pengaduan").

    A label the bot showed shortened ("Kec. Sakra, Kab. Lo…", typed with or without the ellipsis) picks
    its option. strict is for free-text steps: there only the whole label, a prefix of it or the label
    with a typo or two ("leawti" for "Lewati") counts, never a label merely resembling a longer answer.
    typos=False accepts only the label itself or its beginning.
    """
    raw = text.strip()
    shortened = raw.endswith(("…", "..."))
    cleaned = _spaced(raw)
    if not cleaned or len(cleaned) > 200:
        return None
    choices: list[str] = []
    owners: list[str] = []
    for option_id, names in labels.items():
        for name in names:
            c = _spaced(name)
            if c:
                choices.append(c)
                owners.append(option_id)
    if not choices:
        return None
    exact = {owners[i] for i, c in enumerate(choices) if c == cleaned}
    if exact:
        return exact.pop() if len(exact) == 1 else None
    prefixed = _prefix_owner(cleaned, choices, owners, shortened)
    if prefixed is not None or not typos:
        return prefixed
    if strict:
        return _typo_owner(cleaned, choices, owners)
    if len(cleaned) < 3:
        return None  # "p" (WhatsApp's hello) or "b" resembles every label holding the letter: no option by likeness
    ranked = process.extract(cleaned, choices, scorer=fuzz.WRatio, limit=len(choices), score_cutoff=cutoff)
    if not ranked:
        return _typo_owner(cleaned, choices, owners)
    best_owner = owners[ranked[0][2]]
    best_score = ranked[0][1]
    rivals = [score for _, score, idx in ranked[1:] if owners[idx] != best_owner]
    if rivals and best_score - rivals[0] < 5 and best_score < 95:
        return None  # two options fit about equally: ask again rather than guess
    return best_owner


PREFIX_MIN = 8  # a typed beginning of a label this long (without "…") is the label cut short by the channel
PREFIX_MIN_SHORTENED = 3


def _spaced(text: str) -> str:
    return " ".join(clean(text).split())


def _prefix_owner(cleaned: str, choices: Sequence[str], owners: Sequence[str], shortened: bool) -> str | None:
    """The one option whose label starts with the text, when the text is a label cut short."""
    if len(cleaned) < (PREFIX_MIN_SHORTENED if shortened else PREFIX_MIN):
        return None
    found = {owners[i] for i, c in enumerate(choices) if c.startswith(cleaned) and len(c) > len(cleaned)}
    return found.pop() if len(found) == 1 else None


def _typo_owner(cleaned: str, choices: Sequence[str], owners: Sequence[str]) -> str | None:
    """The one option whose whole label the text is, give or take a typo or a swapped pair of letters."""
    if len(cleaned) < 4 or any(c.isdecimal() for c in cleaned):
        return None  # codes and numbers are not words: "LPR-222223S" is no typo of "LPR-222223T"
    found: set[str] = set()
    for i, choice in enumerate(choices):
        allowed = 1 if len(choice) <= 7 else 2
        if len(choice) >= 4 and abs(len(choice) - len(cleaned)) <= allowed:
            if distance.OSA.distance(cleaned, choice, score_cutoff=allowed) <= allowed:
                found.add(owners[i])
    return found.pop() if len(found) == 1 else None
