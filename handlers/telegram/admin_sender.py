"""The admin outbox sent to Telegram: cards rendered when sent, texts, files and prompts; cards kept current.

`AdminSender.pump()` sends what is due (one claim per row, each chat's order kept: a row waiting for its retry
holds back the later ones of its chat) and edits every card whose case moved on since it was shown (retired
cards once, without buttons). A failed send is a failed attempt of its row only: retried with backoff, given up
after MAX_ATTEMPTS or when Telegram refuses it for good. handlers/telegram/admin.py runs it in the admin loop.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from telegram import Bot, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.admin.cases import AdminCore
from bot.core.image_meta import is_image, strip_metadata
from bot.outbox.delivery import SendError, as_send_error
from handlers.telegram.adapter import Throttle
from handlers.telegram.admin_render import render_card
from models import admin_store, workqueue
from models.admin import ADMIN_OUTBOX, AdminCard, AdminOutbox

log = logging.getLogger("laporbot.admin")

MEDIA_SEND = {"photo": "send_photo", "document": "send_document", "voice": "send_voice", "audio": "send_audio",
              "video": "send_video"}
MAX_ATTEMPTS = 8
LEASE = timedelta(seconds=60)


def _chat(value: str) -> int | str:
    return int(value) if value.lstrip("-").isdecimal() else value


class AdminSender:
    """Sends the admin outbox and keeps cards current, one pump at a time per process."""

    def __init__(self, admin: AdminCore, bot: Bot, throttle: Throttle | None = None) -> None:
        self.admin = admin
        self.bot = bot
        self.throttle = throttle or Throttle()
        self._lock = asyncio.Lock()

    async def pump(self) -> int:
        """Send what is due and edit stale cards; return how many messages were sent."""
        async with self._lock:
            sent = await self._send_pending()
            await self.refresh()
            return sent

    async def _send_pending(self, limit: int = 200) -> int:
        db = self.admin.core.db
        now = self.admin.now()
        async with db.write() as session:
            # A send whose process died mid-way goes back to the queue once its lease is over.
            await workqueue.requeue_expired(session, ADMIN_OUTBOX, now=now)
        async with db.read() as session:
            rows = await workqueue.queued(session, ADMIN_OUTBOX, limit=limit)
        blocked: set[str] = set()
        sent = 0
        for row in rows:
            if row.chat_id in blocked:
                continue
            if row.not_before is not None and row.not_before > now:
                blocked.add(row.chat_id)  # an earlier message of this chat waits for its retry: keep the order
                continue
            if not await self._claim(row):
                blocked.add(row.chat_id)
                continue
            try:
                message_id, version = await self._deliver(row)
            except Exception as error:  # any failure (a bad chat id too) is a failed attempt of this row only
                await self._failed(row, as_send_error(error))
                blocked.add(row.chat_id)
                continue
            await self._sent(row, message_id, version)
            sent += 1
        return sent

    async def _claim(self, row: AdminOutbox) -> bool:
        async with self.admin.core.db.write() as session:
            return bool(await workqueue.claim(session, ADMIN_OUTBOX, now=self.admin.now(), lease=LEASE,
                                              keys=[row.id], expired=False))

    async def _deliver(self, row: AdminOutbox) -> tuple[str, int | None]:
        """Send one row; (Telegram message id, card version shown)."""
        chat = _chat(row.chat_id)
        payload = row.payload or {}
        try:
            await self.throttle.wait(row.chat_id)
            if row.kind == "card":
                async with self.admin.core.db.read() as session:
                    card = await session.get(AdminCard, row.card_id)
                    view = await self.admin.view(session, row.complaint_id or 0)
                if card is None or view is None:
                    raise SendError("card gone", permanent=True)
                text, markup = render_card(self.admin, view, card, self.admin.now())
                message = await self.bot.send_message(chat, text, reply_markup=markup)
                return str(message.message_id), view.case.version
            if row.kind == "text":
                markup: Any = None
                if payload.get("buttons"):
                    markup = InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)
                                                    for label, data in line] for line in payload["buttons"]])
                elif payload.get("force_reply"):
                    markup = ForceReply(selective=False)
                message = await self.bot.send_message(chat, payload.get("text") or "…", reply_markup=markup)
                return str(message.message_id), None
            method = MEDIA_SEND.get(row.kind)
            if method is None:
                raise SendError(f"unknown kind {row.kind}", permanent=True)
            send = getattr(self.bot, method)
            file: Any = payload["file"]
            if row.kind == "document" and is_image(None, payload.get("mime"), payload.get("name")):
                file = await self._without_metadata(file)
            message = await send(chat, file, caption=(payload.get("caption") or None))
            return str(message.message_id), None
        except BadRequest as error:  # before NetworkError: PTB's BadRequest is one of them
            raise SendError(f"bad_request: {str(error)[:80]}", permanent=True) from error
        except Forbidden as error:
            raise SendError("forbidden", permanent=True) from error
        except RetryAfter as error:
            delay = error.retry_after
            raise SendError("retry_after", retry_after=delay.total_seconds() if isinstance(delay, timedelta)
                            else float(delay)) from error
        except (TimedOut, NetworkError) as error:
            raise SendError(type(error).__name__) from error

    async def _without_metadata(self, file_id: str) -> Any:
        """A picture sent as a file, re-uploaded without EXIF/XMP (GPS, camera, owner's name) for admins to see.

        Telegram strips metadata from photos itself, not from files: those are fetched and cleaned here.
        A file that cannot be fetched now raises (the send is retried); one that is no image goes as it is.
        """
        found = await self.bot.get_file(file_id)
        data = bytes(await found.download_as_bytearray())
        cleaned = await asyncio.to_thread(strip_metadata, data)
        if cleaned is None:
            return file_id
        content, mime = cleaned
        # A neutral name: the citizen's own file name may carry their name.
        return InputFile(content, filename="lampiran" + {"image/png": ".png", "image/webp": ".webp",
                                                          "image/gif": ".gif"}.get(mime, ".jpg"))

    async def _sent(self, row: AdminOutbox, message_id: str, version: int | None) -> None:
        now = self.admin.now()
        async with self.admin.core.db.write() as session:
            await workqueue.done(session, ADMIN_OUTBOX, [row.id], now=now,
                                 values={"sent_at": now, "message_id": message_id, "attempts": row.attempts + 1})
            if row.card_id is not None:
                await admin_store.card_sent(session, row.card_id, message_id, version or 0)
            if row.prompt_id is not None:
                await admin_store.prompt_sent(session, row.prompt_id, message_id)

    async def _failed(self, row: AdminOutbox, error: SendError) -> None:
        now = self.admin.now()
        attempts = row.attempts + 1
        log.warning("admin send failed", extra={"outbox_id": row.id, "kind": row.kind, "chat_id": row.chat_id,
                                                "permanent": error.permanent, "attempts": attempts})
        async with self.admin.core.db.write() as session:
            if error.permanent or attempts >= MAX_ATTEMPTS:
                await workqueue.fail(session, ADMIN_OUTBOX, [row.id], now=now, reason=error.reason,
                                     values={"attempts": attempts})
            else:
                delay = (timedelta(seconds=error.retry_after) if error.retry_after is not None
                         else workqueue.backoff(attempts, cap=300))
                await workqueue.retry(session, ADMIN_OUTBOX, [row.id], now=now, delay=delay, reason=error.reason,
                                      values={"attempts": attempts})

    async def refresh(self, limit: int = 100) -> int:
        """Edit every card whose case changed since it was shown (retired cards once, without buttons)."""
        db = self.admin.core.db
        async with db.read() as session:
            cards = await admin_store.cards_behind(session, limit)
        edited = 0
        for card in cards:
            async with db.read() as session:
                view = await self.admin.view(session, card.complaint_id)
            if view is None:
                continue
            text, markup = render_card(self.admin, view, card, self.admin.now())
            try:
                await self.throttle.wait(card.chat_id)
                await self.bot.edit_message_text(text, chat_id=_chat(card.chat_id),
                                                 message_id=int(card.message_id or 0), reply_markup=markup)
                edited += 1
            except BadRequest as error:
                if "not modified" not in str(error).lower() and "not found" not in str(error).lower():
                    log.warning("card edit refused", extra={"card_id": card.id, "error": str(error)[:80]})
            except (Forbidden, RetryAfter, TimedOut, NetworkError) as error:
                log.info("card edit postponed", extra={"card_id": card.id, "error": type(error).__name__})
                continue
            async with db.write() as session:
                await admin_store.card_shown(session, card.id, view.case.version, final=not card.active)
        return edited


__all__ = ["LEASE", "MAX_ATTEMPTS", "AdminSender"]
