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
from itertools import pairwise
from pathlib import Path

from bot.understanding.normalize import Token, fold_key

PRIOR_PATH = Path(__file__).resolve().parent.parent / "data" / "agencies" / "kind_prior.csv"
# the discriminative model (v5, KIND_PRIOR.md): multinomial logistic regression's weights, word,kind,weight
LR_PATH = PRIOR_PATH.with_name("kind_prior_lr.csv")
BIAS = "_bias"  # reserved row of that CSV: the kind's intercept
# reserved rows of the CSV (a token never holds '_': see normalize._WORD_RE)
STORIES = "_stories"  # stories of the kind
TOKENS = "_tokens"  # word occurrences counted for the kind
MIN_WORD_LEN = 3  # 'di', 'ke', 'yg': short words are grammar, not the problem


@dataclass(frozen=True, slots=True)
class Model:
    """How the prior reads a story's words and weighs them (each option benched by bench/kind_prior_cv.py)."""

    smoothing: float = 0.2  # additive (Lidstone) smoothing of each word's count
    bigrams: bool = False  # also count neighbouring pairs, keyed 'air mati' (a token holds no space)
    stem: bool = False  # strip Indonesian affixes first ('diperbaiki', 'memperbaiki' -> 'baik')
    complement: bool = False  # complement naive Bayes: a kind scores by how unlike the OTHER kinds' stories it is
    class_power: float = 0.0  # log P(kind) times this: 0 every kind alike, 1 as often as in training


# the model of the shipped kind_prior.csv (the trainer reads it too): the plain one, as no option beat it in
# cross-validation beyond a few stories (bot/data/agencies/KIND_PRIOR.md, "v2")
MODEL = Model()

_PARTICLES = ("lah", "kah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
_PREFIXES = ("meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "per", "pe", "ber", "ter", "di", "ke")
_MIN_STEM = 4  # a shorter rest is more likely a word that merely looks affixed ('jalan' is not 'jal-an')


def stem(word: str) -> str:
    """A light Indonesian affix stripper: one particle, possessive and suffix, then up to two prefixes."""
    for group in (_PARTICLES, _POSSESSIVES, _SUFFIXES):
        for suffix in group:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                break
    for _ in range(2):  # 'memper-', 'diper-'
        prefix = next((p for p in _PREFIXES if word.startswith(p)), "")  # the longest that fits: 'peng' not 'pe'
        if not prefix or len(word) - len(prefix) < _MIN_STEM:
            break
        word = word[len(prefix):]
    return word


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


def features(words: Sequence[str], model: Model = MODEL) -> list[str]:
    """The keys the model counts for a story's prior words, each once, in order (trainer and posterior alike)."""
    keys = [stem(w) for w in words] if model.stem else list(words)
    if model.bigrams:
        keys += [f"{a} {b}" for a, b in pairwise(keys)]
    return list(dict.fromkeys(keys))


def _softmax(kinds: Sequence[str], scores: Sequence[float]) -> dict[str, float]:
    """Log-scores turned into probabilities over the kinds (shifted by the top score: no overflow)."""
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total_weight = sum(weights)
    return {kind: w / total_weight for kind, w in zip(kinds, weights, strict=True)}


def _best(posterior: dict[str, float], limit: int) -> list[tuple[str, float]]:
    """The likeliest kinds of a posterior, best first (ties by name)."""
    return sorted(posterior.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


class KindPrior:
    """Word counts per kind; `posterior` gives P(kind | words) for the kinds a story's words were seen with."""

    def __init__(self, kinds: Sequence[str], stories: Sequence[int], tokens: Sequence[int],
                 counts: dict[str, tuple[int, ...]], *, model: Model | None = None) -> None:
        """counts: key -> (kind index, count, kind index, count, ...); model: MODEL unless told."""
        self.kinds = tuple(kinds)
        self.model = model = MODEL if model is None else model
        self._counts = counts
        a = model.smoothing
        vocabulary = len(counts)
        total = sum(stories)
        self._log_prior = tuple(model.class_power * math.log(n / total) if n else 0.0 for n in stories)
        if model.complement:
            # log of the smoothed size of every OTHER kind's counts, and each key's count over all kinds
            all_tokens = sum(tokens)
            self._log_unseen = tuple(math.log(all_tokens - n + a * vocabulary) for n in tokens)
            self._totals = {w: sum(found[1::2]) for w, found in counts.items()}
        else:
            # per kind: log of the smoothed probability of a key never seen with it
            self._log_unseen = tuple(math.log(a / (n + a * vocabulary)) for n in tokens)
            self._totals = {}

    @classmethod
    def load(cls, path: str | Path = PRIOR_PATH, *, model: Model | None = None) -> KindPrior:
        """Read the CSV written by bench/train_kind_prior.py (word,kind,count)."""
        kinds: list[str] = []
        index: dict[str, int] = {}
        stories: dict[str, int] = {}
        tokens: dict[str, int] = {}
        pairs: dict[str, list[int]] = {}
        with open(path, newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            if next(rows, None) != ["word", "kind", "count"]:
                raise ValueError(f"{path}: not a kind prior (word,kind,count)")
            for word, kind, count in rows:  # a plain reader: DictReader doubled the load time
                if kind not in index:
                    index[kind] = len(kinds)
                    kinds.append(kind)
                if word == STORIES:
                    stories[kind] = int(count)
                elif word == TOKENS:
                    tokens[kind] = int(count)
                else:
                    pairs.setdefault(word, []).extend((index[kind], int(count)))
        # one tuple of small ints per word keeps the table well under a megabyte
        counts = {word: tuple(found) for word, found in pairs.items()}
        return cls(kinds, [stories.get(k, 0) for k in kinds], [tokens.get(k, 0) for k in kinds], counts,
                   model=model)

    def __contains__(self, word: str) -> bool:
        return word in self._counts

    def posterior(self, words: Sequence[str]) -> dict[str, float]:
        """P(kind | words) over every kind, from the keys of the words the prior knows; {} when it knows none."""
        keys = [w for w in features(words, self.model) if w in self._counts]  # each key once, as trained
        if not keys:
            return {}
        a = self.model.smoothing
        if self.model.complement:
            # score = log P(kind) - sum log P(key | other kinds); a key's count with the kind leaves the others
            scores = [p + len(keys) * u for p, u in zip(self._log_prior, self._log_unseen, strict=True)]
            for key in keys:
                found, total = self._counts[key], self._totals[key]
                for i in range(0, len(found), 2):
                    scores[found[i]] += math.log((total + a) / (total - found[i + 1] + a))
        else:
            scores = [p + len(keys) * u for p, u in zip(self._log_prior, self._log_unseen, strict=True)]
            for key in keys:
                found = self._counts[key]
                for i in range(0, len(found), 2):
                    # seen with this kind: its smoothed count instead of the unseen one
                    scores[found[i]] += math.log((found[i + 1] + a) / a)
        return _softmax(self.kinds, scores)

    def best(self, words: Sequence[str], limit: int = 3) -> list[tuple[str, float]]:
        """The likeliest kinds, best first."""
        return _best(self.posterior(words), limit)


class LinearPrior:
    """Multinomial logistic regression over the same keys: P(kind | words) = softmax(bias + the keys' weights).

    Trained by `bench/train_kind_prior.py --model lr` (L2, numpy); read here in pure Python. The file keeps only the
    weights that matter (pruned by size), so a key the file lacks adds nothing, as a weight of 0 would."""

    def __init__(self, kinds: Sequence[str], bias: Sequence[float], weights: dict[str, tuple[float, ...]]) -> None:
        """weights: key -> (kind index, weight, kind index, weight, ...); word pairs when a key holds a space."""
        self.kinds = tuple(kinds)
        self._bias = tuple(bias)
        self._weights = weights
        self.model = Model(bigrams=any(" " in key for key in weights))

    @classmethod
    def load(cls, path: str | Path = LR_PATH) -> LinearPrior:
        """Read the CSV written by bench/train_kind_prior.py --model lr (word,kind,weight; _bias rows first)."""
        kinds: list[str] = []
        index: dict[str, int] = {}
        bias: dict[str, float] = {}
        pairs: dict[str, list[float]] = {}
        values: dict[str, float] = {}  # one float object per written value (3 decimals): a third less held
        with open(path, newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            if next(rows, None) != ["word", "kind", "weight"]:
                raise ValueError(f"{path}: not a linear kind prior (word,kind,weight)")
            for word, kind, weight in rows:
                if kind not in index:
                    index[kind] = len(kinds)
                    kinds.append(kind)
                if word == BIAS:
                    bias[kind] = float(weight)
                else:
                    value = values.get(weight)
                    if value is None:
                        value = values[weight] = float(weight)
                    pairs.setdefault(word, []).extend((index[kind], value))
        return cls(kinds, [bias.get(k, 0.0) for k in kinds], {w: tuple(found) for w, found in pairs.items()})

    def __contains__(self, word: str) -> bool:
        return word in self._weights

    def posterior(self, words: Sequence[str]) -> dict[str, float]:
        """P(kind | words) over every kind; {} when the model knows none of the words' keys (as the NB prior)."""
        keys = [w for w in features(words, self.model) if w in self._weights]
        if not keys:
            return {}
        scores = list(self._bias)
        for key in keys:
            found = self._weights[key]
            for i in range(0, len(found), 2):
                scores[found[i]] += found[i + 1]  # type: ignore[index]
        return _softmax(self.kinds, scores)

    def best(self, words: Sequence[str], limit: int = 3) -> list[tuple[str, float]]:
        """The likeliest kinds, best first."""
        return _best(self.posterior(words), limit)


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
    prior: str = "nb"  # which prior speaks: "nb" (kind_prior.csv, shipped) or "lr" (kind_prior_lr.csv, v5)


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
_loaded_lr: LinearPrior | None = None


def default_prior(name: str = "nb") -> KindPrior | LinearPrior | None:
    """The shipped prior ("nb") or the linear one ("lr"), loaded once; None when its file is absent (a deployment
    may leave it out)."""
    global _loaded, _loaded_lr
    if name == "lr":
        if _loaded_lr is None and LR_PATH.exists():
            _loaded_lr = LinearPrior.load()
        return _loaded_lr
    if _loaded is None and PRIOR_PATH.exists():
        _loaded = KindPrior.load()
    return _loaded
