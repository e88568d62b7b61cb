"""The voice stage's, the transcription worker's and the speech cache's reads and writes of the voice tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.lean_sql import lean
from models.tables import OutgoingMessage
from models.voice import VoiceJob, VoiceMode, VoiceUpload


async def modes_of(session: AsyncSession, citizen_ids: list[int]) -> dict[int, VoiceMode]:
    """The voice modes of these citizens that are stored (most citizens have none)."""
    if not citizen_ids:
        return {}
    # read once per batch: a lean look first (models/lean_sql.py), the ORM's rows only for the few found
    present = await (await lean(session)).present("voicemode", "citizen_id", citizen_ids)
    if not present:
        return {}
    rows = (await session.exec(select(VoiceMode).where(col(VoiceMode.citizen_id).in_(present)))).all()
    return {row.citizen_id: row for row in rows}


async def job_of_inbound(session: AsyncSession, inbound_id: int) -> VoiceJob | None:
    """The voice job of this inbound message, if one was queued."""
    return (await session.exec(select(VoiceJob).where(VoiceJob.inbound_id == inbound_id))).first()


async def latest_job(session: AsyncSession, citizen_id: int, status: str, *,
                     before_id: int | None = None) -> VoiceJob | None:
    """The citizen's newest job in this status (older than `before_id` if given)."""
    query = select(VoiceJob).where(VoiceJob.citizen_id == citizen_id, VoiceJob.status == status)
    if before_id is not None:
        query = query.where(col(VoiceJob.id) < before_id)
    return (await session.exec(query.order_by(col(VoiceJob.id).desc()))).first()


async def drop_heard(session: AsyncSession, citizen_id: int, keep_id: int | None, now: datetime) -> None:
    """The citizen's other read-backs no longer count: every heard job but `keep_id` becomes dropped."""
    await session.execute(update(VoiceJob).where(
        col(VoiceJob.citizen_id) == citizen_id, col(VoiceJob.status) == "heard",
        col(VoiceJob.id) != keep_id).values(status="dropped", updated_at=now))


async def active_jobs(session: AsyncSession, citizen_id: int) -> int:
    """How many of the citizen's voice jobs are queued or running."""
    query = select(func.count()).select_from(VoiceJob).where(
        VoiceJob.citizen_id == citizen_id, col(VoiceJob.status).in_(("queued", "running")))
    return int((await session.exec(query)).one())


async def sent_payloads(session: AsyncSession, citizen_id: int, limit: int = 8) -> list[dict[str, Any]]:
    """The payloads of the last messages sent to the citizen, newest first."""
    rows = (await session.exec(select(OutgoingMessage.payload).where(
        OutgoingMessage.citizen_id == citizen_id).order_by(col(OutgoingMessage.id).desc()).limit(limit))).all()
    return list(rows)


async def upload_of(session: AsyncSession, key: str, channel: str) -> VoiceUpload | None:
    """The channel's stored id for this speech clip, if any (expired or not)."""
    return (await session.exec(select(VoiceUpload).where(VoiceUpload.key == key,
                                                         VoiceUpload.channel == channel))).first()
