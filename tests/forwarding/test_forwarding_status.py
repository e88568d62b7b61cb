"""Status back from the central system: every change mirrored into our history, one notification each."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlmodel import col, select

from bot.app import Core
from bot.core.clock import FixedClock
from bot.forwarding.poller import StatusPoller
from models.db import Database
from models.tables import StatusChange
from tests.fakes.central_lapor import FakeLaporServer
from tests.fakes.central_open311 import FakeOpen311Server
from tests.forwarding_helpers import (
    complaints,
    file_complaints,
    forwarder,
    forwarding_config,
    jobs,
    lapor_adapter,
    make_core,
    notifications,
    open311_adapter,
    texts,
)

POLL = timedelta(minutes=31)


@pytest.fixture
async def core(db: Database, clock: FixedClock) -> AsyncIterator[Core]:
    """A Core configured to forward to LAPOR!."""
    made = await make_core(db, clock)
    yield made
    await made.close()


@pytest.fixture
async def lapor() -> AsyncIterator[FakeLaporServer]:
    """A fake LAPOR! V3 server on 127.0.0.1."""
    async with FakeLaporServer() as fake:
        yield fake


async def history(db: Database, complaint_id: int) -> list[tuple[str, str | None, str]]:
    """(status, note, actor) of one complaint, oldest first."""
    async with db.read() as session:
        rows = (await session.exec(select(StatusChange).where(StatusChange.complaint_id == complaint_id)
                                   .order_by(col(StatusChange.id)))).all()
    return [(r.status, r.note, r.actor) for r in rows]


async def test_every_central_status_change_reaches_the_right_citizen_once(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """Terverifikasi → Dalam Proses (+ follow-up) → follow-up only → Selesai; Ditolak for the other, in English."""
    (ani,) = await file_complaints(core, 1, user="ani")
    (bob,) = await file_complaints(core, 1, user="bob", locale="en", title="Broken street light")
    adapter = lapor_adapter(lapor.base_url, clock)
    await forwarder(core, adapter).run_once()
    poller = StatusPoller(core, adapter, forwarding_config())
    sent = {j.complaint_id: j.remote_id or "" for j in await jobs(core.db)}
    assert len(await notifications(core.db)) == 2  # the two "terkirim" messages
    assert await poller.poll_once() == 0, "not due before the poll interval"

    async def step(remote_for: int, name: str, followup: str | None = None) -> list[str]:
        before = len(await notifications(core.db))
        if name:
            lapor.set_status(sent[remote_for], name, followup)
        clock.advance(POLL)
        assert await poller.poll_once() == 2
        rows = (await notifications(core.db))[before:]
        return [f"{r.chat_id}: {r.payload['text']}" for r in rows]

    assert await step(ani.id or 0, "Terverifikasi") == [
        f"ani: Kabar laporan {ani.tracking_no} ({ani.title}): statusnya sekarang Terverifikasi."]
    followup = "Tim Dinas Lingkungan Hidup dijadwalkan turun ke lokasi hari Senin."
    (message,) = await step(ani.id or 0, "Dalam Proses", followup)
    assert message.startswith("ani: ") and "Dalam Proses" in message and followup in message
    assert await step(ani.id or 0, "") == [], "nothing changed: nobody is told anything"
    (message,) = await step(ani.id or 0, "Dalam Proses", "Pengangkutan sampah sudah 50%.")
    assert "Pengangkutan sampah sudah 50%." in message and followup not in message
    (message,) = await step(ani.id or 0, "Selesai", "Sampah sudah diangkut semua.")
    assert "Selesai" in message and "Sampah sudah diangkut semua." in message
    (message,) = await step(bob.id or 0, "Ditolak", "Bukan kewenangan kami.")
    assert message.startswith("bob: ") and "its status is now Rejected" in message
    assert "Bukan kewenangan kami." in message

    by_id = {c.id: c for c in await complaints(core.db)}
    assert (by_id[ani.id].status, by_id[bob.id].status) == ("closed", "rejected")
    actor = "central:lapor"
    assert await history(core.db, ani.id or 0) == [
        ("submitted", None, "citizen"), ("sending", None, "forwarding"),
        ("forwarded", f"LAPOR! {by_id[ani.id].remote_tracking}", actor), ("verified", None, actor),
        ("in_progress", followup, actor), ("in_progress", "Pengangkutan sampah sudah 50%.", actor),
        ("closed", "Sampah sudah diangkut semua.", actor)]
    await adapter.close()


async def test_settled_complaints_stop_being_polled_after_the_window(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """Selesai/Ditolak are still read for late follow-ups, then left alone."""
    await file_complaints(core, 1)
    adapter = lapor_adapter(lapor.base_url, clock)
    await forwarder(core, adapter).run_once()
    poller = StatusPoller(core, adapter, forwarding_config(poll_settled=timedelta(days=2)))
    (job,) = await jobs(core.db)
    lapor.set_status(job.remote_id or "", "Selesai")
    clock.advance(POLL)
    assert await poller.poll_once() == 1
    clock.advance(timedelta(days=1))
    assert await poller.poll_once() == 1
    assert (await jobs(core.db))[0].next_poll_at is not None
    clock.advance(timedelta(days=1, hours=1))
    assert await poller.poll_once() == 1
    assert (await jobs(core.db))[0].next_poll_at is None
    clock.advance(timedelta(days=30))
    assert await poller.poll_once() == 0
    await adapter.close()


async def test_a_failing_central_system_changes_nothing_and_is_asked_again_later(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """Status reads that fail are skipped this round; no notification, no history, polled next interval."""
    await file_complaints(core, 1)
    adapter = lapor_adapter(lapor.base_url, clock)
    await forwarder(core, adapter).run_once()
    poller = StatusPoller(core, adapter, forwarding_config())
    before = len(await notifications(core.db))
    lapor.set_mode("500")
    clock.advance(POLL)
    assert await poller.poll_once() == 1
    assert len(await notifications(core.db)) == before
    assert await poller.poll_once() == 0, "the failed one waits for its next interval"
    lapor.set_mode("ok")
    (job,) = await jobs(core.db)
    lapor.set_status(job.remote_id or "", "Terverifikasi")
    clock.advance(POLL)
    assert await poller.poll_once() == 1
    assert (await complaints(core.db))[0].status == "verified"
    await adapter.close()


async def test_two_pollers_never_read_the_same_complaint_twice(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """Claiming moves the next poll time on, so a second poller (another process) skips it."""
    await file_complaints(core, 30)
    adapter = lapor_adapter(lapor.base_url, clock)
    await forwarder(core, adapter, batch=50).run_once()
    first = StatusPoller(core, adapter, forwarding_config(), batch=20)
    second = StatusPoller(core, adapter, forwarding_config(), batch=20)
    clock.advance(POLL)
    a, b = await first.claim(), await second.claim()
    assert len(a) == 20 and len(b) == 10 and not set(a) & set(b)
    await adapter.close()


async def test_open311_status_and_a_token_resolved_later(db: Database, clock: FixedClock) -> None:
    """Open311: a token answer is kept as token:…, resolved by the poller; in_progress maps to Dalam Proses."""
    core = await make_core(db, clock, central="open311")
    async with FakeOpen311Server(token_flow=True, token_resolve_after=None) as fake:
        adapter = open311_adapter(fake.base_url, clock)
        await file_complaints(core, 1, user="ani")
        await forwarder(core, adapter).run_once()
        (job,) = await jobs(core.db)
        assert job.status == "sent" and (job.remote_id or "").startswith("token:")
        (note,) = texts(await notifications(core.db))
        assert "token:" not in note
        fake.token_resolve_after = 0
        (request_id,) = fake.service_requests
        fake.set_status(request_id, "in_progress", "Petugas sudah di lokasi.")
        clock.advance(POLL)
        assert await StatusPoller(core, adapter, forwarding_config()).poll_once() == 1
        await adapter.close()
    (job,) = await jobs(core.db)
    (stored,) = await complaints(core.db)
    assert job.remote_id == stored.remote_id == request_id
    assert stored.status == "in_progress"
    assert "Petugas sudah di lokasi." in texts(await notifications(core.db))[-1]
    await core.close()
