"""Status changes: history with who and why, one notification to the right citizen, listeners told."""

from __future__ import annotations

from sqlmodel import select

from bot.conversation.status import StatusChanger
from models.tables import Complaint, OutgoingMessage, StatusChange
from tests.conversation.test_inbox import FULL_COMPLAINT, _send
from tests.harness import ChatHarness


async def test_change_records_history_and_notifies_the_owner(harness: ChatHarness) -> None:
    """A status change writes history and queues one message to the complaint's citizen, in their language."""
    for step in FULL_COMPLAINT:
        await _send(harness, step, user="ani")
    await harness.send("budi", "halo")
    seen: list[tuple[str, str]] = []

    async def listener(session, complaint, old, new):  # type: ignore[no-untyped-def]
        seen.append((old, new))

    changer = StatusChanger(harness.inbox, [listener])
    async with harness.db.write() as session:
        complaint = (await session.exec(select(Complaint))).one()
        before = complaint.citizen_id
        await changer.change(session, complaint, "verified", note="Diteruskan ke DLH", actor="admin:7")
        assert await changer.change(session, complaint, "verified") is None
    async with harness.db.read() as session:
        history = (await session.exec(select(StatusChange).order_by(StatusChange.id))).all()
        notes = (await session.exec(select(OutgoingMessage).where(OutgoingMessage.kind == "notification"))).all()
    assert [(h.status, h.actor) for h in history] == [("submitted", "citizen"), ("verified", "admin:7")]
    assert len(notes) == 1 and notes[0].citizen_id == before and notes[0].chat_id == "ani"
    assert "Terverifikasi" in notes[0].payload["text"] and "Diteruskan ke DLH" in notes[0].payload["text"]
    assert seen == [("submitted", "verified")]
