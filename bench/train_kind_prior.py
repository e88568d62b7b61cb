"""Train the agency-kind word prior (issue 17): count each word's stories per kind, write kind_prior.csv.

Run from the project root:  .venv/bin/python bench/train_kind_prior.py [--out PATH]

Shipped trained on the tuning-era story sets and the phrasings (SHIPPED_STORIES, TRAIN_PHRASINGS); with --leave-out
on every seen set but one (TRAIN_STORIES; bench/kind_prior_cv.py validates leave-one-set-out); the unseen sets
(UNSEEN) are never read here. A story is read as suggest() reads
it (AgencyCatalog.prior_words: the same tokens, regional words, and without the place the region rules read or
any kabupaten/province name), each word counted once per story. Words seen in fewer than MIN_STORIES stories are
noise; words seen with MAX_KINDS kinds or more ('tolong', 'sudah') say nothing of the kind. The words become the
keys of kind_prior.MODEL (kind_prior.features: stems, word pairs) before they are counted. Deterministic: the
rows are sorted, so the same data always writes the same file.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(1, str(ROOT))  # run as a script; a copy of the matcher put first (kind_prior_cv.py) stays first
from bot.understanding import kind_prior  # noqa: E402
from bot.understanding.kind_prior import Model  # noqa: E402

DATA = ROOT / "bench" / "data"
# Every seen story set: those bench/agency_region.py benches and does not keep unseen.
TRAIN_STORIES = ("tuning", "measured", "fresh", "round3", "round5", "blind6", "blind7", "blind8", "blind10", "blind12",
                 "blind14", "blind15", "blind16", "blind19", "blind21", "blind22", "blind23", "blind24", "blind25",
                 "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34",
                 "blind35", "blind38", "blind39", "blind40", "blind41", "blind42", "blind43",
                 "blind44", "blind45", "blind46", "blind47", "blind48", "blind49", "blind52", "blind53",
                 "blind56", "blind57", "blind60", "blind61", "blind63",
                 "blind64", "blind65", "blind66", "blind67", "blind68", "blind69", "blind70", "blind71",
                 "blind72", "blind73", "blind74", "blind75", "blind76", "blind77", "blind78", "blind79",
                 "blind80", "blind81", "blind82", "blind83", "blind84", "blind85", "blind86",
                 "blind87", "blind88", "blind89", "blind90", "blind91", "blind92",
                 "blind93", "blind94", "blind95", "blind96")
# What the shipped prior is trained on (v1): the six tuning-era sets. Trained on all eight seen sets of its day (v2)
# and on every seen set (v3), it was measured on the unseen sets and not kept (KIND_PRIOR.md).
SHIPPED_STORIES = TRAIN_STORIES[:6]
# never read, trained on or benched here: agency_region.UNSEEN, written out so the trainer imports no bench
UNSEEN = frozenset({"blind", "blind9", "blind11", "blind13", "blind17", "blind18", "blind20", "blind36", "blind37",
                    "blind50", "blind51", "blind54", "blind55", "blind58", "blind59", "blind62",
                    "blind97", "blind98", "blind99", "blind100", "blind101", "blind102"})
TRAIN_PHRASINGS = ("agency_phrasings.csv", "agency_phrasings_fresh.csv", "agency_phrasings_holdout.csv")
MIN_STORIES = 1
MIN_PAIR_STORIES = 2  # a word pair seen in one story only is kept out (it would be most of the file)
MAX_KINDS = 25
# v5 (KIND_PRIOR.md): multinomial logistic regression with L2, on every seen set (TRAIN_STORIES) and the phrasings
LR = {"l2": 1e-5, "steps": 150, "rate": 0.1, "min_stories": 2, "balanced": True, "bigrams": False, "keep": 9000}
_REGION_CODE = re.compile(r"\d+(?:\.\d+)*")


def kind_of(code: str, catalog: object | None = None) -> str:
    """The kind of an expected agency code: the catalog's, else the part after a region code, else the code."""
    agency = catalog.get(code) if catalog is not None else None  # type: ignore[attr-defined]
    if agency is not None and agency.kind:
        return agency.kind  # 'atr-bpn' is the ministry's bpn, 'pam-jaya' Jakarta's pdam
    region, dash, kind = code.rpartition("-")
    return kind if dash and _REGION_CODE.fullmatch(region) else code


def _given_region(regions: object, row: dict[str, str]) -> str | None:
    """The region the citizen gave, resolved as bench/agency_region.py does."""
    if not row["location_text"].strip():
        return None
    found = regions.resolve(row["location_text"])  # type: ignore[attr-defined]
    if found.best is not None:
        return found.best.region.code
    return next((o.region.code for o in found.options if o.region.code[:5] == row["expected_regency_code"]), None)


def story_examples(catalog: object, name: str) -> list[tuple[list[str], str]]:
    """(words, kind) for every story of one seen set, agency_stories_<name>.csv."""
    if name in UNSEEN or name not in TRAIN_STORIES:
        raise ValueError(f"{name} is an unseen set: it is never read here")
    regions = catalog.regions  # type: ignore[attr-defined]
    with open(DATA / f"agency_stories_{name}.csv", newline="", encoding="utf-8") as f:
        return [(catalog.prior_words(row["story"], _given_region(regions, row)),  # type: ignore[attr-defined]
                 kind_of(row["expected_agency_code"], catalog)) for row in csv.DictReader(f)]


def phrasing_examples(catalog: object) -> list[tuple[list[str], str]]:
    """(words, kind) for every phrasing."""
    out = []
    for filename in TRAIN_PHRASINGS:
        with open(DATA / filename, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                words = catalog.prior_words(row["text"], row["region"].strip() or None)  # type: ignore[attr-defined]
                out.append((words, kind_of(row["expected"], catalog)))
    return out


def training_examples(catalog: object, leave_out: str | None = None,
                      stories: tuple[str, ...] | None = None) -> Iterator[tuple[list[str], str]]:
    """(words, kind) for the shipped prior's stories (or `stories`) and every phrasing; with leave_out, every seen
    set's stories but that one's (a fold of the cross-validation)."""
    for name in stories or (TRAIN_STORIES if leave_out else SHIPPED_STORIES):
        if name != leave_out:
            yield from story_examples(catalog, name)
    yield from phrasing_examples(catalog)


def count(examples: list[tuple[list[str], str]], min_stories: int = MIN_STORIES, max_kinds: int = MAX_KINDS,
          model: Model | None = None, min_pair_stories: int = MIN_PAIR_STORIES) -> list[tuple[str, str, int]]:
    """Rows (word, kind, count): per kind its stories and counted keys, then each kept key's stories per kind."""
    model = kind_prior.MODEL if model is None else model
    stories: Counter[str] = Counter()
    by_word: dict[str, Counter[str]] = defaultdict(Counter)
    for words, kind in examples:
        stories[kind] += 1
        for word in kind_prior.features(words, model):
            by_word[word][kind] += 1
    kept = {w: c for w, c in by_word.items()
            if c.total() >= (min_pair_stories if " " in w else min_stories) and len(c) < max_kinds}
    tokens: Counter[str] = Counter()
    for c in kept.values():
        tokens.update(c)
    rows = [("_stories", k, n) for k, n in sorted(stories.items())]
    rows += [("_tokens", k, tokens[k]) for k in sorted(stories)]
    rows += [(w, k, n) for w in sorted(kept) for k, n in sorted(kept[w].items())]
    return rows


def write(rows: list[tuple[str, str, int]], path: Path, header: tuple[str, ...] = ("word", "kind", "count")) -> None:
    """Write the rows as word,kind,count (or the header given)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def train_lr(examples: list[tuple[list[str], str]], l2: float = LR["l2"], steps: int = LR["steps"],
             rate: float = LR["rate"], min_stories: int = LR["min_stories"], balanced: bool = LR["balanced"],
             bigrams: bool = LR["bigrams"], keep: int = LR["keep"], **_: object) -> list[tuple[str, str, str]]:
    """Multinomial logistic regression (L2 on the word weights, not the intercepts), full-batch Adam from zero, float32:
    deterministic. balanced: each kind's stories weigh as much in all (as the NB prior is uniform over kinds).
    Rows (word, kind, weight): every kind's _bias, then the `keep` largest word weights, sorted."""
    import numpy as np

    model = Model(bigrams=bigrams)
    keyed = sorted((kind_prior.features(words, model), kind) for words, kind in examples)
    kinds = sorted({kind for _, kind in keyed})
    seen: Counter[str] = Counter(key for keys, _ in keyed for key in keys)
    vocab = sorted(key for key, n in seen.items() if n >= min_stories)
    column = {key: j for j, key in enumerate(vocab)}
    rows_keys = [[column[k] for k in keys if k in column] for keys, _ in keyed]
    labels = [kinds.index(kind) for _, kind in keyed]
    kept = [i for i, cols in enumerate(rows_keys) if cols]  # a story with no known key only teaches the intercepts
    n, k, v = len(kept), len(kinds), len(vocab)
    y = np.array([labels[i] for i in kept])
    row = np.concatenate([np.full(len(rows_keys[i]), r) for r, i in enumerate(kept)])
    col = np.concatenate([np.array(rows_keys[i]) for i in kept])
    starts = np.concatenate([[0], np.cumsum([len(rows_keys[i]) for i in kept])[:-1]])
    order = np.argsort(col, kind="stable")
    col_starts = np.searchsorted(col[order], np.arange(v))
    per_kind = np.bincount(y, minlength=k).astype(float)
    sample = (n / (k * np.maximum(per_kind, 1)))[y] if balanced else np.ones(n)
    sample = (sample / sample.sum()).astype(np.float32)
    onehot = np.zeros((n, k), dtype=np.float32)
    onehot[np.arange(n), y] = 1.0
    params = [np.zeros((v, k), dtype=np.float32), np.zeros(k, dtype=np.float32)]
    moments = [[np.zeros_like(p), np.zeros_like(p)] for p in params]
    for step in range(1, steps + 1):
        weights, bias = params
        z = np.add.reduceat(weights[col], starts, axis=0) + bias
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample[:, None]
        grads = [np.add.reduceat(g[row[order]], col_starts, axis=0) + l2 * weights, g.sum(axis=0)]
        for param, grad, m in zip(params, grads, moments, strict=True):
            m[0] = 0.9 * m[0] + 0.1 * grad
            m[1] = 0.999 * m[1] + 0.001 * grad * grad
            param -= rate * (m[0] / (1 - 0.9 ** step)) / (np.sqrt(m[1] / (1 - 0.999 ** step)) + 1e-8)
    weights, bias = params
    out = [(kind_prior.BIAS, kind, f"{b:.3f}") for kind, b in zip(kinds, bias, strict=True)]
    flat = np.abs(weights).ravel()
    top = np.sort(np.argsort(-flat, kind="stable")[:keep])
    out += sorted((vocab[i // k], kinds[i % k], f"{weights[i // k, i % k]:.3f}") for i in top)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "bot" / "data" / "agencies" / "kind_prior.csv"))
    parser.add_argument("--min-stories", type=int, default=MIN_STORIES)
    parser.add_argument("--max-kinds", type=int, default=MAX_KINDS)
    parser.add_argument("--min-pair-stories", type=int, default=MIN_PAIR_STORIES)
    parser.add_argument("--model", help="JSON of kind_prior.Model fields (default: kind_prior.MODEL, as shipped), "
                                            "or 'lr': the logistic regression of v5 (kind_prior_lr.csv)")
    parser.add_argument("--lr", help="with --model lr: JSON of train_lr settings over LR's")
    parser.add_argument("--leave-out", choices=TRAIN_STORIES, help="train without this story set (to validate on it)")
    args = parser.parse_args()
    from bot.understanding.agencies import AgencyCatalog

    catalog = AgencyCatalog.default()
    if args.model == "lr":
        out = args.out if args.out != parser.get_default("out") else str(kind_prior.LR_PATH)
        examples = list(training_examples(catalog, args.leave_out, TRAIN_STORIES))
        rows = train_lr(examples, **{**LR, **json.loads(args.lr or "{}")})
        write(rows, Path(out), ("word", "kind", "weight"))
        print(f"{out}: {len({r[0] for r in rows}) - 1} words, {len(rows)} rows")
        return
    model = Model(**json.loads(args.model)) if args.model else None
    rows = count(list(training_examples(catalog, args.leave_out)), args.min_stories, args.max_kinds, model,
                 args.min_pair_stories)
    write(rows, Path(args.out))
    words = len({r[0] for r in rows if not r[0].startswith("_")})
    print(f"{args.out}: {words} words, {sum(1 for r in rows if r[0] == '_stories')} kinds, {len(rows)} rows")


if __name__ == "__main__":
    main()
