"""The outbox's and the inbound log's queries over rows still to do use the partial indexes (migration 0014).

Each query is run as the code runs it (its SQL and parameters caught on the way to the driver), then explained
with the same parameters: SQLite's EXPLAIN QUERY PLAN; on PostgreSQL a generic plan (PREPARE, then EXPLAIN
EXECUTE with plan_cache_mode forced), what a prepared statement gets after its first runs, where a bound parameter
proves nothing about a partial index's condition. Both dialects (the PostgreSQL pass runs the second).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, text

from models import guard_store, metrics_store, outbox_store, store, workqueue
from models.db import Database, Session
from models.tables import OUTGOING
from models.whatsapp import sending_rows

AT = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
DONE = 3000  # rows done (sent, handled): enough that a scan of them costs more than the index to any planner
CITIZENS = 50
SECOND = timedelta(seconds=1)


async def _fill(db: Database) -> None:
    async with db.write() as session:
        await session.execute(text("INSERT INTO citizen (channel, channel_user_id, created_at, simple_mode) "
                                   "VALUES ('telegram', :user, :at, false)"),
                              [{"user": str(40 + c), "at": AT} for c in range(CITIZENS)])
        outgoing = ("INSERT INTO outgoingmessage (channel, chat_id, citizen_id, kind, payload, status, attempts, "
                    "created_at) VALUES ('telegram', '42', 1, 'reply', '{}', :status, 1, :at)")
        inbound = ("INSERT INTO inboundmessage (channel, channel_message_id, citizen_id, payload, status, received_at) "
                   "VALUES ('telegram', :mid, :citizen, '{\"user_id\": \"42\"}', :status, :at)")
        statuses = ["sent"] * DONE + ["pending", "sending", "failed"]
        await session.execute(text(outgoing), [{"status": s, "at": AT} for s in statuses])
        await session.execute(text(inbound), [{"mid": str(i), "citizen": i % CITIZENS + 1, "at": AT + i * SECOND,
                                               "status": "handled" if i < DONE else "pending"}
                                              for i in range(DONE + 3)])
    async with db.engine.connect() as conn:
        await conn.execute(text("ANALYZE"))
        await conn.commit()


async def _caught(db: Database, run: Callable[[Session], Awaitable[Any]]) -> list[tuple[str, Any]]:
    """The statements (with their parameters) that `run` sends to the database, in a transaction rolled back."""
    caught: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        caught.append((statement, parameters))

    event.listen(db.engine.sync_engine, "before_cursor_execute", catch)
    try:
        async with db.engine.connect() as conn:
            session = Session(bind=conn)
            await run(session)
            await session.close()
            await conn.rollback()
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", catch)
    return caught


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, list):
        return "'{" + ",".join(str(v) for v in value) + "}'"
    return "'" + str(value).replace("'", "''") + "'"


async def _plan(db: Database, statement: str, parameters: Any) -> str:
    async with db.engine.connect() as conn:
        if db.is_sqlite:
            rows = (await conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, tuple(parameters))).all()
            return "\n".join(str(row[3]) for row in rows)
        await conn.execute(text("SET plan_cache_mode = force_generic_plan"))
        await conn.exec_driver_sql("PREPARE probe AS " + statement)
        arguments = ", ".join(_literal(v) for v in parameters)
        rows = (await conn.exec_driver_sql(f"EXPLAIN EXECUTE probe({arguments})" if arguments
                                           else "EXPLAIN EXECUTE probe")).all()
        await conn.exec_driver_sql("DEALLOCATE probe")
        return "\n".join(row[0] for row in rows)


QUERIES: dict[str, tuple[str, Callable[[Session], Awaitable[Any]]]] = {
    "the outbox's queue of one channel": ("ix_outgoing_pending", lambda s: outbox_store.queued_outgoing(
        s, limit=500, channel="telegram")),
    "the outbox's queue": ("ix_outgoing_pending", lambda s: outbox_store.queued_outgoing(s, limit=500)),
    "lost sends put back": ("ix_outgoing_pending", lambda s: workqueue.requeue_expired(
        s, OUTGOING, now=AT + timedelta(hours=1), exclude={7})),
    "due sends claimed": ("ix_outgoing_pending", lambda s: workqueue.claim(
        s, OUTGOING, now=AT + timedelta(hours=1), lease=timedelta(seconds=60), limit=10)),
    "the outbox's /metrics counts": ("ix_outgoing_pending", metrics_store.outbox_counts),
    "a WhatsApp chat's sends in flight": ("ix_outgoing_pending", lambda s: sending_rows(s, "telegram", "42")),
    "messages to catch up on": ("ix_inbound_pending", store.pending_inbound),
    "their ids": ("ix_inbound_pending", store.pending_inbound_ids),
    # ix_inbound_citizen_received serves what ix_inboundmessage_citizen_id did
    "the rate limit's count": ("ix_inbound_citizen_received", lambda s: guard_store.messages_in_window(
        s, 2, 2900, AT + 2000 * SECOND)),
    "a batch's recent messages": ("ix_inbound_citizen_received", lambda s: guard_store.inbound_since(
        s, [2, 3], AT + 2000 * SECOND)),
    "the message before": ("ix_inbound_citizen_received", lambda s: guard_store.previous_inbound(s, 2, 2900)),
}


async def test_queries_over_rows_still_to_do_use_the_partial_indexes(db: Database) -> None:
    await _fill(db)
    for name, (index, run) in QUERIES.items():
        caught = await _caught(db, run)
        assert len(caught) == 1, name
        plan = await _plan(db, *caught[0])
        assert index in plan, f"{name}: {plan}"
        if name == "the message before":  # the citizen's messages walked back from the newest, never all sorted
            assert "TEMP B-TREE" not in plan and "Sort Key: inboundmessage.received_at" not in plan, plan


async def test_rows_done_as_they_are_written_stay_out_of_the_partial_indexes(db: Database) -> None:
    """What makes a commit lighter: a handled message and a sent reply are in neither index; pending ones are."""
    await _fill(db)
    async with db.engine.connect() as conn:  # what the ANALYZE of _fill counted in each index
        if db.is_sqlite:
            query = "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE idx = :index"  # its first number: entries
        else:
            query = "SELECT reltuples FROM pg_class WHERE relname = :index"
        counts = [(await conn.execute(text(query), {"index": index})).scalar_one()
                  for index in ("ix_inbound_pending", "ix_outgoing_pending")]
    assert counts == [3, 3]
