"""Bench ways of joining the kind prior to the keyword scorer, on the validation sets (blind7, blind8).

Run from the project root:  .venv/bin/python bench/kind_prior_variants.py [--commit REV] [--sets blind7,blind8]

suggest() joins the prior with agencies.PRIOR_BLEND (see bot/data/agencies/KIND_PRIOR.md). This copies the
matcher (this checkout's `bot/`, or with --commit an older one's, e.g. the keyword lists from before they were tuned
on blind7) into a temporary folder, with the shipped prior files, adds the one call that joins the prior
(kind_prior.add_evidence, just before the summed problem-word weights become scores) where the copy has none, and
benches each Blend there by setting the copy's PRIOR_BLEND. Nothing of the checkout changes.
Only the validation and training sets may be named: the unseen ones are refused.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = (
    {}, {"weight": 4, "mode": "fallback"}, {"weight": 2, "mode": "boost"}, {"weight": 6, "mode": "boost"},
    {"weight": 2, "mode": "propose"}, {"weight": 4, "mode": "propose"}, {"weight": 8, "mode": "propose"},
    {"weight": 2}, {"weight": 4}, {"weight": 6}, {"weight": 8},
    {"weight": 6, "gate": 0.95}, {"weight": 10, "gate": 0.99}, {"weight": 6, "weak": 4.5}, {"weight": 10, "weak": 2.5},
)
_ANCHOR = "        for (target, level), weight in keyword_weight.items():\n"
_HOOK = """        if story and PRIOR_BLEND.weight > 0 and default_prior() is not None:
            add_evidence(keyword_weight, keyword_q,
                         default_prior().posterior(prior_words(words_read, region_tokens, self._names_region)),
                         lambda k: self._kind_here(k, options), named, PRIOR_BLEND)
"""
_NAMES_REGION = '''    def _names_region(self, key: str) -> bool:
        regions = self.regions
        if key in regions._nick or key in regions._partial:
            return True
        return key in regions._keys and any(regions._level[i] <= 1 for i in regions._ids(key))

'''
_IMPORT = ("from bot.understanding.kind_prior import Blend, add_evidence, default_prior, prior_words\n"
           "PRIOR_BLEND = Blend()\n")


def matcher_copy(commit: str | None, into: Path, prior: Path | None = None) -> Path:
    """`bot/` of this checkout or of a commit, with the prior's files (or `prior` as its CSV) and the joining call."""
    if commit is None:
        shutil.copytree(ROOT / "bot", into / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    else:
        tar = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "bot"], check=True, capture_output=True)
        with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as archive:
            archive.extractall(into, filter="data")
    for name in ("bot/understanding/kind_prior.py", "bot/data/agencies/kind_prior.csv"):
        shutil.copyfile(ROOT / name, into / name)
    if prior is not None:  # e.g. one trained without the set benched (train_kind_prior.py --leave-out)
        shutil.copyfile(prior, into / "bot" / "data" / "agencies" / "kind_prior.csv")
    path = into / "bot" / "understanding" / "agencies.py"
    source = path.read_text(encoding="utf-8")
    if "PRIOR_BLEND" in source:  # the prior is joined already: only its blend is set
        return into
    if source.count(_ANCHOR) != 1 or "words_read" not in source or "region_tokens" not in source:
        raise SystemExit(f"{commit or 'this checkout'}: agencies.py has no place for the prior's call")
    source = source.replace(_ANCHOR, _HOOK + _ANCHOR)
    if "def _names_region" not in source:
        source = source.replace("    def _order(self,", _NAMES_REGION + "    def _order(self,", 1)
    source = source.replace("log = logging.getLogger(__name__)\n", "log = logging.getLogger(__name__)\n" + _IMPORT, 1)
    path.write_text(source, encoding="utf-8")
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", help="bench the matcher of this commit (default: this checkout's)")
    parser.add_argument("--sets", default="blind7,blind8", help="story sets, comma-separated")
    parser.add_argument("--variants", help="JSON list of Blend fields (default: the table in KIND_PRIOR.md)")
    parser.add_argument("--prior", type=Path, help="the prior's CSV to bench (default: the shipped one)")
    parser.add_argument("--model", help="JSON of kind_prior.Model fields the --prior was trained for")
    parser.add_argument("--json", action="store_true", help="one JSON line of counts per variant (for kind_prior_cv)")
    args = parser.parse_args()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    sys.path.insert(0, str(ROOT / "bench"))
    import agency_region  # imports no bot code: the matcher's copy is put first below

    if agency_region.UNSEEN & set(sets):
        raise SystemExit("the unseen sets are measured only by bench/agency_region.py, as aggregates")
    variants = json.loads(args.variants) if args.variants else VARIANTS
    with tempfile.TemporaryDirectory() as tmp:
        root = matcher_copy(args.commit, Path(tmp), args.prior)
        sys.path.insert(0, str(root))
        from bot.understanding import agencies, kind_prior
        from bot.understanding.kind_prior import Blend

        if args.model:
            kind_prior.MODEL = kind_prior.Model(**json.loads(args.model))

        catalog = agencies.AgencyCatalog.default()
        if not args.json:
            print(f"matcher: {args.commit or 'this checkout'}; sets: {', '.join(sets)} (top-1 / top-3 / wrong kab.)")
        for fields in variants:
            agencies.PRIOR_BLEND = Blend(**fields)
            cells, hit1, hit3, wrong, n = [], 0, 0, 0, 0
            for name in sets:
                r = agency_region.bench_stories(catalog, catalog.regions, f"agency_stories_{name}.csv", False)
                cells.append(f"{name} {r['top1']:5.1f} {r['top3']:5.1f} {r['wrong']:4.1f}")
                hit1, hit3 = hit1 + r["top1"] * r["n"] / 100, hit3 + r["top3"] * r["n"] / 100
                wrong, n = wrong + r["wrong"] * r["n"] / 100, n + r["n"]
            if args.json:
                print(json.dumps({"blend": fields, "n": n, "top1": round(hit1), "top3": round(hit3),
                                  "wrong": round(wrong)}), flush=True)
                continue
            label = json.dumps(fields) if fields else "keywords only"
            print(f"{label:38s} all {100 * hit1 / n:5.1f} {100 * hit3 / n:5.1f} {100 * wrong / n:4.1f} | "
                  + " | ".join(cells), flush=True)


if __name__ == "__main__":
    main()
