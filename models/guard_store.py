"""The guards' counts: a citizen's messages in a window, their last message, their recent complaints."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.lean_sql import lean
from models.tables import Complaint, InboundMessage


async def messages_in_window(session: AsyncSession, citizen_id: int, inbound_id: int | None,
                             since: datetime) -> int:
    """How many of the citizen's messages, up to and including this one, arrived since `since`."""
    query = select(func.count()).select_from(InboundMessage).where(
        col(InboundMessage.citizen_id) == citizen_id, col(InboundMessage.received_at) >= since)
    if inbound_id is not None:
        query = query.where(col(InboundMessage.id) <= inbound_id)
    return int((await session.exec(query)).one())


async def recent_complaints(session: AsyncSession, citizen_id: int, since: datetime,
                            limit: int = 50) -> list[Complaint]:
    """The citizen's complaints filed since `since`, newest first, at most `limit`."""
    # Most citizens have none: a lean look first, the ORM's rows only for what it found.
    ids = await (await lean(session)).recent_complaint_ids(citizen_id, since, limit)
    if not ids:
        return []
    query = select(Complaint).where(col(Complaint.id).in_(ids)).order_by(col(Complaint.id).desc())
    return list((await session.exec(query)).all())


async def inbound_since(session: AsyncSession, citizen_ids: Sequence[int], since: datetime) -> list[tuple[int, int]]:
    """(citizen id, inbound id) of these citizens' messages received since `since` (read once per batch)."""
    return await (await lean(session)).inbound_since(citizen_ids, since) if citizen_ids else []


async def previous_inbound(session: AsyncSession, citizen_id: int,
                           before_id: int | None) -> tuple[int, datetime] | None:
    """(id, received_at) of the citizen's latest message before `before_id` (or latest of all), if any."""
    # newest first in ix_inbound_citizen_received's order (ids follow arrival): a walk back of a step or two, where
    # ordering by id alone sorted all of a citizen's messages (a flooder's thousands, at each message over the limit)
    query = select(InboundMessage.id, InboundMessage.received_at).where(
        col(InboundMessage.citizen_id) == citizen_id).order_by(
        col(InboundMessage.received_at).desc(), col(InboundMessage.id).desc()).limit(1)
    if before_id is not None:
        query = query.where(col(InboundMessage.id) < before_id)
    found = (await session.exec(query)).first()
    return None if found is None or found[0] is None else (int(found[0]), found[1])
