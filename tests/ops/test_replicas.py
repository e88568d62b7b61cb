"""Several `laporbot run` replicas on one PostgreSQL database, under load, kill -9 and a database outage.

Every update goes to a replica picked at random (a load balancer in front of Telegram's webhook); a failed
or refused POST is retried on another one, as Telegram redelivers. Scripted citizens send their next
message once the bot answered the previous one. What must hold: every message recorded and handled once,
in order; one complaint per citizen; every reply sent (once, when nothing crashes); the forwarding
outbox drained once by workers running beside every replica.

PostgreSQL only: the replicas coordinate through row locks (SELECT … FOR UPDATE), atomic claims and
SKIP LOCKED, and SQLite is a single process's database.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import sys
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import suppress
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import pytest
from sqlalchemy import func
from sqlmodel import col, select

from bot.core.messages import Reply
from models.db import Database
from models.forwarding import ForwardJob
from models.tables import Citizen, Complaint, Conversation, InboundMessage, OutgoingMessage
from tests.conftest import PG_URL
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.procs import ROOT, TOKEN, LaporbotProcess, free_port

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not PG_URL, reason="replicas share one PostgreSQL database (row locks, SKIP LOCKED); "
                                                    "set LAPORBOT_TEST_DATABASE_URL — the PostgreSQL pass runs these")]

SECRET = "replica-secret-long-enough-for-config-check"
STORY = "Lampu jalan di gang kami mati sudah dua minggu lamanya"
SCRIPT: list[tuple[str, int]] = [
    ("/start", 1), ("1", 1), ("1", 1), (STORY, 1), ("1", 1), ("kemarin", 1), ("Puskesmas Sakra", 1),
    ("tidak tahu", 1), ("1", 1), ("lanjut", 1), ("tidak", 1), ("tidak", 1), ("tidak", 1), ("kirim", 2)]
LPR = re.compile(r"LPR-[0-9A-Z]{7}")
RECLAIMED = timedelta(seconds=55)  # sent this long after its turn: its first 60 s claim had run out
LEASE_WAIT = 120.0  # a reply claimed by a killed replica waits for its 60 s lease, then any replica sends it


class Inboxes:
    """What the fake Telegram delivered to each chat, in order, with waiters woken on every message."""

    def __init__(self, fake: FakeTelegramAPI) -> None:
        self.texts: dict[int, list[str]] = {}
        self._changed: dict[int, asyncio.Event] = {}
        original = fake._handlers["sendmessage"]

        async def on_send(params: dict[str, Any]) -> Any:
            result = await original(params)
            chat = int(params["chat_id"])
            self.texts.setdefault(chat, []).append(LPR.sub("LPR-#", str(params["text"])))
            self._changed.setdefault(chat, asyncio.Event()).set()
            return result

        fake._handlers["sendmessage"] = on_send

    async def until(self, chat: int, done: Any, timeout: float) -> None:  # noqa: ASYNC109
        """Wait until done(texts of the chat) holds."""
        deadline = time.monotonic() + timeout
        event = self._changed.setdefault(chat, asyncio.Event())
        while not done(self.texts.get(chat, [])):
            event.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"chat {chat}: got {self.texts.get(chat, [])[-3:]}")
            with suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), min(remaining, 1.0))


def contains_in_order(received: Sequence[str], expected: Sequence[str]) -> bool:
    """Whether expected is a subsequence of received (extra, re-sent messages allowed in between)."""
    found = iter(received)
    return all(any(text == item for item in found) for text in expected)


class Cluster:
    """N replicas of `laporbot run` on one database, each on a port of its own; killed and restarted at will."""

    def __init__(self, fake: FakeTelegramAPI, url: str, tmp: Path, n: int, **extra: str) -> None:
        agencies = tmp / "agencies.csv"
        agencies.write_text("code,name\ndinkes,Dinas Kesehatan Kabupaten Lombok Timur\n", encoding="utf-8")
        self.envs = []
        for _ in range(n):
            port = free_port()
            self.envs.append({
                "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.base_url,
                "TELEGRAM_FILE_BASE_URL": fake.base_file_url, "DATABASE_URL": url,
                "LAPORBOT_AGENCIES_CSV": str(agencies),
                "LAPORBOT_PORT": str(port), "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/webhooks/telegram",
                "TELEGRAM_WEBHOOK_SECRET": SECRET, "LAPORBOT_TELEGRAM_RATE": "100000",
                "LAPORBOT_TELEGRAM_CHAT_BURST": "1000", "LOG_LEVEL": "WARNING", **extra})
        self.tmp = tmp
        self.procs: list[LaporbotProcess | None] = [None] * n
        self.posts = [0] * n

    def url(self, index: int) -> str:
        """A replica's webhook."""
        return str(self.envs[index]["TELEGRAM_WEBHOOK_URL"])

    async def start(self, index: int | None = None) -> None:
        """Start one replica, or all at once."""
        indexes = range(len(self.envs)) if index is None else [index]

        async def one(i: int) -> None:
            proc = LaporbotProcess(self.envs[i], self.tmp / f"replica{i}.log")
            await proc.start(timeout=60)
            self.procs[i] = proc

        await asyncio.gather(*(one(i) for i in indexes))

    async def kill(self, index: int) -> None:
        """SIGKILL one replica."""
        proc = self.procs[index]
        if proc is not None:
            await proc.kill()

    async def stop(self) -> list[int]:
        """SIGTERM every replica; their exit codes."""
        return list(await asyncio.gather(*(p.stop() for p in self.procs if p is not None)))

    async def ready(self, index: int, http: aiohttp.ClientSession) -> int:
        """GET /readyz of one replica (0 when it does not answer)."""
        try:
            async with http.get(self.url(index).replace("/webhooks/telegram", "/readyz"),
                                timeout=aiohttp.ClientTimeout(total=5)) as resp:
                return resp.status
        except (aiohttp.ClientError, TimeoutError):
            return 0


async def deliver(cluster: Cluster, update: dict[str, Any], http: aiohttp.ClientSession, rng: random.Random,
                  deadline: float = 120.0) -> None:
    """POST an update to a random replica until one answers 200 (Telegram's redelivery)."""
    give_up = time.monotonic() + deadline
    while True:
        index = rng.randrange(len(cluster.envs))
        try:
            async with http.post(cluster.url(index), json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                                 timeout=aiohttp.ClientTimeout(total=30)) as resp:
                await resp.read()
                if resp.status == 200:
                    cluster.posts[index] += 1
                    return
        except (aiohttp.ClientError, TimeoutError):
            pass  # killed, restarting, or its database away: another replica, or the same one later
        if time.monotonic() > give_up:
            raise TimeoutError(f"update {update['update_id']} never accepted")
        await asyncio.sleep(rng.uniform(0.1, 0.4))


async def citizen(chat: int, fake: FakeTelegramAPI, cluster: Cluster, inboxes: Inboxes, expected: list[list[str]],
                  http: aiohttp.ClientSession, seed: int) -> int:
    """One person filing one complaint; the next message only after the bot's answer to the previous one."""
    rng = random.Random(seed)
    wanted: list[str] = []
    for (text, _), replies in zip(SCRIPT, expected, strict=True):
        await deliver(cluster, fake.make_text(chat, text), http, rng)
        wanted += replies
        await inboxes.until(chat, lambda got, w=list(wanted): contains_in_order(got, w), LEASE_WAIT)
    return len(SCRIPT)


async def reference(fake: FakeTelegramAPI, cluster: Cluster, inboxes: Inboxes, http: aiohttp.ClientSession
                    ) -> list[list[str]]:
    """What the script's messages are answered with, learnt from one citizen on the running cluster."""
    chat = 7_000_000
    got: list[list[str]] = []
    rng = random.Random(1)
    for text, count in SCRIPT:
        before = len(inboxes.texts.get(chat, []))
        await deliver(cluster, fake.make_text(chat, text), http, rng)
        await inboxes.until(chat, lambda t, n=before + count: len(t) >= n, 30)
        got.append(inboxes.texts[chat][before:before + count])
    return got


async def settled(db: Database, updates: int, within: float = LEASE_WAIT) -> None:
    """Until every update is recorded and handled, and every reply is sent."""
    deadline = time.monotonic() + within
    while True:
        async with db.read() as session:
            inbound = dict((await session.exec(select(InboundMessage.status, func.count()).group_by(
                col(InboundMessage.status)))).all())
            outgoing = dict((await session.exec(select(OutgoingMessage.status, func.count()).group_by(
                col(OutgoingMessage.status)))).all())
        if inbound == {"handled": updates} and set(outgoing) == {"sent"}:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"not settled: inbound {inbound}, outgoing {outgoing}")
        await asyncio.sleep(0.5)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramAPI]:
    """A fake Bot API on 127.0.0.1."""
    async with FakeTelegramAPI() as api:
        yield api


async def run_citizens(n: int, base: int, fake: FakeTelegramAPI, cluster: Cluster, inboxes: Inboxes,
                       expected: list[list[str]], http: aiohttp.ClientSession) -> None:
    """n citizens at once."""
    await asyncio.wait_for(asyncio.gather(*(citizen(base + i, fake, cluster, inboxes, expected, http, base + i)
                                            for i in range(n))), 600)


def said(payload: dict[str, Any]) -> str:
    """What a recorded message said, as the script wrote it."""
    return str(payload.get("text") or f"/{payload.get('command')}")


async def check_once(db: Database, inboxes: Inboxes, expected: list[list[str]], chats: Sequence[int]
                     ) -> dict[str, int]:
    """Handled once and in order (proved from the database), delivered in order, one complaint per citizen.

    Handling: each citizen's messages are recorded once, in the script's order, and each one's replies are
    the ones the script expects at that point — a message handled out of turn would have been answered
    from the wrong step. Delivery: every reply reached the chat, in order. A reply may arrive twice only
    when a send of it failed and was retried (Telegram has no idempotency key: a sendMessage that timed out
    or whose answer was lost in a crash may have gone through); each such extra is counted.
    """
    transcript = [t for replies in expected for t in replies]
    async with db.read() as session:
        citizens = dict((await session.exec(select(Citizen.channel_user_id, Citizen.id))).all())
        inbound = (await session.exec(select(InboundMessage).order_by(col(InboundMessage.id)))).all()
        outgoing = (await session.exec(select(OutgoingMessage).where(col(OutgoingMessage.kind) == "reply")
                                       .order_by(col(OutgoingMessage.id)))).all()
        complaints = (await session.exec(select(Complaint))).all()
        jobs = (await session.exec(select(func.count()).select_from(ForwardJob))).one()
    by_inbound: dict[int, list[OutgoingMessage]] = {}
    for row in outgoing:
        by_inbound.setdefault(row.inbound_id or 0, []).append(row)
    figures = {"chats": len(chats), "retried_sends": 0, "extra_deliveries": 0}
    for chat in chats:
        mine = [m for m in inbound if m.citizen_id == citizens[str(chat)]]
        assert [said(m.payload) for m in mine] == [text for text, _ in SCRIPT], f"chat {chat}: recorded once each"
        answers = [[LPR.sub("LPR-#", Reply.from_json(r.payload).text) for r in by_inbound.get(m.id or 0, [])]
                   for m in mine]
        assert answers == expected, f"chat {chat}: a message was handled out of turn"
        rows = [r for m in mine for r in by_inbound.get(m.id or 0, [])]
        # A send may have gone out twice when it failed and was retried, or when its first claim ran out
        # (the claiming replica was killed between sending and recording): then it was sent a lease later.
        retried = sum(r.attempts - 1 + (r.sent_at is not None and r.sent_at - r.created_at >= RECLAIMED)
                      for r in rows)
        got = inboxes.texts.get(chat, [])
        assert contains_in_order(got, transcript), f"chat {chat}: a reply is missing or out of order"
        assert len(got) - len(transcript) <= retried, f"chat {chat}: a reply arrived twice without a failed send"
        figures["retried_sends"] += retried
        figures["extra_deliveries"] += len(got) - len(transcript)
    by_citizen = [c.citizen_id for c in complaints]
    assert len(complaints) == len(chats) + 1 and len(set(by_citizen)) == len(by_citizen), "one complaint each"
    assert all(c.body == STORY for c in complaints)
    assert jobs == len(complaints), "one forwarding outbox entry per complaint"
    return figures


async def test_four_replicas_200_citizens_every_message_once_in_order(fake: FakeTelegramAPI, db: Database,
                                                                      tmp_path: Path) -> None:
    """4 replicas, 200 citizens, every update to a random replica: all once, in order; outboxes drained once."""
    inboxes = Inboxes(fake)
    cluster = Cluster(fake, db.url, tmp_path, 4)
    await cluster.start()
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=400)) as http:
            expected = await reference(fake, cluster, inboxes, http)
            started = time.monotonic()
            await run_citizens(200, 10_000, fake, cluster, inboxes, expected, http)
            elapsed = time.monotonic() - started
        updates = 201 * len(SCRIPT)
        await settled(db, updates)
        figures = await check_once(db, inboxes, expected, range(10_000, 10_200))
        assert all(n > 200 for n in cluster.posts), f"every replica took its share: {cluster.posts}"
        async with db.read() as session:
            attempts = (await session.exec(select(OutgoingMessage.attempts))).all()
        # Each outbox entry is claimed by one replica and sent once; a second attempt only follows a failed one
        # (a Bot API timeout on an overloaded machine), and check_once bounds what that may repeat.
        assert all(a >= 1 for a in attempts) and sum(a - 1 for a in attempts) <= figures["retried_sends"]
        print(f"\n4 replicas: {updates} updates in {elapsed:.1f}s ({updates / elapsed:.0f}/s), per replica "
              f"{cluster.posts}, {figures}")
    finally:
        assert set(await cluster.stop()) <= {0}
    await forwarding_drained_once(db, tmp_path)


async def forwarding_drained_once(db: Database, tmp_path: Path) -> None:
    """`laporbot worker` beside each of 4 replicas: every complaint reaches the (fake) LAPOR! exactly once."""
    from tests.fakes.central_lapor import FakeLaporServer

    mapping = tmp_path / "mapping.yaml"
    mapping.write_text((ROOT / "bot/data/central_mapping.example.yaml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    async with FakeLaporServer() as lapor:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": db.url, "LAPORBOT_CENTRAL": "lapor",
               "LAPORBOT_CENTRAL_URL": lapor.base_url, "LAPORBOT_CENTRAL_TOKEN": "test-token",
               "LAPORBOT_CENTRAL_AUTHORIZATION": "Bearer test-authorization",
               "LAPORBOT_CENTRAL_MAPPING": str(mapping), "LAPORBOT_FORWARD_IDLE": "0.05",
               "LAPORBOT_FORWARD_BATCH": "10", "LOG_LEVEL": "WARNING"}
        env.pop("TELEGRAM_BOT_TOKEN", None)
        workers = [await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli", "worker", env=env,
                                                        cwd=str(ROOT), stderr=(tmp_path / f"worker{i}.log").open("ab"))
                   for i in range(4)]
        try:
            deadline = time.monotonic() + 120
            while True:
                async with db.read() as session:
                    states = dict((await session.exec(select(ForwardJob.status, func.count()).group_by(
                        col(ForwardJob.status)))).all())
                if set(states) == {"sent"}:
                    break
                assert time.monotonic() < deadline, f"forwarding not drained: {states}"
                await asyncio.sleep(0.5)
        finally:
            for proc in workers:
                proc.send_signal(signal.SIGTERM)
            for proc in workers:
                try:
                    await asyncio.wait_for(proc.wait(), 120)
                except TimeoutError:
                    proc.kill()
        # One remote complaint per entry; a create retried after a timeout carries the same idempotency key.
        assert len(lapor.complaints) == states["sent"] == len(lapor.by_idempotency_key)
        assert lapor.create_calls >= len(lapor.complaints)


async def test_one_citizens_burst_across_replicas_is_serialised_by_the_row_lock(fake: FakeTelegramAPI, db: Database,
                                                                                 tmp_path: Path) -> None:
    """Each citizen fires 6 messages at once at random replicas: the turns run one at a time, none lost."""
    cluster = Cluster(fake, db.url, tmp_path, 4)
    await cluster.start()
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=400)) as http:
            rng = random.Random(5)
            await asyncio.gather(*(deliver(cluster, fake.make_text(30_000 + c, "halo"), http, rng)
                                   for c in range(20) for _ in range(6)))
        await settled(db, 20 * 6)
        async with db.read() as session:
            rows = (await session.exec(select(Conversation))).all()
            replies = dict((await session.exec(select(OutgoingMessage.chat_id, func.count()).group_by(
                col(OutgoingMessage.chat_id)))).all())
        # The first "halo" is greeted; each later one is a wrong answer to the menu: with a turn lost to a race,
        # two turns would have read the same state and the count would fall short.
        assert sorted(r.state["invalid"] for r in rows) == [5] * 20
        assert set(replies.values()) == {6}
    finally:
        await cluster.stop()


async def test_kill_9_replicas_at_random_moments_loses_and_doubles_nothing(fake: FakeTelegramAPI, db: Database,
                                                                           tmp_path: Path) -> None:
    """Replicas SIGKILLed and restarted while 60 citizens file complaints: 0 lost, 0 handled twice."""
    inboxes = Inboxes(fake)
    cluster = Cluster(fake, db.url, tmp_path, 4)
    await cluster.start()
    rng = random.Random(11)
    kills = 0
    total = 60 * len(SCRIPT)
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=400)) as http:
            expected = await reference(fake, cluster, inboxes, http)
            accepted = sum(cluster.posts)
            work = asyncio.create_task(run_citizens(60, 40_000, fake, cluster, inboxes, expected, http))
            restarts: list[asyncio.Task[None]] = []
            down: set[int] = set()

            async def restart(index: int) -> None:
                await asyncio.sleep(rng.uniform(0.2, 1.0))
                await cluster.start(index)  # the orchestrator brings it back
                down.discard(index)

            # Kills at random moments within each third of the run, whatever the machine's speed.
            for share in (rng.uniform(0.1, 0.3), rng.uniform(0.4, 0.6), rng.uniform(0.7, 0.85)):
                while sum(cluster.posts) - accepted < share * total and not work.done():
                    await asyncio.wait({work}, timeout=0.05)
                if work.done():
                    break
                victim = rng.choice([i for i in range(4) if i not in down])
                down.add(victim)
                await cluster.kill(victim)
                kills += 1
                restarts.append(asyncio.create_task(restart(victim)))
            await work
            await asyncio.gather(*restarts)
        await settled(db, 61 * len(SCRIPT))
        figures = await check_once(db, inboxes, expected, range(40_000, 40_060))
        print(f"\nkill -9: {kills} kills, {figures}")
        assert kills == 3
    finally:
        await cluster.stop()


class TcpProxy:
    """127.0.0.1 between the replicas and PostgreSQL, that can be cut (connections dropped, port closed) and restored.

    Restarting the shared PostgreSQL server would disturb other test runs on this machine: cutting this proxy is
    what the bot sees of a database restart (every connection reset, new ones refused), and nobody else notices.
    """

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = free_port()
        self.server: asyncio.Server | None = None
        self.links: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        """Accept connections."""
        self.server = await asyncio.start_server(self._link, "127.0.0.1", self.port, reuse_address=True)

    async def cut(self) -> None:
        """Close the port and reset every open connection."""
        if self.server is not None:
            self.server.close()
            self.server = None
        for writer in list(self.links):
            writer.transport.abort()
        self.links.clear()

    async def _link(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self.links |= {writer, up_writer}

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with suppress(OSError, ConnectionError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self.links -= {writer, up_writer}


async def test_database_outage_not_ready_then_recovers_losing_nothing(fake: FakeTelegramAPI, db: Database,
                                                                       tmp_path: Path) -> None:
    """PostgreSQL gone for 5 s mid-run (through a cut proxy): /readyz says 503, updates are refused and
    redelivered, then everything is handled once and answered."""
    parts = urlsplit(db.url)
    proxy = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    await proxy.start()
    via_proxy = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{proxy.port}"))
    inboxes = Inboxes(fake)
    cluster = Cluster(fake, via_proxy, tmp_path, 2)
    await cluster.start()
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200)) as http:
            expected = await reference(fake, cluster, inboxes, http)
            work = asyncio.create_task(run_citizens(40, 50_000, fake, cluster, inboxes, expected, http))
            await asyncio.sleep(2)
            await proxy.cut()
            during: set[int] = set()
            for _ in range(10):
                during |= {await cluster.ready(i, http) for i in range(2)}
                await asyncio.sleep(0.5)
            await proxy.start()
            after: set[int] = set()
            for _ in range(60):
                after = {await cluster.ready(i, http) for i in range(2)}
                if after == {200}:
                    break
                await asyncio.sleep(0.5)
            await work
        assert 503 in during and 200 not in during, f"not ready while the database is away: {during}"
        assert after == {200}, "ready again once it is back"
        await settled(db, 41 * len(SCRIPT))
        figures = await check_once(db, inboxes, expected, range(50_000, 50_040))
        print(f"\ndatabase outage: {figures}")
    finally:
        await cluster.stop()
        await proxy.cut()
