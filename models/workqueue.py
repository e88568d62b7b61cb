"""Leased work queues: claim, done, retry, fail and release over any table that declares its columns.

Every outbox and job table of laporbot (outgoing messages, the admin outbox, forwarding jobs and their status
polls, voice jobs, the named ops leases) is driven through these functions, so the queue SQL, and the one
place where it differs between SQLite and PostgreSQL, lives here only.

A row is *due* when it is pending and its not-before time has come, or when it is claimed and its lease ran
out (its claimer is presumed dead). Claiming sets the claimed status, the lease's end and (if the table has
one) the owner; the outcome then moves it on: done, retry (pending again after a backoff), fail (no more
tries), or release (pending again at once, e.g. at shutdown). The outcome functions take the claim they
settle (`owner` and/or `until`, the lease end the claim set) so that a claimer whose lease ran out and was
taken over never overwrites the new claimer's row.

Dialects: on PostgreSQL the rows to claim are chosen `FOR UPDATE SKIP LOCKED`, so concurrent claimers take
disjoint rows without waiting for each other. SQLite has no row locks (SQLAlchemy drops FOR UPDATE there):
its database-wide write lock (models/db.py: Database.write) makes the single UPDATE ... RETURNING the
atomic claim.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, bindparam, or_, select, true, update
from sqlalchemy.dialects import postgresql, sqlite


@dataclass(frozen=True)
class Queue:
    """A table used as a leased work queue: which of its columns play which part (names differ per table)."""

    table: Any  # the SQLModel table class
    key: str = "id"  # the primary key (a row's identity in every operation)
    status: str | None = "status"  # None: a named lease, one row per job, held or free, no status
    pending: str = "pending"  # waiting (or waiting to retry)
    claimed: str = "sending"  # under a lease; the same as `pending` for a queue leased by time alone
    done: str = "sent"
    failed: str = "failed"
    not_before: str | None = "not_before"  # earliest next try; None: a pending row is due at once
    lease: str = "not_before"  # the lease's end while claimed (may be the not_before column itself)
    owner: str | None = None  # who holds the claim (host:pid:worker), for the guard and for release
    attempts: str | None = "attempts"
    count_on_claim: bool = False  # attempts counted when claimed, not when the outcome is recorded
    error: str | None = "error"  # the reason of the last retry or failure (never personal data)
    error_size: int = 255
    updated_at: str | None = None
    order: tuple[str, ...] = ()  # claim order; by default the key (oldest first keeps each chat's order)
    unset_is_due: bool = True  # a pending row without a not_before time is due (False: never, e.g. not polled)
    # the condition of a partial index over the rows not done (e.g. status != 'sent', a literal): added to the
    # queries over those rows as it is, or the planner cannot use the index (models/tables.py)
    partial: ColumnElement[bool] | None = None

    def live(self) -> list[ColumnElement[bool]]:
        """The partial index's condition as a query term, if the queue has one."""
        return [self.partial] if self.partial is not None else []

    def column(self, name: str) -> Any:
        """The table's column of that name."""
        return self.table.__table__.c[name]

    @property
    def sql(self) -> Any:
        """The table itself (Core statements: no ORM bookkeeping on a session's objects)."""
        return self.table.__table__


def _dialect(session: Any) -> str:
    bind = session.bind
    return bind.dialect.name if bind is not None else "sqlite"


def for_update(query: Select[Any], session: Any, *, skip_locked: bool = False) -> Select[Any]:
    """The query's rows locked for this transaction (PostgreSQL; SQLite's write lock covers it already).

    The one dialect-specific part of the queue SQL; also for callers that take rows in their own transaction
    (skip_locked: rows another replica is handling right now are left to it).
    """
    if _dialect(session) == "postgresql":
        # SKIP LOCKED: a row another claimer is taking right now is left to it instead of waited for.
        return query.with_for_update(skip_locked=skip_locked)
    return query  # SQLite: Database.write holds the database-wide write lock for the whole transaction


def due(q: Queue, now: datetime, *, expired: bool = True) -> ColumnElement[bool]:
    """Rows that may be claimed now: pending and due, or (expired) claimed with their lease run out."""
    lease = q.column(q.lease)
    if q.status is None:  # a named lease is free when it was never taken or its time is over
        return or_(lease.is_(None), lease <= now)
    ready = and_(q.column(q.status) == q.pending, _ready_time(q, now))
    if not expired or q.claimed == q.pending:
        return and_(*q.live(), ready)
    return and_(*q.live(), or_(ready, and_(q.column(q.status) == q.claimed, lease < now)))


def _ready_time(q: Queue, now: datetime) -> ColumnElement[bool]:
    if q.not_before is None:
        return true()
    column = q.column(q.not_before)
    return or_(column.is_(None), column <= now) if q.unset_is_due else and_(column.is_not(None), column <= now)


def held(q: Queue, *, owner: str | None = None, until: datetime | None = None) -> ColumnElement[bool]:
    """Rows still under this claim: claimed, by this owner, with the lease end this claim set."""
    conditions: list[ColumnElement[bool]] = []
    if q.status is not None:
        conditions.append(q.column(q.status) == q.claimed)
    if owner is not None:
        if q.owner is None:
            raise ValueError(f"{q.table.__name__} has no owner column")
        conditions.append(q.column(q.owner) == owner)
    if until is not None:
        conditions.append(q.column(q.lease) == until)
    return and_(true(), *conditions)


async def claim(session: Any, q: Queue, *, now: datetime, lease: timedelta, owner: str | None = None,
                limit: int = 1, keys: Collection[Any] | None = None, where: Iterable[ColumnElement[bool]] = (),
                values: Mapping[str, Any] | None = None, returning: Sequence[str] = (),
                expired: bool = True) -> list[Row[Any]]:
    """Claim up to `limit` due rows (oldest first) until now + lease; their (key, lease end, *returning), by key.

    keys: only among these rows. where: further conditions of the caller. values: more columns to set (they
    may be expressions of the row's values before the claim). expired=False: only pending rows, not the ones
    whose lease ran out (a caller that puts those back itself, in chat order). A named lease (no status) is
    also claimed again by its own holder: that renews it.
    """
    condition = due(q, now, expired=expired)
    if q.status is None and owner is not None and q.owner is not None:
        condition = or_(condition, q.column(q.owner) == owner)
    key = q.column(q.key)
    chosen = select(key).where(condition, *where)
    if keys is not None:
        chosen = chosen.where(key.in_(list(keys)))
    chosen = chosen.order_by(*(q.column(c) for c in q.order or (q.key,))).limit(limit)
    chosen = for_update(chosen, session, skip_locked=True)
    sets: dict[str, Any] = {q.lease: now + lease}
    if q.status is not None and q.claimed != q.pending:
        sets[q.status] = q.claimed
    if q.owner is not None:
        sets[q.owner] = owner
    if q.count_on_claim and q.attempts is not None:
        sets[q.attempts] = q.column(q.attempts) + 1
    if q.updated_at is not None:
        sets[q.updated_at] = now
    sets.update(values or {})
    stmt = (update(q.sql).where(key.in_(chosen.scalar_subquery())).values(sets)
            .returning(key, q.column(q.lease), *(q.column(c) for c in returning)))
    rows = (await session.execute(stmt.execution_options(synchronize_session=False))).all()
    return sorted(rows, key=lambda r: r[0])  # RETURNING has no order of its own


def done_values(q: Queue, now: datetime) -> dict[str, Any]:
    """The columns a finished row gets: done, no lease, no owner."""
    values: dict[str, Any] = {q.lease: None}
    if q.status is not None:
        values[q.status] = q.done
    if q.not_before is not None:
        values[q.not_before] = None
    if q.owner is not None:
        values[q.owner] = None
    if q.updated_at is not None:
        values[q.updated_at] = now
    return values


def retry_values(q: Queue, now: datetime, delay: timedelta, reason: str | None) -> dict[str, Any]:
    """The columns a row to be tried again gets: pending, not before now + delay, the reason kept."""
    values: dict[str, Any] = {q.lease: None}
    if q.status is not None:
        values[q.status] = q.pending
    if q.not_before is not None:
        values[q.not_before] = now + delay  # after the lease's None: a shared column keeps the retry time
    if q.owner is not None:
        values[q.owner] = None
    if q.error is not None:
        values[q.error] = reason[:q.error_size] if reason is not None else None
    if q.updated_at is not None:
        values[q.updated_at] = now
    return values


def fail_values(q: Queue, now: datetime, reason: str | None) -> dict[str, Any]:
    """The columns a row given up on gets: failed, never due again (until someone requeues it)."""
    values = retry_values(q, now, timedelta(0), reason)
    if q.status is not None:
        values[q.status] = q.failed
    if q.not_before is not None:
        values[q.not_before] = None
    return values


async def _settle(session: Any, q: Queue, keys: Collection[Any] | None, values: Mapping[str, Any], *,
                  owner: str | None, until: datetime | None, where: Iterable[ColumnElement[bool]]) -> int:
    where = list(where)
    if keys is None and not where:
        raise ValueError("an outcome needs keys or a condition: never every row of the table")
    if keys is not None and not keys:
        return 0
    guard = held(q, owner=owner, until=until) if owner is not None or until is not None else true()
    chosen = q.column(q.key).in_(list(keys)) if keys is not None else true()
    stmt = (update(q.sql).where(chosen, guard, *where)
            .values(dict(values)).execution_options(synchronize_session=False))
    return int((await session.execute(stmt)).rowcount or 0)


async def done(session: Any, q: Queue, keys: Collection[Any], *, now: datetime, owner: str | None = None,
               until: datetime | None = None, values: Mapping[str, Any] | None = None,
               where: Iterable[ColumnElement[bool]] = ()) -> int:
    """Mark these rows done (while still under the claim named by owner/until, if given); how many were."""
    return await _settle(session, q, keys, {**done_values(q, now), **(values or {})}, owner=owner, until=until,
                         where=where)


async def retry(session: Any, q: Queue, keys: Collection[Any], *, now: datetime, delay: timedelta,
                reason: str | None, owner: str | None = None, until: datetime | None = None,
                values: Mapping[str, Any] | None = None, where: Iterable[ColumnElement[bool]] = ()) -> int:
    """Put these rows back to be tried again after `delay` (see backoff); how many were.

    where: the caller's own guard instead of a claim (e.g. a delivery report reopening a row marked sent).
    """
    return await _settle(session, q, keys, {**retry_values(q, now, delay, reason), **(values or {})},
                         owner=owner, until=until, where=where)


async def fail(session: Any, q: Queue, keys: Collection[Any] | None, *, now: datetime, reason: str | None,
               owner: str | None = None, until: datetime | None = None,
               values: Mapping[str, Any] | None = None, where: Iterable[ColumnElement[bool]] = ()) -> int:
    """Give these rows up (keys, or None: every row matching `where`): no more tries; how many were."""
    return await _settle(session, q, keys, {**fail_values(q, now, reason), **(values or {})},
                         owner=owner, until=until, where=where)


async def settle_many(session: Any, q: Queue, rows: Sequence[Mapping[str, Any]],
                      values: Mapping[str, Any] | None = None) -> None:
    """Write many outcomes in one executemany: each row its key and its own columns, `values` for all.

    Every row must name the same columns (group them by outcome: done_values, retry_values, fail_values).
    `values` may hold expressions (e.g. attempts + 1); the rows' own values are plain.
    """
    if not rows:
        return
    # bind names apart from the column names: SQLAlchemy reserves those for the SET clause
    columns = [name for name in rows[0] if name != q.key]
    stmt = (update(q.sql).where(q.column(q.key) == bindparam("k_" + q.key))
            .values({**{name: bindparam("v_" + name) for name in columns}, **(values or {})}))
    await session.execute(stmt, [{"k_" + q.key: row[q.key], **{"v_" + name: row[name] for name in columns}}
                                 for row in rows])


async def release(session: Any, q: Queue, *, now: datetime | None = None, owner: str | None = None,
                  keys: Collection[Any] | None = None, until: datetime | None = None,
                  free_at: datetime | None = None) -> int:
    """Give claimed rows back unfinished (this owner's, these keys, this lease), due again at free_at or now.

    At shutdown a process gives back its leases so that another replica takes the work at once instead of
    after the lease. A named lease is left free from free_at (its next round's time) or now.
    """
    if owner is None and keys is None:
        raise ValueError("release needs an owner or keys: never every claim of every process")
    if now is None and (q.status is None or q.updated_at is not None):
        raise ValueError(f"releasing {q.table.__name__} rows needs the time")
    conditions: list[ColumnElement[bool]] = [held(q, owner=owner, until=until)]
    if keys is not None:
        if not keys:
            return 0
        conditions.append(q.column(q.key).in_(list(keys)))
    values: dict[str, Any] = {q.lease: None}
    if q.status is not None:
        values[q.status] = q.pending
    else:
        values[q.lease] = free_at or now  # a named lease's "free" is a time that has come
    if q.not_before is not None and q.status is not None:
        values[q.not_before] = free_at
    if q.owner is not None:
        values[q.owner] = None
    if q.updated_at is not None:
        values[q.updated_at] = now
    stmt = update(q.sql).where(*conditions).values(values).execution_options(synchronize_session=False)
    return int((await session.execute(stmt)).rowcount or 0)


async def requeue_expired(session: Any, q: Queue, *, now: datetime, exclude: Collection[Any] = ()) -> int:
    """Claims whose lease ran out (their process died mid-way) go back to pending, except `exclude`.

    For queues whose callers walk the pending rows themselves (each chat's messages in order) rather than
    claiming a batch with claim(expired=True).
    """
    if q.status is None:
        raise ValueError("a named lease has no claims to requeue")
    stmt = update(q.sql).where(*q.live(), q.column(q.status) == q.claimed, q.column(q.lease) < now)
    if exclude:
        stmt = stmt.where(q.column(q.key).not_in(sorted(exclude)))
    result = await session.execute(stmt.values({q.status: q.pending}).execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


async def queued(session: Any, q: Queue, *, limit: int, claimed: bool = False,
                 where: Iterable[ColumnElement[bool]] = ()) -> list[Any]:
    """The rows still to do (pending; claimed too if asked) as table objects, in claim order.

    For callers that keep an order of their own (each chat's messages one after another) and claim row by
    row with claim(keys=[key]).
    """
    if q.status is None:
        raise ValueError("a named lease has no queue to list")
    statuses = [q.pending, q.claimed] if claimed else [q.pending]
    query = (select(q.table).where(*q.live(), q.column(q.status).in_(statuses), *where)
             .order_by(*(q.column(c) for c in q.order or (q.key,))).limit(limit))
    return list((await session.execute(query)).scalars().all())


async def locked(session: Any, q: Queue, keys: Collection[Any], columns: Sequence[str]) -> list[Row[Any]]:
    """These rows' (key, *columns), locked for this transaction in key order (no deadlocks between claimers)."""
    if not keys:
        return []
    key = q.column(q.key)
    query = select(key, *(q.column(c) for c in columns)).where(key.in_(list(keys))).order_by(key)
    return list((await session.execute(for_update(query, session))).all())


async def extend(session: Any, q: Queue, keys: Collection[Any], *, until: datetime) -> None:
    """Move the lease of these rows (checked as still ours by the caller, under `locked`) on to `until`."""
    if keys:
        await session.execute(update(q.sql).where(q.column(q.key).in_(list(keys))).values({q.lease: until})
                              .execution_options(synchronize_session=False))


async def ensure(session: Any, q: Queue, key: Any, values: Mapping[str, Any]) -> None:
    """Create the row `key` (e.g. a named lease, free) unless it exists; an existing one is left as it is."""
    insert = (postgresql.insert if _dialect(session) == "postgresql" else sqlite.insert)(q.sql)
    await session.execute(insert.values({q.key: key, **values}).on_conflict_do_nothing(index_elements=[q.key]))


def backoff(attempts: int, cap: float, base: float = 2.0) -> timedelta:
    """The wait before try number attempts + 1: base ** attempts seconds, at most cap."""
    return timedelta(seconds=min(base ** attempts, cap))

