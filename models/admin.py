"""Admin-side tables: case clocks and card versions, cards in admin chats, the admin outbox, prompts,
information requests to citizens and their answers, the audit trail, and scheduled jobs.

Every due time lives here (not in memory timers), so reminders, escalations and the digest survive
restarts, and markers claimed with one atomic UPDATE keep several replicas from sending anything twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime
from models.workqueue import Queue


def _ts(nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class AdminCase(SQLModel, table=True):
    """A complaint as admins handle it: the card version buttons carry, and the running SLA clock."""

    __table_args__ = (
        Index("ix_admincase_remind", "reminded_at", "remind_at"),
        Index("ix_admincase_due", "escalated_at", "due_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", unique=True)
    version: int = 1  # bumped by every change: a button of an older version is stale
    status_seen: str = Field(max_length=16)  # the complaint status the clock was computed for
    clock: str | None = Field(default=None, max_length=16)  # verify | followup | autoclose | None
    clock_since: datetime | None = _ts(nullable=True)
    due_at: datetime | None = _ts(nullable=True)
    remind_at: datetime | None = _ts(nullable=True)
    reminded_at: datetime | None = _ts(nullable=True)  # set once by whoever claims the reminder
    escalated_at: datetime | None = _ts(nullable=True)  # set once by whoever claims the escalation
    verified_at: datetime | None = _ts(nullable=True)
    responded_at: datetime | None = _ts(nullable=True)  # the first written follow-up (tindak lanjut)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class AdminCard(SQLModel, table=True):
    """A case card posted in one chat; edited in place when the case changes, retired when it moves on."""

    __table_args__ = (Index("ix_admincard_message", "chat_id", "message_id"),)
    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    chat_id: str = Field(max_length=32)
    audience: str = Field(max_length=16)  # agency | triage | super (private: identity shown) | view (/kasus)
    active: bool = True  # False once the case was disposed elsewhere
    final: bool = False  # the retired text has been shown
    message_id: str | None = Field(default=None, max_length=32)
    shown_version: int = 0
    created_at: datetime = _ts()


class AdminPrompt(SQLModel, table=True):
    """A question the bot asked an admin: a menu of choices, or a force-reply for typed text."""

    __table_args__ = (Index("ix_adminprompt_message", "chat_id", "message_id"),)
    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", index=True)
    chat_id: str = Field(max_length=32)
    kind: str = Field(max_length=16)  # ask | respond | reject | dispose | find
    version: int = 0  # the case version the prompt was made for (menus are stale after a change)
    created_by: str = Field(max_length=32)
    options: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    message_id: str | None = Field(default=None, max_length=32)
    created_at: datetime = _ts()
    used_at: datetime | None = _ts(nullable=True)


class AdminOutbox(SQLModel, table=True):
    """A message to an admin chat (card, text, file, prompt): queued in the transaction that causes it."""

    __table_args__ = (Index("ix_adminoutbox_pending", "status", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    chat_id: str = Field(max_length=32)
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id", index=True)
    card_id: int | None = Field(default=None, foreign_key="admincard.id")
    prompt_id: int | None = Field(default=None, foreign_key="adminprompt.id")
    kind: str = Field(max_length=16)  # card | text | photo | document | voice | audio | video
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="pending", max_length=16)  # pending | sending | sent | failed
    attempts: int = 0
    not_before: datetime | None = _ts(nullable=True)
    created_at: datetime = _ts()
    sent_at: datetime | None = _ts(nullable=True)
    message_id: str | None = Field(default=None, max_length=32)
    error: str | None = Field(default=None, max_length=255)


#: The admin outbox as a work queue: `not_before` is the send's lease while sending and the retry time while pending.
ADMIN_OUTBOX = Queue(AdminOutbox)


class InfoRequest(SQLModel, table=True):
    """An admin's question to the citizen (Minta info); open until the citizen's next message answers it."""

    __table_args__ = (Index("ix_inforequest_open", "citizen_id", "answered_at"),)
    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    citizen_id: int = Field(foreign_key="citizen.id")
    asked_by: str = Field(max_length=64)
    asked_at: datetime = _ts()
    question: str = Field(default="", sa_column=Column(Text, nullable=False))
    answered_at: datetime | None = _ts(nullable=True)
    media_group: str | None = Field(default=None, max_length=64)  # an album's later photos join the answer


class InfoReply(SQLModel, table=True):
    """One message the citizen sent in answer (text, photo, voice…), once per channel update."""

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="inforequest.id", index=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    update_key: str = Field(max_length=64, unique=True)
    kind: str = Field(max_length=16)  # text | photo | voice | document | audio | video | location
    text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    file_ref: str | None = Field(default=None, max_length=255)
    received_at: datetime = _ts()


class AdminAudit(SQLModel, table=True):
    """Who tried which admin action on what, and whether it was allowed (never any message text)."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _ts(index=True)
    user_id: str = Field(max_length=32)
    chat_id: str | None = Field(default=None, max_length=32)
    action: str = Field(max_length=32)
    complaint_id: int | None = Field(default=None, index=True)
    outcome: str = Field(max_length=16)  # done | refused | stale | lost | not_allowed | invalid | not_found
    reason: str | None = Field(default=None, max_length=64)


class AdminJob(SQLModel, table=True):
    """A recurring job's next due time (the daily digest), advanced atomically by whoever runs it."""

    name: str = Field(primary_key=True, max_length=32)
    due_at: datetime = _ts()
