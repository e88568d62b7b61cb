"""Riders: small writes that go with whichever write transaction commits next (Database.ride)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from models import outbox_store
from models.db import Database, IntegrityError, Session
from models.lean_sql import lean
from models.tables import OutgoingMessage

AT = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


class Mark:
    """A rider marking one outgoing row sent; it can be told to fail its write."""

    def __init__(self, outgoing_id: int, *, fail: bool = False) -> None:
        self.outgoing_id = outgoing_id
        self.fail = fail
        self.events: list[str] = []

    async def write(self, session: Session) -> None:
        self.events.append("write")
        await outbox_store.record_sent(session, [{"id": self.outgoing_id, "sent_at": AT,
                                                  "channel_message_id": "m1"}], AT)
        if self.fail:
            raise OperationalError("UPDATE", {}, ConnectionResetError("the database is restarting"))

    def committed(self) -> None:
        self.events.append("committed")

    def failed(self) -> None:
        self.events.append("failed")


async def _queued(db: Database) -> int:
    async with db.write() as session:
        row = OutgoingMessage(channel="telegram", chat_id="42", payload={"text": "halo"}, status="sending",
                              attempts=0, created_at=AT)
        session.add(row)
        await session.flush()
        return int(row.id or 0)


async def _status(db: Database, outgoing_id: int) -> str:
    async with db.read() as session:
        row = await session.get(OutgoingMessage, outgoing_id)
        assert row is not None
        return row.status


async def test_a_rider_goes_with_the_next_write_transaction_and_hears_of_its_commit(db: Database) -> None:
    outgoing_id = await _queued(db)
    mark = Mark(outgoing_id)
    db.ride(mark)
    assert db.riding == 1 and mark.events == []
    async with db.write() as session:  # somebody else's transaction (a turn)
        await session.execute(text("SELECT 1"))
        assert mark.events == [], "written at the end of the transaction, not at its start"
    assert mark.events == ["write", "committed"]
    assert db.riding == 0
    assert await _status(db, outgoing_id) == "sent"
    assert await db.carry() is False, "nothing left to carry"


async def test_a_rider_that_fails_leaves_the_transaction_it_rode_with_committed(db: Database) -> None:
    first, second = await _queued(db), await _queued(db)
    mark = Mark(first, fail=True)
    db.ride(mark)
    async with db.write() as session:  # the turn writes its own row: it must commit whatever the rider does
        await outbox_store.record_sent(session, [{"id": second, "sent_at": AT, "channel_message_id": "m2"}], AT)
    assert mark.events == ["write", "failed"]
    assert await _status(db, second) == "sent", "the transaction itself committed"
    assert await _status(db, first) == "sending", "the rider's own write was undone"
    assert db.riding == 1, "it rides with the next transaction"
    mark.fail = False
    assert await db.carry() is True
    assert mark.events == ["write", "failed", "write", "committed"]
    assert await _status(db, first) == "sent"


async def test_a_transaction_that_fails_gives_its_riders_back(db: Database) -> None:
    outgoing_id = await _queued(db)
    mark = Mark(outgoing_id)
    db.ride(mark)
    with pytest.raises(RuntimeError):
        async with db.write() as session:
            await session.execute(text("SELECT 1"))
            raise RuntimeError("the turn failed")
    assert mark.events == [] and db.riding == 1, "never written: still waiting"
    async with db.write():
        pass
    assert mark.events == ["write", "committed"]
    assert await _status(db, outgoing_id) == "sent"


async def test_a_transaction_whose_commit_fails_gives_its_riders_back(db: Database) -> None:
    """A commit refused at the end (here a deferred constraint; a full disk, an I/O error) undoes the riders' writes
    with the rest: they hear so and ride with the next transaction, rather than their senders waiting for ever."""
    outgoing_id = await _queued(db)
    mark = Mark(outgoing_id)
    db.ride(mark)
    if db.is_sqlite:
        setup = ["CREATE TEMP TABLE IF NOT EXISTS parent (id INTEGER PRIMARY KEY)",
                 "CREATE TEMP TABLE IF NOT EXISTS child (parent_id INTEGER REFERENCES parent (id) "
                 "DEFERRABLE INITIALLY DEFERRED)", "INSERT INTO child VALUES (1)"]
    else:
        setup = ["CREATE TEMP TABLE child (id INTEGER, UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)",
                 "INSERT INTO child VALUES (1), (1)"]
    with pytest.raises(IntegrityError):
        async with db.write() as session:  # lean statements alone: the commit is the transaction's own end
            for sql in setup:
                await (await lean(session))._statement(sql)
    assert mark.events == ["write", "failed"] and db.riding == 1, "not committed: still waiting"
    assert await _status(db, outgoing_id) == "sending"
    async with db.write():
        pass
    assert mark.events == ["write", "failed", "write", "committed"]
    assert await _status(db, outgoing_id) == "sent"


async def test_the_riders_savepoint_is_released_by_the_commit_not_a_statement_of_its_own(db: Database) -> None:
    """The riders are a transaction's last writes: a RELEASE before its COMMIT would only be one more round trip."""
    outgoing_id = await _queued(db)
    mark = Mark(outgoing_id)
    db.ride(mark)
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
    try:
        async with db.write():
            pass
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", seen)
    assert mark.events == ["write", "committed"]
    assert statements[0] == "SAVEPOINT riders"
    assert not [s for s in statements if s.startswith("RELEASE")]
    assert await _status(db, outgoing_id) == "sent"
