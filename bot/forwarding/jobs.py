"""The forwarding outbox as operators see it (`laporbot outbox`, the admins' failed-forwards list): counts, entries,
and the requeue of failed ones with a fresh attempt budget."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.forwarding.ports import Jobs
from bot.forwarding.settings import ForwardingSettings
from models.forwarding import job_counts, jobs_in, lock_requeueable
from models.tables import Complaint

log = logging.getLogger("laporbot.forwarding")


@dataclass(frozen=True)
class JobView:
    """One outbox entry as operators see it (no complaint text, no personal data)."""

    id: int
    tracking_no: str
    status: str
    attempts: int
    sends: int
    not_before: datetime | None
    last_error: str | None
    remote_id: str | None
    updated_at: datetime


async def outbox_counts(core: Jobs) -> dict[str, int]:
    """How many entries are in each status."""
    async with core.db.read() as session:
        return await job_counts(session)


async def list_jobs(core: Jobs, statuses: Sequence[str] = ("pending", "sending", "failed"),
                    limit: int = 50) -> list[JobView]:
    """Outbox entries in these statuses, oldest first (what an admin page or `laporbot outbox list` shows)."""
    async with core.db.read() as session:
        rows = await jobs_in(session, statuses, limit)
    return [JobView(j.id or 0, tracking_no, j.status, j.attempts, j.sends, j.not_before, j.last_error, j.remote_id,
                    j.updated_at) for j, tracking_no in rows]


async def retry(core: Jobs, ref: int | str | None = None, *, actor: str = "operator") -> list[int]:
    """Queue failed entries again with a fresh attempt budget: one (by id or tracking number) or all failed."""
    config = core.section(ForwardingSettings)
    now = core.clock.now()
    async with core.db.write() as session:
        jobs = await lock_requeueable(session, ref)
        for job in jobs:
            job.status, job.attempts, job.not_before, job.failed_at, job.updated_at = "pending", 0, None, None, now
            session.add(job)
            complaint = await session.get(Complaint, job.complaint_id)
            if config.enabled and complaint is not None and complaint.status in ("failed", "submitted"):
                await core.status.change(session, complaint, "sending", actor=actor, notify=False, at=now)
        ids = [j.id or 0 for j in jobs]
    if ids:
        log.info("forwarding: requeued by operator", extra={"job_ids": ids[:50], "count": len(ids), "actor": actor})
    return ids
