"""Benchmark: durable updates/s and reply latency for 1 and 4 replicas on PostgreSQL and 1 on SQLite; memory
after 100,000 stored conversations against 1,000.

Scripted citizens file complaints through Telegram webhooks (a fake Bot API), each sending its next message
once the bot answered the previous one; every update goes to a replica picked at random. "Durable" means the
webhook answered 200: the update is committed with its turn. Latency is from the POST to the first reply
reaching the fake Bot API. Memory: the resident size of one replica after it has answered 2,000 updates from
citizens picked at random among 1,000 or 100,000 stored conversations (state lives in the database, so the
process should not grow with it).

Beside each set-up, the same with PTB's default stack for the Bot API calls (LAPORBOT_TELEGRAM_TRANSPORT=httpx,
python-telegram-bot's HTTPXRequest) instead of ours (pooled aiohttp), in the same run. The machine's load
(/proc/loadavg) is printed before and after.

    .venv/bin/python bench/replicas.py [--citizens 64] [--seconds 20] [--repeat 3] [--no-ptb]
                                       [--pg postgresql+asyncpg://postgres@127.0.0.1/x]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from models.db import Database  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402
from tests.ops.test_replicas import SCRIPT, SECRET, Cluster  # noqa: E402

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/laporbot_bench_replicas"


class Replies:
    """Counts the bot's messages per chat and when each chat last got one."""

    def __init__(self, fake: FakeTelegramAPI) -> None:
        self.count: dict[int, int] = {}
        self.at: dict[int, float] = {}
        self.events: dict[int, asyncio.Event] = {}
        original = fake._handlers["sendmessage"]

        async def on_send(params: dict[str, Any]) -> Any:
            result = await original(params)
            chat = int(params["chat_id"])
            self.count[chat] = self.count.get(chat, 0) + 1
            self.at[chat] = time.monotonic()
            if chat in self.events:
                self.events[chat].set()
            return result

        fake._handlers["sendmessage"] = on_send

    async def wait(self, chat: int, total: int) -> None:
        """Until the chat has received `total` messages."""
        event = self.events.setdefault(chat, asyncio.Event())
        while self.count.get(chat, 0) < total:
            event.clear()
            await asyncio.wait_for(event.wait(), 60)


async def post(cluster: Cluster, http: aiohttp.ClientSession, update: dict[str, Any], rng: random.Random) -> None:
    """One webhook POST to a random replica, retried elsewhere until it is accepted."""
    while True:
        url = cluster.url(rng.randrange(len(cluster.envs)))
        try:
            async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as resp:
                if resp.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.05)


async def drive(cluster: Cluster, fake: FakeTelegramAPI, citizens: int, seconds: float) -> dict[str, float]:
    """Citizens filing complaints for `seconds`; durable updates/s and latency percentiles."""
    replies = Replies(fake)
    latencies: list[float] = []
    sent = 0
    chats = iter(range(1_000_000, 10_000_000))
    stop_at = time.monotonic() + seconds

    async def one(http: aiohttp.ClientSession, rng: random.Random) -> None:
        nonlocal sent
        while time.monotonic() < stop_at:
            chat = next(chats)
            expected = 0
            for line, count in SCRIPT:
                started = time.monotonic()
                await post(cluster, http, fake.make_text(chat, line), rng)
                sent += 1
                expected += count
                await replies.wait(chat, expected)
                latencies.append(replies.at[chat] - started)
                if time.monotonic() >= stop_at:
                    return

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1024)) as http:
        started = time.monotonic()
        await asyncio.gather(*(one(http, random.Random(i)) for i in range(citizens)))
        elapsed = time.monotonic() - started
    latencies.sort()
    return {"updates_per_s": sent / elapsed, "p50_ms": 1000 * latencies[len(latencies) // 2],
            "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)], "updates": sent}


async def fresh_postgres(url: str) -> None:
    """Create the bench database if needed, empty it and migrate it."""
    import asyncpg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if not any(word in (parsed.database or "").lower() for word in ("bench", "test")):  # its schema is dropped below
        raise SystemExit(f"--pg names database {parsed.database!r}: use one whose name contains 'bench' or 'test'")
    admin = await asyncpg.connect(host=parsed.host, port=parsed.port or 5432, user=parsed.username,
                                  password=parsed.password, database="postgres")
    try:
        if not await admin.fetchval("select 1 from pg_database where datname = $1", parsed.database):
            await admin.execute(f'create database "{parsed.database}"')
    finally:
        await admin.close()
    db = Database(url)
    async with db.engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await db.migrate()
    await db.close()


async def throughput(name: str, url: str, replicas: int, citizens: int, seconds: float,
                     extra: dict[str, str] | None = None) -> dict[str, float]:
    """Start the replicas on a fresh database and drive them."""
    if url.startswith("postgresql"):
        await fresh_postgres(url)
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegramAPI(record=False) as fake:
            cluster = Cluster(fake, url, Path(tmp), replicas, **(extra or {}))
            await cluster.start()
            try:
                result = await drive(cluster, fake, citizens, seconds)
            finally:
                await cluster.stop()
    print(f"{name:44} {result['updates_per_s']:9.0f} {result['p50_ms']:8.1f} {result['p99_ms']:8.1f} "
          f"{int(result['updates']):8d}", flush=True)
    return result


STATE = {"flow": "complaint", "step": "ask_date", "answers": {
    "classification": "pengaduan", "body": "Jalan di depan sekolah berlubang besar dan sering membuat pengendara jatuh",
    "title": "Jalan di depan sekolah berlubang", "attachments": [{"kind": "photo", "ref": "AgACAgUAAxk-photo",
                                                                  "mime": "image/jpeg", "size": 80000, "name": None}]},
    "history": ["ask_classification", "ask_body", "ask_title"], "locale": "id", "invalid": 0, "editing": False,
    "overlay": None, "draft": None, "prompt_seq": 4, "updated_at": "2026-08-20T02:00:00+00:00"}


async def store_conversations(url: str, n: int) -> None:
    """n citizens, each with a conversation half-way through a complaint and one recorded message."""
    await fresh_postgres(url)
    db = Database(url)
    state = json.dumps(STATE)
    async with db.engine.begin() as conn:
        await conn.execute(text(
            "insert into citizen (channel, channel_user_id, display_name, created_at, last_inbound_at) "
            "select 'telegram', (5000000 + g)::text, 'Warga', now(), now() from generate_series(1, :n) g"), {"n": n})
        await conn.execute(text(
            "insert into conversation (citizen_id, flow, step, locale, state, updated_at) "
            "select id, 'complaint', 'ask_date', 'id', cast(:state as json), now() from citizen"), {"state": state})
        await conn.execute(text(
            "insert into inboundmessage (channel, channel_message_id, citizen_id, payload, status, received_at, "
            "handled_at) select 'telegram', 'seed-' || id, id, cast(:payload as json), 'handled', now(), now() "
            "from citizen"), {"payload": json.dumps({"text": STATE["answers"]["body"]})})  # type: ignore[index]
    await db.close()


def rss_mb(pid: int) -> float:
    """Resident set size of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def memory(url: str, stored: int, updates: int = 2000) -> float:
    """One replica's RSS after answering `updates` messages from citizens among `stored` conversations."""
    await store_conversations(url, stored)
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegramAPI(record=False) as fake:
            replies = Replies(fake)
            cluster = Cluster(fake, url, Path(tmp), 1)
            await cluster.start()
            try:
                async with aiohttp.ClientSession() as http:
                    async def citizen(worker: int) -> None:
                        for _ in range(updates // 20):
                            chat = 5_000_000 + rng.randint(1, stored)
                            before = replies.count.get(chat, 0)
                            await post(cluster, http, fake.make_text(chat, "kemarin"), rng)
                            await replies.wait(chat, before + 1)

                    await asyncio.gather(*(citizen(i) for i in range(20)))
                proc = cluster.procs[0]
                assert proc is not None and proc.proc is not None
                result = rss_mb(proc.proc.pid)
            finally:
                await cluster.stop()
    print(f"RSS after {updates:,} updates over {stored:>7,} stored conversations: {result:6.1f} MB", flush=True)
    return result


async def main() -> None:
    """Throughput and latency per set-up, medians of --repeat runs; then the memory comparison."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--no-ptb", action="store_true", help="without the PTB default stack beside each set-up")
    args = parser.parse_args()
    print(f"load before: {load()}", flush=True)
    print(f"{'set-up':44} {'updates/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'updates':>8}   ({args.citizens} citizens, "
          f"{args.seconds:g}s each)", flush=True)
    runs: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = f"sqlite+aiosqlite:///{tmp}/bench.db"
        setups: list[tuple[str, str, int, dict[str, str]]] = []
        for name, url, replicas in (("PostgreSQL, 1 replica", args.pg, 1), ("PostgreSQL, 4 replicas", args.pg, 4),
                                    ("SQLite, 1 replica", sqlite, 1)):
            setups.append((f"{name}, ours (aiohttp)", url, replicas, {}))
            if not args.no_ptb:
                setups.append((f"{name}, PTB default (httpx)", url, replicas, {"LAPORBOT_TELEGRAM_TRANSPORT": "httpx"}))
        for _ in range(args.repeat):
            for name, url, replicas, extra in setups:
                if url.startswith("sqlite"):
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{tmp}/bench.db{suffix}").unlink(missing_ok=True)
                runs.setdefault(name, []).append(await throughput(name, url, replicas, args.citizens, args.seconds,
                                                                  extra))
    if args.repeat > 1:
        print(f"medians of {args.repeat}:")
        for name, results in runs.items():
            med = {k: statistics.median(r[k] for r in results) for k in ("updates_per_s", "p50_ms", "p99_ms")}
            print(f"{name:44} {med['updates_per_s']:9.0f} {med['p50_ms']:8.1f} {med['p99_ms']:8.1f}")
    if not args.skip_memory:
        small = await memory(args.pg, 1_000)
        large = await memory(args.pg, 100_000)
        print(f"RSS growth from 1,000 to 100,000 stored conversations: {large - small:+.1f} MB (target <= 50 MB)")
    print(f"load after: {load()}", flush=True)


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes), as `uptime` shows them."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    asyncio.run(main())
