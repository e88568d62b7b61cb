"""The leased work-queue module's contract (models/workqueue.py), on SQLite and on PostgreSQL.

A probe table of its own, declared two ways: lease end kept in the not_before column (the outboxes of
messages) and lease, owner and not-before in columns of their own (forwarding jobs); the named ops lease
is the status-less kind. Time is a FixedClock moved by hand: no sleeps, no wall clock.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select

from bot.core.clock import FixedClock
from models import workqueue as wq
from models.db import Database
from models.ops import OpsLease
from models.types import UTCDateTime

metadata = MetaData()
probe = Table(
    "wq_probe", metadata,
    Column("id", Integer, primary_key=True),
    Column("status", String(16), nullable=False, default="pending"),
    Column("not_before", UTCDateTime()),
    Column("lease_until", UTCDateTime()),
    Column("owner", String(64)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("error", String(255)),
)


class Probe:
    """The probe table as the queue module sees a table class."""

    __table__ = probe
    __name__ = "Probe"


SHARED = wq.Queue(Probe)  # type: ignore[arg-type]  # lease end in not_before, attempts counted by the outcome
OWNED = wq.Queue(Probe, lease="lease_until", owner="owner", count_on_claim=True)  # type: ignore[arg-type]
NAMED = wq.Queue(OpsLease, key="name", status=None, not_before=None, lease="until", owner="holder",
                 attempts=None, error=None, updated_at="updated_at")
LEASE = timedelta(seconds=60)


@pytest.fixture
async def qdb(db: Database) -> AsyncIterator[Database]:
    """The test database with a fresh probe table."""
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.drop_all)
        await conn.run_sync(metadata.create_all)
    yield db
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.drop_all)


async def _rows(db: Database, n: int) -> list[int]:
    async with db.write() as session:
        await session.execute(insert(probe), [{"status": "pending", "attempts": 0} for _ in range(n)])
    return list(range(1, n + 1))


async def _row(db: Database, key: int) -> dict[str, object]:
    async with db.read() as session:
        return dict((await session.execute(select(probe).where(probe.c.id == key))).mappings().one())


async def _claim(db: Database, q: wq.Queue, now: datetime, owner: str | None = None, limit: int = 1,
                 **kwargs: object) -> list[int]:
    async with db.write() as session:
        return [r[0] for r in await wq.claim(session, q, now=now, lease=LEASE, owner=owner, limit=limit,
                                             **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize("q", [SHARED, OWNED], ids=["shared", "owned"])
async def test_claims_oldest_first_and_never_twice(qdb: Database, clock: FixedClock, q: wq.Queue) -> None:
    await _rows(qdb, 5)
    assert await _claim(qdb, q, clock.now(), "a", limit=2) == [1, 2]
    assert await _claim(qdb, q, clock.now(), "b", limit=2) == [3, 4]
    assert await _claim(qdb, q, clock.now(), "a", limit=5) == [5]
    assert await _claim(qdb, q, clock.now(), "b", limit=5) == []
    row = await _row(qdb, 1)
    assert row["status"] == "sending" and row[q.lease] == clock.now() + LEASE
    assert row["attempts"] == (1 if q.count_on_claim else 0)
    assert row["owner"] == ("a" if q.owner else None)


async def test_two_claimers_at_once_never_get_the_same_row(qdb: Database, clock: FixedClock) -> None:
    await _rows(qdb, 40)
    other = Database(qdb.url)  # a second process's connections (a second replica)
    try:
        async def claimer(db: Database, owner: str) -> list[int]:
            got: list[int] = []
            while batch := await _claim(db, OWNED, clock.now(), owner, limit=3):
                got += batch
                await asyncio.sleep(0)
            return got

        a, b, c = await asyncio.gather(claimer(qdb, "a"), claimer(other, "b"), claimer(qdb, "c"))
    finally:
        await other.close()
    assert sorted(a + b + c) == list(range(1, 41)), "every row claimed exactly once"


async def test_a_locked_row_is_skipped_not_waited_for_on_postgresql(qdb: Database, clock: FixedClock) -> None:
    if qdb.is_sqlite:
        pytest.skip("SQLite: one writer at a time, the write lock is the claim")
    await _rows(qdb, 3)
    async with qdb.write() as first:
        mine = [r[0] for r in await wq.claim(first, OWNED, now=clock.now(), lease=LEASE, owner="a", limit=2)]
        # "a" has not committed yet: "b" neither blocks nor gets a's rows
        theirs = await asyncio.wait_for(_claim(qdb, OWNED, clock.now(), "b", limit=3), 5)
    assert mine == [1, 2] and theirs == [3]


@pytest.mark.parametrize("q", [SHARED, OWNED], ids=["shared", "owned"])
async def test_an_expired_lease_is_claimed_again(qdb: Database, clock: FixedClock, q: wq.Queue) -> None:
    await _rows(qdb, 1)
    assert await _claim(qdb, q, clock.now(), "a") == [1]
    clock.advance(LEASE)
    assert await _claim(qdb, q, clock.now(), "b") == [], "the lease ends after, not at, its last moment"
    clock.advance(timedelta(seconds=1))
    assert await _claim(qdb, q, clock.now(), "b", expired=False) == [], "only pending rows, when asked"
    assert await _claim(qdb, q, clock.now(), "b") == [1]
    row = await _row(qdb, 1)
    assert row["status"] == "sending" and row[q.lease] == clock.now() + LEASE
    if q.owner:
        assert row["owner"] == "b" and row["attempts"] == 2
        async with qdb.write() as session:
            assert not await wq.done(session, q, [1], now=clock.now(), owner="a"), "a's claim is over"
            assert await wq.done(session, q, [1], now=clock.now(), owner="b")


async def test_requeue_expired_puts_back_lost_claims_except_the_ones_named(qdb: Database, clock: FixedClock) -> None:
    await _rows(qdb, 3)
    assert await _claim(qdb, SHARED, clock.now(), limit=3) == [1, 2, 3]
    clock.advance(LEASE + timedelta(seconds=1))
    async with qdb.write() as session:
        assert await wq.requeue_expired(session, SHARED, now=clock.now(), exclude={2}) == 2
    assert [(await _row(qdb, i))["status"] for i in (1, 2, 3)] == ["pending", "sending", "pending"]


@pytest.mark.parametrize("q", [SHARED, OWNED], ids=["shared", "owned"])
async def test_retry_waits_for_its_backoff(qdb: Database, clock: FixedClock, q: wq.Queue) -> None:
    await _rows(qdb, 1)
    [(key, until)] = [(r[0], r[1]) for r in await _claim_rows(qdb, q, clock.now(), "a")]
    delay = wq.backoff(3, cap=300)
    assert delay == timedelta(seconds=8)
    async with qdb.write() as session:
        assert await wq.retry(session, q, [key], now=clock.now(), delay=delay, reason="timeout " + "x" * 300,
                              owner="a" if q.owner else None, until=until)
    row = await _row(qdb, key)
    assert row["status"] == "pending" and row["not_before"] == clock.now() + delay
    assert row["error"] == ("timeout " + "x" * 300)[:255] and row["owner"] is None
    clock.advance(delay - timedelta(seconds=1))
    assert await _claim(qdb, q, clock.now(), "b") == [], "not before its backoff is over"
    clock.advance(timedelta(seconds=1))
    assert await _claim(qdb, q, clock.now(), "b") == [key]


async def test_backoff_grows_to_its_cap() -> None:
    assert [wq.backoff(n, cap=60).total_seconds() for n in range(8)] == [1, 2, 4, 8, 16, 32, 60, 60]


@pytest.mark.parametrize("q", [SHARED, OWNED], ids=["shared", "owned"])
async def test_fail_stops_retries(qdb: Database, clock: FixedClock, q: wq.Queue) -> None:
    await _rows(qdb, 1)
    [(key, until)] = [(r[0], r[1]) for r in await _claim_rows(qdb, q, clock.now(), "a")]
    async with qdb.write() as session:
        assert await wq.fail(session, q, [key], now=clock.now(), reason="forbidden", until=until)
    row = await _row(qdb, key)
    assert row["status"] == "failed" and row["not_before"] is None and row["error"] == "forbidden"
    clock.advance(timedelta(days=30))
    assert await _claim(qdb, q, clock.now(), "b", limit=10) == [], "a failed row is never due again"


async def test_outcomes_only_while_the_claim_is_ours(qdb: Database, clock: FixedClock) -> None:
    await _rows(qdb, 1)
    [(key, first)] = [(r[0], r[1]) for r in await _claim_rows(qdb, SHARED, clock.now(), None)]
    clock.advance(LEASE + timedelta(seconds=1))
    [(_, second)] = [(r[0], r[1]) for r in await _claim_rows(qdb, SHARED, clock.now(), None)]
    async with qdb.write() as session:
        assert not await wq.fail(session, SHARED, [key], now=clock.now(), reason="late", until=first)
        assert not await wq.release(session, SHARED, now=clock.now(), keys=[key], until=first)
        assert await wq.done(session, SHARED, [key], now=clock.now(), until=second,
                             values={"attempts": SHARED.column("attempts") + 1})
    row = await _row(qdb, key)
    assert row["status"] == "sent" and row["attempts"] == 1 and row["not_before"] is None


async def test_release_gives_back_only_the_owners_rows(qdb: Database, clock: FixedClock) -> None:
    await _rows(qdb, 4)
    assert await _claim(qdb, OWNED, clock.now(), "a", limit=2) == [1, 2]
    assert await _claim(qdb, OWNED, clock.now(), "b", limit=1) == [3]
    async with qdb.write() as session:
        assert await wq.done(session, OWNED, [2], now=clock.now(), owner="a")
        assert await wq.release(session, OWNED, now=clock.now(), owner="a") == 1, "not its finished row"
    states = [(r["status"], r["owner"]) for r in [await _row(qdb, i) for i in (1, 2, 3, 4)]]
    assert states == [("pending", None), ("sent", None), ("sending", "b"), ("pending", None)]
    assert await _claim(qdb, OWNED, clock.now(), "c", limit=5) == [1, 4], "given back: due at once"
    with pytest.raises(ValueError, match="never every claim"):
        async with qdb.write() as session:
            await wq.release(session, OWNED, now=clock.now())


async def test_settle_many_writes_each_rows_own_outcome(qdb: Database, clock: FixedClock) -> None:
    await _rows(qdb, 3)
    await _claim(qdb, SHARED, clock.now(), limit=3)
    done = {**wq.done_values(SHARED, clock.now()), "error": None}
    async with qdb.write() as session:
        await wq.settle_many(session, SHARED, [{"id": 1, **done}, {"id": 3, **done, "error": "noted"}],
                             values={"attempts": SHARED.column("attempts") + 1})
    rows = [await _row(qdb, i) for i in (1, 2, 3)]
    assert [(r["status"], r["attempts"], r["error"]) for r in rows] == [
        ("sent", 1, None), ("sending", 0, None), ("sent", 1, "noted")]


async def test_locked_and_extend_move_a_held_lease_on(qdb: Database, clock: FixedClock) -> None:
    await _rows(qdb, 2)
    await _claim(qdb, SHARED, clock.now(), limit=2)
    later = clock.now() + 2 * LEASE
    async with qdb.write() as session:
        rows = await wq.locked(session, SHARED, [2, 1], ["status"])
        assert [tuple(r) for r in rows] == [(1, "sending"), (2, "sending")]
        await wq.extend(session, SHARED, [2], until=later)
    assert (await _row(qdb, 2))["not_before"] == later
    assert (await _row(qdb, 1))["not_before"] == clock.now() + LEASE


async def test_a_named_lease_has_one_holder_renews_and_is_given_back(qdb: Database, clock: FixedClock) -> None:
    now = clock.now()
    async with qdb.write() as session:
        await wq.ensure(session, NAMED, "job", {"holder": None, "until": None, "mark": 0, "updated_at": now})
        await wq.ensure(session, NAMED, "job", {"holder": "x", "until": None, "mark": 7, "updated_at": now})
    async with qdb.write() as session:
        assert await wq.claim(session, NAMED, now=now, lease=LEASE, owner="a", keys=["job"])
    async with qdb.write() as session:
        assert not await wq.claim(session, NAMED, now=now, lease=LEASE, owner="b", keys=["job"])
        assert await wq.claim(session, NAMED, now=now, lease=2 * LEASE, owner="a", keys=["job"]), "renewed"
        assert await wq.release(session, NAMED, now=now, owner="b") == 0, "not b's to give back"
        assert await wq.release(session, NAMED, now=now, owner="a", free_at=now + LEASE) == 1
    async with qdb.read() as session:
        lease = await session.get(OpsLease, "job")
        assert lease is not None and lease.holder is None and lease.until == now + LEASE and lease.mark == 0
    async with qdb.write() as session:
        assert not await wq.claim(session, NAMED, now=now, lease=LEASE, owner="b", keys=["job"]), "not yet free"
        assert await wq.claim(session, NAMED, now=now + LEASE, lease=LEASE, owner="b", keys=["job"])


async def _claim_rows(db: Database, q: wq.Queue, now: datetime, owner: str | None) -> list[tuple[int, datetime]]:
    async with db.write() as session:
        return [(r[0], r[1]) for r in await wq.claim(session, q, now=now, lease=LEASE, owner=owner)]


async def test_outcomes_by_condition_and_never_every_row(qdb: Database, clock: FixedClock) -> None:
    await _rows(qdb, 3)
    await _claim(qdb, SHARED, clock.now())  # row 1 is being sent: only pending ones are dropped
    async with qdb.write() as session:
        assert await wq.fail(session, SHARED, None, now=clock.now(), reason="erased",
                             where=[probe.c.status == "pending", probe.c.id >= 2]) == 2
        assert await wq.retry(session, SHARED, [], now=clock.now(), delay=LEASE, reason=None) == 0
        with pytest.raises(ValueError, match="never every row"):
            await wq.fail(session, SHARED, None, now=clock.now(), reason="x")
    assert [(await _row(qdb, i))["status"] for i in (1, 2, 3)] == ["sending", "failed", "failed"]
