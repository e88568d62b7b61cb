"""Benchmark: the real laporbot process filing complaints through Telegram webhooks into a fake Bot API.

Each scripted citizen types a whole complaint (14 messages); the next message goes once the bot has
answered the previous one. Measured per run: durable updates/s (recorded, handled, answered) with many
citizens at once, and reply latency (webhook POST -> first sendMessage at the fake) at a fixed offered
rate. The same workload runs over PTB's default httpx transport and over our aiohttp transport, in one run,
and once more flat out with SQLite on aiosqlite's worker thread (LAPORBOT_SQLITE_DRIVER=thread).

    .venv/bin/python bench/telegram_bot.py [--citizens 64] [--rate 200] [--seconds 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402
from tests.procs import TOKEN, LaporbotProcess, free_port  # noqa: E402

SCRIPT = [("/start", 1), ("1", 1), ("1", 1), ("Lampu jalan di gang kami mati sudah dua minggu lamanya", 1),
          ("1", 1), ("kemarin", 1), ("Gang Melati, Selong", 1), ("1", 1), ("tidak tahu", 1), ("1", 1), ("lanjut", 1),
          ("tidak", 1), ("tidak", 1), ("tidak", 1), ("kirim", 2)]
SECRET = "bench-secret-long-enough-for-config-check"
WARMUP_CITIZENS = 32


class Replies:
    """Counts the bot's messages per chat as the fake receives them, and wakes whoever waits."""

    def __init__(self, fake: FakeTelegramAPI) -> None:
        self.count: dict[int, int] = {}
        self.first_at: dict[int, float] = {}
        self.waiters: dict[int, asyncio.Event] = {}
        original = fake._handlers["sendmessage"]

        async def on_send(params: dict[str, Any]) -> Any:
            result = await original(params)
            chat = int(params["chat_id"])
            self.count[chat] = self.count.get(chat, 0) + 1
            self.first_at.setdefault(chat, time.monotonic())
            event = self.waiters.get(chat)
            if event:
                event.set()
            return result

        fake._handlers["sendmessage"] = on_send

    async def wait(self, chat: int, total: int) -> None:
        """Until the chat has received `total` messages."""
        event = self.waiters.setdefault(chat, asyncio.Event())
        while self.count.get(chat, 0) < total:
            event.clear()
            await asyncio.wait_for(event.wait(), 30)


async def citizen(chat: int, fake: FakeTelegramAPI, replies: Replies, http: aiohttp.ClientSession, url: str,
                  latencies: list[float], pace: asyncio.Queue[None] | None, stop: asyncio.Event) -> int:
    """One person filing one complaint (or until the run stops); returns the number of updates sent."""
    expected = 0
    sent_updates = 0
    for text, count in SCRIPT:
        if pace is not None:
            # A paced citizen waits for a send slot, but never past the end of the run.
            getter = asyncio.ensure_future(pace.get())
            stopper = asyncio.ensure_future(stop.wait())
            await asyncio.wait({getter, stopper}, return_when=asyncio.FIRST_COMPLETED)
            stopper.cancel()
            if not getter.done():
                getter.cancel()
                return sent_updates
        elif stop.is_set():
            return sent_updates
        update = fake.make_text(chat, text)
        replies.first_at.pop(chat, None)
        sent = time.monotonic()
        async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as resp:
            assert resp.status == 200, resp.status
        expected += count
        await replies.wait(chat, expected)
        latencies.append(replies.first_at[chat] - sent)
        sent_updates += 1
    return sent_updates


async def keep_citizens(start: Callable[[int], Awaitable[int]], citizens: int, seconds: float,
                        stop: asyncio.Event | None, chat_base: int) -> int:
    """`citizens` at once, each replaced by a new one (the next chat id) when done, for `seconds`; updates sent.

    At the deadline `stop` is set (citizens stop after their current message); without one they finish.
    """
    started = time.monotonic()
    tasks: set[asyncio.Task[int]] = set()
    sent = 0
    chat = chat_base

    def launch() -> None:
        nonlocal chat
        chat += 1
        tasks.add(asyncio.create_task(start(chat)))

    for _ in range(citizens):
        launch()
    while time.monotonic() - started < seconds:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED, timeout=1)
        for task in done:
            tasks.discard(task)
            sent += task.result()
            launch()
    if stop is not None:
        stop.set()
    for task in tasks:
        sent += await task
    return sent


def webhook_env(fake: FakeTelegramAPI, port: int, url: str, database_url: str, **extra: str) -> dict[str, str]:
    """`laporbot run` on a Telegram webhook against the fake Bot API, without flood limits, on this database."""
    return {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.base_url,
            "TELEGRAM_FILE_BASE_URL": fake.base_file_url, "TELEGRAM_WEBHOOK_URL": url,
            "TELEGRAM_WEBHOOK_SECRET": SECRET, "LAPORBOT_PORT": str(port), "DATABASE_URL": database_url,
            "LAPORBOT_TELEGRAM_RATE": "100000", "LAPORBOT_TELEGRAM_CHAT_BURST": "1000", "LOG_LEVEL": "WARNING",
            # The script's place names are in Lombok Timur, the home region of the test harness.
            "LAPORBOT_REGION": "52.03", **extra}


async def pacer(queue: asyncio.Queue[None], rate: float, stop: asyncio.Event) -> None:
    """Release sends at a fixed rate (open offered load)."""
    interval = 1 / rate
    next_at = time.monotonic()
    while not stop.is_set():
        queue.put_nowait(None)
        next_at += interval
        await asyncio.sleep(max(0, next_at - time.monotonic()))


async def run(transport: str, citizens: int, rate: float | None, seconds: float, chat_base: int,
              sqlite_driver: str = "inline") -> dict[str, float]:
    """Start a fresh bot on a fresh SQLite database and drive it."""
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegramAPI(record=False) as fake:
            replies = Replies(fake)
            port = free_port()
            url = f"http://127.0.0.1:{port}/webhooks/telegram"
            env = webhook_env(fake, port, url, f"sqlite+aiosqlite:///{tmp}/bench.db",
                              LAPORBOT_TELEGRAM_TRANSPORT=transport, LAPORBOT_SQLITE_DRIVER=sqlite_driver)
            bot = LaporbotProcess(env, Path(tmp) / "bot.log")
            await bot.start()
            latencies: list[float] = []
            stop = asyncio.Event()
            pace: asyncio.Queue[None] | None = asyncio.Queue() if rate else None
            connector = aiohttp.TCPConnector(limit=512)
            async with aiohttp.ClientSession(connector=connector) as http:
                # Warm-up, not measured: a few whole complaints, so the numbers are the steady state and not
                # the first seconds of a fresh process (lazy imports, caches, SQLite pages).
                await asyncio.gather(*(citizen(chat_base - 1000 - i, fake, replies, http, url, [], None, stop)
                                       for i in range(WARMUP_CITIZENS)))
                started = time.monotonic()
                cpu_before = _cpu_seconds(bot)
                pace_task = asyncio.create_task(pacer(pace, rate, stop)) if pace is not None and rate else None
                sent = await keep_citizens(lambda chat: citizen(chat, fake, replies, http, url, latencies, pace, stop),
                                           citizens, seconds, stop, chat_base)
                elapsed = time.monotonic() - started
                cpu = _cpu_seconds(bot) - cpu_before
                if pace_task:
                    pace_task.cancel()
            await bot.stop()
            with sqlite3.connect(f"{tmp}/bench.db") as check:  # the workload really files complaints
                complaints = check.execute("SELECT count(*) FROM complaint").fetchone()[0]
    latencies.sort()
    return {"updates_per_s": sent / elapsed, "p50_ms": 1000 * latencies[len(latencies) // 2],
            "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)], "updates": sent,
            "cpu_ms_per_update": 1000 * cpu / max(sent, 1), "complaints": complaints}


def _cpu_seconds(bot: LaporbotProcess) -> float:
    """CPU time the bot process has used (user + system): a cost per update that machine noise barely moves."""
    assert bot.proc is not None
    fields = Path(f"/proc/{bot.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def main() -> None:
    """Both transports, throughput and fixed-rate latency, medians of --repeat runs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=64)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    base = 1_000_000
    for _ in range(args.repeat):
        for transport in ("httpx", "aiohttp"):  # interleaved, so both see the same machine noise
            base += 100_000
            results.setdefault((transport, "max"), []).append(
                await run(transport, args.citizens, None, args.seconds, base))
            base += 100_000
            results.setdefault((transport, f"{args.rate:g}/s"), []).append(
                await run(transport, 400, args.rate, args.seconds, base))
        base += 100_000  # our transport with SQLite on aiosqlite's worker thread instead of inline
        results.setdefault(("aiohttp/thread", "max"), []).append(
            await run("aiohttp", args.citizens, None, args.seconds, base, sqlite_driver="thread"))
    print(f"{'transport':14} {'load':8} {'updates/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/upd':>10}"
          f"   (median of {args.repeat})")
    medians: dict[tuple[str, str], dict[str, float]] = {}
    for (transport, load), runs in results.items():
        med = {k: statistics.median(r[k] for r in runs)
               for k in ("updates_per_s", "p50_ms", "p99_ms", "cpu_ms_per_update")}
        medians[(transport, load)] = med
        print(f"{transport:14} {load:8} {med['updates_per_s']:10.0f} {med['p50_ms']:8.1f} {med['p99_ms']:8.1f} "
              f"{med['cpu_ms_per_update']:10.2f}")
    for load in ("max", f"{args.rate:g}/s"):
        a, h = medians[("aiohttp", load)], medians[("httpx", load)]
        print(f"ratio aiohttp/httpx at {load}: {a['updates_per_s'] / h['updates_per_s']:.2f}x updates/s, "
              f"{a['p99_ms'] / h['p99_ms']:.2f}x p99")
    a, t = medians[("aiohttp", "max")], medians[("aiohttp/thread", "max")]
    print(f"ratio SQLite inline/thread driver at max: {a['updates_per_s'] / t['updates_per_s']:.2f}x updates/s, "
          f"{a['cpu_ms_per_update'] / t['cpu_ms_per_update']:.2f}x CPU per update")
    filed = {k: [int(r["complaints"]) for r in runs] for k, runs in results.items()}
    print("complaints filed per run (the whole script completed):", filed)


if __name__ == "__main__":
    asyncio.run(main())
