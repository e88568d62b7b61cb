"""The citizen's answers to an admin's question ("Minta info"): who has an open question (asked every inbound message,
cached for a second), and an answer stored with the case, relayed to its chats and acknowledged to the citizen."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

from bot.admin.cards import MEDIA_KINDS, AdminBase, Outcome
from bot.admin.ports import Parts
from bot.admin.sla import FINISHED, AdminSettings
from bot.core.messages import Reply
from models import admin_store, store
from models.admin import AdminOutbox, InfoReply
from models.tables import Attachment, Complaint

log = logging.getLogger("laporbot.admin")

QUESTION_WINDOW = timedelta(days=14)  # an unanswered question stops capturing the citizen's messages after this
ALBUM_WINDOW = timedelta(minutes=2)  # an album's other photos arrive as separate messages right after the first
CACHE_SECONDS = 1.0


class Questions(AdminBase):
    """Open questions to citizens and their answers."""

    def __init__(self, core: Parts, settings: AdminSettings) -> None:
        super().__init__(core, settings)
        # Per channel: who has an open question, and when that was read (a one-second cache).
        self._open: dict[str, tuple[set[str], float]] = {}
        self._reading: dict[str, asyncio.Task[set[str]]] = {}
        self._generation = 0

    async def citizens_with_questions(self, channel: str = "telegram") -> set[str]:
        """Channel user ids of citizens whose next message answers an admin (cached for a second).

        Every inbound message asks this first, so one read serves all callers that ask at the same time.
        """
        cached = self._open.get(channel)
        if cached is not None and time.monotonic() - cached[1] < CACHE_SECONDS:
            return cached[0]
        reading = self._reading.get(channel)
        if reading is None or reading.done():
            reading = self._reading[channel] = asyncio.ensure_future(self._read_open_questions(channel))
        return set(await asyncio.shield(reading))

    def _forget_open_questions(self) -> None:
        self._generation += 1  # a read already under way must not store what it found
        self._open.clear()
        self._reading.clear()

    async def _read_open_questions(self, channel: str) -> set[str]:
        started, generation = time.monotonic(), self._generation
        now = self.now()
        async with self.core.db.read() as session:
            # just answered counts too: an album's other photos, or Telegram redelivering the answer
            found = await admin_store.citizens_with_open_questions(
                session, channel, finished=FINISHED, asked_since=now - QUESTION_WINDOW,
                answered_since=now - ALBUM_WINDOW)
        if generation == self._generation:
            self._open[channel] = (found, started)
        return found

    async def record_answer(self, *, user_id: str, update_key: str, kind: str, text: str | None,
                            file_ref: str | None, media_group: str | None, channel: str = "telegram") -> Outcome | None:
        """The citizen's answer to an open question: stored with the case, relayed to its chats; None if none open.

        Files are relayed by their Telegram file id; from another channel (WhatsApp media ids mean nothing to
        Telegram) the answer is stored with the case and the chats are told in text.
        """
        now = self.now()
        async with self.core.db.write() as session:
            seen = await admin_store.answered_complaint(session, update_key)
            if seen is not None:
                return Outcome("done", seen)  # a redelivered update: recorded before
            citizen = await store.citizen_by_identity(session, channel, user_id)
            if citizen is None:
                return None
            request = await admin_store.open_request(session, citizen.id or 0, finished=FINISHED,
                                                     asked_since=now - QUESTION_WINDOW, media_group=media_group,
                                                     answered_since=now - ALBUM_WINDOW)
            if request is None:
                return None
            complaint = await session.get(Complaint, request.complaint_id)
            if complaint is None:
                return None
            first = request.answered_at is None
            session.add(InfoReply(request_id=request.id or 0, complaint_id=complaint.id or 0, update_key=update_key,
                                  kind=kind, text=text, file_ref=file_ref, received_at=now))
            if file_ref and kind in MEDIA_KINDS:
                session.add(Attachment(complaint_id=complaint.id or 0, channel=channel, kind=kind,
                                       file_ref=file_ref[:255]))
            if first:
                request.answered_at = now
                request.media_group = media_group
                session.add(request)
            case = await self.ensure_case(session, complaint)
            case.version += 1
            case.updated_at = now
            session.add(case)
            header = self.t("admin.answer.header", tracking_no=complaint.tracking_no)
            for chat in await self.case_chats(session, complaint.id or 0):
                if kind in MEDIA_KINDS and file_ref and channel == "telegram":
                    caption = f"{header}\n{text}" if text else header
                    session.add(AdminOutbox(chat_id=chat, complaint_id=complaint.id, kind=kind, created_at=now,
                                            payload={"file": file_ref, "caption": caption[:1000]}))
                else:
                    key = f"admin.answer.kind.{kind}"
                    label = self.t(key if self.catalog.has(key) else "admin.answer.kind.file")
                    body = (text or label) if kind == "text" else f"{label}\n{text}" if text else label
                    self.queue_text(session, chat, f"{header}\n{body}", complaint_id=complaint.id)
            if first:
                locale = await self.core.inbox.citizen_locale(session, complaint.citizen_id)
                await self.core.inbox.notify(session, complaint.citizen_id, [Reply(self.catalog.text(
                    "admin.citizen.answer_received", locale, tracking_no=complaint.tracking_no))])
            self.kick_after_commit(session)
            log.info("citizen answered an admin", extra={"complaint_id": complaint.id, "kind": kind})
            return Outcome("done", complaint.id, complaint.tracking_no, complaint.status)
