"""The turn's lean SQL (models/lean_sql.py behind models/store.py, outbox_store.py, guard_store.py), on both dialects.

Rows written by the lean statements are stored exactly as the ORM stores them (each compared, column by
column and with its stored type, with a twin row written through the ORM), the ORM reads them back alike,
the lean reads see what the ORM wrote, and everything commits or rolls back with the session's transaction.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, exc, text
from sqlmodel import select

from bot.core.clock import FixedClock
from bot.core.messages import Inbound, Reply
from models import guard_store, outbox_store, store, voice_store
from models.db import Database, Session
from models.tables import Attachment, Citizen, Complaint, Conversation, InboundMessage, OutgoingMessage, StatusChange
from models.voice import VoiceMode
from tests.harness import ChatHarness

NOW = datetime(2026, 8, 20, 2, 0, 0, 120000, tzinfo=UTC)
STATE = {"flow": "complaint", "answers": {"body": "Jalan rusak di depan pasar — é ☂", "n": [1, 2.5, None, True]}}


async def stored(session: Session, table: str, row_id: int, columns: list[str]) -> list[str]:
    """Each column as the database holds it: its stored type and its text."""
    postgres = store.is_postgres(session)
    kind = "pg_typeof({c})::text" if postgres else "typeof({c})"
    parts = ", ".join(f"{kind.format(c=c)} || ':' || coalesce(CAST({c} AS TEXT), 'NULL')" for c in columns)
    return list((await session.execute(text(f"SELECT {parts} FROM {table} WHERE id = :id"), {"id": row_id})).one())


def _columns(model: Any, *but: str) -> list[str]:
    return [c.name for c in model.__table__.columns if c.name not in ("id", *but)]


async def _citizen(db: Database, user: str = "u1") -> int:
    async with db.write() as session:
        return (await store.citizens_for(session, [Inbound("telegram", user, "m0")], NOW))[("telegram", user)]


async def test_citizens_and_inbound_messages_are_stored_as_the_orm_stores_them(db: Database) -> None:
    """A sender upserted and a message recorded by lean SQL equal, column for column, their ORM twins."""
    msg = Inbound("telegram", "42", "m1", text="Lampu jalan mati é", display_name="Budi")
    async with db.write() as session:
        citizens = await store.citizens_for(session, [msg], NOW)
        recorded = await store.record_many(session, [msg], citizens, NOW, handled=True)
        twin = Citizen(channel="telegram", channel_user_id="43", display_name="Budi", created_at=NOW,
                       last_inbound_at=NOW)
        session.add(twin)
        await session.flush()
        twin_msg = InboundMessage(channel="telegram", channel_message_id="m2", citizen_id=twin.id or 0,
                                  payload=msg.to_json(), status="handled", handled_at=NOW, received_at=NOW)
        session.add(twin_msg)
        await session.flush()
        columns = _columns(Citizen, "channel_user_id")
        assert await stored(session, "citizen", citizens[("telegram", "42")], columns) == await stored(
            session, "citizen", twin.id or 0, columns)
        columns = _columns(InboundMessage, "channel_message_id", "citizen_id")
        assert await stored(session, "inboundmessage", recorded[("telegram", "m1")], columns) == await stored(
            session, "inboundmessage", twin_msg.id or 0, columns)
    async with db.read() as session:
        row = (await session.exec(select(InboundMessage).where(InboundMessage.channel_message_id == "m1"))).one()
        citizen = await session.get(Citizen, citizens[("telegram", "42")])
    assert (row.payload, row.status, row.handled_at, row.received_at) == (msg.to_json(), "handled", NOW, NOW)
    assert citizen is not None and (citizen.display_name, citizen.created_at, citizen.simple_mode) == ("Budi", NOW,
                                                                                                       False)


async def test_a_known_sender_is_updated_and_a_redelivered_message_is_not_recorded_again(db: Database) -> None:
    """The upsert keeps the citizen (last inbound time moved, unblocked); a repeated message id gives no id."""
    msg = Inbound("telegram", "42", "m1", text="halo")
    async with db.write() as session:
        first = await store.citizens_for(session, [msg], NOW)
        assert await store.record_many(session, [msg], first, NOW)
        citizen = await session.get(Citizen, first[("telegram", "42")])
        assert citizen is not None
        citizen.blocked_at, citizen.simple_mode = NOW, True
        session.add(citizen)
    later = NOW + timedelta(minutes=5)
    async with db.write() as session:
        again = await store.citizens_for(session, [msg, Inbound("telegram", "7", "m9")], later)
        assert again[("telegram", "42")] == first[("telegram", "42")]
        assert session.info[store.SIMPLE_MODE] == {first[("telegram", "42")]: True, again[("telegram", "7")]: False}
        assert await store.record_many(session, [msg], again, later) == {}
    async with db.read() as session:
        citizen = await session.get(Citizen, first[("telegram", "42")])
    assert citizen is not None and (citizen.last_inbound_at, citizen.blocked_at, citizen.created_at) == (later, None,
                                                                                                         NOW)


async def test_conversations_round_trip_between_lean_sql_and_the_orm(db: Database) -> None:
    """A conversation the ORM wrote is read alike; one created and saved by lean SQL equals its ORM twin."""
    old, new = await _citizen(db, "old"), await _citizen(db, "new")
    twin_citizen = await _citizen(db, "twin")
    async with db.write() as session:
        session.add(Conversation(citizen_id=old, flow="complaint", step="ask_body", locale="en", state=STATE,
                                 updated_at=NOW))
    async with db.write() as session:
        rows = await store.lock_conversations(session, [new, old, old], NOW)
        assert sorted(rows) == sorted([old, new])
        read = rows[old]
        assert (read.flow, read.step, read.locale, read.state, read.updated_at) == ("complaint", "ask_body", "en",
                                                                                    STATE, NOW)
        assert (rows[new].flow, rows[new].state, rows[new].updated_at) == (None, {}, NOW)
        later = NOW + timedelta(seconds=3)
        store.stage_conversation(rows[new], flow="complaint", step="ask_title", locale="id", state=STATE, now=later)
        await store.save_conversations(session, [rows[new]])
        twin = Conversation(citizen_id=twin_citizen, flow="complaint", step="ask_title", locale="id", state=STATE,
                            updated_at=later)
        session.add(twin)
        await session.flush()
        columns = _columns(Conversation, "citizen_id")
        assert await stored(session, "conversation", rows[new].id, columns) == await stored(
            session, "conversation", twin.id or 0, columns)
    async with db.read() as session:
        saved = (await session.exec(select(Conversation).where(Conversation.citizen_id == new))).one()
    assert (saved.flow, saved.step, saved.locale, saved.state, saved.updated_at) == ("complaint", "ask_title", "id",
                                                                                     STATE, later)


async def test_outgoing_rows_and_their_sent_marks_are_stored_as_the_orm_stores_them(db: Database) -> None:
    """Queued replies come back with ids in order; inserted and marked sent they equal their ORM twins."""
    citizen = await _citizen(db)
    claimed = NOW.replace(microsecond=0) + timedelta(seconds=30)  # SQLite text keeps ".000000" too
    values = [{"channel": "telegram", "chat_id": "42", "citizen_id": citizen, "inbound_id": None, "kind": "reply",
               "payload": Reply(f"balasan {i} é").to_json(), "status": "sending", "attempts": 0,
               "not_before": claimed, "created_at": NOW} for i in range(3)]
    async with db.write() as session:
        ids = await store.insert_outgoing(session, values)
        twin = OutgoingMessage(**values[0])
        session.add(twin)
        await session.flush()
        assert await stored(session, "outgoingmessage", ids[0], _columns(OutgoingMessage)) == await stored(
            session, "outgoingmessage", twin.id or 0, _columns(OutgoingMessage))
    async with db.read() as session:
        rows = await outbox_store.outgoing_in_order(session, ids)
    assert [r.id for r in rows] == ids and [r.payload for r in rows] == [v["payload"] for v in values]
    sent_at = NOW + timedelta(seconds=1)
    async with db.write() as session:
        await outbox_store.record_sent(session, [{"id": ids[0], "sent_at": sent_at, "channel_message_id": "900"}],
                                       sent_at)
        orm = await session.get(OutgoingMessage, twin.id)
        assert orm is not None
        orm.status, orm.not_before, orm.sent_at, orm.channel_message_id, orm.attempts = "sent", None, sent_at, "900", 1
        session.add(orm)
        await session.flush()
        assert await stored(session, "outgoingmessage", ids[0], _columns(OutgoingMessage)) == await stored(
            session, "outgoingmessage", twin.id or 0, _columns(OutgoingMessage))


async def test_the_rate_limit_read_sees_messages_the_orm_recorded(db: Database) -> None:
    """inbound_since counts the window's messages, whoever wrote them; older ones and other citizens are left out."""
    citizen, other = await _citizen(db, "a"), await _citizen(db, "b")
    async with db.write() as session:
        for i, (who, at) in enumerate([(citizen, NOW - timedelta(minutes=2)), (citizen, NOW), (other, NOW)]):
            session.add(InboundMessage(channel="telegram", channel_message_id=f"x{i}", citizen_id=who, payload={},
                                       received_at=at))
    async with db.write() as session:
        ids = await store.record_many(session, [Inbound("telegram", "a", "y")], {("telegram", "a"): citizen}, NOW)
        found = await guard_store.inbound_since(session, [citizen], NOW - timedelta(minutes=1))
        recent = (await session.exec(select(InboundMessage.id).where(InboundMessage.channel_message_id == "x1"))).one()
    assert sorted(found) == sorted([(citizen, recent), (citizen, ids[("telegram", "y")])])


async def test_lean_statements_roll_back_with_the_sessions_transaction(db: Database) -> None:
    """A turn that fails after its lean writes leaves nothing: they were in the session's transaction."""
    with pytest.raises(RuntimeError):
        async with db.write() as session:
            msg = Inbound("telegram", "42", "m1", text="halo")
            citizens = await store.citizens_for(session, [msg], NOW)
            await store.record_many(session, [msg], citizens, NOW)
            await store.lock_conversations(session, list(citizens.values()), NOW)
            raise RuntimeError("the turn failed")
    async with db.read() as session:
        assert (await session.exec(select(Citizen))).all() == []
        assert (await session.exec(select(InboundMessage))).all() == []
        assert (await session.exec(select(Conversation))).all() == []


async def test_a_refused_lean_statement_raises_sqlalchemys_error(db: Database) -> None:
    """A broken row (a citizen that does not exist) fails as the ORM's statements fail: an IntegrityError."""
    row = {"channel": "telegram", "chat_id": "42", "citizen_id": 999, "inbound_id": None, "kind": "reply",
           "payload": {}, "status": "pending", "attempts": 0, "not_before": None, "created_at": NOW}
    with pytest.raises(exc.IntegrityError):
        async with db.write() as session:
            await store.insert_outgoing(session, [row])


async def test_many_senders_at_once(db: Database) -> None:
    """More senders than one SQLite statement takes: every one gets an id and a conversation."""
    messages = [Inbound("telegram", str(i), f"m{i}") for i in range(1200)]
    async with db.write() as session:
        citizens = await store.citizens_for(session, messages, NOW)
        recorded = await store.record_many(session, messages, citizens, NOW)
        conversations = await store.lock_conversations(session, list(citizens.values()), NOW)
    assert len(set(citizens.values())) == len(recorded) == len(conversations) == 1200


async def test_the_batch_looks_that_find_nothing_mostly(db: Database) -> None:
    """Recent complaints and voice modes: found where rows exist (as ORM rows), nothing where none do."""
    citizen, quiet = await _citizen(db, "a"), await _citizen(db, "b")
    async with db.write() as session:
        old = await store.create_complaint(session, tracking_no="LPR-OLD", citizen_id=citizen, inbound_id=None,
                                           channel="telegram", locale="id", answers={"body": "lama"},
                                           now=NOW - timedelta(days=2))
        new = await store.create_complaint(session, tracking_no="LPR-NEW", citizen_id=citizen, inbound_id=None,
                                           channel="telegram", locale="id", answers={"body": "baru"}, now=NOW)
        session.add(VoiceMode(citizen_id=citizen, mode="on", updated_at=NOW))
    async with db.write() as session:
        since = NOW - timedelta(days=3)
        assert [c.tracking_no for c in await guard_store.recent_complaints(session, citizen, since)] == [
            new.tracking_no, old.tracking_no]
        assert [c.id for c in await guard_store.recent_complaints(session, citizen, NOW - timedelta(days=1))] == [
            new.id]
        assert await guard_store.recent_complaints(session, quiet, since) == []
        modes = await voice_store.modes_of(session, [citizen, quiet])
        assert list(modes) == [citizen] and modes[citizen].mode == "on"
        assert await voice_store.modes_of(session, [quiet]) == {}


async def test_a_complaint_is_stored_as_the_orm_stores_it_and_stays_the_sessions_row(db: Database) -> None:
    """create_complaint's lean rows equal their ORM twins; the complaint is then changed through the ORM as before."""
    citizen = await _citizen(db)
    answers = {"body": "Jalan berlubang é", "title": "Jalan", "incident_date": "2026-08-18", "location":
               {"text": "Gang Melati", "lat": -8.5, "lon": 116.5, "region": "52.03"}, "agency": "pupr",
               "is_secret": True, "contact_consent": True, "phone": "0812", "attachments":
               [{"kind": "photo", "ref": "f1", "mime": "image/jpeg", "size": 2048}]}
    async with db.write() as session:
        complaint = await store.create_complaint(session, tracking_no="LPR-1", citizen_id=citizen, inbound_id=None,
                                                 channel="telegram", locale="id", answers=answers, now=NOW)
        assert await store.tracking_taken(session, "LPR-1") and not await store.tracking_taken(session, "LPR-2")
        twin = Complaint(**{c: getattr(complaint, c) for c in _columns(Complaint)} | {"tracking_no": "LPR-2"})
        session.add(twin)
        await session.flush()
        session.add_all([Attachment(complaint_id=twin.id or 0, channel="telegram", kind="photo", file_ref="f1",
                                    mime="image/jpeg", size=2048),
                         StatusChange(complaint_id=twin.id or 0, status="submitted", actor="citizen", at=NOW)])
        await session.flush()
        columns = _columns(Complaint, "tracking_no")
        assert await stored(session, "complaint", complaint.id or 0, columns) == await stored(
            session, "complaint", twin.id or 0, columns)
        for table, model in (("attachment", Attachment), ("statuschange", StatusChange)):
            mine, theirs = (await session.execute(text(f"SELECT id FROM {table} ORDER BY id"))).scalars().all()
            columns = _columns(model, "complaint_id")
            assert await stored(session, table, mine, columns) == await stored(session, table, theirs, columns)
        assert await session.get(Complaint, complaint.id) is complaint  # the session's own row, no second copy
        complaint.status = "sending"
        session.add(complaint)
    async with db.read() as session:
        again = await session.get(Complaint, complaint.id)
        files = await store.attachments_of(session, [complaint.id or 0, twin.id or 0])
    assert again is not None and (again.status, again.incident_date, again.lat) == ("sending", date(2026, 8, 18), -8.5)
    assert [f.complaint_id for f in files] == [complaint.id, twin.id]


async def test_arrivals_are_stored_as_citizens_for_and_record_many_store_them(db: Database) -> None:
    """store.record_arrivals (one statement on PostgreSQL) gives the ids, rows and notes those two give: a new and
    a known sender, messages interleaved between them recorded in their order, a redelivered one not again."""
    known = Inbound("telegram", "42", "m0", text="halo")
    async with db.write() as session:
        first = await store.citizens_for(session, [known], NOW)
        await store.record_many(session, [known], first, NOW)
        citizen = await session.get(Citizen, first[("telegram", "42")])
        assert citizen is not None
        citizen.blocked_at, citizen.simple_mode = NOW, True
        session.add(citizen)
    later = NOW + timedelta(minutes=5)
    messages = [Inbound("telegram", "7", "m1", text="satu", display_name="Budi"), known,
                Inbound("telegram", "42", "m2", text="dua é"),
                Inbound("telegram", "7", "m3", text="tiga", display_name="Budi")]
    async with db.write() as session:
        citizens, recorded = await store.record_arrivals(session, messages, later, handled=True)
        twins = await store.citizens_for(session, [Inbound("telegram", "8", "x", display_name="Budi")], later)
        twin = await store.record_many(session, [Inbound("telegram", "8", "x1", text="dua é")], twins, later,
                                       handled=True)
        assert session.info[store.SIMPLE_MODE] == {first[("telegram", "42")]: True, citizens[("telegram", "7")]: False,
                                                   twins[("telegram", "8")]: False}
        columns = _columns(Citizen, "channel_user_id")
        assert await stored(session, "citizen", citizens[("telegram", "7")], columns) == await stored(
            session, "citizen", twins[("telegram", "8")], columns)
        columns = _columns(InboundMessage, "channel_message_id", "citizen_id", "payload")
        assert await stored(session, "inboundmessage", recorded[("telegram", "m2")], columns) == await stored(
            session, "inboundmessage", twin[("telegram", "x1")], columns)
    assert citizens == {("telegram", "42"): first[("telegram", "42")], ("telegram", "7"): citizens[("telegram", "7")]}
    assert set(recorded) == {("telegram", "m1"), ("telegram", "m2"), ("telegram", "m3")}  # not m0 again
    assert recorded[("telegram", "m1")] < recorded[("telegram", "m2")] < recorded[("telegram", "m3")]
    async with db.read() as session:
        rows = {r.channel_message_id: r for r in (await session.exec(select(InboundMessage))).all()}
        citizen = await session.get(Citizen, first[("telegram", "42")])
    assert {m: (r.citizen_id, r.payload, r.status, r.handled_at, r.received_at) for m, r in rows.items()
            if m in ("m1", "m2", "m3")} == {
        m.message_id: (citizens[("telegram", m.user_id)], m.to_json(), "handled", later, later)
        for m in messages if m.message_id != "m0"}
    assert citizen is not None and (citizen.last_inbound_at, citizen.blocked_at, citizen.created_at) == (later, None,
                                                                                                         NOW)


async def test_arrivals_of_many_senders_at_once(db: Database) -> None:
    """More senders than one SQLite statement takes: every one gets an id, every message is recorded."""
    messages = [Inbound("telegram", str(i), f"m{i}") for i in range(1200)]
    async with db.write() as session:
        citizens, recorded = await store.record_arrivals(session, messages, NOW)
    assert len(set(citizens.values())) == len(set(recorded.values())) == 1200


async def sent_statements(db: Database, user: str, *texts: str) -> tuple[list[str], list[Any]]:
    """Every statement sent to the database while one user sends these texts through a chat harness, and the
    bot's answers to each."""
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
    try:
        harness = ChatHarness(db, FixedClock(NOW))
        answers = [await harness.send(user, t) for t in texts]
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", seen)
    return statements, answers


async def test_a_batch_records_its_senders_and_messages_in_one_statement_on_postgresql(db: Database) -> None:
    """One round trip to the server, not two (a turn's latency under load is its round trips)."""
    statements, _ = await sent_statements(db, "42", "halo")
    writes = [s for s in statements if "INSERT INTO citizen" in s or "INSERT INTO inboundmessage" in s]
    assert len(writes) == (2 if db.is_sqlite else 1)
