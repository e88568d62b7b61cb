"""Admin cases follow the status changes a forwarding batch records, with one query per batch."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from bot.app import Core
from bot.core.clock import FixedClock
from models import store
from models.admin import AdminCase
from models.db import Database
from models.tables import Citizen, Complaint
from tests.fakes.central_lapor import FakeLaporServer
from tests.forwarding_helpers import ANSWERS, file_complaints, forwarder, jobs, lapor_adapter, make_core


@pytest.fixture
async def core(db: Database, clock: FixedClock) -> AsyncIterator[Core]:
    """A Core with forwarding to LAPOR! and the admin side installed (as build_core does)."""
    made = await make_core(db, clock)
    yield made
    await made.close()


@pytest.fixture
async def lapor() -> AsyncIterator[FakeLaporServer]:
    """A fake LAPOR! V3 server on 127.0.0.1."""
    async with FakeLaporServer() as fake:
        yield fake


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement the database is sent meanwhile."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()).lower())

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)


async def cases(db: Database) -> list[AdminCase]:
    """Every admin case, by complaint."""
    async with db.read() as session:
        return list((await session.exec(select(AdminCase).order_by(col(AdminCase.complaint_id)))).all())


async def test_a_forwarded_batch_moves_every_case_with_one_case_query(core: Core, lapor: FakeLaporServer,
                                                                      clock: FixedClock) -> None:
    """20 complaints acknowledged in one batch: 20 cases get the new status and version, read in one SELECT."""
    await file_complaints(core, 20)
    assert [(c.status_seen, c.version) for c in await cases(core.db)] == [("sending", 1)] * 20
    worker = forwarder(core, lapor_adapter(lapor.base_url, clock), batch=20)
    try:
        with statements(core.db) as seen:
            assert await worker.run_once() == 20
    finally:
        await worker.adapter.close()
    case_reads = [s for s in seen if s.startswith("select") and "from admincase" in s]
    assert len(case_reads) == 1, case_reads
    assert [j.status for j in await jobs(core.db)] == ["sent"] * 20
    assert [(c.status_seen, c.version) for c in await cases(core.db)] == [("forwarded", 2)] * 20
    assert all(c.updated_at is not None for c in await cases(core.db))


async def test_a_case_made_later_in_the_same_transaction_still_follows(core: Core) -> None:
    """The forwarding hook changes the status before the admin hook makes the case; a later change finds it."""
    now = core.clock.now()
    async with core.db.write() as session:
        citizen = Citizen(channel="telegram", channel_user_id="ani", created_at=now)
        session.add(citizen)
        await session.flush()
        complaint = await store.create_complaint(
            session, tracking_no=core.inbox.new_tracking_no(), citizen_id=citizen.id or 0, inbound_id=None,
            channel="telegram", locale="id", answers=ANSWERS, now=now)
        for hook in core.hooks:  # "sending" (no case yet), then the case is made
            result = hook(session, complaint)
            if hasattr(result, "__await__"):
                await result
        await core.status.change(session, complaint, "verified", actor="admin:1", notify=False, at=now)
    (case,) = await cases(core.db)
    assert (case.status_seen, case.version, case.verified_at is not None) == ("verified", 2, True)


async def test_changes_in_separate_transactions_each_see_the_current_case(core: Core) -> None:
    """Nothing is remembered across transactions: each reads the case as it is now."""
    (complaint,) = await file_complaints(core, 1)
    for status, version in (("forwarded", 2), ("verified", 3), ("in_progress", 4)):
        async with core.db.write() as session:
            found = await session.get(Complaint, complaint.id)
            assert found is not None
            await core.status.change(session, found, status, actor="test", notify=False)
        (case,) = await cases(core.db)
        assert (case.status_seen, case.version) == (status, version)
