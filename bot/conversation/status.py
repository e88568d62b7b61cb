"""Changing a complaint's status: one place that records history, tells the citizen, and tells listeners."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.conversation.inbox import Inbox
from bot.core.messages import Reply
from models.db import Session
from models.tables import Complaint, StatusChange

log = logging.getLogger("laporbot.status")

STATUSES = ("submitted", "sending", "forwarded", "failed", "verified", "dispositioned", "in_progress", "on_hold",
            "responded", "closed", "rejected", "archived", "reopened")
Listener = Callable[[Session, Complaint, str, str], Awaitable[None]]


class StatusChanger:
    """Records a status change with who and why, notifies the citizen in their language, runs listeners."""

    def __init__(self, inbox: Inbox, listeners: list[Listener] | None = None) -> None:
        self.inbox = inbox
        self.listeners: list[Listener] = listeners if listeners is not None else []

    async def change(self, session: Session, complaint: Complaint, status: str, *, note: str | None = None,
                     actor: str = "system", notify: bool = True, at: datetime | None = None,
                     agency: str | None = None) -> StatusChange | None:
        """Move a complaint to a status (inside the caller's transaction); None when nothing changed.

        `agency` is where the central system disposed the complaint to (status "dispositioned"), when it says.
        """
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        old = complaint.status
        if old == status and not note and not agency:
            return None
        now = at or self.inbox.clock.now()
        complaint.status = status
        complaint.updated_at = now
        session.add(complaint)
        # history keeps the agency in the note, since StatusChange has no column of its own for it
        stored = "\n".join(part for part in (agency and f"→ {agency}", note) if part) or None
        change = StatusChange(complaint_id=complaint.id or 0, status=status, note=stored, actor=actor, at=now)
        session.add(change)
        if notify:
            await self.inbox.notify(session, complaint.citizen_id, [self.message(
                complaint, status, note, await self.inbox.citizen_locale(session, complaint.citizen_id), agency)])
        for listener in self.listeners:
            await listener(session, complaint, old, status)
        log.info("status changed", extra={"tracking_no": complaint.tracking_no, "from": old, "to": status,
                                          "actor": actor})
        return change

    def message(self, complaint: Complaint, status: str, note: str | None, locale: str,
                agency: str | None = None) -> Reply:
        """The citizen's notification of a change, with the agency's words when there are any."""
        catalog = self.inbox.engine.catalog
        text = catalog.text("notify.status_changed", locale, tracking_no=complaint.tracking_no,
                            title=complaint.title, status=catalog.text(f"status.name.{status}", locale))
        if agency:
            text += "\n" + catalog.text("notify.dispositioned_to", locale, agency=agency)
        if note:
            text += "\n" + catalog.text("notify.status_note", locale, note=note)
        return Reply(text)
