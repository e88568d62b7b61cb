"""Status back: the poller reads the central status and follow-ups of sent complaints and tells the citizen about
every change (each sent entry is due again LAPORBOT_CENTRAL_POLL_INTERVAL later; settled ones stop in time)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta

from bot.forwarding.central import CentralAdapter, PermanentError, RemoteStatus, RetryableError
from bot.forwarding.central.base import (
    BELUM_TERVERIFIKASI,
    DALAM_PROSES,
    DIARSIPKAN,
    DIDISPOSISIKAN,
    DITINDAKLANJUTI,
    DITOLAK,
    DITUNDA,
    SELESAI,
    TERVERIFIKASI,
)
from bot.forwarding.central.open311 import TOKEN_PREFIX
from bot.forwarding.payload import aware
from bot.forwarding.ports import Polling
from bot.forwarding.settings import ForwardingSettings
from models import store
from models.db import Session
from models.forwarding import ForwardJob, claim_polls, lock_jobs
from models.tables import Complaint

log = logging.getLogger("laporbot.forwarding")

#: Our status for each central status (domain.md §1.4); "sending" and "failed" are ours alone.
STATUS_FROM_CENTRAL: dict[str, str] = {
    BELUM_TERVERIFIKASI: "forwarded",
    TERVERIFIKASI: "verified",
    DALAM_PROSES: "in_progress",
    SELESAI: "closed",
    DITOLAK: "rejected",
    DITUNDA: "on_hold",
    DIDISPOSISIKAN: "dispositioned",
    DITINDAKLANJUTI: "responded",
    DIARSIPKAN: "archived",
}
#: Central statuses after which only late follow-ups are expected.
SETTLED = frozenset({SELESAI, DITOLAK, DIARSIPKAN})


class StatusPoller:
    """Reads the central status and follow-ups of sent complaints and tells citizens about every change."""

    def __init__(self, core: Polling, adapter: CentralAdapter, config: ForwardingSettings, *, batch: int = 50,
                 concurrency: int = 8) -> None:
        self.core = core
        self.adapter = adapter
        self.config = config
        self.batch = batch
        self._limit = asyncio.Semaphore(concurrency)

    async def claim(self) -> list[tuple[int, str]]:
        """Take due entries by moving their next poll time on (that move is the lease between pollers)."""
        async with self.core.db.write() as session:
            return await claim_polls(session, now=self.core.clock.now(), lease=self.config.poll_interval,
                                     limit=self.batch)

    async def poll_once(self) -> int:
        """Poll one batch of due complaints; return how many were polled."""
        due = await self.claim()
        if not due:
            return 0
        answers = await asyncio.gather(*(self._read(job_id, remote_id) for job_id, remote_id in due))
        found = {job_id: status for job_id, status in answers if status is not None}
        if found:
            await self._apply(found)
        return len(due)

    async def _read(self, job_id: int, remote_id: str) -> tuple[int, RemoteStatus | None]:
        """The central view of one complaint, or None when it could not be read this time."""
        async with self._limit:
            try:
                return job_id, await self.adapter.status(remote_id)
            except (RetryableError, PermanentError) as error:
                log.info("status poll failed", extra={"job_id": job_id, "error": str(error)[:200]})
            except Exception as error:  # keep polling the others
                log.warning("status poll failed", extra={"job_id": job_id, "error": type(error).__name__})
            return job_id, None

    async def _apply(self, found: Mapping[int, RemoteStatus]) -> None:
        """Record what changed, one transaction for the batch, rows locked in id order."""
        now = self.core.clock.now()
        async with self.core.db.write() as session:
            jobs = await lock_jobs(session, list(found))
            complaints = await store.lock_complaints(session, [j.complaint_id for j in jobs])
            for job in jobs:
                complaint = complaints.get(job.complaint_id)
                if complaint is not None and job.status == "sent":
                    await self._apply_one(session, job, complaint, found[job.id or 0], now)

    async def _apply_one(self, session: Session, job: ForwardJob, complaint: Complaint,
                         remote: RemoteStatus, now: datetime) -> None:
        """Mirror one central status and its new follow-ups into our history, notifying the citizen once."""
        if job.remote_id and job.remote_id.startswith(TOKEN_PREFIX) and remote.remote_id != job.remote_id:
            job.remote_id = complaint.remote_id = remote.remote_id[:64]  # the Open311 token got its id
            session.add(complaint)
        seen = set(job.followups_seen or [])
        new = [f for f in remote.followups if f.id not in seen]
        changed = remote.status != job.remote_status
        job.raw_status = remote.raw_status[:64]
        if changed:
            job.remote_status, job.remote_changed_at = remote.status, now
        if new:
            job.followups_seen = [*(job.followups_seen or []), *(f.id for f in new)]
        settled_for = now - aware(job.remote_changed_at) if job.remote_changed_at else timedelta(0)
        if remote.status in SETTLED and settled_for >= self.config.poll_settled:
            job.next_poll_at = None  # settled long ago: stop asking
        job.updated_at = now
        session.add(job)
        if not changed and not new:
            return
        target = STATUS_FROM_CENTRAL.get(remote.status, complaint.status) if changed else complaint.status
        note = "\n\n".join(f.text.strip() for f in new if f.text.strip()) or None
        # the agency LAPOR! disposed it to travels with the change, so the citizen hears where it went
        agency = remote.disposition if changed and remote.status == DIDISPOSISIKAN else None
        await self.core.status.change(session, complaint, target, note=note, actor=f"central:{self.adapter.name}",
                                      at=now, agency=agency)
