"""Benchmark: laporbot against a plain PTB bot and the machine's ceiling, filing complaints through Telegram webhooks.

Each scripted citizen types a whole complaint (15 messages); the next message goes once the bot has answered the
previous one. Targets, each a fresh process on a fresh database per run: ours on SQLite (`laporbot run`), ours on
PostgreSQL (a database created for the run and dropped after), the peer (bench/peer_ptb.py: a plain
python-telegram-bot ConversationHandler bot with PicklePersistence, httpx and tornado's webhook, not durable) and
the ceiling (bench/ceiling.py: aiohttp, one raw sqlite3 INSERT + COMMIT and one pooled JSON reply per update); and on
demand ours over PTB's httpx transport (ours-httpx) or with SQLite on aiosqlite's worker thread (ours-thread).
Per run: 32 complaints of warm-up, then either --citizens at once flat out (updates/s, CPU ms per update of the
process tree) or 400 citizens paced at --rate sends/s (reply latency: webhook POST -> first sendMessage at the fake;
CPU per update); RSS of the tree after the run; ready = process start -> first webhook answered. Runs interleaved
(the targets' order rotates every repeat), medians of --repeat, ratios against the ceiling and the peer.

    .venv/bin/python bench/telegram_bot.py [--targets ours-sqlite,ours-pg,peer,ceiling] [--citizens 64]
        [--rate 200] [--seconds 10] [--repeat 3] [--pg postgresql+asyncpg://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import pickle
import random
import resource
import secrets
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402
from tests.procs import TOKEN, LaporbotProcess, free_port  # noqa: E402

SCRIPT = [("/start", 1), ("1", 1), ("1", 1), ("Lampu jalan di gang kami mati sudah dua minggu lamanya", 1),
          ("1", 1), ("kemarin", 1), ("Gang Melati, Selong", 1), ("1", 1), ("tidak tahu", 1), ("1", 1), ("lanjut", 1),
          ("tidak", 1), ("tidak", 1), ("tidak", 1), ("kirim", 2)]
PACKAGES = ("bot", "handlers", "flows", "models")
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


async def pacer(queue: asyncio.Queue[None], rate: float, stop: asyncio.Event, poisson: bool = False) -> None:
    """Release sends at a fixed rate (open offered load); poisson: at random gaps of that mean, as citizens do."""
    interval = 1 / rate
    gaps = random.Random(rate)
    next_at = time.monotonic()
    while not stop.is_set():
        queue.put_nowait(None)
        next_at += gaps.expovariate(rate) if poisson else interval
        await asyncio.sleep(max(0, next_at - time.monotonic()))



@dataclass(frozen=True)
class Target:
    """One bot under test: `laporbot run` (ours) or a bench script, on SQLite or PostgreSQL, with extra settings."""

    name: str
    label: str = ""  # the table's row; the name where empty
    script: str | None = None  # bench/<script>; None: `laporbot run`
    postgres: bool = False
    env: dict[str, str] = field(default_factory=dict)


TARGETS = {t.name: t for t in (
    Target("ours-sqlite", "ours, SQLite"), Target("ours-pg", "ours, PostgreSQL", postgres=True),
    Target("peer", "plain PTB bot (ConversationHandler, PicklePersistence, httpx, tornado webhook; not durable)",
           "peer_ptb.py"),
    Target("ceiling", "ceiling: aiohttp handler + one raw sqlite3 INSERT/COMMIT + pooled JSON reply POST",
           "ceiling.py"),
    Target("ours-httpx", env={"LAPORBOT_TELEGRAM_TRANSPORT": "httpx"}),
    Target("ours-thread", env={"LAPORBOT_SQLITE_DRIVER": "thread"}))}
DEFAULT_TARGETS = ("ours-sqlite", "ours-pg", "peer", "ceiling")


class ScriptProcess:
    """A bench script (the peer, the ceiling) as its own process, started and stopped like LaporbotProcess."""

    def __init__(self, script: str, env: dict[str, str], log_path: Path) -> None:
        self.script = ROOT / "bench" / script
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
        self.log_path = log_path
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start; readiness is the caller's probe."""
        with self.log_path.open("ab") as log:
            self.proc = await asyncio.create_subprocess_exec(sys.executable, str(self.script), env=self.env,
                                                             cwd=str(ROOT), stdout=log, stderr=log)

    async def stop(self) -> int:
        """SIGTERM and wait (the peer saves its pickle on the way out)."""
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return await asyncio.wait_for(self.proc.wait(), 60)
            except TimeoutError:
                self.proc.kill()
        return await self.proc.wait()


@contextlib.asynccontextmanager
async def database(target: Target, tmp: str, pg: str) -> AsyncIterator[str]:
    """A fresh database for one run: a SQLite file in `tmp`, or a PostgreSQL database created now, dropped after."""
    if not target.postgres:
        yield f"sqlite+aiosqlite:///{tmp}/bench.db"
        return
    parts = urlsplit(pg)
    name = f"laporbot_bench_{secrets.token_hex(4)}"
    admin_url = parts._replace(scheme="postgresql", path="/postgres").geturl()
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield parts._replace(path=f"/{name}").geturl()
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def filed(target: Target, tmp: str, database_url: str) -> int:
    """Complaints the run filed, read from the target's own storage after it stopped (the workload really works)."""
    if target.script == "peer_ptb.py":
        with open(f"{tmp}/peer.pickle", "rb") as f:
            return len(pickle.load(f)["bot_data"].get("complaints", {}))
    if target.script == "ceiling.py":  # one row per message: a complaint is a script's last one
        with sqlite3.connect(f"{tmp}/ceiling.db") as check:
            return int(check.execute("SELECT count(*) FROM message WHERE text = 'kirim'").fetchone()[0])
    if target.postgres:
        conn = await asyncpg.connect(urlsplit(database_url)._replace(scheme="postgresql").geturl())
        try:
            return int(await conn.fetchval("SELECT count(*) FROM complaint"))
        finally:
            await conn.close()
    with sqlite3.connect(f"{tmp}/bench.db") as check:
        return int(check.execute("SELECT count(*) FROM complaint").fetchone()[0])


def _tree(pid: int) -> list[int]:
    """A process and all its descendants now alive."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError):
            for child in (task / "children").read_text().split():
                found += _tree(int(child))
    return found


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of the process tree: a cost per update that machine noise barely moves."""
    total = 0.0
    for p in _tree(pid):
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def tree_rss_mb(pid: int) -> float:
    """Resident memory of the process tree, MiB."""
    total = 0
    for p in _tree(pid):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


async def first_answer(fake: FakeTelegramAPI, http: aiohttp.ClientSession, url: str, chat: int) -> float:
    """Post /start until the webhook answers 200 (refused while the process starts); when it did."""
    deadline = time.monotonic() + 120
    while True:
        try:
            async with http.post(url, json=fake.make_text(chat, "/start"),
                                 headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as resp:
                if resp.status == 200:
                    return time.monotonic()
        except aiohttp.ClientConnectionError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"no webhook answer from {url}")
        await asyncio.sleep(0.01)  # a bench's poll of a starting process, not a test's wait


async def run_target(target: Target, citizens: int, rate: float | None, seconds: float, chat_base: int,
                     pg: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres",
                     poisson: bool = False) -> dict[str, float]:
    """Start the target fresh on a fresh database, warm it up, drive it (flat out, or paced at `rate`)."""
    with tempfile.TemporaryDirectory() as tmp:
        async with database(target, tmp, pg) as database_url, FakeTelegramAPI(record=False) as fake:
            replies = Replies(fake)
            port = free_port()
            url = f"http://127.0.0.1:{port}/webhooks/telegram"
            env = webhook_env(fake, port, url, database_url, PEER_PICKLE_FILE=f"{tmp}/peer.pickle",
                              CEILING_SQLITE_FILE=f"{tmp}/ceiling.db", **target.env)
            bot: LaporbotProcess | ScriptProcess = (
                ScriptProcess(target.script, env, Path(tmp) / "bot.log") if target.script
                else LaporbotProcess(env, Path(tmp) / "bot.log"))
            latencies: list[float] = []
            stop = asyncio.Event()
            pace: asyncio.Queue[None] | None = asyncio.Queue() if rate else None
            connector = aiohttp.TCPConnector(limit=512)
            async with aiohttp.ClientSession(connector=connector) as http:
                launched = time.monotonic()
                await bot.start()
                ready = await first_answer(fake, http, url, chat_base - 5000) - launched
                assert bot.proc is not None
                # Warm-up, not measured: a few whole complaints, so the numbers are the steady state and not
                # the first seconds of a fresh process (lazy imports, caches, SQLite pages).
                await asyncio.gather(*(citizen(chat_base - 1000 - i, fake, replies, http, url, [], None, stop)
                                       for i in range(WARMUP_CITIZENS)))
                started = time.monotonic()
                cpu_before = tree_cpu(bot.proc.pid)
                driver_before = _own_cpu()
                pace_task = (asyncio.create_task(pacer(pace, rate, stop, poisson)) if pace is not None and rate
                             else None)
                sent = await keep_citizens(lambda chat: citizen(chat, fake, replies, http, url, latencies, pace, stop),
                                           citizens, seconds, stop, chat_base)
                elapsed = time.monotonic() - started
                cpu = tree_cpu(bot.proc.pid) - cpu_before
                driver = _own_cpu() - driver_before
                rss = tree_rss_mb(bot.proc.pid)
                if pace_task:
                    pace_task.cancel()
            await bot.stop()
            complaints = await filed(target, tmp, database_url)
    latencies.sort()
    return {"updates_per_s": sent / elapsed, "p50_ms": 1000 * latencies[len(latencies) // 2],
            "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)], "updates": sent,
            "cpu_ms_per_update": 1000 * cpu / max(sent, 1), "complaints": complaints, "rss_mb": rss,
            "ready_s": ready, "driver_core": driver / elapsed}


def _own_cpu() -> float:
    """CPU seconds of this process (the citizens and the fake Bot API): near 1.0 core per second, it is the limit."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run(transport: str, citizens: int, rate: float | None, seconds: float, chat_base: int,
              sqlite_driver: str = "inline") -> dict[str, float]:
    """Ours on SQLite with this Telegram transport and SQLite driver (bench/telegram_compare.py's entry)."""
    target = Target(f"ours-{transport}-{sqlite_driver}",
                    env={"LAPORBOT_TELEGRAM_TRANSPORT": transport, "LAPORBOT_SQLITE_DRIVER": sqlite_driver})
    return await run_target(target, citizens, rate, seconds, chat_base)


def _ratio(medians: dict[tuple[str, str], dict[str, float]], a: str, b: str, load: str, key: str) -> str:
    """a/b of one median figure, or why not."""
    if (a, load) not in medians or (b, load) not in medians:
        return "n/a (target not run)"
    return f"{medians[(a, load)][key] / medians[(b, load)][key]:.2f}x"


def compile_checkout() -> None:
    """Byte-compile our packages, as the installed wheel is (pip compiles on install; this machine sets
    PYTHONDONTWRITEBYTECODE, so each start would otherwise compile ~150 of our modules from source)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(ROOT / p) for p in PACKAGES)], check=True,
                   stdout=subprocess.DEVNULL)


async def main() -> None:
    """Every target flat out and paced, interleaved, medians of --repeat runs; the table and the ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--targets", default=",".join(DEFAULT_TARGETS),
                        help=f"comma-separated, of {', '.join(TARGETS)}")
    parser.add_argument("--citizens", type=int, default=64)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres",
                        help="a PostgreSQL server whose user may create databases (for ours-pg)")
    args = parser.parse_args()
    targets = [TARGETS[name] for name in args.targets.split(",")]
    paced = f"{args.rate:g}/s"
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    print("load before:", Path("/proc/loadavg").read_text().strip(), flush=True)
    base = 1_000_000
    for i in range(args.repeat):
        order = targets[i % len(targets):] + targets[:i % len(targets)]  # each target first in turn
        for load, citizens, rate in (("max", args.citizens, None), (paced, 400, args.rate)):
            for target in order:
                base += 100_000
                r = await run_target(target, citizens, rate, args.seconds, base, args.pg)
                results.setdefault((target.name, load), []).append(r)
                print(f"run {i} {target.name:11} {load:6} {r['updates_per_s']:6.0f} upd/s  "
                      f"{r['cpu_ms_per_update']:5.2f} ms CPU/upd  p99 {r['p99_ms']:6.1f} ms  {r['rss_mb']:4.0f} MB  "
                      f"ready {r['ready_s']:.2f} s  {r['complaints']:.0f} complaints  "
                      f"driver {r['driver_core']:.2f} core", flush=True)
    print("load after:", Path("/proc/loadavg").read_text().strip())
    medians = {key: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for key, runs in results.items()}
    print(f"\n(median of {args.repeat}; {args.citizens} citizens flat out, 400 at {paced}; {WARMUP_CITIZENS} "
          "complaints of warm-up; fresh process and database per run)")
    print("| target | upd/s flat out | CPU ms/update flat out | p99 at " + paced + " | CPU ms/update at " + paced
          + " | RSS after the run | ready after start |")
    print("|---|---|---|---|---|---|---|")
    for target in targets:
        flat, slow = medians[(target.name, "max")], medians[(target.name, paced)]
        rss = [r["rss_mb"] for load in ("max", paced) for r in results[(target.name, load)]]
        ready = [r["ready_s"] for load in ("max", paced) for r in results[(target.name, load)]]
        print(f"| {target.label or target.name} | {flat['updates_per_s']:,.0f} | {flat['cpu_ms_per_update']:.2f} | "
              f"{slow['p99_ms']:.1f} ms | {slow['cpu_ms_per_update']:.2f} | {statistics.median(rss):.0f} MB | "
              f"{min(ready):.2f}–{max(ready):.2f} s |")
    print("the driver's own CPU flat out (cores; near 1.0 it, not the target, is the limit):",
          {t.name: round(medians[(t.name, "max")]["driver_core"], 2) for t in targets})
    p99s = {t.name: [round(r["p99_ms"], 1) for r in results[(t.name, paced)]] for t in targets}
    print(f"p99 at {paced} per repeat (ms):", p99s)
    print(f"ours/ceiling updates/s flat out: SQLite {_ratio(medians, 'ours-sqlite', 'ceiling', 'max', 'updates_per_s')}"
          f", PostgreSQL {_ratio(medians, 'ours-pg', 'ceiling', 'max', 'updates_per_s')}")
    print(f"ours/peer updates/s flat out: {_ratio(medians, 'ours-sqlite', 'peer', 'max', 'updates_per_s')}; "
          f"CPU per update flat out: {_ratio(medians, 'ours-sqlite', 'peer', 'max', 'cpu_ms_per_update')}; "
          f"CPU per update at {paced}: SQLite {_ratio(medians, 'ours-sqlite', 'peer', paced, 'cpu_ms_per_update')}, "
          f"PostgreSQL {_ratio(medians, 'ours-pg', 'peer', paced, 'cpu_ms_per_update')}")
    print(f"PostgreSQL/SQLite updates/s flat out: {_ratio(medians, 'ours-pg', 'ours-sqlite', 'max', 'updates_per_s')}")
    for other in ("ours-httpx", "ours-thread"):
        if (other, "max") in medians:
            print(f"ours-sqlite/{other}: {_ratio(medians, 'ours-sqlite', other, 'max', 'updates_per_s')} updates/s "
                  f"flat out, {_ratio(medians, 'ours-sqlite', other, 'max', 'cpu_ms_per_update')} CPU per update")
    print("complaints filed per run (warm-up included):",
          {f"{name} {load}": [int(r["complaints"]) for r in runs] for (name, load), runs in results.items()})


if __name__ == "__main__":
    compile_checkout()
    asyncio.run(main())
