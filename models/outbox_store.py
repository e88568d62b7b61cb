"""The deliverer's reads and writes beyond the leased queue (models/workqueue.py): rows to send, forgotten chats."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models import workqueue
from models.lean_sql import lean
from models.tables import OUTGOING, Citizen, OutgoingMessage


async def outgoing_in_order(session: AsyncSession, ids: Sequence[int]) -> list[OutgoingMessage]:
    """These outgoing messages, by id (the order they were queued in)."""
    rows = (await session.exec(select(OutgoingMessage).where(col(OutgoingMessage.id).in_(ids))
                               .order_by(col(OutgoingMessage.id)))).all()
    return list(rows)


async def overwrite_outgoing(session: AsyncSession, ids: Sequence[Any], values: Mapping[str, Any]) -> None:
    """Set these columns on these outgoing messages (an erased citizen's chat id and text, once sent)."""
    table = OutgoingMessage.__table__
    await session.execute(update(table).where(table.c.id.in_(ids)).values(**values))  # type: ignore[attr-defined]


async def mark_blocked(session: AsyncSession, citizen_id: int, now: datetime) -> None:
    """Record that the citizen blocked the bot."""
    await session.execute(update(Citizen).where(col(Citizen.id) == citizen_id).values(blocked_at=now))


async def queued_outgoing(session: AsyncSession, *, limit: int, channel: str | None = None) -> list[OutgoingMessage]:
    """The outgoing messages still to send (pending or being sent), of one channel or all, in queue order."""
    where = [col(OutgoingMessage.channel) == channel] if channel else []
    return await workqueue.queued(session, OUTGOING, limit=limit, claimed=True, where=where)


async def record_sent(session: AsyncSession, sends: Sequence[Mapping[str, Any]], now: datetime) -> None:
    """Mark these sends done (id, sent_at, channel_message_id each), one attempt more, whoever holds the lease."""
    if not sends:
        return
    done = workqueue.done_values(OUTGOING, now)  # the queue's own "done" columns, then each send's
    columns = [*done, "sent_at", "channel_message_id"]
    rows = [[*done.values(), s["sent_at"], s["channel_message_id"], s[OUTGOING.key]] for s in sends]
    await (await lean(session)).update_many(OUTGOING.sql.name, OUTGOING.key, columns, rows, increment=["attempts"])
