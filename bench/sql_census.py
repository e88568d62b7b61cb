"""SQL statements, commits and WAL pages per update of `laporbot run` on SQLite, paced (or flat out).

The bot runs as in bench/telegram_bot.py (webhook, fake Bot API, fresh SQLite file), with a `sitecustomize`
placed ahead on its PYTHONPATH that puts a trace callback on every sqlite3 connection it opens and counts each
statement by its shape (literals and parameter lists folded). Checkpoints are refused for the run (an authorizer
denies `PRAGMA wal_checkpoint`, the connections' autocheckpoint is off), so the write-ahead log only grows: its
frames written during the measured window are its growth in bytes over (page size + 24). Counts are taken by
SIGUSR1 after the warm-up and at the end; the table is their difference per update sent.

    .venv/bin/python bench/sql_census.py [--rate 200] [--citizens 400] [--seconds 10] [--top 30]

Counting costs CPU: this is for counts, not times (bench/telegram_compare.py measures CPU).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sqlite3
import sys
import tempfile
import textwrap
import time
from collections import Counter
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from telegram_bot import WARMUP_CITIZENS, Replies, citizen, first_answer, keep_citizens, pacer, webhook_env  # noqa: E402

from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402
from tests.procs import LaporbotProcess, free_port  # noqa: E402

SITECUSTOMIZE = textwrap.dedent('''
    import json, os, re, signal, sqlite3, threading
    from collections import Counter
    _counts = Counter()
    _lock = threading.Lock()
    _shape = re.compile(r"\\(\\?(?:,\\s*\\?)*\\)(?:,\\s*\\(\\?(?:,\\s*\\?)*\\))*|'[^']*'|\\b\\d+\\b")
    _connect = sqlite3.connect

    def _trace(sql):
        key = " ".join(_shape.sub("_", sql).split())[:150]
        with _lock:
            _counts[key] += 1

    def _authorize(action, arg1, arg2, db, source):
        if action == sqlite3.SQLITE_PRAGMA and arg1 == "wal_checkpoint":
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    def connect(*args, **kwargs):
        conn = _connect(*args, **kwargs)
        conn.set_trace_callback(_trace)
        conn.set_authorizer(_authorize)
        conn.execute("PRAGMA wal_autocheckpoint=0")
        return conn

    sqlite3.connect = connect

    def _dump(signum, frame):
        with _lock:
            snapshot = dict(_counts)
        path = os.environ["CENSUS_FILE"]
        with open(path + ".tmp", "w") as f:
            json.dump(snapshot, f)
        os.replace(path + ".tmp", path)

    signal.signal(signal.SIGUSR1, _dump)
''')


async def snapshot(proc: asyncio.subprocess.Process, path: Path, wal: Path) -> tuple[Counter[str], int]:
    """The bot's statement counts now (SIGUSR1, then its file) and the WAL's size in bytes."""
    path.unlink(missing_ok=True)
    proc.send_signal(signal.SIGUSR1)
    for _ in range(500):  # the bot answers between two bytecodes of its loop
        if path.exists():
            break
        await asyncio.sleep(0.01)
    return Counter(json.loads(path.read_text())), wal.stat().st_size


async def census(rate: float | None, citizens: int, seconds: float) -> tuple[Counter[str], Counter[str], int]:
    """One run: warm-up, counts, the measured window, counts; the differences per update."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "sitecustomize.py").write_text(SITECUSTOMIZE)
        census_file = Path(tmp) / "census.json"
        async with FakeTelegramAPI(record=False) as fake:
            replies = Replies(fake)
            port = free_port()
            url = f"http://127.0.0.1:{port}/webhooks/telegram"
            env = webhook_env(fake, port, url, f"sqlite+aiosqlite:///{tmp}/bench.db",
                              PYTHONPATH=f"{tmp}{os.pathsep}{ROOT}", CENSUS_FILE=str(census_file))
            bot = LaporbotProcess(env, Path(tmp) / "bot.log")
            stop = asyncio.Event()
            pace: asyncio.Queue[None] | None = asyncio.Queue() if rate else None
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=512)) as http:
                await bot.start()
                assert bot.proc is not None
                await first_answer(fake, http, url, 1)
                await asyncio.gather(*(citizen(1000 + i, fake, replies, http, url, [], None, stop)
                                       for i in range(WARMUP_CITIZENS)))
                await asyncio.sleep(0.5)  # the warm-up's last sent marks carried
                wal = Path(tmp) / "bench.db-wal"
                before, wal_before = await snapshot(bot.proc, census_file, wal)
                pace_task = asyncio.create_task(pacer(pace, rate, stop)) if pace is not None and rate else None
                started = time.monotonic()
                sent = await keep_citizens(
                    lambda chat: citizen(chat, fake, replies, http, url, [], pace, stop),
                    citizens, seconds, stop, 100_000)
                elapsed = time.monotonic() - started
                await asyncio.sleep(0.5)
                after, wal_after = await snapshot(bot.proc, census_file, wal)
                pages = wal_pages(Path(tmp) / "bench.db", wal, wal_before, wal_after)
                if pace_task:
                    pace_task.cancel()
            await bot.stop()
    counts = after - before
    total = sum(counts.values())
    commits = sum(n for k, n in counts.items() if k.upper().startswith("COMMIT"))
    frames = (wal_after - wal_before) / (4096 + 24)
    print(f"{'paced at ' + format(rate, 'g') + '/s' if rate else 'flat out'}: {sent} updates in {elapsed:.1f} s; "
          f"per update: {total / sent:.2f} statements, {commits / sent:.3f} commits, {frames / sent:.2f} WAL pages "
          f"({frames / max(commits, 1):.2f} a commit)")
    return counts, pages, sent


def wal_pages(db: Path, wal: Path, start: int, end: int) -> Counter[str]:
    """Frames the WAL gained between two sizes, by the table or index owning each page (dbstat)."""
    size = 4096 + 24
    data = wal.read_bytes()[start:end]
    numbers = [int.from_bytes(data[i:i + 4], "big") for i in range(0, len(data) - size + 1, size)]
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        owner = dict(conn.execute("SELECT pageno, name FROM dbstat"))
    return Counter(owner.get(n, "(free or new)") for n in numbers)


def main() -> None:
    """Parse the arguments, run once, print the statements per update, most frequent first."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200, help="0: flat out")
    parser.add_argument("--citizens", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    counts, pages, sent = asyncio.run(census(args.rate or None, args.citizens, args.seconds))
    print("WAL pages per update, by owner:")
    for name, n in pages.most_common():
        print(f"{n / sent:7.3f}  {name}")
    print("statements per update:")
    for sql, n in counts.most_common(args.top):
        print(f"{n / sent:7.3f}  {sql}")


if __name__ == "__main__":
    main()
