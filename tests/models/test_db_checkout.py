"""PostgreSQL's pooled connections: a write's BEGIN is its checkout's ping (models/db.py, _ping_on_checkout).

SQLAlchemy's pre-ping sent BEGIN, an empty statement and ROLLBACK at every checkout before the write's own BEGIN;
a write now sends its BEGIN at checkout instead, and a connection that died while idle in the pool is still
replaced before anyone uses it, for a write and for any other checkout.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from bot.core.messages import Inbound
from models import store
from models.db import Database, is_transient
from models.tables import Citizen, OutgoingMessage

AT = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
async def pg(database_url: str) -> AsyncIterator[tuple[Database, list[str]]]:
    """A PostgreSQL Database of its own, and every statement its connections send to the server, in order."""
    if not database_url.startswith("postgresql"):
        pytest.skip("a pool of PostgreSQL connections")
    database = Database(database_url)
    sent: list[str] = []

    def log_statements(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.driver_connection.add_query_logger(lambda logged: sent.append(logged.query.strip()))

    event.listen(database.engine.sync_engine, "connect", log_statements)
    yield database, sent
    await database.close()


async def _queue_one(database: Database) -> int:
    async with database.write() as session:
        row = OutgoingMessage(channel="telegram", chat_id="42", payload={"text": "halo"}, status="pending",
                              attempts=0, created_at=AT)
        session.add(row)
        await session.flush()
        return int(row.id or 0)


async def _pooled_backends_terminated(database: Database) -> None:
    """End the server processes of every connection in the pool, as a restart of the server would, each call
    returning once its process is gone (so that no statement can reach one of them any more)."""
    url = make_url(database.url).set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(url)
    try:
        pids = [r["pid"] for r in await admin.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")]
        assert pids, "the pool holds no connection to end"
        # each call returns once its process has ended (or false after 30 s)
        ended = await admin.fetch("SELECT pg_terminate_backend(pid, 30000) FROM unnest($1::int[]) AS pid", pids)
        assert all(r[0] for r in ended)
    finally:
        await admin.close()


async def test_a_write_on_a_pooled_connection_sends_one_begin_and_no_ping(pg: tuple[Database, list[str]]) -> None:
    database, sent = pg
    await _queue_one(database)  # a new connection, left in the pool
    sent.clear()
    await _queue_one(database)  # that connection again: checked out from the pool
    assert sent[0] == "BEGIN;"
    assert sent[-1] == "COMMIT;"
    assert sent.count("BEGIN;") == 1
    assert ";" not in sent  # SQLAlchemy's ping
    assert "ROLLBACK;" not in sent


async def test_a_write_replaces_a_pooled_connection_that_died_while_idle(pg: tuple[Database, list[str]]) -> None:
    database, _ = pg
    await _queue_one(database)
    await _pooled_backends_terminated(database)
    outgoing_id = await _queue_one(database)  # no error: the dead connection was replaced at checkout
    async with database.read() as session:
        assert outgoing_id in (await session.exec(select(OutgoingMessage.id))).all()


async def test_a_read_replaces_a_pooled_connection_that_died_while_idle(pg: tuple[Database, list[str]]) -> None:
    database, _ = pg
    await _queue_one(database)
    await _pooled_backends_terminated(database)
    async with database.read() as session:  # no error: the dead connection was replaced at checkout
        assert (await session.execute(text("SELECT 1"))).scalar_one() == 1


async def test_a_read_on_a_pooled_connection_is_pinged_first(pg: tuple[Database, list[str]]) -> None:
    database, sent = pg
    async with database.read() as session:  # a new connection, left in the pool (a write's is kept by the Database)
        await session.execute(text("SELECT 1"))
    sent.clear()
    async with database.read() as session:
        assert (await session.execute(text("SELECT 1"))).scalar_one() == 1
    assert sent[:3] == ["BEGIN;", ";", "ROLLBACK;"]  # SQLAlchemy's own pre-ping, as before


async def test_a_connection_lost_before_a_lean_commit_fails_the_write_as_transient_and_is_replaced(
        pg: tuple[Database, list[str]]) -> None:
    """A lean turn's COMMIT is the driver's (Database._end): when the server process is gone by then, the write fails
    as the database's trouble (a redelivery), nothing of it is kept, and the connection never serves again."""
    database, _ = pg
    with pytest.raises(DBAPIError) as failed:
        async with database.write() as session:
            await store.citizens_for(session, [Inbound("telegram", "lost-1", "lost-m1")], AT)
            assert not session.orm_made
            await _pooled_backends_terminated(database)
    assert is_transient(failed.value)
    assert database.engine.pool.checkedout() == 0
    await _queue_one(database)  # a sound connection
    async with database.read() as session:
        assert "lost-1" not in (await session.exec(select(Citizen.channel_user_id))).all()


async def test_writes_one_after_another_keep_their_connection_out_of_the_pool(pg: tuple[Database, list[str]]) -> None:
    """The pool's checkout and return cost more CPU than the turn's own SQL on PostgreSQL: the next write takes the
    connection the last one left, sending only its BEGIN (which is also its ping)."""
    database, sent = pg
    checkouts: list[object] = []
    event.listen(database.engine.sync_engine, "checkout", lambda *_args: checkouts.append(_args[0]))
    await _queue_one(database)
    sent.clear()
    await _queue_one(database)
    await _queue_one(database)
    assert len(checkouts) == 1
    assert sent.count("BEGIN;") == 2
    assert sent.count("COMMIT;") == 2
    assert ";" not in sent
    assert "ROLLBACK;" not in sent
    assert database.engine.pool.checkedout() == 1  # the kept one; database.close() closes it


async def test_writes_at_once_each_have_a_connection_and_one_is_kept(pg: tuple[Database, list[str]]) -> None:
    database, _ = pg
    await _queue_one(database)
    started = [asyncio.Event() for _ in range(3)]
    go = asyncio.Event()

    async def write(i: int) -> None:
        async with database.write() as session:
            await store.citizens_for(session, [Inbound("telegram", f"at-once-{i}", f"at-once-m{i}")], AT)
            started[i].set()
            await go.wait()

    tasks = [asyncio.create_task(write(i)) for i in range(3)]
    for s in started:
        await s.wait()
    assert database.engine.pool.checkedout() == 3
    go.set()
    await asyncio.gather(*tasks)
    assert database.engine.pool.checkedout() == 1
    async with database.read() as session:
        users = (await session.exec(select(Citizen.channel_user_id))).all()
    assert {f"at-once-{i}" for i in range(3)} <= set(users)


async def test_a_failed_write_does_not_keep_its_connection(pg: tuple[Database, list[str]]) -> None:
    database, sent = pg
    await _queue_one(database)
    with pytest.raises(RuntimeError):
        async with database.write() as session:
            await store.citizens_for(session, [Inbound("telegram", "failed-1", "failed-m1")], AT)
            raise RuntimeError("the turn failed")
    assert database.engine.pool.checkedout() == 0
    assert "ROLLBACK;" in sent  # the pool's reset at return, or the driver's
    async with database.read() as session:
        assert "failed-1" not in (await session.exec(select(Citizen.channel_user_id))).all()


async def test_close_closes_the_kept_connection(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("a pool of PostgreSQL connections")
    database = Database(database_url)
    await _queue_one(database)
    await database.close()
    url = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(url)
    try:
        left = await admin.fetchval("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                    "AND pid <> pg_backend_pid() AND application_name = ''")
    finally:
        await admin.close()
    assert left == 0


async def test_a_cancelled_write_gives_its_connection_back_and_keeps_nothing(pg: tuple[Database, list[str]]) -> None:
    database, _ = pg
    await _queue_one(database)  # the kept connection, taken by the next write
    inside = asyncio.Event()

    async def stuck() -> None:
        async with database.write() as session:
            await store.citizens_for(session, [Inbound("telegram", "cancelled-1", "cancelled-m1")], AT)
            inside.set()
            await asyncio.Event().wait()

    task = asyncio.create_task(stuck())
    await inside.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert database.engine.pool.checkedout() == 0
    await _queue_one(database)
    async with database.read() as session:
        assert "cancelled-1" not in (await session.exec(select(Citizen.channel_user_id))).all()
