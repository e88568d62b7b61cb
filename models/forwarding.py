"""The forwarding outbox: one entry per complaint on its way to (and back from) the central complaint system."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index
from sqlmodel import Field, SQLModel

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
