"""An admin's update (a button press, a command, a typed answer) is done once: the first write transaction of its
handling records it in the inbound log, and a redelivery finds it there (DuplicateUpdate) before anything is done."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from models import store
from models.tables import Citizen, InboundMessage

# The admin update (channel, channel message id, Telegram user id) being handled in this task, until the first
# write transaction records it (AdminCore.write).
_UPDATE: ContextVar[tuple[str, str, int] | None] = ContextVar("admin_update", default=None)


class DuplicateUpdate(Exception):
    """This admin update was handled before (the channel delivered it again): nothing is done twice."""


@contextmanager
def handling_update(channel: str, message_id: str, user_id: int | None) -> Iterator[None]:
    """While handling one admin update: the next AdminCore.write() records it in the inbound log, once."""
    token = _UPDATE.set((channel, message_id, user_id) if user_id is not None else None)
    try:
        yield
    finally:
        _UPDATE.reset(token)


async def seen_update(session: AsyncSession, channel: str, message_id: str) -> bool:
    """Whether this channel message id is in the inbound log already."""
    found = await session.exec(select(InboundMessage.id).where(
        InboundMessage.channel == channel, InboundMessage.channel_message_id == message_id))
    return found.first() is not None


async def record_update(session: AsyncSession, now: datetime) -> None:
    """Record the pending admin update (if any) as handled; DuplicateUpdate when it was recorded before."""
    pending = _UPDATE.get()
    if pending is None:
        return
    channel, message_id, user_id = pending
    # The admin's own row, like a citizen's (no name kept: an id is all the log needs).
    citizen_id = (await session.execute(store._insert(session, Citizen).values(
        channel=channel, channel_user_id=str(user_id), created_at=now, last_inbound_at=now,
    ).on_conflict_do_update(index_elements=["channel", "channel_user_id"], set_={"last_inbound_at": now})
        .returning(Citizen.__table__.c.id))).scalar_one()  # type: ignore[attr-defined]
    # No message text in the payload: what the admin typed lives in the case (notes, questions) or nowhere.
    recorded = (await session.execute(store._insert(session, InboundMessage).values(
        channel=channel, channel_message_id=message_id, citizen_id=citizen_id, payload={"admin": True},
        status="handled", received_at=now, handled_at=now,
    ).on_conflict_do_nothing(index_elements=["channel", "channel_message_id"])
        .returning(InboundMessage.__table__.c.id))).scalar_one_or_none()  # type: ignore[attr-defined]
    if recorded is None:
        raise DuplicateUpdate(message_id)
    _UPDATE.set(None)  # recorded: later transactions of the same update do not record it again
