"""Both SQLite drivers behind one Database: inline (on the event loop's thread) and aiosqlite's worker thread."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from bot.settings import ConfigError, Settings
from models import sqlite_inline
from models.db import Database
from models.lean_sql import WriteSession, lean


@pytest.fixture(params=["inline", "thread"])
async def sqlite_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh SQLite database with one table, on the driver named by the parameter."""
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/d.db", sqlite_driver=request.param)
    async with db.write() as session:
        await session.execute(text("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER)"))
    yield db
    await db.close()


async def test_rows_round_trip(sqlite_db: Database) -> None:
    """Inserts (one and many), updates with row counts, reads: the same on either driver."""
    async with sqlite_db.write() as session:
        first = await session.execute(text("INSERT INTO item (name, n) VALUES ('a', 1)"))
        assert first.lastrowid == 1  # type: ignore[attr-defined]
        await session.execute(text("INSERT INTO item (name, n) VALUES (:name, :n)"),
                              [{"name": f"b{i}", "n": i} for i in range(5)])
        changed = await session.execute(text("UPDATE item SET n = n + 10 WHERE n < 3"))
        assert changed.rowcount == 4  # type: ignore[attr-defined]
    async with sqlite_db.read() as session:
        rows = (await session.execute(text("SELECT name, n FROM item ORDER BY id"))).all()
    assert [tuple(r) for r in rows] == [("a", 11), ("b0", 10), ("b1", 11), ("b2", 12), ("b3", 3), ("b4", 4)]


async def test_a_failed_transaction_leaves_nothing(sqlite_db: Database) -> None:
    """A constraint error surfaces as SQLAlchemy's IntegrityError and the whole transaction is rolled back."""
    with pytest.raises(IntegrityError):
        async with sqlite_db.write() as session:
            await session.execute(text("INSERT INTO item (name) VALUES ('x')"))
            await session.execute(text("INSERT INTO item (name) VALUES ('x')"))
    async with sqlite_db.read() as session:
        assert (await session.execute(text("SELECT count(*) FROM item"))).scalar_one() == 0


async def test_the_driver_is_chosen_by_setting(tmp_path: Path) -> None:
    """LAPORBOT_SQLITE_DRIVER picks the driver (inline by default); a wrong value is a settings problem."""
    url = f"sqlite+aiosqlite:///{tmp_path}/s.db"
    assert Database(url).inline
    assert not Settings.from_env({"DATABASE_URL": url, "LAPORBOT_SQLITE_DRIVER": "thread"}).open_database().inline
    assert not Database(url, sqlite_driver="thread").inline
    assert not Database("postgresql+asyncpg://nobody@127.0.0.1:1/none").inline
    assert Settings.from_env({"LAPORBOT_SQLITE_DRIVER": "thread"}).sqlite_driver == "thread"
    with pytest.raises(ConfigError) as wrong:
        Settings.from_env({"LAPORBOT_SQLITE_DRIVER": "fast"})
    assert "LAPORBOT_SQLITE_DRIVER: use inline or thread, got 'fast'" in wrong.value.problems


def _hold_write_lock(path: Path, held: threading.Event, release: threading.Event) -> None:
    """Another process's writer, as far as SQLite can tell: its own connection holding the write lock."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO item (name) VALUES ('other')")
    held.set()
    release.wait(10)
    conn.execute("COMMIT")
    conn.close()


async def test_inline_writer_waiting_for_a_lock_lets_the_loop_run(tmp_path: Path) -> None:
    """While another writer holds the lock, the inline writer waits in short tries and the loop keeps serving."""
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/l.db", sqlite_driver="inline")
    try:
        async with db.write() as session:
            await session.execute(text("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)"))
        held, release = threading.Event(), threading.Event()
        other = threading.Thread(target=_hold_write_lock, args=(tmp_path / "l.db", held, release))
        other.start()
        await asyncio.to_thread(held.wait, 5)

        async def write() -> None:
            async with db.write() as session:
                await session.execute(text("INSERT INTO item (name) VALUES ('ours')"))

        writing = asyncio.create_task(write())
        ticks = 0
        for _ in range(20):  # the loop runs other work while our write waits
            await asyncio.sleep(0.01)
            ticks += 1
        assert not writing.done() and ticks == 20
        release.set()
        await asyncio.wait_for(writing, 5)
        await asyncio.to_thread(other.join, 5)
        async with db.read() as session:
            names = (await session.execute(text("SELECT name FROM item ORDER BY id"))).scalars().all()
        assert names == ["other", "ours"]
    finally:
        await db.close()


async def test_inline_writer_gives_up_like_the_thread_driver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    """A lock never released: after the busy time the write fails with "database is locked", nothing stored."""
    monkeypatch.setattr(sqlite_inline.Connection, "busy_seconds", 0.1)
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/g.db", sqlite_driver="inline")
    held, release = threading.Event(), threading.Event()
    other: threading.Thread | None = None
    try:
        async with db.write() as session:
            await session.execute(text("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)"))
        other = threading.Thread(target=_hold_write_lock, args=(tmp_path / "g.db", held, release))
        other.start()
        await asyncio.to_thread(held.wait, 5)
        with pytest.raises(OperationalError, match="locked"):
            async with db.write() as session:
                await session.execute(text("INSERT INTO item (name) VALUES ('ours')"))
    finally:
        release.set()
        if other is not None:
            await asyncio.to_thread(other.join, 5)
        await db.close()


@pytest.mark.parametrize("driver", ["inline", "thread"])
async def test_checkpoint_on_either_driver(tmp_path: Path, driver: str) -> None:
    """The background checkpoint copies the log into the database file on either driver."""
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/c.db", sqlite_driver=driver)
    try:
        async with db.write() as session:
            await session.execute(text("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)"))
        async with db.write() as session:
            await session.execute(text("INSERT INTO filler (body) VALUES (:b)"), [{"b": "x" * 500}] * 500)
        before = (tmp_path / "c.db").stat().st_size
        await db.checkpoint()
        assert (tmp_path / "c.db").stat().st_size > before + 200_000
    finally:
        await db.close()



async def test_lean_statements_alone_commit_and_roll_back_on_the_driver(sqlite_db: Database) -> None:
    """A turn of lean statements (no ORM): rows read back in one call, its transaction ended on the driver."""
    async with sqlite_db.write() as session:
        lean_sql = await lean(session)
        assert await lean_sql._rows("INSERT INTO item (name, n) VALUES (?, ?) RETURNING id, name", ["a", 1]) == [
            (1, "a")]
        assert isinstance(session, WriteSession) and not session.orm_made
    with pytest.raises(IntegrityError):
        async with sqlite_db.write() as session:
            lean_sql = await lean(session)
            await lean_sql._rows("INSERT INTO item (name, n) VALUES (?, ?)", ["b", 2])
            await lean_sql._rows("INSERT INTO item (name, n) VALUES (?, ?)", ["a", 3])
    async with sqlite_db.read() as session:
        rows = (await session.execute(text("SELECT name, n FROM item ORDER BY id"))).all()
    assert [tuple(r) for r in rows] == [("a", 1)]
