"""SQLite's write-ahead log is copied into the database file by a background checkpoint, not inside commits."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import text

from models.db import Database


async def _fill(db: Database, rows: int) -> None:
    async with db.write() as session:
        await session.execute(text("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT)"))
    async with db.write() as session:
        await session.execute(text("INSERT INTO filler (body) VALUES (:b)"), [{"b": "x" * 500}] * rows)


async def test_checkpoint_moves_the_log_into_the_database_file(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/c.db")
    try:
        await _fill(db, 500)  # ~250 KB: below SQLite's own 1,000-page checkpoint, so still only in the log
        main = tmp_path / "c.db"
        before = main.stat().st_size
        await db.checkpoint()
        assert main.stat().st_size > before + 200_000
    finally:
        await db.close()


async def test_checkpoint_loop_runs_until_stopped(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/c.db")
    stop = asyncio.Event()
    try:
        await _fill(db, 500)
        main = tmp_path / "c.db"
        before = main.stat().st_size
        loop = asyncio.create_task(db.checkpoint_loop(stop, every=0.05))
        for _ in range(100):
            await asyncio.sleep(0.02)
            if main.stat().st_size > before + 200_000:
                break
        assert main.stat().st_size > before + 200_000
        stop.set()
        await asyncio.wait_for(loop, 2)
    finally:
        await db.close()


async def test_checkpoint_is_nothing_on_postgresql_urls() -> None:
    db = Database("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    await db.checkpoint()  # no connection is even attempted
    await asyncio.wait_for(db.checkpoint_loop(asyncio.Event()), 1)  # returns at once
    await db.close()


class CountingDatabase(Database):
    """The real database, counting the checkpoints it runs."""

    checkpoints = 0

    async def checkpoint(self) -> None:
        self.checkpoints += 1
        await super().checkpoint()


async def test_an_idle_database_is_not_checkpointed_again(tmp_path: Path) -> None:
    db = CountingDatabase(f"sqlite+aiosqlite:///{tmp_path}/c.db")
    try:
        done = await db.checkpoint_if_written(-1)  # the first one, at start
        assert db.checkpoints == 1
        done = await db.checkpoint_if_written(done)  # nothing written since: no thread, no connection
        assert db.checkpoints == 1
        await _fill(db, 10)
        done = await db.checkpoint_if_written(done)
        assert db.checkpoints == 2
        await db.checkpoint_if_written(done)
        assert db.checkpoints == 2
    finally:
        await db.close()
