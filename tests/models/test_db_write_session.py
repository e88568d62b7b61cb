"""Database.write's session (models/lean_sql.py WriteSession): the ORM's part is made only when used, and the lean
statements and the ORM's writes commit or roll back together either way, on both dialects."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import select

from bot.core.messages import Inbound
from models import store
from models.db import Database, after_commit, sqlite_file
from models.lean_sql import WriteSession
from models.tables import Citizen, Conversation, OutgoingMessage

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _reply(citizen_id: int) -> OutgoingMessage:
    return OutgoingMessage(channel="telegram", chat_id="42", citizen_id=citizen_id, payload={"text": "halo"},
                           status="pending", attempts=0, created_at=NOW)


async def _counts(db: Database) -> tuple[int, int, int]:
    async with db.read() as session:
        return (len((await session.exec(select(Citizen))).all()),
                len((await session.exec(select(Conversation))).all()),
                len((await session.exec(select(OutgoingMessage))).all()))


async def test_a_turn_of_lean_statements_alone_makes_no_orm_session_and_commits(db: Database) -> None:
    """Lean writes, the notes in `info`, `bind` and a flush: nothing of the ORM is made, and the writes commit."""
    async with db.write() as session:
        assert isinstance(session, WriteSession)
        citizens = await store.citizens_for(session, [Inbound("telegram", "42", "m1")], NOW)
        await store.lock_conversations(session, list(citizens.values()), NOW)
        assert store.is_postgres(session) == (not db.is_sqlite)
        await session.flush()
        assert session.info[store.SIMPLE_MODE] == {citizens[("telegram", "42")]: False}
        assert not session.orm_made
    assert await _counts(db) == (1, 1, 0)


async def test_orm_writes_after_lean_ones_commit_with_them(db: Database) -> None:
    async with db.write() as session:
        citizen_id = (await store.citizens_for(session, [Inbound("telegram", "42", "m1")], NOW))[("telegram", "42")]
        session.add(_reply(citizen_id))
        assert session.orm_made
        await store.lock_conversations(session, [citizen_id], NOW)  # lean again, after the ORM's pending row
    assert await _counts(db) == (1, 1, 1)


@pytest.mark.parametrize("flushed", [False, True])
async def test_a_failed_turn_rolls_back_lean_and_orm_writes_together(db: Database, flushed: bool) -> None:
    with pytest.raises(RuntimeError):
        async with db.write() as session:
            citizen_id = (await store.citizens_for(session, [Inbound("telegram", "42", "m1")], NOW))[
                ("telegram", "42")]
            session.add(_reply(citizen_id))
            if flushed:
                await session.flush()
            await store.lock_conversations(session, [citizen_id], NOW)
            raise RuntimeError("the turn failed")
    assert await _counts(db) == (0, 0, 0)
    async with db.write() as session:  # the next transaction is sound
        await store.citizens_for(session, [Inbound("telegram", "43", "m2")], NOW)
    assert await _counts(db) == (1, 0, 0)


async def test_after_commit_is_told_once_the_lean_writes_are_committed(db: Database) -> None:
    """A callback asked for in a turn that used no ORM statement still runs after the commit, not before it."""
    path = sqlite_file(db.url)
    if path is None:
        pytest.skip("read from another connection inside the callback: a SQLite file")
    seen: list[int] = []

    def committed() -> None:
        with closing(sqlite3.connect(path)) as other:
            seen.append(other.execute("SELECT count(*) FROM citizen").fetchone()[0])

    async with db.write() as session:
        await store.citizens_for(session, [Inbound("telegram", "42", "m1")], NOW)
        after_commit(session, committed)
    assert seen == [1]


async def test_listeners_added_later_still_see_the_lean_statements(db: Database) -> None:
    """The engine's before_cursor_execute listeners (the tests' outages) see lean statements on a connection kept
    from an earlier transaction (SQLite's writer) as on a new one."""
    async with db.write() as session:
        await store.citizens_for(session, [Inbound("telegram", "41", "m0")], NOW)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        async with db.write() as session:
            await store.citizens_for(session, [Inbound("telegram", "42", "m1")], NOW)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)
    assert any(s.startswith("INSERT INTO citizen") for s in statements)


async def test_a_lean_turn_takes_no_sqlalchemy_transaction_and_commit_listeners_hear_it_once(db: Database) -> None:
    """The driver's transaction is the turn's (begun by SQLite's first write, by PostgreSQL's checkout), so
    SQLAlchemy's begin and commit (greenlet hops and their bookkeeping) are skipped on both dialects; the commit is
    still told to the engine's listeners, once."""
    heard: list[str] = []
    listeners = {"begin": lambda _conn: heard.append("begin"), "commit": lambda _conn: heard.append("commit")}
    for name, listener in listeners.items():
        event.listen(db.engine.sync_engine, name, listener)
    try:
        async with db.write() as session:
            await store.citizens_for(session, [Inbound("telegram", "42", "m1")], NOW)
            assert not session.bind.in_transaction()
    finally:
        for name, listener in listeners.items():
            event.remove(db.engine.sync_engine, name, listener)
    assert heard == ["commit"]
    assert await _counts(db) == (1, 0, 0)


async def test_a_failed_lean_turn_is_rolled_back(db: Database) -> None:
    """Without the ORM, a failure rolls the driver's transaction back too, and the next write is sound."""
    with pytest.raises(RuntimeError):
        async with db.write() as session:
            await store.citizens_for(session, [Inbound("telegram", "42", "m1")], NOW)
            assert not session.orm_made
            raise RuntimeError("the turn failed")
    assert await _counts(db) == (0, 0, 0)
    async with db.write() as session:
        await store.citizens_for(session, [Inbound("telegram", "43", "m2")], NOW)
    assert await _counts(db) == (1, 0, 0)


async def test_a_write_reaches_its_driver_connection_without_a_greenlet_hop(db: Database,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The lean statements take the driver connection of a valid connection directly: AsyncConnection's
    get_raw_connection (a greenlet hop, ~40 µs of CPU a transaction) is left for an invalidated one."""
    async with db.write() as session:  # the first: SQLite's writer connection opened, PostgreSQL's kept one
        await store.citizens_for(session, [Inbound("telegram", "42", "m1")], NOW)
    calls: list[object] = []
    original = AsyncConnection.get_raw_connection

    async def counted(self: AsyncConnection) -> Any:
        calls.append(self)
        return await original(self)

    monkeypatch.setattr(AsyncConnection, "get_raw_connection", counted)
    async with db.write() as session:
        await store.citizens_for(session, [Inbound("telegram", "43", "m2")], NOW)
    assert calls == []
    assert await _counts(db) == (2, 0, 0)
