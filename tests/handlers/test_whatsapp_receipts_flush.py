"""The WhatsApp sender's receipts when they cannot be written: a bad row is found and dropped, the database being
away keeps them all with a growing pause, and a shutdown finishes either way (both databases)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select

from bot.core.clock import FixedClock
from bot.core.i18n import default_catalog
from bot.core.messages import Reply
from bot.ops import metrics
from bot.outbox.delivery import SendError
from handlers.whatsapp import sender as sender_module
from handlers.whatsapp.client import WhatsAppError
from handlers.whatsapp.config import WhatsAppConfig
from handlers.whatsapp.sender import WhatsAppSender
from models.db import Database
from models.tables import OutgoingMessage
from models.whatsapp import DeliveryReceipt

CHAT = "6281234567890"
MISSING = 999_999  # an outbox row that is not there (erased meanwhile): its receipt breaks a foreign key
GUARD = 60.0  # only so that a hang fails the test instead of the run; never reached when it works


class FakeClient:
    """Meta accepting every message, each with a wamid of its own."""

    def __init__(self) -> None:
        self.sent = 0

    async def send(self, body: dict[str, Any]) -> str:
        self.sent += 1
        return f"wamid.out.{self.sent}"


class AwaySender(WhatsAppSender):
    """A sender whose database is away for its first `away` writes of receipts (None: for good)."""

    def __init__(self, db: Database, clock: FixedClock, away: int | None) -> None:
        super().__init__(FakeClient(), db, default_catalog(), clock,  # type: ignore[arg-type]
                         WhatsAppConfig(phone_number_id="1", access_token="t"))
        self.away = away
        self.writes = 0

    async def _write_receipts(self, rows: Any) -> None:
        self.writes += 1
        if self.away is None or self.writes <= self.away:
            raise OperationalError("INSERT", {}, ConnectionResetError("the database is restarting"))
        await super()._write_receipts(rows)


async def _outbox_rows(db: Database, clock: FixedClock, n: int) -> list[int]:
    async with db.write() as session:
        rows = [OutgoingMessage(channel="whatsapp", chat_id=CHAT, payload={"text": f"halo {i}"}, status="sending",
                                created_at=clock.now()) for i in range(n)]
        session.add_all(rows)
        await session.flush()
        return [int(r.id or 0) for r in rows]


async def _send_all(sender: WhatsAppSender, clock: FixedClock, outgoing_ids: list[int]) -> None:
    items = [(oid, Reply(f"halo {n}")) for n, oid in enumerate(outgoing_ids)]
    await sender.prepare(CHAT, items, last_inbound_at=clock.now(), locale="id")
    for _oid, reply in items:
        await sender.send(CHAT, reply)


async def _stored(db: Database) -> list[int | None]:
    async with db.read() as session:
        return list((await session.exec(select(DeliveryReceipt.outgoing_id)
                                        .order_by(col(DeliveryReceipt.id)))).all())


def _dropped() -> float:
    return metrics.REGISTRY.get_sample_value("laporbot_whatsapp_receipts_dropped_total") or 0.0


async def test_a_receipt_that_can_never_be_written_is_dropped_and_the_others_are_written(
        db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """It held back every later receipt and the shutdown for ever (retried each second as one batch)."""
    monkeypatch.setattr(sender_module, "RECEIPT_RETRY", (0.0, 0.0))
    caplog.set_level(logging.INFO, logger="laporbot.whatsapp")
    good = await _outbox_rows(db, clock, 4)
    sender = WhatsAppSender(FakeClient(), db, default_catalog(), clock,  # type: ignore[arg-type]
                            WhatsAppConfig(phone_number_id="1", access_token="t"))
    before = _dropped()
    await _send_all(sender, clock, [good[0], MISSING, *good[1:]])
    await asyncio.wait_for(sender.flush(), GUARD)

    assert sorted(oid or 0 for oid in await _stored(db)) == good
    assert _dropped() == before + 1
    dropped = [r for r in caplog.records if r.getMessage().startswith("whatsapp receipt dropped")]
    assert [(r.outgoing_id, r.tries) for r in dropped] == [(MISSING, sender_module.RECEIPT_TRIES)]  # type: ignore[attr-defined]
    for record in caplog.records:  # nothing of the message: no wamid, no phone, no text (nor SQL parameters)
        said = record.getMessage() + repr(record.__dict__)
        assert "wamid" not in said and CHAT not in said and "halo" not in said
    assert not sender._receipts


async def test_the_database_away_keeps_every_receipt_and_the_pause_doubles(
        db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sender_module, "RECEIPT_RETRY", (0.001, 0.004))
    caplog.set_level(logging.INFO, logger="laporbot.whatsapp")
    good = await _outbox_rows(db, clock, 3)
    sender = AwaySender(db, clock, away=5)
    before = _dropped()
    await _send_all(sender, clock, good)
    await asyncio.wait_for(sender.flush(), GUARD)

    assert sorted(oid or 0 for oid in await _stored(db)) == good
    assert _dropped() == before
    retries = [r for r in caplog.records if r.getMessage().startswith("whatsapp receipts not written yet")]
    assert [(r.count, r.error, r.retry_in) for r in retries] == [  # type: ignore[attr-defined]
        (3, "OperationalError", pause) for pause in (0.001, 0.002, 0.004, 0.004, 0.004)]


async def test_a_shutdown_does_not_wait_for_ever_on_a_database_that_stays_away(
        db: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sender_module, "RECEIPT_RETRY", (0.0, 0.0))
    good = await _outbox_rows(db, clock, 2)
    sender = AwaySender(db, clock, away=None)
    await _send_all(sender, clock, good)
    await asyncio.wait_for(sender.flush(timeout=0.05), GUARD)

    assert await _stored(db) == []
    assert len(sender._receipts) == 2  # kept to the end (and said so): nothing was dropped for the database's fault
    assert [r.count for r in caplog.records  # type: ignore[attr-defined]
            if r.getMessage() == "whatsapp receipts not written at shutdown"] == [2]


class RefusingSecond(FakeClient):
    """Meta accepting the first message of a send and refusing the next."""

    async def send(self, body: dict[str, Any]) -> str:
        if self.sent == 1:
            self.sent += 1
            raise WhatsAppError("refused", code=131000, http_status=400)
        return await super().send(body)


async def test_a_send_failing_partway_tells_metas_refusal_not_its_receipts_error(
        db: Database, clock: FixedClock) -> None:
    """The first part's receipt could not be written (its outbox row gone): that error had replaced Meta's refusal."""
    sender = WhatsAppSender(RefusingSecond(), db, default_catalog(), clock,  # type: ignore[arg-type]
                            WhatsAppConfig(phone_number_id="1", access_token="t"))
    before = _dropped()
    reply = Reply("kata " * 1200)  # longer than one WhatsApp text: sent in parts
    await sender.prepare(CHAT, [(MISSING, reply)], last_inbound_at=clock.now(), locale="id")
    with pytest.raises(SendError, match="refused code=131000"):
        await sender.send(CHAT, reply)
    assert _dropped() == before + 1
    assert await _stored(db) == []
