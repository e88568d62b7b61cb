"""Benchmark: the real laporbot process filing complaints through WhatsApp webhooks into a fake Graph API.

The workload of bench/telegram_bot.py: each scripted citizen types a whole complaint, sending the next
message once the bot has answered the previous one. Measured: durable webhook messages/s (signed POST
verified, recorded, handled, answered) with many citizens at once; reply latency (webhook POST -> first
message at the fake Graph API) at a fixed offered rate; and how fast the webhook answers 200 (Meta wants
it fast). The Telegram webhook figure for the same script runs beside it, in the same run.

The script answers the "which Selong?" question the region matcher now asks; bench/telegram_bot.py's own
script predates it, so its Telegram citizens are driven with this script too.

    .venv/bin/python bench/whatsapp_bot.py [--citizens 64] [--rate 200] [--seconds 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bench.telegram_bot as telegram_bench  # noqa: E402
from tests.fakes.graph_api import (  # noqa: E402
    ACCESS_TOKEN,
    PHONE_NUMBER_ID,
    FakeGraphAPI,
    encode,
    make_webhook,
    sign,
    text_message,
)
from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402
from tests.procs import TOKEN, LaporbotProcess, free_port  # noqa: E402

SCRIPT = [("/start", 1), ("1", 1), ("1", 1), ("Lampu jalan di gang kami mati sudah dua minggu lamanya", 1),
          ("1", 1), ("kemarin", 1), ("Gang Melati, Selong", 1), ("1", 1), ("tidak tahu", 1), ("1", 1),
          ("lanjut", 1), ("tidak", 1), ("tidak", 1), ("tidak", 1), ("kirim", 2)]
SECRET = "bench-app-secret"
EXTRA: dict[str, str] = {"LAPORBOT_REGION": "52.03"}  # the script's places are in Lombok Timur


class CountingGraph(FakeGraphAPI):
    """The fake Graph API, counting messages per recipient and waking whoever waits (nothing kept)."""

    def __init__(self) -> None:
        super().__init__()
        self.count: dict[str, int] = {}
        self.first_at: dict[str, float] = {}
        self.waiters: dict[str, asyncio.Event] = {}

    async def _post_message(self, request: web.Request) -> web.Response:
        response = await super()._post_message(request)
        for sent in self.messages:
            to = sent["to"]
            self.count[to] = self.count.get(to, 0) + 1
            self.first_at.setdefault(to, time.monotonic())
            event = self.waiters.get(to)
            if event:
                event.set()
        self.messages.clear()  # a long run would otherwise keep every body
        self.requests.clear()
        self.read_receipts.clear()
        return response

    async def wait(self, to: str, total: int) -> None:
        """Until `to` has received `total` messages."""
        event = self.waiters.setdefault(to, asyncio.Event())
        while self.count.get(to, 0) < total:
            event.clear()
            await asyncio.wait_for(event.wait(), 30)


async def citizen(wa_id: str, graph: CountingGraph, http: aiohttp.ClientSession, url: str, latencies: list[float],
                  acks: list[float], pace: asyncio.Queue[None] | None) -> int:
    """One person filing one complaint over WhatsApp; returns the number of messages sent."""
    expected = 0
    for n, (text, count) in enumerate(SCRIPT):
        if pace is not None:
            await pace.get()
        raw = encode(make_webhook([text_message(text, wa_id=wa_id, wamid=f"wamid.{wa_id}.{n}")]))
        headers = {"Content-Type": "application/json", "X-Hub-Signature-256": sign(raw, SECRET)}
        graph.first_at.pop(wa_id, None)
        sent = time.monotonic()
        async with http.post(url, data=raw, headers=headers) as resp:
            assert resp.status == 200, resp.status
        acks.append(time.monotonic() - sent)
        expected += count
        await graph.wait(wa_id, expected)
        latencies.append(graph.first_at[wa_id] - sent)
    return len(SCRIPT)


Citizen = Callable[[int, asyncio.Queue[None] | None], Awaitable[int]]


async def drive(citizen_for: Citizen, citizens: int, rate: float | None, seconds: float) -> tuple[int, float]:
    """Keep `citizens` people filing complaints for `seconds` (paced at `rate` messages/s if given).

    Those still mid-complaint at the end finish it, and pacing goes on until they have: stopping it at the
    deadline would leave them waiting for their next turn forever.
    """
    pace: asyncio.Queue[None] | None = asyncio.Queue() if rate else None
    pacing = asyncio.Event()
    pace_task = asyncio.create_task(telegram_bench.pacer(pace, rate, pacing)) if pace is not None and rate else None
    started = time.monotonic()
    sent = await telegram_bench.keep_citizens(lambda number: citizen_for(number, pace), citizens, seconds, None, 0)
    elapsed = time.monotonic() - started
    pacing.set()
    if pace_task is not None:
        await pace_task
    return sent, elapsed


async def warm_up(citizen_for: Citizen, *measured: list[float]) -> None:
    """Whole complaints before measuring (lazy imports, caches, SQLite pages of a fresh process); then forget them."""
    await asyncio.gather(*(citizen_for(500_000 + i, None) for i in range(telegram_bench.WARMUP_CITIZENS)))
    for values in measured:
        values.clear()


def summary(sent: int, elapsed: float, latencies: list[float], acks: list[float]) -> dict[str, float]:
    """Messages/s, reply latency p50/p99 and webhook answer p99 (ms)."""
    latencies.sort()
    acks.sort()
    return {"per_s": sent / elapsed, "p50_ms": 1000 * latencies[len(latencies) // 2],
            "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)],
            "ack_p99_ms": 1000 * acks[int(len(acks) * 0.99)] if acks else float("nan")}


async def run_whatsapp(citizens: int, rate: float | None, seconds: float, base: int) -> dict[str, float]:
    """A fresh bot on a fresh SQLite database, driven over WhatsApp webhooks."""
    with tempfile.TemporaryDirectory() as tmp:
        async with CountingGraph() as graph:
            port = free_port()
            url = f"http://127.0.0.1:{port}/webhooks/whatsapp"
            env = {"WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID, "WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
                   "WHATSAPP_APP_SECRET": SECRET, "WHATSAPP_API_BASE_URL": graph.base_url,
                   "WHATSAPP_TEMPLATE_NOTIFICATION": "laporbot_update", "WHATSAPP_RATE": "100000",
                   "LAPORBOT_PORT": str(port), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/bench.db",
                   "LOG_LEVEL": "WARNING", **EXTRA}
            bot = LaporbotProcess(env, Path(tmp) / "bot.log")
            await bot.start()
            latencies: list[float] = []
            acks: list[float] = []
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=512)) as http:
                def whatsapp_citizen(n: int, pace: asyncio.Queue[None] | None) -> Awaitable[int]:
                    return citizen(f"62{base + n}", graph, http, url, latencies, acks, pace)

                await warm_up(whatsapp_citizen, latencies, acks)
                sent, elapsed = await drive(whatsapp_citizen, citizens, rate, seconds)
            await bot.stop()
    return summary(sent, elapsed, latencies, acks)


async def run_telegram(citizens: int, rate: float | None, seconds: float, base: int) -> dict[str, float]:
    """bench/telegram_bot.py's webhook workload (aiohttp transport) with this script, driven the same way."""
    telegram_bench.SCRIPT = SCRIPT  # its citizens read the module's script
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegramAPI(record=False) as fake:
            replies = telegram_bench.Replies(fake)
            port = free_port()
            url = f"http://127.0.0.1:{port}/webhooks/telegram"
            env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.base_url,
                   "TELEGRAM_FILE_BASE_URL": fake.base_file_url, "TELEGRAM_WEBHOOK_URL": url,
                   "TELEGRAM_WEBHOOK_SECRET": telegram_bench.SECRET, "LAPORBOT_PORT": str(port),
                   "DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/bench.db", "LAPORBOT_TELEGRAM_TRANSPORT": "aiohttp",
                   "LAPORBOT_TELEGRAM_RATE": "100000", "LAPORBOT_TELEGRAM_CHAT_BURST": "1000",
                   "LOG_LEVEL": "WARNING", **EXTRA}
            bot = LaporbotProcess(env, Path(tmp) / "bot.log")
            await bot.start()
            latencies: list[float] = []
            # Newer bench/telegram_bot.py citizens also take a stop event; drive() lets every citizen finish
            # its complaint (pacing goes on until they have), so it is never set here.
            extra = [asyncio.Event()] if "stop" in inspect.signature(telegram_bench.citizen).parameters else []
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=512)) as http:
                def telegram_citizen(n: int, pace: asyncio.Queue[None] | None) -> Awaitable[int]:
                    return telegram_bench.citizen(base + n, fake, replies, http, url, latencies, pace, *extra)

                await warm_up(telegram_citizen, latencies)
                sent, elapsed = await drive(telegram_citizen, citizens, rate, seconds)
            await bot.stop()
    return summary(sent, elapsed, latencies, [])


async def main() -> None:
    """WhatsApp and Telegram, throughput and fixed-rate latency, medians of --repeat runs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=64)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load_rate = f"{args.rate:g}/s"
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    base = 81_000_000
    runners: dict[str, Any] = {"whatsapp": run_whatsapp, "telegram": run_telegram}
    for _ in range(args.repeat):
        for channel, runner in runners.items():  # interleaved, so both see the same machine noise
            base += 1_000_000
            results.setdefault((channel, "max"), []).append(await runner(args.citizens, None, args.seconds, base))
            base += 1_000_000
            results.setdefault((channel, load_rate), []).append(await runner(400, args.rate, args.seconds, base))
    print(f"{'channel':10} {'load':8} {'msgs/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'200 p99 ms':>11}"
          f"   (median of {args.repeat}; {len(SCRIPT)} messages per complaint, SQLite)")
    medians: dict[tuple[str, str], dict[str, float]] = {}
    for (channel, load), runs in results.items():
        med = {k: statistics.median(r[k] for r in runs) for k in ("per_s", "p50_ms", "p99_ms", "ack_p99_ms")}
        medians[(channel, load)] = med
        print(f"{channel:10} {load:8} {med['per_s']:8.0f} {med['p50_ms']:8.1f} {med['p99_ms']:8.1f} "
              f"{med['ack_p99_ms']:11.1f}")
    for load in ("max", load_rate):
        w, t = medians[("whatsapp", load)], medians[("telegram", load)]
        print(f"whatsapp/telegram at {load}: {w['per_s'] / t['per_s']:.2f}x msgs/s, "
              f"{w['p99_ms'] / t['p99_ms']:.2f}x p99")


if __name__ == "__main__":
    asyncio.run(main())
