"""`laporbot run --workers N` (bot/ops/workers.py): several server processes on one port, kept running.

The configuration checks run on every pass. The processes themselves need PostgreSQL (SQLite takes one writing
process): citizens file complaints through the one port while a worker is killed (-9) and started again by the
parent; every message is recorded and handled once, in order, and every reply arrives.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import aiohttp
import pytest

from bot.settings import ConfigError, Settings
from models.db import Database
from tests.conftest import PG_URL
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.ops.test_replicas import (
    SCRIPT,
    Cluster,
    Inboxes,
    check_once,
    reference,
    run_citizens,
    settled,
)


def test_several_workers_on_sqlite_are_refused_with_the_reason() -> None:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env({"LAPORBOT_WORKERS": "2", "DATABASE_URL": "sqlite+aiosqlite:///x.db"})
    assert any(p.startswith("LAPORBOT_WORKERS:") and "PostgreSQL" in p for p in raised.value.problems)


def test_several_workers_polling_telegram_are_refused_with_the_reason() -> None:
    env = {"LAPORBOT_WORKERS": "3", "DATABASE_URL": "postgresql+asyncpg://u@h/db", "TELEGRAM_BOT_TOKEN": "1:x"}
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(env)
    assert any("webhook" in p for p in raised.value.problems)
    webhook = {**env, "TELEGRAM_WEBHOOK_URL": "https://bot.example.go.id/webhooks/telegram"}
    assert Settings.from_env(webhook).workers == 3


def test_one_worker_is_the_default_and_asks_for_nothing() -> None:
    assert Settings.from_env({"DATABASE_URL": "sqlite+aiosqlite:///x.db"}).workers == 1


def children(pid: int) -> set[int]:
    """The processes a process started (Linux /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


async def until(condition, what: str, timeout: float = 120.0) -> None:  # noqa: ASYNC109
    """Wait until condition() holds (polled: another process's state has no event to wait on)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0.2)


@pytest.mark.slow
@pytest.mark.skipif(not PG_URL, reason="several workers share one PostgreSQL database; the PostgreSQL pass runs this")
async def test_two_workers_on_one_port_file_every_complaint_once_through_a_worker_killed(
        db: Database, tmp_path: Path) -> None:
    async with FakeTelegramAPI() as fake:
        inboxes = Inboxes(fake)
        cluster = Cluster(fake, db.url, tmp_path, 1, LAPORBOT_WORKERS="2")
        await cluster.start()
        parent = cluster.procs[0]
        assert parent is not None and parent.proc is not None
        try:
            first = children(parent.proc.pid)
            assert len(first) == 2, "two workers serve the port"
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100, force_close=True)) as http:
                expected = await reference(fake, cluster, inboxes, http)
                await run_citizens(10, 20_000, fake, cluster, inboxes, expected, http)
                victim = min(first)
                os.kill(victim, signal.SIGKILL)  # a crash: the parent starts another in its place
                await until(lambda: len(children(parent.proc.pid) - {victim}) == 2, "the killed worker replaced")
                await run_citizens(10, 30_000, fake, cluster, inboxes, expected, http)
            await settled(db, 21 * len(SCRIPT))
            await check_once(db, inboxes, expected, [*range(20_000, 20_010), *range(30_000, 30_010)])
        finally:
            last = children(parent.proc.pid)
            codes = await cluster.stop()
        assert codes == [0], "the parent and its workers stopped cleanly"
        assert len(last) == 2 and not any(Path(f"/proc/{pid}").exists() for pid in last), "no worker left behind"
