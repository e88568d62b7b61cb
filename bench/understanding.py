"""Bench agency and region understanding on the labelled phrasings, beside plain rapidfuzz WRatio.

Run from the project root:  .venv/bin/python bench/understanding.py [--rounds 5] [--failures]

Reports top-1/top-3 accuracy and per-lookup latency (p50/p99/max) of AgencyCatalog.match over the
full default catalog, and of a plain `process.extract(text, names, scorer=WRatio,
processor=default_process, limit=3)` over the same agency names in the same run. The labelled sets
live in bench/data/ (our own phrasings; no citizen data).
"""

from __future__ import annotations

import argparse
import csv
import gc
import statistics
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.understanding.agencies import AgencyCatalog  # noqa: E402
from bot.understanding.regions import RegionIndex  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


def _pct(values: list[float], q: float) -> float:
    """Percentile q (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def _latency(samples_ms: list[float]) -> str:
    """'p50 0.21 ms  p99 0.90 ms  max 1.30 ms'."""
    return (f"p50 {statistics.median(samples_ms):6.2f} ms   p99 {_pct(samples_ms, 99):6.2f} ms   "
            f"max {max(samples_ms):6.2f} ms")


def bench_agencies(catalog: AgencyCatalog, rounds: int, show_failures: bool, filename: str, title: str
                   ) -> None:
    """Accuracy and latency of ours vs plain WRatio on one labelled CSV in bench/data/."""
    with open(DATA / filename, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    codes = [a.code for a in catalog]
    names = [a.name for a in catalog]
    processed = [utils.default_process(n) for n in names]

    ours_top1 = ours_top3 = base_top1 = base_top3 = 0
    ours_ms: list[float] = []
    ours_cpu_ms: list[float] = []  # CPU time of this thread: less sensitive to other load on the machine
    base_ms: list[float] = []
    failures: list[str] = []
    by_case: dict[str, list[int]] = {}
    gc.collect()
    for row in rows:
        text, region, expected = row["text"], row["region"] or None, row["expected"]
        got: list[str] = []
        for r in range(rounds):
            started, cpu = time.perf_counter(), time.thread_time()
            found = catalog.match(text, region=region)
            ours_ms.append((time.perf_counter() - started) * 1000)
            ours_cpu_ms.append((time.thread_time() - cpu) * 1000)
            if r == 0:
                got = [m.agency.code for m in found]
        hit1 = bool(got) and got[0] == expected
        ours_top1 += hit1
        ours_top3 += expected in got
        case = row["case"].split("+")[0]
        by_case.setdefault(case, [0, 0])
        by_case[case][0] += hit1
        by_case[case][1] += 1
        if not hit1:
            failures.append(f"  {text!r} region={region} expected={expected} got={got}")

        started = time.perf_counter()
        plain = process.extract(utils.default_process(text), processed, scorer=fuzz.WRatio, limit=3,
                                processor=None)
        base_ms.append((time.perf_counter() - started) * 1000)
        base = [codes[i] for _, _, i in plain]
        base_top1 += bool(base) and base[0] == expected
        base_top3 += expected in base

    n = len(rows)
    print(f"Agency matching, {title}: {n} labelled phrasings, {len(catalog):,} agencies in the default catalog")
    print(f"  ours         top-1 {ours_top1 / n:6.1%}  top-3 {ours_top3 / n:6.1%}   {_latency(ours_ms)}"
          f"   ({len(ours_ms)} lookups)")
    print(f"    (CPU time of those lookups: {_latency(ours_cpu_ms)};"
          f" {sum(ms > 2 for ms in ours_ms)} of {len(ours_ms)} took over 2 ms wall time)")
    print(f"  plain WRatio top-1 {base_top1 / n:6.1%}  top-3 {base_top3 / n:6.1%}   {_latency(base_ms)}"
          f"   ({len(base_ms)} lookups)")
    print("  ours by case: " + ", ".join(f"{c} {ok}/{total}" for c, (ok, total) in sorted(by_case.items())))
    if show_failures and failures:
        print("  misses (ours):")
        print("\n".join(failures))


def bench_regions(regions: RegionIndex, rounds: int, show_failures: bool) -> None:
    """Resolution accuracy and latency on bench/data/region_phrasings.csv."""
    with open(DATA / "region_phrasings.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ok = 0
    samples: list[float] = []
    cpu_samples: list[float] = []
    failures: list[str] = []
    for row in rows:
        text, home, expected = row["text"], row["home"] or None, row["expected"]
        res = None
        for _ in range(rounds):
            started, cpu = time.perf_counter(), time.thread_time()
            res = regions.resolve(text, home=home)
            samples.append((time.perf_counter() - started) * 1000)
            cpu_samples.append((time.thread_time() - cpu) * 1000)
        assert res is not None
        if expected == "NONE":
            good = res.best is None and not res.options
            got = "best" if res.best else ("ask" if res.options else "none")
        elif expected.startswith("ASK"):
            want = [c for c in expected[4:].split("|") if c]
            shown = [o.region.code for o in res.options]
            good = res.ambiguous and all(c in shown for c in want)
            got = f"ask {shown}" if res.ambiguous else f"best {res.best.region.code if res.best else None}"
        else:
            good = res.best is not None and res.best.region.code == expected
            got = res.best.region.code if res.best else f"ask {[o.region.code for o in res.options]}"
        ok += good
        if not good:
            failures.append(f"  {text!r} home={home} expected={expected} got={got}")
    n = len(rows)
    print(f"Region resolution: {n} labelled phrasings, {len(regions):,} regions")
    print(f"  resolved as labelled {ok / n:6.1%}   {_latency(samples)}   ({len(samples)} lookups)")
    print(f"    (CPU time: {_latency(cpu_samples)})")
    if show_failures and failures:
        print("  misses:")
        print("\n".join(failures))


# Pasted essays and key-mashing: the tests check these are cut before scanning; here is what they cost.
ABSURD = {
    "essay (5,000 chars)": ("jalan rusak parah di desa sukamulia lotim dekat masjid, sudah 3 bulan. " * 70)[:5000],
    "place names x200": " ".join(["Sidomulyo Karanganyar Sukamaju Mekarsari Tanjung"] * 200)[:5000],
    "'desa ' x1000": "desa " * 1000,
    "'x' x5000": "x" * 5000,
}


def bench_absurd(regions: RegionIndex, catalog: AgencyCatalog, rounds: int) -> None:
    """Worst-case wall time of one region resolve + agency match + normalize on absurd input."""
    from bot.understanding.normalize import normalize

    print("Absurd input (region resolve + agency match + normalize, one lookup each):")
    for name, text in ABSURD.items():
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            regions.resolve(text)
            catalog.match(text)
            normalize(text)
            samples.append((time.perf_counter() - started) * 1000)
        print(f"  {name:22} median {statistics.median(samples):7.2f} ms   max {max(samples):7.2f} ms")


def main() -> None:
    """Load the data, then bench agencies and regions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed repetitions of each lookup (ours)")
    parser.add_argument("--failures", action="store_true", help="list the phrasings we get wrong")
    args = parser.parse_args()

    started = time.perf_counter()
    regions = RegionIndex.default()
    region_s = time.perf_counter() - started
    catalog = AgencyCatalog.default()
    catalog_s = time.perf_counter() - started - region_s
    print(f"Load: regions {region_s:.2f} s ({len(regions):,}), agency catalog +{catalog_s:.2f} s "
          f"({len(catalog):,}); python {sys.version.split()[0]}")
    bench_agencies(catalog, args.rounds, args.failures, "agency_phrasings.csv", "development set")
    # written after the matcher was tuned on the development set, to estimate unseen phrasings
    bench_agencies(catalog, args.rounds, args.failures, "agency_phrasings_holdout.csv", "held-out set")
    # written last and never tuned against
    bench_agencies(catalog, args.rounds, args.failures, "agency_phrasings_fresh.csv", "fresh set")
    bench_regions(regions, args.rounds, args.failures)
    bench_absurd(regions, catalog, args.rounds)


if __name__ == "__main__":
    main()
