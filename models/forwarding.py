"""The forwarding outbox: one entry per complaint on its way to (and back from) the central complaint system, and
the storage operations on it besides the work queue's own (models/workqueue.py)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, func, or_, update
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models import workqueue
from models.admin import AdminCase
from models.tables import Citizen, Complaint
from models.workqueue import Queue

#: Entry statuses: waiting (or waiting to retry), leased by a worker, acknowledged remotely, given up.
JOB_STATUSES = ("pending", "sending", "sent", "failed")


def _ts(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class ForwardJob(SQLModel, table=True):
    """A complaint's forwarding entry: written with the complaint, claimed by workers, polled once sent."""

    __table_args__ = (
        Index("ix_forwardjob_due", "status", "not_before", "id"),
        Index("ix_forwardjob_poll", "status", "next_poll_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", unique=True)  # one entry per complaint, ever
    idempotency_key: str = Field(max_length=96, unique=True)  # sent with every request for this complaint
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0  # tries since the entry was (re)queued; an operator's retry resets it
    sends: int = 0  # tries ever started, never reset
    in_doubt: bool = False  # an earlier try may have reached the central system: look it up before re-sending
    not_before: datetime | None = _ts()  # earliest next try (backoff, Retry-After)
    retry_after_until: datetime | None = _ts()  # the server's own Retry-After: never tried before this
    locked_until: datetime | None = _ts()  # lease end while "sending"; a dead worker's lease runs out
    locked_by: str | None = Field(default=None, max_length=96)
    last_error: str | None = Field(default=None, max_length=255)  # adapter error text: never personal data
    target: str | None = Field(default=None, max_length=16)  # adapter that acknowledged it
    remote_id: str | None = Field(default=None, max_length=64)
    remote_tracking: str | None = Field(default=None, max_length=64)
    remote_status: str | None = Field(default=None, max_length=32)  # last central status seen (adapter vocabulary)
    raw_status: str | None = Field(default=None, max_length=64)
    remote_changed_at: datetime | None = _ts()
    followups_seen: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    next_poll_at: datetime | None = _ts()  # None: not polled (not sent yet, or settled long ago)
    created_at: datetime = _ts(nullable=False)
    updated_at: datetime = _ts(nullable=False)
    sent_at: datetime | None = _ts()
    failed_at: datetime | None = _ts()


#: Forwarding entries as a work queue: a worker's lease and name in columns of their own, attempts counted as
#: claimed (an operator's retry resets them), `sends` counted by the caller.
FORWARD_JOBS = Queue(ForwardJob, lease="locked_until", owner="locked_by", count_on_claim=True, error="last_error",
                     updated_at="updated_at")

#: Sent entries as the status poller's queue, leased by time alone: claiming one moves its next poll on, which
#: keeps other pollers off it; one without a next poll time (not sent yet, settled long ago) is never due.
STATUS_POLLS = Queue(ForwardJob, pending="sent", claimed="sent", not_before="next_poll_at", lease="next_poll_at",
                     attempts=None, error=None, order=("next_poll_at", "id"), unset_is_due=False)



async def claim_sends(session: AsyncSession, *, now: datetime, lease: timedelta, owner: str,
                      limit: int) -> list[tuple[int, int, str, bool]]:
    """Lease due entries to a worker: pending ones whose time has come, and sends whose lease ran out (a dead
    worker's, which may have filed them: marked in doubt). (id, complaint id, idempotency key, in doubt) each."""
    rows = await workqueue.claim(
        session, FORWARD_JOBS, now=now, lease=lease, owner=owner, limit=limit,
        returning=("complaint_id", "idempotency_key", "in_doubt"),
        values={"sends": col(ForwardJob.sends) + 1,
                "in_doubt": or_(col(ForwardJob.in_doubt), col(ForwardJob.status) == "sending")})
    return [(r[0], r[2], r[3], bool(r[4])) for r in rows]


async def claim_polls(session: AsyncSession, *, now: datetime, lease: timedelta, limit: int) -> list[tuple[int, str]]:
    """Take sent entries due a status poll by moving their next poll time on: (id, remote id) each."""
    rows = await workqueue.claim(session, STATUS_POLLS, now=now, lease=lease, limit=limit, returning=("remote_id",),
                                 where=[col(ForwardJob.remote_id).is_not(None)])
    return [(r[0], r[2]) for r in rows]


async def pull_forward(session: AsyncSession, now: datetime) -> int:
    """Make every waiting retry due now, except those the server itself deferred (Retry-After); how many moved."""
    result = await session.execute(
        update(ForwardJob).where(
            col(ForwardJob.status) == "pending", col(ForwardJob.not_before) > now,
            or_(col(ForwardJob.retry_after_until).is_(None), col(ForwardJob.retry_after_until) <= now))
        .values(not_before=now).execution_options(synchronize_session=False))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def lock_jobs(session: AsyncSession, job_ids: Sequence[int]) -> list[ForwardJob]:
    """Entries by id, locked in id order."""
    query = select(ForwardJob).where(col(ForwardJob.id).in_(list(job_ids))).order_by(col(ForwardJob.id))
    return list((await session.exec(query.with_for_update())).all())


async def job_counts(session: AsyncSession) -> dict[str, int]:
    """How many entries are in each status (every status named, 0 where none)."""
    rows = (await session.exec(select(ForwardJob.status, func.count()).group_by(col(ForwardJob.status)))).all()
    counts = dict.fromkeys(JOB_STATUSES, 0)
    counts.update({status: int(n) for status, n in rows})
    return counts


async def jobs_in(session: AsyncSession, statuses: Sequence[str], limit: int) -> list[tuple[ForwardJob, str]]:
    """Entries in these statuses with their complaint's tracking number, oldest first."""
    query = (select(ForwardJob, Complaint.tracking_no)
             .join(Complaint, col(Complaint.id) == col(ForwardJob.complaint_id))
             .where(col(ForwardJob.status).in_(list(statuses))).order_by(col(ForwardJob.id)).limit(limit))
    return [(job, tracking_no) for job, tracking_no in (await session.exec(query)).all()]


async def lock_requeueable(session: AsyncSession, ref: int | str | None) -> list[ForwardJob]:
    """Entries an operator may queue again, locked in id order: every failed one (ref None), or one failed or
    pending entry by id or by its complaint's tracking number."""
    query = select(ForwardJob).join(Complaint, col(Complaint.id) == col(ForwardJob.complaint_id))
    if ref is None:
        query = query.where(col(ForwardJob.status) == "failed")
    elif isinstance(ref, int) or str(ref).isdecimal():
        query = query.where(col(ForwardJob.id) == int(ref), col(ForwardJob.status).in_(("failed", "pending")))
    else:
        query = query.where(col(Complaint.tracking_no) == str(ref).upper(),
                            col(ForwardJob.status).in_(("failed", "pending")))
    return list((await session.exec(query.order_by(col(ForwardJob.id)).with_for_update())).all())


def _public() -> Any:
    """Complaints the public may see (never rahasia ones), with their citizen and their admin case, if any."""
    return (select(Complaint, Citizen, AdminCase).join(Citizen, col(Citizen.id) == col(Complaint.citizen_id))
            .outerjoin(AdminCase, col(AdminCase.complaint_id) == col(Complaint.id))
            .where(col(Complaint.is_secret).is_(False)))


async def public_complaint(session: AsyncSession,
                           tracking_no: str) -> tuple[Complaint, Citizen, AdminCase | None] | None:
    """One complaint the public may see, by tracking number (our Open311 read API)."""
    return (await session.exec(_public().where(col(Complaint.tracking_no) == tracking_no))).first()


async def public_complaints(session: AsyncSession, *, tracking_nos: Sequence[str] = (),
                            categories: Sequence[str] = (), uncategorised: bool = False, closed: bool | None = None,
                            closed_statuses: Collection[str] = (), start: datetime | None = None,
                            end: datetime | None = None, offset: int = 0,
                            limit: int) -> list[tuple[Complaint, Citizen, AdminCase | None]]:
    """Complaints the public may see, newest first, one page: by tracking numbers (then nothing else filters),
    else by category (`uncategorised` adds those without one), open or closed, and filing time in [start, end]."""
    stmt = _public()
    if tracking_nos:
        stmt = stmt.where(col(Complaint.tracking_no).in_(tracking_nos))
    else:
        if categories:
            wanted = col(Complaint.category).in_(categories)
            if uncategorised:
                wanted = wanted | col(Complaint.category).is_(None)
            stmt = stmt.where(wanted)
        if closed is False:
            stmt = stmt.where(col(Complaint.status).not_in(closed_statuses))
        elif closed is True:
            stmt = stmt.where(col(Complaint.status).in_(closed_statuses))
        if start is not None:
            stmt = stmt.where(col(Complaint.created_at) >= start)
        if end is not None:
            stmt = stmt.where(col(Complaint.created_at) <= end)
    stmt = stmt.order_by(col(Complaint.created_at).desc(), col(Complaint.id).desc()).offset(offset).limit(limit)
    return list((await session.exec(stmt)).all())
