"""A learned word prior for the agency kind: naive Bayes over the words of labelled complaint stories.

The keyword lists name what they were written for; stories use words they never saw ('atap rusunawa bocor' is
housing, not public works). `bench/train_kind_prior.py` counts, per kind, the stories each word occurs in and
writes `bot/data/agencies/kind_prior.csv`; this module reads it once and turns a story's words into P(kind | words).
It knows nothing of places: the catalog gives it the words left once the place was read, and it only ever
reorders kinds inside the places the region rules allow.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.understanding.normalize import Token, fold_key

PRIOR_PATH = Path(__file__).resolve().parent.parent / "data" / "agencies" / "kind_prior.csv"
# reserved rows of the CSV (a token never holds '_': see normalize._WORD_RE)
STORIES = "_stories"  # stories of the kind
TOKENS = "_tokens"  # word occurrences counted for the kind
SMOOTHING = 0.2  # additive (Lidstone) smoothing of each word's count (chosen on blind7+blind8)
MIN_WORD_LEN = 3  # 'di', 'ke', 'yg': short words are grammar, not the problem


def prior_words(tokens: Sequence[Token], skip: Iterable[int] = (),
                is_place: Callable[[str], bool] | None = None) -> list[str]:
    """The words the prior reads: folded keys, without the place read (`skip`), place names, numbers, short words."""
    skipped = frozenset(skip)
    out: list[str] = []
    for k, tok in enumerate(tokens):
        if k in skipped:
            continue
        key = fold_key(tok.text)
        if len(key) < MIN_WORD_LEN or not key.isalpha() or (is_place is not None and is_place(key)):
            continue
        out.append(key)
    return out


class KindPrior:
    """Word counts per kind; `posterior` gives P(kind | words) for the kinds a story's words were seen with."""

    def __init__(self, kinds: Sequence[str], stories: Sequence[int], tokens: Sequence[int],
                 counts: dict[str, tuple[int, ...]], *, uniform: bool = True) -> None:
        """counts: word -> (kind index, count, kind index, count, ...); uniform: no kind is likelier before words."""
        self.kinds = tuple(kinds)
        self._counts = counts
        vocabulary = len(counts)
        total = sum(stories)
        # per kind: log P(kind) and log of the smoothed probability of a word never seen with it
        self._log_prior = tuple(0.0 if uniform else math.log(n / total) for n in stories)
        self._log_unseen = tuple(math.log(SMOOTHING / (n + SMOOTHING * vocabulary)) for n in tokens)

    @classmethod
    def load(cls, path: str | Path = PRIOR_PATH, *, uniform: bool = True) -> KindPrior:
        """Read the CSV written by bench/train_kind_prior.py (word,kind,count)."""
        kinds: list[str] = []
        index: dict[str, int] = {}
        stories: dict[str, int] = {}
        tokens: dict[str, int] = {}
        pairs: dict[str, list[int]] = {}
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                word, kind, count = row["word"], row["kind"], int(row["count"])
                if kind not in index:
                    index[kind] = len(kinds)
                    kinds.append(kind)
                if word == STORIES:
                    stories[kind] = count
                elif word == TOKENS:
                    tokens[kind] = count
                else:
                    pairs.setdefault(word, []).extend((index[kind], count))
        # one tuple of small ints per word keeps the table well under a megabyte
        counts = {word: tuple(found) for word, found in pairs.items()}
        return cls(kinds, [stories.get(k, 0) for k in kinds], [tokens.get(k, 0) for k in kinds], counts,
                   uniform=uniform)

    def __contains__(self, word: str) -> bool:
        return word in self._counts

    def posterior(self, words: Iterable[str]) -> dict[str, float]:
        """P(kind | words) over every kind, from the words the prior knows; {} when it knows none."""
        known = [self._counts[w] for w in dict.fromkeys(words) if w in self._counts]  # each word once, as trained
        if not known:
            return {}
        scores = [p + len(known) * u for p, u in zip(self._log_prior, self._log_unseen, strict=True)]
        for found in known:
            for i in range(0, len(found), 2):
                k = found[i]
                # seen with this kind: its smoothed count instead of the unseen one
                scores[k] += math.log((found[i + 1] + SMOOTHING) / SMOOTHING)
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        return {kind: w / total for kind, w in zip(self.kinds, weights, strict=True)}

    def best(self, words: Iterable[str], limit: int = 3) -> list[tuple[str, float]]:
        """The likeliest kinds, best first."""
        post = self.posterior(words)
        return sorted(post.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


@dataclass(frozen=True, slots=True)
class Blend:
    """How the prior's P(kind) joins the keyword scorer's summed problem-word weights (one word ~ 4)."""

    weight: float = 0.0  # problem-word weight of a certain prior (P = 1); 0: the prior is not used
    # boost: only kinds the keywords found; propose: also the prior's best kind, unless an agency was named;
    # all: that even when one was named; fallback: only when no problem word matched at all
    mode: str = "all"
    min_p: float = 0.5  # the prior proposes a kind of its own only this sure
    gate: float = 0.0  # the prior says nothing unless its best kind is this sure
    weak: float = math.inf  # ...nor once the keywords' summed weight reaches this


def add_evidence(weights: dict[tuple[str, str | None], float], qs: dict[tuple[str, str | None], float],
                 posterior: dict[str, float], kind_here: Callable[[str], str], named: bool, blend: Blend) -> None:
    """Add the prior's evidence to the keyword weights per (kind, level), in place; kinds only, never places."""
    if blend.weight <= 0 or not posterior or (named and blend.mode not in ("all", "boost")):
        return
    if blend.mode == "fallback" and weights:
        return
    if max(posterior.values()) < blend.gate or sum(weights.values()) >= blend.weak:
        return
    for key in weights:
        weights[key] += blend.weight * posterior.get(key[0], 0.0)
    if blend.mode == "boost":
        return
    kind, p = max(posterior.items(), key=lambda kv: (kv[1], kv[0]))
    key = (kind_here(kind), None)
    if p >= blend.min_p and not any(k[0] == key[0] for k in weights):
        weights[key] = blend.weight * p
        qs[key] = 1.0


_loaded: KindPrior | None = None


def default_prior() -> KindPrior | None:
    """The shipped prior, loaded once; None when the file is absent (a deployment may leave it out)."""
    global _loaded
    if _loaded is None and PRIOR_PATH.exists():
        _loaded = KindPrior.load()
    return _loaded
