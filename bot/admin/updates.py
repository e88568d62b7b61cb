"""An admin's update (a button press, a command, a typed answer) is done once: the first write transaction of its
handling records it in the inbound log, and a redelivery finds it there (DuplicateUpdate) before anything is done."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from models import store
from models.admin_store import record_admin_update
from models.db import Session

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


async def seen_update(session: Session, channel: str, message_id: str) -> bool:
    """Whether this channel message id is in the inbound log already."""
    return await store.inbound_seen(session, channel, message_id)


async def record_update(session: Session, now: datetime) -> None:
    """Record the pending admin update (if any) as handled; DuplicateUpdate when it was recorded before."""
    pending = _UPDATE.get()
    if pending is None:
        return
    channel, message_id, user_id = pending
    if not await record_admin_update(session, channel, message_id, user_id, now):
        raise DuplicateUpdate(message_id)
    _UPDATE.set(None)  # recorded: later transactions of the same update do not record it again
