"""WhatsApp tables and their storage: what became of each message we sent (delivery receipts), the media citizens
sent, and the outbox and inbound-log reads and writes of handlers/whatsapp/ (all of its SQL is here)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Column, LargeBinary, UniqueConstraint, case
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models import workqueue
from models.store import Inbound, _insert, citizen_for
from models.tables import OUTGOING, Citizen, Conversation, InboundMessage, OutgoingMessage
from models.types import UTCDateTime

#: How far a message has got; a status never moves back (Meta does not promise to report in order).
STATUS_RANK = {"accepted": 0, "sent": 1, "delivered": 2, "read": 3, "failed": 4}


def _ts(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable))


class DeliveryReceipt(SQLModel, table=True):
    """One message a channel accepted for an outbox row (a reply may take several), with its delivery status.

    A status webhook may arrive before the sender has written the row: it is then created without
    outgoing_id, and the sender fills that in.
    """

    __table_args__ = (UniqueConstraint("channel", "channel_message_id", name="uq_receipt_channel_message"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    channel_message_id: str = Field(max_length=128)
    outgoing_id: int | None = Field(default=None, foreign_key="outgoingmessage.id", index=True)
    part: int = 0  # which of the reply's messages (long text, then buttons)
    attempt: int = 0  # the outbox row's attempt that sent it: a late failure of an older attempt changes nothing
    template: str | None = Field(default=None, max_length=64)  # the template name when sent as one
    status: str = Field(default="accepted", max_length=16)  # accepted | sent | delivered | read | failed
    rank: int = 0  # STATUS_RANK of status
    error_code: int | None = None  # Meta's code of a failed message, e.g. 131047 (window closed)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class MediaFile(SQLModel, table=True):
    """The bytes of a file a citizen sent, kept because WhatsApp's media ids expire after 7 days."""

    __table_args__ = (UniqueConstraint("channel", "ref", name="uq_mediafile_ref"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    ref: str = Field(max_length=255)  # Media.ref / Attachment.file_ref: the channel's media id
    inbound_id: int | None = Field(default=None, foreign_key="inboundmessage.id", index=True)
    mime: str = Field(max_length=128)
    size: int = 0
    sha256: str = Field(max_length=64)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = _ts()


# --------------------------------------------------------------------------- the sender's reads


async def citizen_window(session: AsyncSession, channel: str, chat_id: str) -> tuple[datetime | None, str | None]:
    """(when the citizen last wrote, their conversation's language); (None, None) for a chat we do not know."""
    found = (await session.exec(
        select(Citizen.last_inbound_at, Conversation.locale).select_from(Citizen)
        .outerjoin(Conversation, col(Conversation.citizen_id) == col(Citizen.id))
        .where(Citizen.channel == channel, Citizen.channel_user_id == chat_id))).first()
    return (found[0], found[1]) if found else (None, None)


async def sending_rows(session: AsyncSession, channel: str, chat_id: str
                       ) -> list[tuple[int, str, int, Any, datetime | None, str | None]]:
    """The outbox rows being sent to this chat, oldest first, as (id, kind, attempts, payload, the citizen's last
    inbound time, their language)."""
    query = (select(OutgoingMessage.id, OutgoingMessage.kind, OutgoingMessage.attempts, OutgoingMessage.payload,
                    Citizen.last_inbound_at, Conversation.locale)
             .select_from(OutgoingMessage)
             .outerjoin(Citizen, col(Citizen.id) == col(OutgoingMessage.citizen_id))
             .outerjoin(Conversation, col(Conversation.citizen_id) == col(OutgoingMessage.citizen_id))
             .where(*OUTGOING.live(), OutgoingMessage.channel == channel, OutgoingMessage.chat_id == chat_id,
                    OutgoingMessage.status == "sending")
             .order_by(col(OutgoingMessage.id)))
    return [tuple(row) for row in (await session.exec(query)).all()]  # type: ignore[misc]


async def receipts_of(session: AsyncSession, outgoing_id: int) -> list[DeliveryReceipt]:
    """The messages earlier attempts of an outbox row got accepted, with what was reported of them."""
    return list((await session.exec(select(DeliveryReceipt).where(
        DeliveryReceipt.outgoing_id == outgoing_id))).all())


# --------------------------------------------------------------------------- receipts and statuses


async def write_receipts(session: AsyncSession, rows: Sequence[Mapping[str, Any]]
                         ) -> list[tuple[int | None, int, str, int | None]]:
    """Insert the sender's receipts; (outgoing id, attempt, status, error code) of each as now stored.

    A status webhook may have been quicker than this write: its status is kept, what it lacked is added.
    """
    # one row per message id, the last kept: PostgreSQL refuses an upsert touching a row twice, and a refused batch
    # would be retried as it is for ever
    rows = list({(r["channel"], r["channel_message_id"]): r for r in rows}.values())
    stmt = _insert(session, DeliveryReceipt).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=["channel", "channel_message_id"],
        set_={"outgoing_id": stmt.excluded.outgoing_id, "part": stmt.excluded.part,
              "attempt": stmt.excluded.attempt, "template": stmt.excluded.template},
    ).returning(DeliveryReceipt.outgoing_id, DeliveryReceipt.attempt, DeliveryReceipt.status,
                DeliveryReceipt.error_code)
    return [(oid, attempt, status, code) for oid, attempt, status, code in (await session.execute(stmt))]


async def record_status(session: AsyncSession, *, channel: str, message_id: str, status: str,
                        error_code: int | None, now: datetime) -> tuple[int | None, int]:
    """Keep a message's furthest status (STATUS_RANK: never moved back); (its outgoing id, attempt) as stored.

    A status for a message the sender has not written yet creates its receipt, without outgoing id.
    """
    rank = STATUS_RANK[status]
    stmt = _insert(session, DeliveryReceipt).values(
        channel=channel, channel_message_id=message_id, status=status, rank=rank,
        error_code=error_code, created_at=now, updated_at=now, part=0, attempt=0)
    newer = stmt.excluded.rank > DeliveryReceipt.rank
    stmt = stmt.on_conflict_do_update(
        index_elements=["channel", "channel_message_id"],
        set_={"status": case((newer, stmt.excluded.status), else_=DeliveryReceipt.status),
              "rank": case((newer, stmt.excluded.rank), else_=DeliveryReceipt.rank),
              "error_code": case((newer, stmt.excluded.error_code), else_=DeliveryReceipt.error_code),
              "updated_at": now},
    ).returning(DeliveryReceipt.outgoing_id, DeliveryReceipt.attempt)
    outgoing_id, attempt = (await session.execute(stmt)).one()
    return outgoing_id, attempt


# --------------------------------------------------------------------------- a failed status applied to its row


def _latest(attempt: int) -> list[Any]:
    # Only the latest attempt of a row that went out counts: a late report about an older send changes nothing.
    return [OutgoingMessage.status == "sent", OutgoingMessage.attempts == attempt]


async def requeue_sent(session: AsyncSession, outgoing_id: int, attempt: int, *, now: datetime, delay: timedelta,
                       reason: str, values: Mapping[str, Any] | None = None) -> bool:
    """Put a row marked sent back in the outbox (after delay) when that attempt is its latest; whether it was."""
    return bool(await workqueue.retry(session, OUTGOING, [outgoing_id], now=now, delay=delay, reason=reason,
                                      where=_latest(attempt), values=values))


async def fail_sent(session: AsyncSession, outgoing_id: int, attempt: int, *, now: datetime, reason: str) -> bool:
    """Give up a row marked sent when that attempt is its latest; whether it was."""
    return bool(await workqueue.fail(session, OUTGOING, [outgoing_id], now=now, reason=reason,
                                     where=_latest(attempt)))


async def still_sending(session: AsyncSession, outgoing_id: int, attempt: int) -> bool:
    """Whether that attempt of the row is still being sent (not marked sent yet)."""
    row = await session.get(OutgoingMessage, outgoing_id)
    return row is not None and row.status == "sending" and row.attempts == attempt - 1


# --------------------------------------------------------------------------- media and the inbound log


async def media_kept(session: AsyncSession, channel: str, ref: str) -> bool:
    """Whether the file's bytes are stored already."""
    return (await session.exec(select(MediaFile.id).where(
        MediaFile.channel == channel, MediaFile.ref == ref))).first() is not None


async def kept_media(session: AsyncSession, channel: str, ref: str) -> MediaFile | None:
    """The stored file, if it is."""
    return (await session.exec(select(MediaFile).where(MediaFile.channel == channel, MediaFile.ref == ref))).first()


async def keep_media(session: AsyncSession, *, channel: str, ref: str, inbound_id: int | None, mime: str,
                     data: bytes, now: datetime) -> None:
    """Store a file's bytes (once: a file stored already is left as it is)."""
    await session.execute(_insert(session, MediaFile).values(
        channel=channel, ref=ref, inbound_id=inbound_id, mime=mime, size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), data=data, created_at=now,
    ).on_conflict_do_nothing(index_elements=["channel", "ref"]))


async def inbound_id_of(session: AsyncSession, channel: str, message_id: str) -> int | None:
    """The inbound log's id of a channel message, None when it was never recorded."""
    return (await session.exec(select(InboundMessage.id).where(
        InboundMessage.channel == channel, InboundMessage.channel_message_id == message_id))).first()


async def record_handled(session: AsyncSession, msg: Inbound, now: datetime) -> None:
    """Record a message handled outside the flows (its citizen's last inbound time moves on); once per message id."""
    citizen_id = await citizen_for(session, msg, now)
    await session.execute(_insert(session, InboundMessage).values(
        channel=msg.channel, channel_message_id=msg.message_id, citizen_id=citizen_id, payload=msg.to_json(),
        status="handled", received_at=now, handled_at=now,
    ).on_conflict_do_nothing(index_elements=["channel", "channel_message_id"]))
