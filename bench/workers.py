"""Benchmark: `laporbot run --workers N` on PostgreSQL, 1 worker against N, interleaved in one run.

The same scripted citizens as bench/telegram_bot.py (each sends its next message once answered) post Telegram
webhooks to the one port, flat out; each run starts a fresh process tree on a freshly created database and warms
up on 32 complaints. CPU is the whole tree's (the parent and every worker). Needs a PostgreSQL server whose user
may create databases (the database named in --pg is dropped and created for every run).

    .venv/bin/python bench/workers.py [--pg postgresql+asyncpg://postgres@127.0.0.1:5432/laporbot_bench]
                                      [--workers 2] [--citizens 64] [--seconds 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import telegram_bot as tb  # noqa: E402

from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402
from tests.procs import LaporbotProcess, free_port  # noqa: E402


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its children now alive."""
    total = 0.0
    pids = [pid, *(int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    for p in pids:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


async def fresh_database(url: str) -> None:
    """Drop and create the bench database."""
    parts = urlsplit(url.replace("postgresql+asyncpg", "postgresql"))
    name = parts.path.lstrip("/")
    admin = await asyncpg.connect(parts._replace(path="/postgres").geturl())
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def run(url: str, workers: int, citizens: int, seconds: float, chat_base: int) -> dict[str, float]:
    """One process tree, warmed up, then flat out for `seconds`."""
    await fresh_database(url)
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegramAPI(record=False) as fake:
            replies = tb.Replies(fake)
            port = free_port()
            hook = f"http://127.0.0.1:{port}/webhooks/telegram"
            env = tb.webhook_env(fake, port, hook, url, LAPORBOT_WORKERS=str(workers), LAPORBOT_METRICS_PORT="off")
            bot = LaporbotProcess(env, Path(tmp) / "bot.log")
            await bot.start()
            assert bot.proc is not None
            stop = asyncio.Event()
            # a new connection per POST, as Telegram's webhook calls come: the kernel spreads them over workers
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=512, force_close=True)) as http:
                await asyncio.gather(*(tb.citizen(chat_base - 1000 - i, fake, replies, http, hook, [], None, stop)
                                       for i in range(tb.WARMUP_CITIZENS)))
                started = time.monotonic()
                cpu_before = tree_cpu(bot.proc.pid)
                sent = await tb.keep_citizens(lambda chat: tb.citizen(chat, fake, replies, http, hook, [], None, stop),
                                              citizens, seconds, stop, chat_base)
                elapsed = time.monotonic() - started
                cpu = tree_cpu(bot.proc.pid) - cpu_before
            await bot.stop()
    return {"updates_per_s": sent / elapsed, "cpu_ms_per_update": 1000 * cpu / max(sent, 1)}


async def main() -> None:
    """1 worker and N, interleaved; medians of --repeat."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432/laporbot_bench")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--citizens", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("load before:", Path("/proc/loadavg").read_text().strip())
    results: dict[int, list[dict[str, float]]] = {1: [], args.workers: []}
    base = 3_000_000
    for i in range(args.repeat):
        for n in ((1, args.workers) if i % 2 == 0 else (args.workers, 1)):
            base += 100_000
            r = await run(args.pg, n, args.citizens, args.seconds, base)
            results[n].append(r)
            print(f"run {i} workers={n}: {r['updates_per_s']:.0f} updates/s, {r['cpu_ms_per_update']:.2f} ms CPU "
                  f"per update", flush=True)
    print("load after:", Path("/proc/loadavg").read_text().strip())
    med = {n: {k: statistics.median(r[k] for r in runs) for k in ("updates_per_s", "cpu_ms_per_update")}
           for n, runs in results.items()}
    for n, m in med.items():
        print(f"workers={n}: {m['updates_per_s']:.0f} updates/s, {m['cpu_ms_per_update']:.2f} ms CPU per update "
              f"(median of {args.repeat})")
    print(f"ratio {args.workers}/1: {med[args.workers]['updates_per_s'] / med[1]['updates_per_s']:.2f}x updates/s")


if __name__ == "__main__":
    asyncio.run(main())
