"""Operations tables: job leases shared by replicas, per-citizen abuse marks, and the erasure audit log."""

from __future__ import annotations

import asyncio
import os
import socket
import time
from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Index, delete, update
from sqlmodel import Field, SQLModel, col, select

from models import workqueue
from models.tables import InboundMessage, OutgoingMessage
from models.types import UTCDateTime
from models.workqueue import Queue


def _ts(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable))


class OpsLease(SQLModel, table=True):
    """A named background job: the replica holding an unexpired lease runs it; `mark` is its progress."""

    name: str = Field(primary_key=True, max_length=64)
    holder: str | None = Field(default=None, max_length=128)
    until: datetime | None = _ts(nullable=True)
    mark: int = 0
    updated_at: datetime = _ts()


class CitizenGuard(SQLModel, table=True):
    """When a citizen was last shown the emergency numbers (so they are not repeated on every message)."""

    citizen_id: int = Field(primary_key=True, foreign_key="citizen.id")
    emergency_at: datetime | None = _ts(nullable=True)


class Erasure(SQLModel, table=True):
    """One erasure of a citizen's personal data (UU PDP): who asked, when, and how much was removed."""

    id: int | None = Field(default=None, primary_key=True)
    citizen_id: int = Field(index=True)  # the pseudonymised row that stays behind the de-identified complaints
    actor: str = Field(max_length=32)  # citizen | operator
    complaints: int = 0
    messages: int = 0
    at: datetime = _ts()


class OpsState(SQLModel, table=True):
    """A small named value every replica shares: a generated secret (first writer wins) or the write heartbeat."""

    name: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", max_length=256)
    updated_at: datetime = _ts()


# The rate limit counts a citizen's messages of the last minute: this index makes that one short range scan.
INBOUND_CITIZEN_TIME = Index("ix_inbound_citizen_received", InboundMessage.__table__.c.citizen_id,  # type: ignore[attr-defined]
                             InboundMessage.__table__.c.received_at)  # type: ignore[attr-defined]


#: The named leases as a work queue: a row per job, free when its `until` has come, renewed by its holder.
OPS_LEASES = Queue(OpsLease, key="name", status=None, not_before=None, lease="until", owner="holder",
                   attempts=None, error=None, updated_at="updated_at")


async def ensure_lease(session: Any, name: str, now: datetime) -> None:
    """Create the named lease's row (free) unless it exists."""
    await workqueue.ensure(session, OPS_LEASES, name, {"holder": None, "until": None, "mark": 0, "updated_at": now})


async def acquire_lease(session: Any, name: str, holder: str, until: datetime, now: datetime) -> bool:
    """Take the named lease until `until` if it is free or already ours; True when we hold it now."""
    await ensure_lease(session, name, now)
    return bool(await workqueue.claim(session, OPS_LEASES, now=now, lease=until - now, owner=holder, keys=[name]))


async def release_lease(session: Any, name: str, holder: str, now: datetime, *,
                        free_at: datetime | None = None) -> None:
    """Give a lease back (free at once, or not before `free_at`), if we hold it."""
    await workqueue.release(session, OPS_LEASES, now=now, owner=holder, keys=[name], free_at=free_at)


async def release_leases(session: Any, holder: str, now: datetime) -> int:
    """At shutdown: give back every named lease this holder has; how many it had."""
    return await workqueue.release(session, OPS_LEASES, now=now, owner=holder)


async def forget_guards(session: Any, citizen_id: int) -> None:
    """A citizen's abuse marks, gone."""
    await session.execute(delete(CitizenGuard).where(col(CitizenGuard.citizen_id) == citizen_id))


async def blank_batch(session: Any, name: str, table: Any, time_column: Any, done: Collection[str],
                      values: Mapping[str, Any], cutoff: datetime, now: datetime, batch: int) -> int:
    """Overwrite (`values`) the next batch of a table's rows after the named lease's mark, up to the first row
    newer than the cutoff or not in a `done` status, and move the mark there; how many rows changed."""
    await ensure_lease(session, name, now)
    query = select(OpsLease).where(col(OpsLease.name) == name)
    # two replicas never move one mark at once
    lease = (await session.exec(workqueue.for_update(query, session))).one()
    rows = (await session.execute(select(table.c.id, time_column, table.c.status).where(table.c.id > lease.mark)
                                  .order_by(table.c.id).limit(batch))).all()
    last = lease.mark
    for row_id, at, status in rows:
        if at >= cutoff or status not in done:
            break  # newer, or still on its way: the mark waits here
        last = row_id
    if last == lease.mark:
        return 0
    result = await session.execute(update(table).where(table.c.id > lease.mark, table.c.id <= last).values(**values))
    lease.mark, lease.updated_at = last, now
    session.add(lease)
    return int(result.rowcount or 0)


async def blank_old_messages(session: Any, direction: str, values: Mapping[str, Any], cutoff: datetime,
                             now: datetime, batch: int) -> int:
    """blank_batch over the "inbound" log or the "outgoing" messages (lease "retention.<direction>"); rows changed."""
    if direction == "inbound":
        table = InboundMessage.__table__  # type: ignore[attr-defined]
        return await blank_batch(session, "retention.inbound", table, table.c.received_at, ("handled", "failed"),
                                 values, cutoff, now, batch)
    if direction == "outgoing":
        table = OutgoingMessage.__table__  # type: ignore[attr-defined]
        return await blank_batch(session, "retention.outgoing", table, table.c.created_at, ("sent", "failed"),
                                 values, cutoff, now, batch)
    raise ValueError(f"no message direction {direction!r}")


def _insert(session: Any, table: Any) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL both do)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = session.bind.dialect.name if session.bind else "sqlite"
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


async def shared_value(db: Any, name: str, candidate: str, now: datetime) -> str:
    """The value stored under `name`, storing `candidate` first if there is none: every replica gets the same."""
    async with db.write() as session:
        await session.execute(_insert(session, OpsState).values(name=name, value=candidate, updated_at=now)
                              .on_conflict_do_nothing(index_elements=["name"]))
        # read back in the same transaction: a replica that lost the race sees the winner's committed value
        stored = (await session.exec(select(OpsState.value).where(col(OpsState.name) == name))).one()
    return str(stored)


HEARTBEAT = "heartbeat"


async def write_heartbeat(db: Any, holder: str, now: datetime) -> None:
    """Write and commit one tiny row: proof that the database takes writes right now (readiness)."""
    async with db.write() as session:
        insert = _insert(session, OpsState).values(name=HEARTBEAT, value=holder[:256], updated_at=now)
        await session.execute(insert.on_conflict_do_update(
            index_elements=["name"], set_={"value": insert.excluded.value, "updated_at": insert.excluded.updated_at}))


class WriteProbe:
    """Readiness's proof that the database takes writes: the heartbeat, written at most once per `every` seconds.

    Reading (or an empty BEGIN IMMEDIATE) still succeeded on a SQLite file that could no longer be written;
    only a committed write proves it. The result, good or bad, is kept for `every` seconds so that probes and
    scrapes cost one tiny write per replica at most that often.
    """

    def __init__(self, db: Any, every: float = 2.0) -> None:
        self.db = db
        self.every = every
        self.holder = f"{socket.gethostname()}:{os.getpid()}"
        self._at: float | None = None
        self._error: BaseException | None = None
        self._lock = asyncio.Lock()

    async def check(self) -> None:
        """Return when the last heartbeat (fresh, or written now) was committed; raise its error otherwise."""
        async with self._lock:  # concurrent probes share one write
            if self._at is None or time.monotonic() - self._at >= self.every:
                try:
                    await write_heartbeat(self.db, self.holder, datetime.now(UTC))
                    self._error = None
                except Exception as error:  # kept and raised to every caller until the next try
                    self._error = error
                self._at = time.monotonic()
        if self._error is not None:
            raise self._error


def write_probe(db: Any) -> WriteProbe:
    """The one WriteProbe of this Database object (readiness and the metrics scrape share it)."""
    probe = getattr(db, "_write_probe", None)
    if probe is None:
        probe = WriteProbe(db)
        db._write_probe = probe  # lives and dies with the Database (tests swap databases under a Core)
    return probe
