"""WhatsApp tables: what became of each message we sent (delivery receipts), and the media citizens sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

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
