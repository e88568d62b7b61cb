"""Interleaved Telegram bench of two checkouts: flat out and at 200/s, medians and new/base ratios.

Each checkout runs its own `bench/telegram_bot.py` `run()` (its code, its venv) in a fresh process, pairs
alternating which goes first, so both see the same machine noise:

    .venv/bin/python bench/telegram_compare.py <base checkout> <new checkout> [pairs=4]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

SNIPPET = r'''
import asyncio, json, sys
sys.path.insert(0, "bench"); sys.path.insert(0, ".")
import telegram_bot as tb
async def main():
    flat = await tb.run("aiohttp", 64, None, 10, 7_000_000)
    paced = await tb.run("aiohttp", 400, 200, 10, 8_000_000)
    print("RESULT " + json.dumps({"flat": flat, "paced": paced}))
asyncio.run(main())
'''
FIGURES = (("flat", "updates_per_s"), ("flat", "cpu_ms_per_update"), ("flat", "complaints"),
           ("paced", "updates_per_s"), ("paced", "cpu_ms_per_update"), ("paced", "p99_ms"), ("paced", "p50_ms"))


def main() -> None:
    """Run the pairs and print each run, then the medians and ratios."""
    trees = {"base": sys.argv[1], "new": sys.argv[2]}
    pairs = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    results: dict[str, list[dict]] = {k: [] for k in trees}
    for tree in trees.values():  # byte-compiled, as an installed wheel is (see telegram_bot.compile_checkout)
        subprocess.run([f"{tree}/.venv/bin/python", "-m", "compileall", "-q", "bot", "handlers", "flows", "models"],
                       cwd=tree, check=True, stdout=subprocess.DEVNULL)
    for i in range(pairs):
        order = list(trees.items()) if i % 2 == 0 else list(trees.items())[::-1]
        for name, tree in order:
            started = time.time()
            out = subprocess.run([f"{tree}/.venv/bin/python", "-c", SNIPPET], cwd=tree, capture_output=True,
                                 text=True, check=False)
            line = [x for x in out.stdout.splitlines() if x.startswith("RESULT ")]
            if not line:
                print(name, "FAILED", out.stderr[-2000:])
                continue
            r = json.loads(line[0][7:])
            results[name].append(r)
            print(f"pair {i} {name}: flat {r['flat']['updates_per_s']:.0f} upd/s "
                  f"{r['flat']['cpu_ms_per_update']:.2f} ms CPU; 200/s p99 {r['paced']['p99_ms']:.0f} ms "
                  f"{r['paced']['cpu_ms_per_update']:.2f} ms CPU ({time.time() - started:.0f} s)", flush=True)
    print(f"medians of {pairs}:")
    for phase, key in FIGURES:
        base = statistics.median(r[phase][key] for r in results["base"])
        new = statistics.median(r[phase][key] for r in results["new"])
        print(f"  {phase:6s} {key:18s} base {base:8.2f}  new {new:8.2f}  new/base {new / base:.2f}x")


if __name__ == "__main__":
    main()
