"""Operations tables: job leases shared by replicas, per-citizen abuse marks, and the erasure audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from models.tables import InboundMessage
from models.types import UTCDateTime


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


# The rate limit counts a citizen's messages of the last minute: this index makes that one short range scan.
INBOUND_CITIZEN_TIME = Index("ix_inbound_citizen_received", InboundMessage.__table__.c.citizen_id,  # type: ignore[attr-defined]
                             InboundMessage.__table__.c.received_at)  # type: ignore[attr-defined]


async def ensure_lease(session: Any, name: str, now: datetime) -> None:
    """Create the named lease's row (free) unless it exists."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(OpsLease)
    await session.execute(insert.values(name=name, holder=None, until=None, mark=0, updated_at=now)
                          .on_conflict_do_nothing(index_elements=["name"]))


async def acquire_lease(session: Any, name: str, holder: str, until: datetime, now: datetime) -> bool:
    """Take the named lease until `until` if it is free or already ours; True when we hold it now."""
    from sqlalchemy import or_, update
    from sqlmodel import col

    await ensure_lease(session, name, now)
    # One atomic UPDATE decides between replicas racing for the same lease.
    result = await session.execute(update(OpsLease).where(
        col(OpsLease.name) == name,
        or_(col(OpsLease.until).is_(None), col(OpsLease.until) <= now, col(OpsLease.holder) == holder))
        .values(holder=holder, until=until, updated_at=now))
    return bool(result.rowcount)


async def release_lease(session: Any, name: str, holder: str, now: datetime, *,
                        free_at: datetime | None = None) -> None:
    """Give a lease back (free at once, or not before `free_at`), if we hold it."""
    from sqlalchemy import update
    from sqlmodel import col

    await session.execute(update(OpsLease).where(col(OpsLease.name) == name, col(OpsLease.holder) == holder)
                          .values(holder=None, until=free_at or now, updated_at=now))
