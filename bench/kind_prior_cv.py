"""Leave-one-set-out cross-validation of the kind prior, alone and blended as suggest() uses it (issue 17).

Run from the project root:  .venv/bin/python bench/kind_prior_cv.py [--models JSON] [--blends JSON] [--pooled-only]

For each of the eight SEEN story sets in turn, the prior is trained (bench/train_kind_prior.py's count) on the
other seven and the phrasings, written over the prior file of a temporary copy of the matcher (the machinery of
bench/kind_prior_variants.py) and loaded there by default_prior(), exactly as suggest() loads it; the held-out set
is then read (a) by the prior alone: is its best kind the expected one; (b) by suggest() with each Blend:
top-1 / top-3 / first suggestion in the wrong kabupaten (bench/agency_region.py's bench_stories). Per fold and
pooled over the 1,899 stories. The keyword lists were tuned on all eight sets, so only the prior is held out.
Deterministic. The unseen sets (train_kind_prior.UNSEEN) are never read.

--pre-tuning: the same folds, but only for the sets a matcher from before their tuning exists for (PRE_TUNING:
round5, blind6, blind7, blind8) and benched on that matcher (kind_prior_variants.py --commit), the fold's prior
trained by train_kind_prior.py --leave-out: there neither the prior nor the keyword lists had seen the set.

--models: JSON list of objects with kind_prior.Model fields (smoothing, bigrams, stem, complement, class_power)
and the trainer's max_kinds, min_stories, min_pair_stories; default: the shipped model and trainer settings.
--blends: JSON list of kind_prior.Blend fields; default: keywords only and agencies.PRIOR_BLEND.

--alone FOLDS (v5): the prior ALONE (is its best kind the expected one), grouped leave-sets-out: every seen set
(train_kind_prior.TRAIN_STORIES) goes whole into fold (its place in that list) mod FOLDS; each fold is read by a
prior trained on the other folds' sets and the phrasings. The shipped NB model (trained by count(), loaded from its
file) beside each --lr setting (train_kind_prior.train_lr's fields over LR; loaded by kind_prior.LinearPrior).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAINER_FIELDS = ("max_kinds", "min_stories", "min_pair_stories")
# the last matcher before each set was tuned on: round 5's data merge, and the first parents of the round 6, 7, 8 merges
PRE_TUNING = {"round5": "faba7ba", "blind6": "599cf3c^1", "blind7": "4d19fe8^1", "blind8": "4bd2021^1"}


def pre_tuning(models: list[dict], blends: list[dict], pooled_only: bool) -> None:
    """Per model, per PRE_TUNING set: the fold's prior on the matcher from before that set's tuning."""
    python = sys.executable
    print(f"pre-tuning folds: {', '.join(f'{s} on {c}' for s, c in PRE_TUNING.items())}; per blend top-1 / top-3 / "
          "wrong kabupaten")
    with tempfile.TemporaryDirectory() as tmp:
        for settings in models:
            model = {k: v for k, v in settings.items() if k not in TRAINER_FIELDS}
            counting = [f"--{k.replace('_', '-')}={settings[k]}" for k in TRAINER_FIELDS if k in settings]
            pooled = [[0, 0, 0] for _ in blends]
            total = 0
            for held, commit in PRE_TUNING.items():
                prior = Path(tmp) / f"prior_{held}.csv"
                subprocess.run([python, str(ROOT / "bench" / "train_kind_prior.py"), "--leave-out", held, "--model",
                                json.dumps(model), "--out", str(prior), *counting], check=True, capture_output=True)
                out = subprocess.run([python, str(ROOT / "bench" / "kind_prior_variants.py"), "--commit", commit,
                                      "--sets", held, "--prior", str(prior), "--model", json.dumps(model), "--json",
                                      "--variants", json.dumps(blends)], check=True, capture_output=True, text=True)
                results = [json.loads(line) for line in out.stdout.splitlines()]
                n = results[0]["n"]
                total += n
                cells = []
                for k, r in enumerate(results):
                    pooled[k] = [a + r[f] for a, f in zip(pooled[k], ("top1", "top3", "wrong"), strict=True)]
                    cells.append(" ".join(f"{100 * r[f] / n:5.1f}" for f in ("top1", "top3", "wrong")))
                if not pooled_only:
                    print(f"  {held:9s} n={n:3d} | " + " | ".join(cells), flush=True)
            cells = [" ".join(f"{100 * x / total:5.1f}" for x in p) for p in pooled]
            label = json.dumps(settings) if settings else "shipped model"
            print(f"{label} pre-tuning pooled | " + " | ".join(cells), flush=True)


def prior_alone(folds: int, lr_settings: list[dict]) -> None:
    """Grouped leave-sets-out of the prior alone: NB (shipped model) and each logistic-regression setting."""
    sys.path.insert(0, str(ROOT / "bench"))
    import train_kind_prior as trainer

    from bot.understanding import kind_prior
    from bot.understanding.agencies import AgencyCatalog

    sets = trainer.TRAIN_STORIES
    if trainer.UNSEEN & set(sets):
        raise SystemExit("an unseen set is among the training sets")
    cache = Path(tempfile.gettempdir()) / f"kind_prior_examples_{os.getuid()}.json"
    if cache.exists():  # the words of every seen story, read once (the reading is most of the run); delete to redo
        examples, phrasings = json.loads(cache.read_text(encoding="utf-8"))
    else:
        catalog = AgencyCatalog.default()
        examples = {name: trainer.story_examples(catalog, name) for name in sets}
        phrasings = trainer.phrasing_examples(catalog)
        cache.write_text(json.dumps([examples, phrasings]), encoding="utf-8")
    if set(examples) != set(sets):
        raise SystemExit(f"{cache} holds other sets: delete it")
    examples = {name: [(words, kind) for words, kind in found] for name, found in examples.items()}
    phrasings = [(words, kind) for words, kind in phrasings]
    groups = [[name for i, name in enumerate(sets) if i % folds == f] for f in range(folds)]
    total = sum(len(e) for e in examples.values())
    print(f"prior alone, {folds} folds of whole seen sets ({total} stories); right kind first, % per fold, pooled; "
          "'speaks': stories it has any word for")
    labels = ["NB (shipped model)"] + [json.dumps(s) for s in lr_settings]
    hits = [[0] * folds for _ in labels]
    spoke = [0] * len(labels)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "prior.csv"
        for f, held in enumerate(groups):
            train = phrasings + [e for g in groups if g is not held for name in g for e in examples[name]]
            test = [e for name in held for e in examples[name]]
            trainer.write(trainer.count(train), path)
            priors = [kind_prior.KindPrior.load(path)]
            for settings in lr_settings:
                trainer.write(trainer.train_lr(train, **{**trainer.LR, **settings}), path, ("word", "kind", "weight"))
                priors.append(kind_prior.LinearPrior.load(path))
            for m, prior in enumerate(priors):
                for words, kind in test:
                    best = prior.best(words, 1)
                    spoke[m] += bool(best)
                    hits[m][f] += bool(best) and best[0][0] == kind
            sizes = [sum(len(examples[n]) for n in g) for g in groups]
            print(f"  fold {f} ({len(test)} stories) done", flush=True)
    for label, row, s in zip(labels, hits, spoke, strict=True):
        cells = " ".join(f"{100 * h / n:5.1f}" for h, n in zip(row, sizes, strict=True))
        print(f"{100 * sum(row) / total:5.2f} ({sum(row)}/{total}; speaks {100 * s / total:5.1f}) | {cells} | {label}",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", help="JSON list of model + trainer settings (default: the shipped ones)")
    parser.add_argument("--blends", help="JSON list of Blend fields (default: keywords only, PRIOR_BLEND)")
    parser.add_argument("--pooled-only", action="store_true", help="print only the pooled line of each model")
    parser.add_argument("--pre-tuning", action="store_true", help="bench on the matchers from before each set's tuning")
    parser.add_argument("--alone", type=int, metavar="FOLDS", help="the prior alone, grouped leave-sets-out (v5)")
    parser.add_argument("--lr", help="with --alone: JSON list of train_lr settings (default: [LR])")
    args = parser.parse_args()
    if args.alone:
        prior_alone(args.alone, json.loads(args.lr) if args.lr else [{}])
        return
    if args.pre_tuning:
        blends = json.loads(args.blends) if args.blends else [{}, {"weight": 2.0}]
        pre_tuning(json.loads(args.models) if args.models else [{}], blends, args.pooled_only)
        print("blends: " + " | ".join(json.dumps(b) if b else "keywords only" for b in blends))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from kind_prior_variants import matcher_copy

    with tempfile.TemporaryDirectory() as tmp:
        root = matcher_copy(None, Path(tmp))
        sys.path.insert(0, str(root))  # the copy's bot/ before this checkout's
        import agency_region
        import train_kind_prior as trainer

        from bot.understanding import agencies, kind_prior

        if not Path(kind_prior.__file__).is_relative_to(root) or not Path(trainer.kind_prior.__file__).is_relative_to(
                root):
            raise SystemExit("the matcher's copy is not the one imported")
        sets = trainer.TRAIN_STORIES
        if trainer.UNSEEN & set(sets):
            raise SystemExit("an unseen set is among the training sets")
        catalog = agencies.AgencyCatalog.default()
        examples = {name: trainer.story_examples(catalog, name) for name in sets}
        phrasings = trainer.phrasing_examples(catalog)
        models = json.loads(args.models) if args.models else [{}]
        blends = json.loads(args.blends) if args.blends else [{}, dataclasses.asdict(agencies.PRIOR_BLEND)]
        print(f"leave-one-set-out over {', '.join(sets)} ({sum(len(e) for e in examples.values())} stories); "
              "prior alone: right kind first; then per blend top-1 / top-3 / wrong kabupaten")
        for settings in models:
            model = kind_prior.Model(**{k: v for k, v in settings.items() if k not in TRAINER_FIELDS})
            counting = {k: settings.get(k, getattr(trainer, k.upper())) for k in TRAINER_FIELDS}
            kind_prior.MODEL = model
            alone_hits = 0
            pooled = [[0, 0, 0] for _ in blends]
            sizes = []
            for held in sets:
                train = phrasings + [e for name in sets if name != held for e in examples[name]]
                rows = trainer.count(train, counting["min_stories"], counting["max_kinds"], model,
                                     counting["min_pair_stories"])
                trainer.write(rows, kind_prior.PRIOR_PATH)
                kind_prior._loaded = None  # the fold's file is the one default_prior() loads
                prior = kind_prior.default_prior()
                assert prior is not None and prior.model == model
                alone = sum(bool(b := prior.best(words, 1)) and b[0][0] == kind for words, kind in examples[held])
                alone_hits += alone
                n = len(examples[held])
                sizes.append(n)
                cells = []
                for k, fields in enumerate(blends):
                    agencies.PRIOR_BLEND = kind_prior.Blend(**fields)
                    r = agency_region.bench_stories(catalog, catalog.regions, f"agency_stories_{held}.csv", False)
                    got = [round(r[f] * r["n"] / 100) for f in ("top1", "top3", "wrong")]
                    pooled[k] = [a + b for a, b in zip(pooled[k], got, strict=True)]
                    cells.append(f"{r['top1']:5.1f} {r['top3']:5.1f} {r['wrong']:4.1f}")
                if not args.pooled_only:
                    print(f"  {held:9s} n={n:3d} alone {100 * alone / n:5.1f} | " + " | ".join(cells), flush=True)
            total = sum(sizes)
            cells = [" ".join(f"{100 * x / total:5.1f}" for x in p) for p in pooled]
            label = json.dumps(settings) if settings else "shipped model"
            print(f"{label} pooled alone {100 * alone_hits / total:5.1f} | " + " | ".join(cells), flush=True)
        print("blends: " + " | ".join(json.dumps(b) if b else "keywords only" for b in blends))


if __name__ == "__main__":
    main()
