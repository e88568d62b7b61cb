"""The WhatsApp sender's receipts, written in batches (both databases)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from models.db import Database
from models.whatsapp import DeliveryReceipt, write_receipts

AT = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def _row(wamid: str, attempt: int) -> dict[str, object]:
    return {"channel": "whatsapp", "channel_message_id": wamid, "outgoing_id": None, "part": 1, "attempt": attempt,
            "template": None, "status": "accepted", "rank": 0, "created_at": AT, "updated_at": AT}


async def test_a_batch_naming_one_message_twice_is_written_once(db: Database) -> None:
    """PostgreSQL refuses an upsert that touches a row twice ('cannot affect row a second time'), and the sender
    retried such a batch every second for ever (shutdown then hung): one receipt per message id, the last kept."""
    async with db.write() as session:
        stored = await write_receipts(session, [_row("wamid.7", 1), _row("wamid.8", 1), _row("wamid.7", 2)])
    assert len(stored) == 2
    async with db.read() as session:
        rows = (await session.exec(select(DeliveryReceipt).order_by(DeliveryReceipt.channel_message_id))).all()
    assert [(r.channel_message_id, r.attempt) for r in rows] == [("wamid.7", 2), ("wamid.8", 1)]
