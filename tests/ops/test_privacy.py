"""UU PDP: /hapusdata erases a citizen's personal data (complaints stay, de-identified); retention clean-up."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from sqlalchemy import func, update
from sqlmodel import col, select

from bot.conversation.guards import OpsSettings
from bot.core.clock import FixedClock
from bot.ops.privacy import erase_identity, pseudonym
from bot.ops.retention import cleanup, retention_loop
from models.db import Database
from models.ops import Erasure, OpsLease, acquire_lease, release_lease
from models.privacy_store import scrub_rows_about
from models.tables import Citizen, Complaint, Conversation, InboundMessage, OutgoingMessage
from tests.harness import ChatHarness

NIK = "3203012503770011"
PHONE = "081234567890"
STORY = f"Petugas kelurahan meminta uang Rp50.000 untuk KTP saya, NIK {NIK}, hubungi {PHONE}"


def guard(h: ChatHarness) -> ChatHarness:
    """A harness on the same database and clock with the guard stages in front of the engine."""
    return ChatHarness(h.db, h.clock, ops=OpsSettings(rate_limit=0))


async def file_with_phone(h: ChatHarness, user: str) -> str:
    """A complaint with contact consent and a phone number; returns its tracking number."""
    # answered by question, since what the story already told is not asked
    answers: dict[str, dict[str, str]] = {
        "Ceritakan": {"text": STORY}, "Laporan Anda termasuk": {"choice": "pengaduan"},
        "Beri judul": {"choice": "auto"},
        "Kapan": {"choice": "yesterday"}, "Di mana": {"text": "Kantor Kelurahan Pancor"},
        "Laporan ini untuk instansi": {"choice": "unknown"}, "Dari cerita Anda": {"choice": "unknown"},
        "Masalahnya": {"choice": "kependudukan"}, "Ada foto": {"choice": "done"},
        "Rahasiakan identitas": {"choice": "no"},
        "Boleh kami simpan": {"choice": "yes"}, "Ketik nomor HP": {"text": PHONE},
        "Ini yang kami catat": {"choice": "submit"}}
    await h.send(user, "halo")
    replies = await h.send(user, choice="complaint")
    for _ in range(20):
        asked = replies[-1].text
        step = next((v for k, v in answers.items() if asked.startswith(k)), None)
        if step is None:
            break
        replies = await h.send(user, step.get("text"), choice=step.get("choice"))
    (complaint,) = [c for c in await h.complaints() if c.reporter_phone]
    return complaint.tracking_no


async def test_hapusdata_erases_personal_data_and_keeps_the_complaint(harness: ChatHarness) -> None:
    """Confirmed erasure: identity, messages, replies and conversation gone; the complaint stays without them."""
    harness = guard(harness)
    number = await file_with_phone(harness, "ani")
    (ask,) = await harness.send("ani", "/hapusdata")
    assert "Hapus data pribadi" in ask.text and [o.id for o in ask.options] == ["erase.yes", "erase.no"]
    (done,) = await harness.send("ani", choice="erase.yes")
    assert "sudah dihapus" in done.text and "1 laporan" in done.text
    async with harness.db.read() as session:
        citizen = (await session.exec(select(Citizen))).one()
        complaint = (await session.exec(select(Complaint))).one()
        payloads = (await session.exec(select(InboundMessage.payload))).all()
        outgoing = (await session.exec(select(OutgoingMessage))).all()
        conversation = (await session.exec(select(Conversation))).one()
        erasure = (await session.exec(select(Erasure))).one()
    assert citizen.channel_user_id == pseudonym(citizen.id or 0) and citizen.display_name is None
    assert complaint.tracking_no == number and complaint.reporter_phone is None and not complaint.contact_consent
    assert NIK not in complaint.body and PHONE not in complaint.body and "Rp50.000 untuk KTP" in complaint.body
    everything = json.dumps([payloads, [o.payload for o in outgoing], conversation.state])
    assert NIK not in everything and PHONE not in everything and "Petugas kelurahan" not in everything
    assert all(p.get("erased") for p in payloads)
    assert {o.chat_id for o in outgoing} <= {pseudonym(citizen.id or 0), "ani"}
    assert conversation.state == {} or conversation.state.get("answers") == {}
    # 12 messages filed it (the story names no place: "kelurahan" is no longer read as Desa Kelurahan in Kab.
    # Semarang, so the place and the agency are asked), then /hapusdata and its yes
    assert (erasure.complaints, erasure.actor) == (1, "citizen") and erasure.messages == 14
    again = await harness.send("ani", "halo")
    assert "Halo" in again[0].text, "a new message starts afresh, as a new citizen"
    async with harness.db.read() as session:
        assert (await session.exec(select(func.count()).select_from(Citizen))).one() == 2


async def test_hapusdata_declined_or_ignored_keeps_everything(harness: ChatHarness) -> None:
    """"tidak" keeps the data and asks the interrupted question again; any other answer is not a yes."""
    harness = guard(harness)
    await harness.send("budi", "halo")
    await harness.send("budi", choice="complaint")
    await harness.send("budi", "hapus data saya")
    kept = await harness.send("budi", "tidak")
    assert "tidak dihapus" in kept[0].text and kept[1].text.startswith("Ceritakan")  # the story question again
    await harness.send("budi", "/hapusdata")
    other = await harness.send("budi", "jalan rusak")
    assert other and "sudah dihapus" not in other[0].text
    async with harness.db.read() as session:
        assert (await session.exec(select(func.count()).select_from(Erasure))).one() == 0
        citizen = (await session.exec(select(Citizen))).one()
    assert citizen.channel_user_id == "budi"


async def test_operator_erasure_by_identity(harness: ChatHarness, clock: FixedClock) -> None:
    """`laporbot privacy erase telegram:<id>`: the same erasure, recorded as the operator's."""
    harness = guard(harness)
    await file_with_phone(harness, "citra")
    erased = await erase_identity(harness.db, "telegram", "citra", clock.now())
    assert erased is not None and erased.complaints == 1
    assert await erase_identity(harness.db, "telegram", "citra", clock.now()) is None
    async with harness.db.read() as session:
        assert (await session.exec(select(Erasure.actor))).one() == "operator"


async def test_retention_blanks_old_text_once_and_keeps_pending(harness: ChatHarness, clock: FixedClock) -> None:
    """Text older than the retention period is blanked; a pending message is left alone; nothing twice."""
    harness = guard(harness)
    await harness.send("dewi", "halo")
    await harness.send("dewi", choice="complaint")
    clock.advance(timedelta(days=50))
    await harness.send("eko", "halo")
    async with harness.db.write() as session:  # recorded but never handled (a crash): must survive the clean-up
        eko = (await session.exec(select(Citizen).where(col(Citizen.channel_user_id) == "eko"))).one()
        session.add(InboundMessage(channel="telegram", channel_message_id="stuck", citizen_id=eko.id or 0,
                                   payload={"channel": "telegram", "user_id": "eko", "message_id": "stuck",
                                            "text": "rahasia"}, status="pending", received_at=clock.now()))
    async with harness.db.write() as session:  # the harness does not send: pretend the replies went out
        await session.execute(update(OutgoingMessage).values(status="sent"))
    clock.advance(timedelta(days=41))  # dewi's messages are 91 days old, eko's 41
    first = await cleanup(harness.db, clock.now(), timedelta(days=90), batch=1)
    assert (first.inbound, first.outgoing) == (2, 2)
    assert await cleanup(harness.db, clock.now(), timedelta(days=90)) == type(first)(0, 0)
    clock.advance(timedelta(days=60))
    later = await cleanup(harness.db, clock.now(), timedelta(days=90))
    assert later.inbound == 1, "eko's handled message; the pending one after it waits"
    async with harness.db.read() as session:
        rows = (await session.exec(select(InboundMessage).order_by(col(InboundMessage.id)))).all()
    assert [r.payload.get("redacted") for r in rows] == ["retention", "retention", "retention", None]
    assert rows[-1].payload["text"] == "rahasia"


async def test_leases_let_one_replica_run_a_job(db: Database, clock: FixedClock) -> None:
    """A lease is one holder's until it runs out or is given back; then another takes it."""
    now = clock.now()
    async with db.write() as session:
        assert await acquire_lease(session, "job", "a", now + timedelta(minutes=5), now)
    async with db.write() as session:
        assert not await acquire_lease(session, "job", "b", now + timedelta(minutes=5), now)
        assert await acquire_lease(session, "job", "a", now + timedelta(minutes=6), now), "renewed by its holder"
    later = now + timedelta(minutes=7)
    async with db.write() as session:
        assert await acquire_lease(session, "job", "b", later + timedelta(minutes=5), later)
        await release_lease(session, "job", "b", later)
    async with db.write() as session:
        assert await acquire_lease(session, "job", "a", later + timedelta(minutes=5), later)


async def test_retention_loop_runs_once_per_interval_across_replicas(db: Database, clock: FixedClock) -> None:
    """Two replicas' loops: the first takes the round, the second finds it done and skips."""
    stop = asyncio.Event()
    loops = [asyncio.create_task(retention_loop(db, clock, timedelta(days=90), timedelta(hours=1), stop, holder=h))
             for h in ("replica-1", "replica-2")]
    for _ in range(100):
        async with db.read() as session:
            lease = await session.get(OpsLease, "retention")
        if lease is not None and lease.holder is None and lease.until is not None:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.gather(*loops)
    assert lease is not None and lease.until == clock.now() + timedelta(hours=1)


async def test_erasure_sweeps_a_reply_linked_to_the_citizen_only_by_their_message(db: Database,
                                                                                  clock: FixedClock) -> None:
    """The sweep's inbound_id link still finds an outgoing row that names no citizen (migration 0015 took its index:
    the sweep scans the outbox now, as PostgreSQL's plan always did); another citizen's rows are left alone."""
    now = clock.now()
    async with db.write() as session:
        for user in ("1", "2"):
            session.add(Citizen(channel="telegram", channel_user_id=user, created_at=now))
        await session.flush()
        ids = {c.channel_user_id: c.id for c in (await session.exec(select(Citizen))).all()}
        for user, mid in (("1", "m1"), ("2", "m2")):
            session.add(InboundMessage(channel="telegram", channel_message_id=mid, citizen_id=ids[user],
                                       payload={"text": NIK}, status="handled", received_at=now))
        await session.flush()
        inbound = {m.channel_message_id: m.id for m in (await session.exec(select(InboundMessage))).all()}
        for mid in ("m1", "m2"):
            session.add(OutgoingMessage(channel="telegram", chat_id="0", citizen_id=None, inbound_id=inbound[mid],
                                        payload={"text": f"NIK {NIK} dicatat"}, status="sent", attempts=1,
                                        created_at=now))

    def clean(value: object) -> object:
        return json.loads(json.dumps(value).replace(NIK, "[NIK]")) if isinstance(value, dict | list) else \
            str(value).replace(NIK, "[NIK]")

    async with db.write() as session:
        await scrub_rows_about(session, ids["1"], [], clean)
    async with db.read() as session:
        rows = {r.inbound_id: r.payload["text"] for r in (await session.exec(select(OutgoingMessage))).all()}
    assert rows == {inbound["m1"]: "NIK [NIK] dicatat", inbound["m2"]: f"NIK {NIK} dicatat"}
