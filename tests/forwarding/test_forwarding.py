"""Forwarding to the central system: the outbox written with the complaint, sent exactly once, the citizen told."""

from __future__ import annotations

import argparse
import asyncio
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlmodel import col, select

from bot.app import Core
from bot.cli.outbox import outbox_command
from bot.core.clock import FixedClock
from bot.forwarding.central import OutgoingAttachment
from bot.forwarding.forwarder import Forwarder
from bot.forwarding.payload import aware, build_payload, idempotency_key
from bot.forwarding.workers import install
from models import store
from models.db import Database
from models.forwarding import ForwardJob
from models.tables import Attachment, Citizen, OutgoingMessage, StatusChange
from tests.conversation.test_inbox import FULL_COMPLAINT, _send
from tests.fakes.central_lapor import FakeLaporServer
from tests.fakes.central_open311 import FakeOpen311Server
from tests.forwarding_helpers import (
    CrashAfterSubmit,
    SimulatedCrash,
    complaints,
    file_complaints,
    forwarder,
    forwarding_config,
    jobs,
    lapor_adapter,
    make_core,
    notifications,
    open311_adapter,
)
from tests.harness import ChatHarness


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


@pytest.fixture
async def open311() -> AsyncIterator[FakeOpen311Server]:
    """A fake Open311 server that cannot search by our reference (plain GeoReport v2)."""
    async with FakeOpen311Server(supports_reference_filter=False) as fake:
        yield fake


def creates(fake: FakeLaporServer) -> list[str]:
    """The reference of every complaint the fake holds."""
    found = []
    for complaint in fake.complaints.values():
        match = re.search(r"Nomor Tiket laporbot: (LPR-\w+)", complaint.body["content"])
        assert match, "every forwarded complaint carries our reference"
        found.append(match.group(1))
    return found


# --------------------------------------------------------------------------- the outbox entry


async def test_submitting_in_chat_writes_the_outbox_entry_in_the_same_transaction(
        db: Database, clock: FixedClock, core: Core) -> None:
    """The real chat pipeline: the complaint, its outbox entry and 'sedang dikirim' commit together."""
    harness = ChatHarness(db, clock)
    harness.inbox = core.inbox
    # this core's small agency list knows no keywords, so the category is asked after the agency
    at = FULL_COMPLAINT.index({"choice": "unknown"}) + 1
    for step in [*FULL_COMPLAINT[:at], {"choice": "lingkungan"}, *FULL_COMPLAINT[at:]]:
        await _send(harness, step)
    (complaint,) = await complaints(db)
    (job,) = await jobs(db)
    assert job.complaint_id == complaint.id and job.status == "pending" and job.attempts == 0
    assert job.idempotency_key == idempotency_key(complaint) == f"laporbot-{complaint.id}-{complaint.tracking_no}"
    assert complaint.status == "sending"
    async with db.read() as session:
        history = (await session.exec(select(StatusChange).order_by(col(StatusChange.id)))).all()
    assert [(h.status, h.actor) for h in history] == [("submitted", "citizen"), ("sending", "forwarding")]
    assert await notifications(db) == [], "the turn's own reply confirms the complaint; no extra message"
    install(core)  # installing twice adds no second hook
    assert sum(getattr(h, "laporbot_forwarding", False) for h in core.hooks) == 1


async def test_with_forwarding_off_complaints_wait_in_the_outbox(db: Database, clock: FixedClock) -> None:
    """LAPORBOT_CENTRAL=none: the entry is written and waits; the complaint is not called 'being sent'."""
    core = await make_core(db, clock, central="none")
    try:
        (complaint,) = await file_complaints(core, 1)
    finally:
        await core.close()
    (job,) = await jobs(db)
    assert job.status == "pending" and complaint.status == "submitted"


async def test_a_rolled_back_complaint_leaves_no_outbox_entry(core: Core) -> None:
    """Same transaction: when storing the complaint fails, there is no entry either."""
    with pytest.raises(RuntimeError):
        async with core.db.write() as session:
            citizen = Citizen(channel="telegram", channel_user_id="x", created_at=core.clock.now())
            session.add(citizen)
            await session.flush()
            complaint = await store.create_complaint(
                session, tracking_no="LPR-ROLLBAK", citizen_id=citizen.id or 0, inbound_id=None, channel="telegram",
                locale="id", answers={"title": "t", "body": "b"}, now=core.clock.now())
            for hook in core.hooks:
                result = hook(session, complaint)
                if hasattr(result, "__await__"):
                    await result
            await session.flush()
            raise RuntimeError("the turn failed")
    assert await jobs(core.db) == [] and await complaints(core.db) == []


# --------------------------------------------------------------------------- sending


async def test_forwarded_once_and_the_citizen_hears_the_number_only_after_the_ack(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """Before the ack the status is 'Sedang dikirim'; after it, 'terkirim ke LAPOR! — nomor LAPOR! …' once."""
    (complaint,) = await file_complaints(core, 1, user="ani")
    catalog = core.engine.catalog
    assert catalog.text(f"status.name.{complaint.status}", "id") == "Sedang dikirim ke LAPOR!"
    lapor.set_mode("500", times=1)
    worker = forwarder(core, lapor_adapter(lapor.base_url, clock))
    assert await worker.run_once() == 1
    assert await notifications(core.db) == [], "no 'terkirim' while LAPOR! has not acknowledged"
    (job,) = await jobs(core.db)
    assert job.status == "pending" and job.attempts == 1 and job.last_error and "500" in job.last_error
    clock.advance(timedelta(hours=1))
    assert await worker.run_once() == 1
    (job,) = await jobs(core.db)
    (stored,) = await complaints(core.db)
    (remote,) = lapor.complaints.values()
    assert job.status == "sent" and job.remote_id == str(remote.id) and job.remote_tracking == remote.tracking_id
    assert (stored.status, stored.remote_id, stored.remote_tracking) == ("forwarded", job.remote_id, remote.tracking_id)
    (note,) = await notifications(core.db)
    assert note.chat_id == "ani"
    assert f"terkirim ke LAPOR! — nomor LAPOR! {remote.tracking_id}" in note.payload["text"]
    assert {r.headers.get("Idempotency-Key") for r in lapor.requests_to("complaint-lmw")} == {job.idempotency_key}
    assert await worker.run_once() == 0
    assert lapor.create_calls == 1


async def test_attachments_are_uploaded_first_then_referenced(core: Core, lapor: FakeLaporServer,
                                                              clock: FixedClock) -> None:
    """With a channel fetcher the file's bytes are uploaded before the complaint that lists their ids."""
    (complaint,) = await file_complaints(core, 1, attachments=[{"kind": "photo", "ref": "tg-file-1",
                                                                "mime": "image/jpeg", "name": "IMG_1.jpg"}])
    fetched: list[str] = []

    async def telegram_files(attachment: Attachment):  # type: ignore[no-untyped-def]
        fetched.append(attachment.file_ref)
        return OutgoingAttachment(attachment.kind, attachment.name or "x", attachment.mime, b"\xff\xd8jpeg", None)

    worker = Forwarder(core, lapor_adapter(lapor.base_url, clock), forwarding_config(), worker_id="w1",
                       fetchers={"telegram": telegram_files})
    await worker.run_once()
    assert fetched == ["tg-file-1"]
    paths = [r.path.rsplit("/", 2)[-2:] for r in lapor.requests]
    assert paths == [["complaint", "file"], ["complaints", "complaint-lmw"]]
    (doc_id,) = lapor.docs
    assert lapor.requests[-1].body["attachments"] == f"[{doc_id}]"
    assert lapor.requests[0].headers["Idempotency-Key"].startswith(idempotency_key(complaint))


async def test_a_file_that_cannot_be_fetched_yet_is_retried_without_a_lookup(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """The channel's file store is away: nothing was sent, so the retry files it directly."""
    await file_complaints(core, 1, attachments=[{"kind": "photo", "ref": "tg-file-1", "mime": "image/jpeg"}])
    calls = 0

    async def flaky(attachment: Attachment):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError("telegram file API unreachable")
        return OutgoingAttachment(attachment.kind, "x.jpg", attachment.mime, b"img", None)

    worker = Forwarder(core, lapor_adapter(lapor.base_url, clock), forwarding_config(), worker_id="w1",
                       fetchers={"telegram": flaky})
    await worker.run_once()
    (job,) = await jobs(core.db)
    assert (job.status, job.in_doubt, job.last_error) == ("pending", False, "attachment fetch failed (OSError)")
    assert lapor.requests == []
    clock.advance(timedelta(hours=1))
    await worker.run_once()
    assert (await jobs(core.db))[0].status == "sent"
    assert lapor.requests_to("/complaints", "GET") == [] and lapor.upload_calls == 1 and lapor.create_calls == 1


async def test_without_a_fetcher_the_complaint_goes_without_its_files(core: Core, lapor: FakeLaporServer,
                                                                      clock: FixedClock) -> None:
    """A channel whose files cannot be fetched does not block the complaint."""
    await file_complaints(core, 1, attachments=[{"kind": "photo", "ref": "tg-file-1"}])
    await forwarder(core, lapor_adapter(lapor.base_url, clock)).run_once()
    assert lapor.upload_calls == 0 and lapor.create_calls == 1


@pytest.mark.slow
async def test_a_thousand_complaints_with_four_concurrent_workers_each_arrive_exactly_once(
        core: Core, lapor: FakeLaporServer, clock: FixedClock, db: Database) -> None:
    """Four workers racing over one outbox (SKIP LOCKED on PostgreSQL): every complaint once, none twice."""
    n = 1000
    filed = await file_complaints(core, n)
    adapter = lapor_adapter(lapor.base_url, clock)
    workers = [forwarder(core, adapter, f"w{i}", batch=25) for i in range(4)]
    try:
        handled = await asyncio.gather(*(w.drain() for w in workers))
    finally:
        await adapter.close()
    assert sum(handled) == n
    assert lapor.create_calls == n and len(lapor.complaints) == n
    assert sorted(creates(lapor)) == sorted(c.tracking_no for c in filed)
    rows = await jobs(core.db)
    assert all(j.status == "sent" and j.attempts == 1 for j in rows)
    assert len({j.remote_id for j in rows}) == n
    assert sum(1 for h in handled if h) >= 2, "the work was shared"
    assert len(await notifications(core.db)) == n


async def test_a_ten_minute_outage_delays_but_loses_and_doubles_nothing(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """LAPOR! unreachable for ten minutes (fake clock): backoff, then every complaint arrives once."""
    filed = await file_complaints(core, 40)
    adapter = lapor_adapter(lapor.base_url, clock)
    workers = [forwarder(core, adapter, "w1"), forwarder(core, adapter, "w2")]
    await lapor.refuse_connections()
    start = clock.now()
    tries = 0
    try:
        while clock.now() - start < timedelta(minutes=10):
            tries += sum(await asyncio.gather(*(w.run_once() for w in workers)))
            clock.advance(timedelta(seconds=5))
        rows = await jobs(core.db)
        assert all(j.status == "pending" and j.remote_id is None for j in rows)
        assert tries > 40 and lapor.create_calls == 0
        # a crowd of retries would hit the recovering server at once without jitter: times are spread
        assert len({j.not_before for j in rows}) > 20
        await lapor.accept_connections()
        first_through = None
        for _ in range(2000):
            statuses = [j.status for j in await jobs(core.db)]
            if first_through is None and "sent" in statuses:
                first_through = clock.now()
            if set(statuses) == {"sent"}:
                break
            await asyncio.gather(*(w.run_once() for w in workers))
            clock.advance(timedelta(seconds=5))
    finally:
        await adapter.close()
    rows = await jobs(core.db)
    assert all(j.status == "sent" for j in rows), {j.status for j in rows}
    assert lapor.create_calls == 40 and sorted(creates(lapor)) == sorted(c.tracking_no for c in filed)
    assert lapor.requests_to("/complaints", "GET") == [], "refused connections filed nothing: no lookups"
    assert first_through is not None and clock.now() - first_through <= timedelta(seconds=15), (
        "once one retry gets through, the waiting ones go at once instead of sitting out their backoff")


class CeilingRng:
    """Jitter that always picks the top of the window, so the test knows every retry time."""

    def uniform(self, low: float, high: float) -> float:
        """The upper bound."""
        return high


async def test_recovery_pulls_waiting_retries_forward_but_keeps_retry_after(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """A success after failures sends the waiting retries at once, except those the server deferred itself."""
    await file_complaints(core, 3)
    adapter = lapor_adapter(lapor.base_url, clock)
    config = forwarding_config(batch=1, backoff_base=100.0)
    one = Forwarder(core, adapter, config, worker_id="w1", rng=CeilingRng())  # type: ignore[arg-type]
    t0 = clock.now()
    lapor.set_mode("500", times=1)
    await one.run_once()  # job 1: server error, back at t0+100
    lapor.retry_after = "3600"
    lapor.set_mode("429", times=1)
    await one.run_once()  # job 2: the server wants an hour
    clock.advance(timedelta(seconds=50))
    lapor.set_mode("500", times=1)
    await one.run_once()  # job 3: server error, back at t0+150
    first, second, third = await jobs(core.db)
    assert [aware(j.not_before) - t0 for j in (first, second, third)] == [  # type: ignore[arg-type]
        timedelta(seconds=100), timedelta(seconds=3600), timedelta(seconds=150)]
    clock.set(t0 + timedelta(seconds=100))
    assert await one.run_once() == 1  # job 1 gets through: LAPOR! is back
    first, second, third = await jobs(core.db)
    assert first.status == "sent" and aware(third.not_before) == clock.now()  # type: ignore[arg-type]
    assert aware(second.not_before) == t0 + timedelta(seconds=3600), "Retry-After is kept"  # type: ignore[arg-type]
    await one.drain()
    assert [j.status for j in await jobs(core.db)] == ["sent", "pending", "sent"]
    await adapter.close()


async def test_lost_answers_are_found_by_reference_not_filed_again(core: Core, lapor: FakeLaporServer,
                                                                   clock: FixedClock) -> None:
    """LAPOR! filed it but the answer was lost (500 / dropped): the retry finds it instead of re-filing."""
    await file_complaints(core, 2)
    adapter = lapor_adapter(lapor.base_url, clock)
    worker = forwarder(core, adapter)
    lapor.set_mode("lose", times=2, only="complaint-lmw")
    await worker.run_once()
    assert len(lapor.complaints) == 2 and {j.status for j in await jobs(core.db)} == {"pending"}
    clock.advance(timedelta(hours=1))
    await worker.run_once()
    await adapter.close()
    assert {j.status for j in await jobs(core.db)} == {"sent"}
    assert lapor.create_calls == 2 and len(lapor.complaints) == 2
    assert len(lapor.requests_to("/complaints", "GET")) == 2, "one lookup each"


async def test_retry_after_is_honoured(core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """A 429 with Retry-After: the next try is never sooner than the server asked."""
    await file_complaints(core, 1)
    lapor.retry_after = "120"
    lapor.set_mode("429", times=1)
    worker = forwarder(core, lapor_adapter(lapor.base_url, clock))
    await worker.run_once()
    (job,) = await jobs(core.db)
    assert job.status == "pending" and aware(job.not_before) >= clock.now() + timedelta(seconds=120)  # type: ignore[arg-type]
    clock.advance(timedelta(seconds=119))
    assert await worker.run_once() == 0
    clock.advance(timedelta(seconds=2))
    assert await worker.run_once() == 1
    assert (await jobs(core.db))[0].status == "sent"


@pytest.mark.parametrize("central", ["lapor", "open311"])
async def test_a_worker_killed_between_send_and_record_causes_no_duplicate(
        core: Core, lapor: FakeLaporServer, open311: FakeOpen311Server, clock: FixedClock, central: str) -> None:
    """The remote system filed it, the worker died before recording; after the lease, no second complaint.

    LAPOR!: the next worker finds it by our reference. Open311 without search: the re-send carries the
    same idempotency key and the server answers with the request it already has.
    """
    await file_complaints(core, 3)
    real = lapor_adapter(lapor.base_url, clock) if central == "lapor" else open311_adapter(open311.base_url, clock)
    remote = lapor.complaints if central == "lapor" else open311.service_requests
    dying = forwarder(core, CrashAfterSubmit(real), "dying")
    with pytest.raises(SimulatedCrash):
        await dying.run_once()
    assert len(remote) == 3
    assert {(j.status, j.locked_by) for j in await jobs(core.db)} == {("sending", "dying")}
    survivor = forwarder(core, real, "survivor")
    assert await survivor.run_once() == 0, "the lease still holds"
    clock.advance(timedelta(minutes=5, seconds=1))
    assert await survivor.run_once() == 3
    await real.close()
    rows = await jobs(core.db)
    assert all(j.status == "sent" and j.sends == 2 for j in rows)
    assert len(remote) == 3, "no second remote complaint"
    assert sorted(j.remote_id or "" for j in rows) == sorted(remote)
    if central == "lapor":
        assert lapor.create_calls == 3, "found by lookup, not filed again"
    assert len(await notifications(core.db)) == 3, "the citizen hears once"


async def test_a_late_recording_after_losing_the_lease_changes_nothing(
        core: Core, lapor: FakeLaporServer, clock: FixedClock) -> None:
    """A slow worker whose lease ran out and was taken over does not record over the new owner."""
    await file_complaints(core, 1)
    adapter = lapor_adapter(lapor.base_url, clock)
    slow = forwarder(core, adapter, "slow")
    work = await slow.claim()
    await slow._load(work)
    outcome = await slow._send(work[0])
    clock.advance(timedelta(minutes=6))
    await forwarder(core, adapter, "fast").run_once()
    await slow._record([outcome])
    await adapter.close()
    (job,) = await jobs(core.db)
    assert job.status == "sent" and lapor.create_calls == 1
    assert len(await notifications(core.db)) == 1


# --------------------------------------------------------------------------- giving up and operators


async def test_failed_after_max_attempts_is_visible_and_retryable_from_the_cli(
        core: Core, lapor: FakeLaporServer, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """Three failed tries: the entry is failed, listed by `outbox list`, and `outbox retry <id>` sends it."""
    (complaint,) = await file_complaints(core, 1, user="ani")
    lapor.set_mode("500")
    worker = forwarder(core, lapor_adapter(lapor.base_url, clock), max_attempts=3)
    for _ in range(3):
        await worker.run_once()
        clock.advance(timedelta(hours=2))
    (job,) = await jobs(core.db)
    assert (job.status, job.attempts) == ("failed", 3) and "HTTP 500" in (job.last_error or "")
    (stored,) = await complaints(core.db)
    assert stored.status == "failed"
    (note,) = await notifications(core.db)
    assert note.chat_id == "ani" and "Gagal dikirim" in note.payload["text"]
    assert await worker.run_once() == 0, "a failed entry waits for an operator"

    args = argparse.Namespace(outbox_action="list", status=None, limit=50, json=False)
    assert await outbox_command(core.settings, args, core=core) == 0
    listed = capsys.readouterr().out
    assert "failed 1" in listed and complaint.tracking_no in listed and "HTTP 500" in listed
    assert complaint.title not in listed, "no complaint text in operator output"
    args = argparse.Namespace(outbox_action="list", status=["failed"], limit=50, json=True)
    assert await outbox_command(core.settings, args, core=core) == 0
    assert f'"id": {job.id}' in capsys.readouterr().out

    lapor.set_mode("ok")
    args = argparse.Namespace(outbox_action="retry", ref=str(job.id))
    assert await outbox_command(core.settings, args, core=core) == 0
    assert "requeued 1 entry" in capsys.readouterr().out
    (job,) = await jobs(core.db)
    assert (job.status, job.attempts, job.sends) == ("pending", 0, 3)
    assert (await complaints(core.db))[0].status == "sending"
    assert await worker.run_once() == 1
    (job,) = await jobs(core.db)
    assert job.status == "sent" and len(lapor.complaints) == 1
    assert (await complaints(core.db))[0].status == "forwarded"
    args = argparse.Namespace(outbox_action="retry", ref=str(job.id))
    assert await outbox_command(core.settings, args, core=core) == 1, "a sent entry is not sent again"


async def test_retry_failed_requeues_every_failed_entry(core: Core, lapor: FakeLaporServer,
                                                        clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> None:
    """A permanent error (unmapped agency) fails at once; `outbox retry-failed` requeues all after the fix."""
    filed = await file_complaints(core, 2, agency="52.03.dinkes")  # not in the mapping
    worker = forwarder(core, lapor_adapter(lapor.base_url, clock))
    await worker.run_once()
    rows = await jobs(core.db)
    assert [(j.status, j.attempts) for j in rows] == [("failed", 1), ("failed", 1)]
    assert "no LAPOR! disposition_id" in (rows[0].last_error or "") and lapor.create_calls == 0
    async with core.db.write() as session:  # the operator fixes the data
        for complaint in filed:
            complaint.agency_code = "52.03.dlh"
            session.add(complaint)
    args = argparse.Namespace(outbox_action="retry-failed")
    assert await outbox_command(core.settings, args, core=core) == 0
    assert "requeued 2 entries" in capsys.readouterr().out
    await worker.run_once()
    assert [j.status for j in await jobs(core.db)] == ["sent", "sent"]
    args = argparse.Namespace(outbox_action="retry", ref=filed[0].tracking_no)
    assert await outbox_command(core.settings, args, core=core) == 1


# --------------------------------------------------------------------------- privacy


def _identity(name: str, phone: str) -> list[str]:
    digits = re.sub(r"\D", "", phone)
    return [name, *name.split(), phone, digits, "0" + digits[2:], "budi-tg-4711"]


@pytest.mark.parametrize("central", ["lapor", "open311"])
async def test_anonymous_complaints_carry_no_identity_in_any_request(
        core: Core, lapor: FakeLaporServer, open311: FakeOpen311Server, clock: FixedClock, central: str) -> None:
    """Anonymous with a phone given: nothing of the reporter in any header, body, file or filename."""
    name, phone = "Budi Santoso Wibowo", "+6281234567890"
    await file_complaints(
        core, 1, user="budi-tg-4711", display_name=name, is_anonymous=True, contact_consent=True, phone=phone,
        body="Saya Budi Santoso Wibowo, hubungi 0812-3456-7890. Petugas meminta uang.",
        attachments=[{"kind": "photo", "ref": "f1", "mime": "image/jpeg", "name": "KTP_Budi_Santoso.jpg"}])

    async def fetch(attachment: Attachment):  # type: ignore[no-untyped-def]
        return OutgoingAttachment("photo", attachment.name or "", attachment.mime, b"img", None)

    adapter = lapor_adapter(lapor.base_url, clock) if central == "lapor" else open311_adapter(open311.base_url, clock)
    fake = lapor if central == "lapor" else open311
    worker = Forwarder(core, adapter, forwarding_config(), worker_id="w1", fetchers={"telegram": fetch})
    await worker.run_once()
    await adapter.close()
    assert (await jobs(core.db))[0].status == "sent"
    everything = "\n".join(r.text() for r in fake.requests).lower()
    for fragment in _identity(name, phone):
        assert fragment.lower() not in everything, fragment
    if central == "lapor":
        assert lapor.requests[-1].body["is_anonymous"] is True
    else:
        assert open311.requests[-1].body["attribute[is_anonymous]"] == "true"


async def test_named_reports_carry_the_reporter_only_with_consent(core: Core, clock: FixedClock) -> None:
    """Not anonymous: the reporter goes along when the citizen agreed to be contacted, else nothing."""
    with_consent, without = await file_complaints(core, 2, display_name="Siti Aminah", contact_consent=True,
                                                  phone="081299998888")
    without.contact_consent, without.reporter_phone = False, None
    citizen = Citizen(channel="telegram", channel_user_id="x", display_name="Siti Aminah", created_at=clock.now())
    named = build_payload(with_consent, citizen)
    assert named.identity() is not None and named.identity().phone == "081299998888"  # type: ignore[union-attr]
    assert named.identity().name == "Siti Aminah"  # type: ignore[union-attr]
    assert build_payload(without, citizen).reporter is None


@pytest.mark.parametrize("central", ["lapor", "open311"])
async def test_rahasia_complaints_are_marked_secret(core: Core, lapor: FakeLaporServer, open311: FakeOpen311Server,
                                                    clock: FixedClock, central: str) -> None:
    """is_secret travels as LAPOR!'s flag, or as an Open311 attribute."""
    await file_complaints(core, 1, is_secret=True)
    adapter = lapor_adapter(lapor.base_url, clock) if central == "lapor" else open311_adapter(open311.base_url, clock)
    await forwarder(core, adapter).run_once()
    await adapter.close()
    if central == "lapor":
        assert lapor.requests[-1].body["is_secret"] is True
    else:
        assert open311.requests[-1].body["attribute[is_secret]"] == "true"


async def test_worker_logs_carry_no_complaint_text(core: Core, lapor: FakeLaporServer, clock: FixedClock,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    """Whatever happens, logs name ids and tracking numbers, never what the citizen wrote."""
    import logging

    caplog.set_level(logging.DEBUG)
    await file_complaints(core, 1, display_name="Budi Santoso", phone="081234567890", contact_consent=True)
    lapor.set_mode("500", times=1)
    worker = forwarder(core, lapor_adapter(lapor.base_url, clock), max_attempts=2)
    await worker.run_once()
    clock.advance(timedelta(hours=1))
    await worker.run_once()
    logged = "\n".join(f"{r.getMessage()} {vars(r)}" for r in caplog.records if r.name.startswith("laporbot"))
    for secret in ("Sampah di pasar", "Budi Santoso", "081234567890", "Pasar Selong", "-8.65"):
        assert secret not in logged, secret


async def test_the_outbox_table_is_cleared_between_tests(db: Database) -> None:
    """The conftest TABLES list includes forwardjob (PostgreSQL runs truncate it)."""
    async with db.read() as session:
        assert (await session.exec(select(ForwardJob))).all() == []
        assert (await session.exec(select(OutgoingMessage))).all() == []
