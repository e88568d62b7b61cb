"""Voice tables: transcription jobs (recorded before they run), spoken-prompt caches, who chose mode suara."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from models.types import UTCDateTime
from models.workqueue import Queue


def _ts(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable))


class VoiceJob(SQLModel, table=True):
    """One voice note to transcribe, then read back; a crashed run is taken again once its lease is over.

    status: queued → running → heard (read back, waiting for "benar?") | unheard (nothing understood) |
    failed (given up: the note went to the engine as today) | used (answered at once: an option it clearly named,
    or free text read back with the next question) | kept (evidence: sent at the evidence question and not a short
    option answer, so handed to the engine as a file, its transcript beside it); heard → used | rejected | dropped;
    used → undone ("salah").
    """

    __table_args__ = (Index("ix_voicejob_status", "status", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    citizen_id: int = Field(foreign_key="citizen.id", index=True)
    inbound_id: int = Field(foreign_key="inboundmessage.id", unique=True)
    channel: str = Field(max_length=16)
    chat_id: str = Field(max_length=128)
    file_ref: str = Field(max_length=255)
    kind: str = Field(default="voice", max_length=16)
    mime: str | None = Field(default=None, max_length=128)
    size: int | None = None
    name: str | None = Field(default=None, max_length=255)
    locale: str = Field(default="id", max_length=8)
    status: str = Field(default="queued", max_length=16)
    attempts: int = 0
    lease_until: datetime | None = _ts(nullable=True)  # running: whose run it is; queued: not before this
    notified: bool = False  # "sedang mendengarkan…" was queued
    seconds: float | None = None  # length of the audio transcribed (after the cap)
    transcript: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    error: str | None = Field(default=None, max_length=255)
    evidence: bool = False  # sent where the question asks for files: evidence unless a short option answer
    # used at once: {"state": the conversation before, "seq": its prompt_seq after}; "salah" restores the state
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True), nullable=True))
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


#: Voice jobs as a work queue: `lease_until` is the run's lease while running and the retry time while queued.
VOICE_JOBS = Queue(VoiceJob, pending="queued", claimed="running", not_before="lease_until", lease="lease_until",
                   count_on_claim=True, updated_at="updated_at")


class VoiceClip(SQLModel, table=True):
    """A spoken prompt, synthesised once: OGG/Opus bytes by sha256 of engine, voice and text."""

    key: str = Field(primary_key=True, max_length=64)
    seconds: float = 0.0
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = _ts()


class VoiceUpload(SQLModel, table=True):
    """Where a channel already holds a clip: Telegram's file_id (kept), WhatsApp's media id (until it expires)."""

    __table_args__ = (UniqueConstraint("key", "channel", name="uq_voiceupload_key_channel"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64)
    channel: str = Field(max_length=16)
    file_ref: str = Field(max_length=255)
    expires_at: datetime | None = _ts(nullable=True)


class VoiceMode(SQLModel, table=True):
    """A citizen's choice about spoken questions: on (mode suara), off, or offered (asked once)."""

    citizen_id: int = Field(primary_key=True, foreign_key="citizen.id")
    mode: str = Field(default="offered", max_length=16)
    updated_at: datetime = _ts()


async def transcripts(session: AsyncSession, file_refs: Sequence[str]) -> dict[str, str]:
    """The transcript of each of these voice notes, by file reference, where one was heard."""
    if not file_refs:
        return {}
    rows = (await session.exec(select(VoiceJob.file_ref, VoiceJob.transcript).where(
        col(VoiceJob.file_ref).in_(file_refs), col(VoiceJob.transcript).is_not(None)).order_by(col(VoiceJob.id)))).all()
    return {ref: text for ref, text in rows if text}
