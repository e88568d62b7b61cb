"""Benchmark the forwarding outbox: drain rate into a fake LAPOR! server, and recovery after an outage.

The fake server runs in a subprocess so its work does not share the workers' event loop or core.
Complaints are bulk-inserted already queued, each with its admin case (the chat pipeline is not what is
measured), then `run_workers` drains them: each is claimed with a lease, POSTed, and recorded with its
status change, its admin case's new version and the citizen's "terkirim" notification, as in production.
With --reps > 1 each setting shows the median run and the range (the machine is shared).

Run: ``.venv/bin/python bench/forwarding.py [--n 5000] [--workers 1 2 4] [--batch 32 100] [--reps 3]
[--outage 10] [--pg postgresql+asyncpg://postgres@127.0.0.1:5432/laporbot_bench]``. The PostgreSQL database named in
--pg is created if missing and its schema is dropped and re-created: never point it at real data.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import col, select  # noqa: E402

from bot.app import Core  # noqa: E402
from bot.core.tracking import from_number  # noqa: E402
from bot.forwarding.central import LaporAdapter, parse_mapping  # noqa: E402
from bot.forwarding.settings import ForwardingSettings  # noqa: E402
from bot.forwarding.workers import run_workers  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.understanding.agency_directory import ListAgencies  # noqa: E402
from bot.wiring import build_core  # noqa: E402
from models.admin import AdminCase  # noqa: E402
from models.db import Database  # noqa: E402
from models.forwarding import ForwardJob  # noqa: E402
from models.tables import Citizen, Complaint, StatusChange  # noqa: E402

MAPPING = parse_mapping({
    "lapor": {"user_id": 5218120, "channel_id": 13, "default_category_id": 436},
    "classifications": {"pengaduan": 1, "aspirasi": 2, "informasi": 3},
})
SERVE = """
import asyncio, sys
sys.path.insert(0, {root!r})
from tests.fakes.central_lapor import FakeLaporServer

async def main():
    fake = FakeLaporServer()
    print(await fake.start(), flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = (await reader.readline()).decode().strip()
        if line in ("", "quit"):
            break
        if line == "down":
            await fake.refuse_connections()
        elif line == "up":
            await fake.accept_connections()
        elif line == "count":
            print(fake.create_calls, len(fake.complaints), flush=True)
    await fake.stop()

asyncio.run(main())
"""


class FakeServer:
    """The fake LAPOR! server in its own process, steered over stdin."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", SERVE.format(root=str(ROOT))], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()

    def tell(self, command: str) -> str | None:
        """Send a command; `count` answers "create_calls complaints"."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip() if command == "count" else None

    def close(self) -> None:
        """Stop the process."""
        if self.proc.poll() is None:
            self.tell("quit")
            self.proc.wait(10)


async def prepare_postgres(url: str) -> None:
    """Create the bench database if needed and give it a fresh schema."""
    import asyncpg

    parsed = make_url(url)
    if not any(word in (parsed.database or "").lower() for word in ("bench", "test")):  # its schema is dropped below
        raise SystemExit(f"--pg names database {parsed.database!r}: use one whose name contains 'bench' or 'test'")
    admin = await asyncpg.connect(host=parsed.host, port=parsed.port or 5432, user=parsed.username,
                                  password=parsed.password, database="postgres")
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", parsed.database)
        if not exists:
            await admin.execute(f'CREATE DATABASE "{parsed.database}"')
    finally:
        await admin.close()
    db = Database(url)
    async with db.engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await db.close()


async def fresh_core(url: str) -> Core:
    """A migrated database with an empty outbox."""
    if url.startswith("postgresql"):
        await prepare_postgres(url)
    else:
        path = Path(url.removeprefix("sqlite+aiosqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    settings = Settings(database_url=url, extra={"LAPORBOT_CENTRAL": "lapor"})
    return await build_core(settings, agencies=ListAgencies([("52.03.dlh", "Dinas Lingkungan Hidup")]))


async def enqueue(core: Core, n: int, offset: int = 0) -> None:
    """n complaints, each queued for forwarding and marked 'sending', as the chat path leaves them."""
    now = datetime.now(UTC)
    body = "Sampah di pasar menumpuk sudah seminggu tidak diangkut, baunya sampai ke permukiman warga. " * 3
    async with core.db.write() as session:
        start = (await session.execute(select(func.coalesce(func.max(Citizen.id), 0)))).scalar_one()
        first = (await session.execute(select(func.coalesce(func.max(Complaint.id), 0)))).scalar_one()
        await session.execute(insert(Citizen), [
            {"channel": "telegram", "channel_user_id": f"bench-{offset + i}", "created_at": now} for i in range(n)])
        citizens = list(range(start + 1, start + n + 1))
        await session.execute(insert(Complaint), [
            {"tracking_no": from_number(offset + i + 1), "citizen_id": citizens[i], "channel": "telegram",
             "classification": "pengaduan", "title": "Sampah di pasar menumpuk", "body": body,
             "location_text": "Pasar Selong", "status": "sending", "locale": "id", "is_anonymous": False,
             "is_secret": False, "contact_consent": False, "created_at": now, "updated_at": now}
            for i in range(n)])
        rows = (await session.execute(select(Complaint.id, Complaint.tracking_no)
                                      .where(col(Complaint.id) > first).order_by(col(Complaint.id)))).all()
        await session.execute(insert(StatusChange), [
            {"complaint_id": cid, "status": "sending", "actor": "forwarding", "at": now} for cid, _ in rows])
        await session.execute(insert(AdminCase), [  # as the admin hook leaves every new complaint
            {"complaint_id": cid, "status_seen": "sending", "created_at": now, "updated_at": now} for cid, _ in rows])
        await session.execute(insert(ForwardJob), [
            {"complaint_id": cid, "idempotency_key": f"laporbot-{cid}-{tracking}", "created_at": now,
             "updated_at": now, "followups_seen": []} for cid, tracking in rows])


async def sent_count(core: Core) -> int:
    """Entries acknowledged so far."""
    async with core.db.read() as session:
        query = select(func.count()).select_from(ForwardJob).where(ForwardJob.status == "sent")
        return int((await session.execute(query)).scalar_one())


async def wait_sent(core: Core, n: int, limit: float = 600) -> float:
    """Seconds until n entries are sent."""
    start = time.perf_counter()
    while await sent_count(core) < n:
        if time.perf_counter() - start > limit:
            raise TimeoutError(f"only {await sent_count(core)} of {n} sent")
        await asyncio.sleep(0.02)
    return time.perf_counter() - start


def config(workers: int, batch: int) -> ForwardingSettings:
    """Production defaults except the knobs under test."""
    return ForwardingSettings(central="lapor", workers=workers, batch=batch, idle=0.05)


RUNS = iter(range(1, 1_000_000))


def fresh_offset() -> int:
    """Tracking numbers (hence idempotency keys) unused by earlier runs against the same fake server."""
    return next(RUNS) * 1_000_000


async def drain(url: str, server: FakeServer, n: int, workers: int, batch: int) -> tuple[float, float]:
    """Complaints per second from a full outbox to acknowledged and recorded, and CPU ms per complaint."""
    core = await fresh_core(url)
    await enqueue(core, n, fresh_offset())
    adapter = LaporAdapter(server.url, "test-token", "Bearer test-authorization", MAPPING)
    stop = asyncio.Event()
    before = int((server.tell("count") or "0 0").split()[1])
    cpu = time.process_time()
    task = asyncio.create_task(run_workers(core, workers, stop, adapter=adapter, config=config(workers, batch)))
    elapsed = await wait_sent(core, n)
    cpu = time.process_time() - cpu
    stop.set()
    await task
    await adapter.close()
    after = int((server.tell("count") or "0 0").split()[1])
    assert after - before == n, f"{after - before} remote complaints for {n} sent"
    await core.close()
    return n / elapsed, 1000 * cpu / n


async def outage(url: str, server: FakeServer, n: int, workers: int, batch: int, seconds: float) -> tuple[float, int]:
    """Seconds from the server coming back to everything recorded, after `seconds` of refused connections."""
    core = await fresh_core(url)
    adapter = LaporAdapter(server.url, "test-token", "Bearer test-authorization", MAPPING, timeout=5)
    before = int((server.tell("count") or "0 0").split()[1])
    server.tell("down")
    await enqueue(core, n, fresh_offset())
    stop = asyncio.Event()
    task = asyncio.create_task(run_workers(core, workers, stop, adapter=adapter, config=config(workers, batch)))
    await asyncio.sleep(seconds)
    server.tell("up")
    recovery = await wait_sent(core, n)
    stop.set()
    await task
    await adapter.close()
    async with core.db.read() as session:
        tries = int((await session.execute(select(func.sum(ForwardJob.sends)))).scalar_one())
    after = int((server.tell("count") or "0 0").split()[1])
    assert after - before == n, f"{after - before} remote complaints for {n} sent"
    await core.close()
    return recovery, tries


async def main() -> None:
    """Run the measurements and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="complaints per drain run")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--batch", type=int, nargs="+", default=[32, 100])
    parser.add_argument("--outage", type=float, default=10.0, help="seconds the server refuses connections")
    parser.add_argument("--outage-n", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=1, help="runs per setting; the median is shown, with the range")
    parser.add_argument("--pg", default=None, help="also run on this PostgreSQL database (reset!)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    tmp = tempfile.mkdtemp(prefix="laporbot-bench-")
    urls = {"sqlite": f"sqlite+aiosqlite:///{tmp}/bench.db"}
    if args.pg:
        urls["postgresql"] = args.pg
    server = FakeServer()
    print(f"forwarding bench: {args.n} complaints per run, fake LAPOR! in a subprocess at {server.url}, "
          f"{os.cpu_count()} CPUs")
    try:
        print(f"{'database':<11} {'workers':>7} {'batch':>5} {'complaints/s':>13} {'range':>11} {'cpu ms each':>12}")
        for name, url in urls.items():
            for workers in args.workers:
                for batch in args.batch:
                    runs = sorted([await drain(url, server, args.n, workers, batch) for _ in range(args.reps)])
                    rate, cpu = runs[len(runs) // 2]  # the median run (the upper one of an even count)
                    spread = f"{runs[0][0]:.0f}-{runs[-1][0]:.0f}"
                    print(f"{name:<11} {workers:>7} {batch:>5} {rate:>13.0f} {spread:>11} {cpu:>12.2f}", flush=True)
        print(f"\nbacklog recovery: {args.outage_n} complaints queued during a {args.outage:.0f} s outage "
              "(connections refused), default backoff (base 2 s, full jitter), waiting retries pulled forward "
              "on recovery")
        print(f"{'database':<11} {'workers':>7} {'batch':>5} {'after recovery':>15} {'tries':>7}")
        for name, url in urls.items():
            trials = sorted([await outage(url, server, args.outage_n, 2, 100, args.outage) for _ in range(args.reps)])
            recovery, tries = trials[len(trials) // 2]
            spread = f" ({trials[0][0]:.1f}-{trials[-1][0]:.1f})" if len(trials) > 1 else ""
            print(f"{name:<11} {2:>7} {100:>5} {recovery:>13.1f} s {tries:>7}{spread}", flush=True)
        core = await fresh_core(urls["sqlite"])
        await enqueue(core, args.outage_n, fresh_offset())
        adapter = LaporAdapter(server.url, "test-token", "Bearer test-authorization", MAPPING)
        stop = asyncio.Event()
        task = asyncio.create_task(run_workers(core, 2, stop, adapter=adapter, config=config(2, 100)))
        cold = await wait_sent(core, args.outage_n)
        stop.set()
        await task
        await adapter.close()
        await core.close()
        print(f"cold backlog (queued while forwarding was off, then workers start): {args.outage_n} complaints "
              f"in {cold:.1f} s (sqlite, 2 workers, batch 100)")
    finally:
        server.close()


if __name__ == "__main__":
    asyncio.run(main())
