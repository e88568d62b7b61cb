"""A batch's last writes (store.save_turns): the conversations saved and the replies queued, on both dialects.

On PostgreSQL they are one statement (a data-modifying CTE); the rows it writes equal, column by column, the rows
the two statements write (save_conversations, insert_outgoing), which SQLite still runs.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import exc, text

from bot.core.messages import Inbound, Reply
from models import store
from models.db import Database
from models.tables import Conversation, OutgoingMessage
from tests.models.test_lean_sql import _columns, sent_statements, stored

NOW = datetime(2026, 8, 20, 2, 0, 0, 120000, tzinfo=UTC)
LATER = NOW + timedelta(seconds=3)
STATE = {"flow": "complaint", "answers": {"body": "Lampu jalan mati — é ☂", "n": [1, 2.5, None, True]}}


def _replies(citizen: int, n: int, chat: str) -> list[dict[str, Any]]:
    claimed = NOW.replace(microsecond=0) + timedelta(seconds=30)  # SQLite text keeps ".000000" too
    return [{"channel": "telegram", "chat_id": chat, "citizen_id": citizen, "inbound_id": None, "kind": "reply",
             "payload": Reply(f"balasan {i} é").to_json(), "status": "sending", "attempts": 0,
             "not_before": claimed if i % 2 else None, "created_at": NOW} for i in range(n)]


async def _citizens(db: Database, users: list[str]) -> list[int]:
    """These users' citizen ids, in their order."""
    async with db.write() as session:
        citizens = await store.citizens_for(session, [Inbound("telegram", u, f"m-{u}") for u in users], NOW)
    return [citizens[("telegram", u)] for u in users]


async def test_save_turns_writes_what_the_two_statements_write(db: Database) -> None:
    """Three conversations and five replies: each row equals its twin written by save_conversations and
    insert_outgoing; the ids come back in the rows' order; the ORM reads the saved conversations back."""
    ids = await _citizens(db, ["a", "b", "c", "ta", "tb", "tc"])
    ours, twins = ids[:3], ids[3:]
    async with db.write() as session:
        rows = await store.lock_conversations(session, ids, NOW)
        for i, citizen in enumerate(ids):
            store.stage_conversation(rows[citizen], flow="complaint", step=f"step_{i % 3}",
                                     locale=None if i % 3 == 2 else "id", state={**STATE, "i": i % 3}, now=LATER)
        out = [r for i, c in enumerate(ours) for r in _replies(c, 2 if i < 2 else 1, f"chat{i % 3}")]
        twin_out = [r for i, c in enumerate(twins) for r in _replies(c, 2 if i < 2 else 1, f"chat{i % 3}")]
        made = await store.save_turns(session, [rows[c] for c in ours], out)
        await store.save_conversations(session, [rows[c] for c in twins])
        twin_made = await store.insert_outgoing(session, twin_out)
        assert made == sorted(made) and len(made) == len(out) == len(twin_made)
        conv_columns = _columns(Conversation, "citizen_id")
        for mine, twin in zip(ours, twins, strict=True):
            assert await stored(session, "conversation", rows[mine].id, conv_columns) == await stored(
                session, "conversation", rows[twin].id, conv_columns)
        out_columns = _columns(OutgoingMessage, "citizen_id")
        for mine, twin in zip(made, twin_made, strict=True):
            assert await stored(session, "outgoingmessage", mine, out_columns) == await stored(
                session, "outgoingmessage", twin, out_columns)
    async with db.read() as session:
        for i, citizen in enumerate(ours):
            saved = await store.conversation_locale(session, citizen)
            assert saved == (None if i == 2 else "id")
        queued = [await session.get(OutgoingMessage, i) for i in made]
        assert [(q.chat_id, q.payload) for q in queued if q is not None] == [(r["chat_id"], r["payload"]) for r in out]


async def test_save_turns_with_only_conversations_or_only_replies(db: Database) -> None:
    """A batch whose turns said nothing still saves its conversations; replies without conversations are queued."""
    ids = await _citizens(db, ["a", "b"])
    async with db.write() as session:
        rows = await store.lock_conversations(session, ids, NOW)
        store.stage_conversation(rows[ids[0]], flow="menu", step="main", locale="en", state=STATE, now=LATER)
        assert await store.save_turns(session, [rows[ids[0]]], []) == []
        made = await store.save_turns(session, [], _replies(ids[1], 3, "b"))
        assert len(made) == 3 and made == sorted(made)
        assert await store.save_turns(session, [], []) == []
    async with db.read() as session:
        assert await store.conversation_locale(session, ids[0]) == "en"
        assert None not in [await session.get(OutgoingMessage, i) for i in made]


async def test_a_turn_saves_its_conversation_and_queues_its_replies_in_one_statement_on_postgresql(
        db: Database) -> None:
    """One round trip to the server for both, not two (a turn's CPU and latency are mostly its round trips)."""
    statements, _ = await sent_statements(db, "42", "halo", "1")
    writes = [s for s in statements if "UPDATE conversation" in s or "INSERT INTO outgoingmessage" in s]
    assert len(writes) == (4 if db.is_sqlite else 2)
    if not db.is_sqlite:
        assert all("UPDATE conversation" in s and "INSERT INTO outgoingmessage" in s for s in writes)
    async with db.read() as session:
        citizen = await store.citizen_by_identity(session, "telegram", "42")
        assert citizen is not None and citizen.id is not None
        assert await store.recent_payloads(session, citizen.id, 5)  # both messages recorded, each turn committed


def _standalone_conversation_inserts(statements: list[str]) -> list[str]:
    return [s for s in statements if s.startswith("INSERT INTO conversation")]


async def test_a_postgresql_turn_creates_and_locks_its_conversation_without_an_insert_of_its_own(db: Database) -> None:
    """The arrivals' statement makes a new citizen's conversation, and no turn sends the conversations' INSERT on
    PostgreSQL (one round trip fewer); SQLite inserts it once, for the first message. The turns still run."""
    statements, (first, second) = await sent_statements(db, "77", "halo", "1")
    assert first and second
    assert len(_standalone_conversation_inserts(statements)) == (1 if db.is_sqlite else 0)
    async with db.read() as session:
        citizen = await store.citizen_by_identity(session, "telegram", "77")
        assert citizen is not None and citizen.id is not None
        assert await store.conversation_locale(session, citizen.id) is not None  # the turns' state was saved


async def test_a_redelivered_message_makes_no_conversation_and_the_lock_still_creates_one(db: Database) -> None:
    """Only the senders of messages recorded now get a conversation from the arrivals; a conversation asked for
    otherwise is created by lock_conversations as before."""
    message = Inbound("telegram", "88", "m-88")
    async with db.write() as session:
        citizens, recorded = await store.record_arrivals(session, [message], NOW)  # recorded, no conversation
    citizen = citizens[("telegram", "88")]
    assert recorded
    async with db.write() as session:
        again, recorded = await store.record_arrivals(session, [message], NOW, conversations=True)
        assert again == citizens and not recorded
        assert await store.conversation_locale(session, citizen) is None
        count = await session.execute(text("SELECT count(*) FROM conversation WHERE citizen_id = :c"), {"c": citizen})
        assert count.scalar_one() == 0
        rows = await store.lock_conversations(session, [citizen], NOW)
        assert list(rows) == [citizen] and rows[citizen].state == {}


async def test_the_conversation_stays_locked_when_the_arrivals_made_it_sure(db: Database) -> None:
    """An existing conversation is still locked FOR UPDATE by lock_conversations after arrivals(conversations=True):
    another transaction cannot take it until this one ends (PostgreSQL's row locks)."""
    if db.is_sqlite:
        return  # one writer at a time: no row locks to take
    citizen = (await _citizens(db, ["99"]))[0]
    async with db.write() as session:
        await store.lock_conversations(session, [citizen], NOW)  # created, committed
    async with db.write() as session:
        await store.record_arrivals(session, [Inbound("telegram", "99", "m-99b")], NOW, conversations=True)
        await store.lock_conversations(session, [citizen], NOW)
        async with db.engine.connect() as other:
            with pytest.raises(exc.DBAPIError, match="could not obtain lock"):
                await other.execute(text("SELECT id FROM conversation WHERE citizen_id = :c FOR UPDATE NOWAIT"),
                                    {"c": citizen})
