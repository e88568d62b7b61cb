"""SQLModel tables: citizens, conversations, the inbound and outgoing logs, complaints and their history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text, UniqueConstraint, false, literal_column
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime
from models.workqueue import Queue


def _ts(nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class Citizen(SQLModel, table=True):
    """A person as one channel knows them (a Telegram user id, a WhatsApp user id, a terminal name)."""

    __table_args__ = (UniqueConstraint("channel", "channel_user_id", name="uq_citizen_identity"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    channel_user_id: str = Field(max_length=128)
    display_name: str | None = Field(default=None, max_length=128)
    phone: str | None = Field(default=None, max_length=32)  # kept only with consent (UU PDP)
    created_at: datetime = _ts()
    last_inbound_at: datetime | None = _ts(nullable=True)
    blocked_at: datetime | None = _ts(nullable=True)  # the citizen blocked the bot
    simple_mode: bool = Field(default=False, sa_column_kwargs={"server_default": false()})  # plain numbered text


class Conversation(SQLModel, table=True):
    """Where one citizen is in which flow: the engine's state as JSON."""

    id: int | None = Field(default=None, primary_key=True)
    citizen_id: int = Field(foreign_key="citizen.id", unique=True)
    flow: str | None = Field(default=None, max_length=32)
    step: str | None = Field(default=None, max_length=64)
    locale: str | None = Field(default=None, max_length=8)
    state: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = _ts()


class InboundMessage(SQLModel, table=True):
    """Every message a citizen sent, recorded before it is acted on; unique per channel message id."""

    __table_args__ = (UniqueConstraint("channel", "channel_message_id", name="uq_inbound_channel_message"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    channel_message_id: str = Field(max_length=128)
    citizen_id: int = Field(foreign_key="citizen.id")  # not indexed alone: ix_inbound_citizen_received starts with it
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="pending", max_length=16)  # pending | handled | failed
    received_at: datetime = _ts()
    handled_at: datetime | None = _ts(nullable=True)
    reason: str | None = Field(default=None, max_length=255)  # why a failed message could not be handled


class OutgoingMessage(SQLModel, table=True):
    """A reply or notification waiting to be sent, or sent: the channel outbox."""

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    chat_id: str = Field(max_length=128)
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id", index=True)
    # not indexed (0015): only an erasure's sweep reads by it, a scan of the table on PostgreSQL anyway
    inbound_id: int | None = Field(default=None, foreign_key="inboundmessage.id")
    kind: str = Field(default="reply", max_length=32)  # reply | notification | alert
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="pending", max_length=16)  # pending | sending | sent | failed
    attempts: int = 0
    not_before: datetime | None = _ts(nullable=True)
    created_at: datetime = _ts()
    sent_at: datetime | None = _ts(nullable=True)
    channel_message_id: str | None = Field(default=None, max_length=128)
    error: str | None = Field(default=None, max_length=255)


# Partial indexes over the rows still to do: most rows are done as they are written (a turn records its message
# handled, a send is marked sent right after it) and never enter them, so a commit writes fewer index pages. A query
# uses one only when its WHERE has the index's condition as it is here, a literal (SQLite matches terms, not meanings;
# PostgreSQL cannot prove it from a bound parameter in a generic plan): such queries add these very terms.
_inbound, _outgoing = InboundMessage.__table__.c, OutgoingMessage.__table__.c  # type: ignore[attr-defined]
INBOUND_PENDING = _inbound.status == literal_column("'pending'")
OUTGOING_LIVE = _outgoing.status != literal_column("'sent'")  # pending, sending, failed: what the outbox reads
Index("ix_inbound_pending", _inbound.status, _inbound.id, sqlite_where=INBOUND_PENDING,
      postgresql_where=INBOUND_PENDING)
Index("ix_outgoing_pending", _outgoing.status, _outgoing.channel, _outgoing.id, sqlite_where=OUTGOING_LIVE,
      postgresql_where=OUTGOING_LIVE)

#: The channel outbox as a work queue: `not_before` is a send's lease while sending and the retry time while
#: pending; attempts are counted when a send's outcome is recorded (WhatsApp numbers its receipts by them).
OUTGOING = Queue(OutgoingMessage, partial=OUTGOING_LIVE)


class Complaint(SQLModel, table=True):
    """A complaint (laporan) with the SP4N-LAPOR! fields."""

    id: int | None = Field(default=None, primary_key=True)
    tracking_no: str = Field(max_length=16, unique=True)
    citizen_id: int = Field(foreign_key="citizen.id", index=True)
    source_inbound_id: int | None = Field(default=None, foreign_key="inboundmessage.id", unique=True)
    channel: str = Field(max_length=16)
    classification: str = Field(max_length=16)
    title: str = Field(max_length=200)
    body: str = Field(default="", sa_column=Column(Text, nullable=False))
    incident_date: date | None = None
    # how honestly the date was said (flows.dates.IncidentDate.answers()): day | approximate | month | year |
    # unknown ("tidak ingat": no date), the hour ("16:00") or else the part of day (morning|noon|afternoon|night)
    incident_date_precision: str | None = Field(default=None, max_length=16)
    incident_time: str | None = Field(default=None, max_length=5)
    incident_part: str | None = Field(default=None, max_length=16)
    location_text: str | None = Field(default=None, max_length=500)
    lat: float | None = None
    lon: float | None = None
    region_code: str | None = Field(default=None, max_length=16, index=True)
    agency_code: str | None = Field(default=None, max_length=64, index=True)
    category: str | None = Field(default=None, max_length=32)
    is_anonymous: bool = False
    is_secret: bool = False
    contact_consent: bool = False
    reporter_name: str | None = Field(default=None, max_length=128)
    reporter_phone: str | None = Field(default=None, max_length=32)
    locale: str = Field(default="id", max_length=8)
    status: str = Field(default="submitted", max_length=16, index=True)
    remote_id: str | None = Field(default=None, max_length=64)
    remote_tracking: str | None = Field(default=None, max_length=64)
    created_at: datetime = _ts(index=True)
    updated_at: datetime = _ts()


class Attachment(SQLModel, table=True):
    """Evidence sent with a complaint, by the channel's file reference."""

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    channel: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    file_ref: str = Field(max_length=255)
    mime: str | None = Field(default=None, max_length=128)
    size: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    name: str | None = Field(default=None, max_length=255)


class StatusChange(SQLModel, table=True):
    """One entry of a complaint's status history: what, when, who and why."""

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    status: str = Field(max_length=16)
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    actor: str = Field(default="system", max_length=64)
    at: datetime = _ts()


class Agency(SQLModel, table=True):
    """An agency (instansi) complaints can be addressed to, loaded from the catalog."""

    code: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=255)
    level: str = Field(default="", max_length=32)
    region_code: str | None = Field(default=None, max_length=16)
    parent: str | None = Field(default=None, max_length=64)
