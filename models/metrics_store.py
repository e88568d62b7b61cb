"""The /metrics gauges' reads: counts by status of the outboxes, complaints and survey answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import SQLModel, col
from sqlmodel.ext.asyncio.session import AsyncSession

from models.tables import OUTGOING_LIVE, Complaint, OutgoingMessage

_SURVEY_TABLES = (("skm", "skmresponse"), ("channel", "channelsurveyresponse"), ("custom", "surveyresponse"))


async def outbox_counts(session: AsyncSession) -> list[tuple[str, str, int]]:
    """(channel, status, count) of the outgoing messages pending, sending or failed."""
    rows = (await session.execute(select(OutgoingMessage.channel, OutgoingMessage.status, func.count())
                                  .where(OUTGOING_LIVE,  # its partial index
                                         col(OutgoingMessage.status).in_(("pending", "sending", "failed")))
                                  .group_by(OutgoingMessage.channel, OutgoingMessage.status))).all()
    return [(channel, status, int(count)) for channel, status, count in rows]


async def forwarding_counts(session: AsyncSession) -> list[tuple[str, int]]:
    """(status, count) of the forwarding outbox; empty when that table is not defined in this process."""
    job = SQLModel.metadata.tables.get("forwardjob")
    if job is None:
        return []
    rows = (await session.execute(select(job.c.status, func.count()).group_by(job.c.status))).all()
    return [(status, int(count)) for status, count in rows]


async def complaint_counts(session: AsyncSession) -> list[tuple[str, int]]:
    """(status, count) of the complaints."""
    rows = (await session.execute(select(Complaint.status, func.count()).group_by(Complaint.status))).all()
    return [(status, int(count)) for status, count in rows]


async def complaints_started_before(session: AsyncSession, statuses: Sequence[str], threshold: datetime, *,
                                    by_creation: bool) -> int:
    """Complaints in these statuses created (by_creation) or last updated before `threshold`."""
    started = Complaint.created_at if by_creation else Complaint.updated_at
    return int((await session.execute(select(func.count()).select_from(Complaint).where(
        col(Complaint.status).in_(statuses), col(started) < threshold))).scalar_one())


async def survey_counts(session: AsyncSession) -> list[tuple[str, int]]:
    """(survey, responses stored) for each survey kind whose table is defined in this process."""
    tables = SQLModel.metadata.tables
    return [(survey, int((await session.execute(select(func.count()).select_from(tables[name]))).scalar_one()))
            for survey, name in _SURVEY_TABLES if name in tables]
