"""Bench the group commit's wait for company: ours with and without it, interleaved, paced, on one database.

Each pair runs `laporbot run` twice on fresh databases (LAPORBOT_GROUP_COMMIT_WAIT_MS=0, then the default, the order
alternating), 400 scripted citizens at --rate sends/s, the sends spaced evenly (as bench/telegram_bot.py) or at
random gaps of that mean (--poisson, as independent citizens write); prints CPU per update, p50 and p99, medians and
the ratio with/without.

    .venv/bin/python bench/group_commit.py [--target ours-pg|ours-sqlite] [--rate 200] [--pairs 3] [--poisson]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import telegram_bot as tb

FIGURES = ("cpu_ms_per_update", "p50_ms", "p99_ms", "updates_per_s")


async def main() -> None:
    """Pairs of runs without and with the wait; medians and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", default="ours-pg", choices=("ours-pg", "ours-sqlite"))
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--poisson", action="store_true", help="random gaps between sends (mean 1/rate)")
    args = parser.parse_args()
    base = tb.TARGETS[args.target]
    setups = {"no wait": {"LAPORBOT_GROUP_COMMIT_WAIT_MS": "0"}, "wait (default)": {}}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in setups}
    chat = 60_000_000
    print("load before:", Path("/proc/loadavg").read_text().strip(), flush=True)
    for pair in range(args.pairs):
        for name in (list(setups) if pair % 2 == 0 else list(reversed(setups))):
            chat += 100_000
            target = tb.Target(base.name, postgres=base.postgres, env={**base.env, **setups[name]})
            r = await tb.run_target(target, 400, args.rate, args.seconds, chat, poisson=args.poisson)
            results[name].append(r)
            print(f"pair {pair} {name:15} " + "  ".join(f"{k} {r[k]:.2f}" for k in FIGURES), flush=True)
    print("load after:", Path("/proc/loadavg").read_text().strip())
    medians = {name: {k: statistics.median(r[k] for r in runs) for k in FIGURES} for name, runs in results.items()}
    arrivals = "random gaps" if args.poisson else "even gaps"
    print(f"\n{args.target}, {args.rate:g}/s ({arrivals}), medians of {args.pairs}:")
    for name, m in medians.items():
        print(f"  {name:15} CPU {m['cpu_ms_per_update']:.2f} ms/update  p50 {m['p50_ms']:.1f} ms  "
              f"p99 {m['p99_ms']:.1f} ms  {m['updates_per_s']:.0f} upd/s")
    ratio = medians["wait (default)"]["cpu_ms_per_update"] / medians["no wait"]["cpu_ms_per_update"]
    print(f"  CPU per update with/without the wait: {ratio:.2f}x")


if __name__ == "__main__":
    asyncio.run(main())
