"""Admins in Telegram: case cards and alerts out, button presses and commands in, citizens' answers relayed.

`attach_admin(core, channel)` puts `AdminHandler.intercept` in front of the citizen flows. It claims:

* callback queries whose data starts with "adm:" (signed: forged data is refused);
* admin commands (/kasus, /cari, /antrian, /rekap, /ikm, /ekspor, /gagal, /bantuan and the action
  commands) — from anyone, so that non-admins are refused and logged rather than chatting to a flow;
* replies to the bot's force-reply prompts (Minta info, Tindak lanjut, another agency's name);
* every other message in a configured admin chat (admins talk among themselves there);
* a citizen's message while an admin's question to them is open: written to the case in one
  transaction before the update is confirmed, then relayed to the case's chats.

The AdminSender sends the admin outbox (cards rendered when sent, texts, files, prompts) and edits
cards in place when their case version moved on. `start()` runs it and the SLA scheduler in a loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
import time
from collections.abc import Callable, Coroutine
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, update
from sqlmodel import col, select
from telegram import Bot, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.admin.cases import (
    BY_CODE,
    CODES,
    AdminCore,
    DuplicateUpdate,
    Outcome,
    actor_of,
    handling_update,
    install,
    seen_update,
)
from bot.admin.config import AdminConfig
from bot.admin.reports import (
    cases_xlsx,
    day_bounds,
    export_rows,
    failed_forwards,
    forward_complaint,
    inclusion_recap_lines,
    open_counts,
    open_queue,
    parse_span,
    recap,
    search,
)
from bot.admin.scheduler import Scheduler
from bot.app import Core
from bot.core.image_meta import is_image, strip_metadata
from bot.core.workdays import zone
from bot.ops import supervisor
from bot.outbox.delivery import SendError, as_send_error
from handlers.telegram.adapter import CHANNEL, Throttle, update_key
from handlers.telegram.admin_render import local_time, render_card, status_name
from models import store, workqueue
from models.admin import ADMIN_OUTBOX, AdminCard, AdminCase, AdminOutbox

log = logging.getLogger("laporbot.admin")

#: Commands only admins may use (anyone else is refused and logged).
ADMIN_ONLY = frozenset({"kasus", "cari", "antrian", "rekap", "ikm", "ekspor", "gagal", "verifikasi", "disposisi",
                        "tanya", "tindaklanjut", "selesai", "tolak", "tunda"})
#: Also a citizen command: claimed only from admins and in admin chats.
SHARED = frozenset({"bantuan", "help"})
ACTION_COMMANDS = {"verifikasi": "verify", "disposisi": "dispose", "tanya": "ask", "tindaklanjut": "respond",
                   "selesai": "done", "tolak": "reject", "tunda": "hold"}
MEDIA_SEND = {"photo": "send_photo", "document": "send_document", "voice": "send_voice", "audio": "send_audio",
              "video": "send_video"}
MAX_ATTEMPTS = 8
LEASE = timedelta(seconds=60)


def _chat(value: str) -> int | str:
    return int(value) if value.lstrip("-").isdigit() else value


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
                await session.execute(update(AdminCard).where(col(AdminCard.id) == row.card_id).values(
                    message_id=message_id, shown_version=version or 0))
            if row.prompt_id is not None:
                from models.admin import AdminPrompt

                await session.execute(update(AdminPrompt).where(col(AdminPrompt.id) == row.prompt_id)
                                      .values(message_id=message_id))

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
            rows = (await session.exec(
                select(AdminCard, AdminCase.version).join(AdminCase, col(AdminCase.complaint_id)
                                                          == col(AdminCard.complaint_id))
                .where(col(AdminCard.message_id).is_not(None), col(AdminCard.final).is_(False),
                       (col(AdminCard.shown_version) < col(AdminCase.version)) | col(AdminCard.active).is_(False))
                .order_by(col(AdminCard.id)).limit(limit))).all()
        edited = 0
        for card, _version in rows:
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
                await session.execute(update(AdminCard).where(
                    col(AdminCard.id) == card.id, col(AdminCard.shown_version) <= view.case.version).values(
                    shown_version=view.case.version, final=not card.active))
        return edited


class AdminHandler:
    """The admin side of the Telegram channel: the interceptor, the commands, and the background loop."""

    def __init__(self, core: Core, channel: Any, admin: AdminCore) -> None:
        self.core = core
        self.channel = channel
        self.admin = admin
        self.bot: Bot = channel.bot
        self.bot_id = int(str(self.bot.token).split(":", 1)[0])
        self.sender = AdminSender(admin, self.bot, getattr(channel.sender, "throttle", None))
        self.scheduler = Scheduler(admin)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._stop = asyncio.Event()
        self._loop: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Run the sender and the SLA scheduler until stopped."""
        self._stop.clear()
        # Build the holiday calendar now (it imports every country's rules: about a second of CPU) rather
        # than inside the first scheduler tick, while citizens are already being answered.
        await asyncio.to_thread(lambda: self.admin.settings.calendar)
        self._loop = supervisor.supervise("admin", self._run, stop=self._stop)  # restarted if it ever fails

    async def stop(self) -> None:
        """Finish what is in flight and stop the loop."""
        self._stop.set()
        self.admin.wake.set()
        if self._loop is not None:
            try:  # let a send in flight finish: cancelled, it would be sent again after its lease
                await asyncio.wait_for(asyncio.shield(self._loop), 5)
            except TimeoutError:
                self._loop.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._loop
        await self.settle()

    async def settle(self) -> None:
        """Wait for background command work (exports, charts, card refreshes) to finish."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _run(self) -> None:
        next_tick = 0.0
        while not self._stop.is_set():
            try:
                if time.monotonic() >= next_tick:
                    next_tick = time.monotonic() + self.admin.settings.sla_interval
                    await self.scheduler.tick()
                await self.sender.pump()
            except Exception as error:  # the database or Telegram may be away for a moment
                log.error("admin loop step failed", extra={"error": type(error).__name__})
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.admin.wake.wait(), self.admin.settings.poll)
            self.admin.wake.clear()

    def _spawn(self, work: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _pump_soon(self) -> None:
        try:
            await self.sender.pump()
        except Exception as error:  # the loop tries again shortly
            log.warning("admin pump failed", extra={"error": type(error).__name__})

    # ------------------------------------------------------------------ the interceptor

    async def intercept(self, update: dict[str, Any]) -> bool:
        """Claim the updates that are the admin side's; the rest go on to the citizen flows."""
        query = update.get("callback_query")
        if query:
            if not str(query.get("data") or "").startswith("adm:"):
                return False
            await self._once(update, (query.get("from") or {}).get("id"), lambda: self._callback(query))
            return True
        msg = update.get("message")
        if not isinstance(msg, dict):
            return False
        chat = msg.get("chat") or {}
        user = msg.get("from") or {}
        chat_id, user_id = chat.get("id"), user.get("id")
        private = chat.get("type") == "private"
        config = self.admin.config()
        is_admin = config.admin(user_id) is not None
        admin_chat = not private and chat_id is not None and config.is_admin_chat(chat_id)
        command, args = self._command(msg.get("text") or "")
        if command in ADMIN_ONLY or (command in SHARED and (is_admin or admin_chat)):
            await self._once(update, user_id,
                             lambda: self._command_from(command, args, user_id, chat_id, private, config))
            return True
        reply_to = msg.get("reply_to_message") or {}
        if reply_to and (reply_to.get("from") or {}).get("id") in (self.bot_id, None) and chat_id is not None:
            found = await self.admin.typed_prompt(chat_id, reply_to.get("message_id") or 0)
            if found is not None:
                await self._once(update, user_id, lambda: self._prompt_reply(found, msg, user_id, chat_id))
                return True
        if admin_chat:
            return True  # admins talking among themselves: no citizen flow, no "write to me privately"
        if private and command is None and user_id is not None \
                and str(user_id) in await self.admin.citizens_with_questions():
            return await self._citizen_answer(update, msg, str(user_id))
        return False

    async def _once(self, update: dict[str, Any], user_id: int | None,
                    work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Handle an admin update once, however often the channel delivers it (same update_id).

        The update is recorded in the inbound log (like a citizen's, unique per channel message id) by the
        first write transaction of its handling, together with the action's effects (AdminCore.write): a
        redelivery finds it and does nothing — no second question to the citizen, no second status change.
        """
        key = update_key(self.bot_id, update)
        async with self.core.db.read() as session:
            if await seen_update(session, CHANNEL, key):
                log.info("admin update delivered again: handled once", extra={"update_key": key})
                return
        with handling_update(CHANNEL, key, user_id):
            try:
                await work()
            except DuplicateUpdate:  # delivered twice at once (another replica, a webhook retry): it won
                log.info("admin update delivered again: handled once", extra={"update_key": key})

    def _command(self, text: str) -> tuple[str | None, str]:
        if not text.startswith("/"):
            return None, text
        head, _, rest = text[1:].partition(" ")
        name, _, target = head.partition("@")
        if target and self.bot.username and target.lower() != self.bot.username.lower():
            return None, text  # addressed to another bot in the group
        return name.lower(), rest.strip()

    # ------------------------------------------------------------------ button presses

    async def _callback(self, query: dict[str, Any]) -> None:
        callback_id = str(query.get("id") or "")
        user_id = (query.get("from") or {}).get("id")
        message = query.get("message") or {}
        chat_id = (message.get("chat") or {}).get("id")
        message_id = message.get("message_id")
        parsed = self.admin.signer.parse(str(query.get("data") or ""))
        if parsed is None or chat_id is None or message_id is None:
            await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action="callback", complaint_id=None,
                                         outcome="invalid", reason="forged")
            await self._answer(callback_id, self.admin.t("admin.refused.forged"), alert=True)
            return
        code, a, b = parsed
        if code == "m":
            outcome = await self._menu(user_id, chat_id, message_id, a, b)
        elif code == "f":
            outcome = await self._retry_forward(user_id, chat_id, a)
        elif code in BY_CODE:
            action = BY_CODE[code]
            if not await self._is_card(chat_id, message_id, a):
                await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action=action, complaint_id=a,
                                             outcome="invalid", reason="not_a_card")
                await self._answer(callback_id, self.admin.t("admin.refused.forged"), alert=True)
                return
            if action in ("verify", "hold", "done"):
                outcome = await self.admin.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=a,
                                               version=b)
            else:
                outcome = await self.admin.begin(user_id=user_id, chat_id=chat_id, action=action, complaint_id=a,
                                                 version=b)
        else:
            outcome = Outcome("invalid")
        await self._answer(callback_id, self._outcome_text(outcome, code), alert=not outcome.ok
                           and outcome.code != "prompted")
        self._spawn(self._pump_soon())  # new cards, prompts, and the stale card shown as it is now

    async def _is_card(self, chat_id: int, message_id: int, complaint_id: int) -> bool:
        # A card is pressable the moment Telegram shows it, which may be just before its message id is recorded.
        async with self.core.db.read() as session:
            card = (await session.exec(select(AdminCard).where(
                AdminCard.chat_id == str(chat_id), AdminCard.complaint_id == complaint_id,
                or_(col(AdminCard.message_id) == str(message_id), col(AdminCard.message_id).is_(None)))
                .order_by(col(AdminCard.message_id).is_(None)))).first()
        return card is not None and card.active

    async def _menu(self, user_id: int | None, chat_id: int, message_id: int, prompt_id: int, index: int) -> Outcome:
        from models.admin import AdminPrompt

        async with self.core.db.read() as session:
            found = await session.get(AdminPrompt, prompt_id)
        if found is None or found.message_id not in (None, str(message_id)) or user_id is None:
            await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action="menu", complaint_id=None,
                                         outcome="invalid", reason="not_a_menu")
            return Outcome("invalid")
        return await self.admin.choose(user_id=user_id, chat_id=chat_id, prompt_id=prompt_id, index=index)

    async def _retry_forward(self, user_id: int | None, chat_id: int, job_id: int) -> Outcome:
        config = self.admin.config()
        async with self.core.db.read() as session:
            complaint = await forward_complaint(session, job_id)
        if complaint is None or not config.can_act(user_id, complaint.agency_code):
            await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action="retry_forward",
                                         complaint_id=complaint.id if complaint else None, outcome="refused")
            return Outcome("refused")
        from bot.forwarding.service import retry  # the forwarding outbox's own requeue (bot/forwarding/service.py)

        ids = await retry(self.core, job_id, actor=actor_of(user_id or 0))
        await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action="retry_forward",
                                     complaint_id=complaint.id, outcome="done" if ids else "lost")
        return Outcome("done" if ids else "lost", complaint.id, complaint.tracking_no, detail="retry")

    async def _answer(self, callback_id: str, text: str, *, alert: bool = False) -> None:
        try:
            await self.bot.answer_callback_query(callback_id, text=text[:200], show_alert=alert)
        except TelegramError as error:  # too old, or answered already
            log.debug("callback not answered: %s", type(error).__name__)

    def _outcome_text(self, outcome: Outcome, code: str | None = None) -> str:
        t = self.admin.t
        number = outcome.tracking_no or ""
        if outcome.code == "done":
            if outcome.detail == "retry":
                return t("admin.done.retry", tracking_no=number)
            return t("admin.done", tracking_no=number, status=status_name(self.admin, outcome.status or ""))
        if outcome.code == "prompted":
            return t("admin.prompted")
        if outcome.code == "not_allowed":
            return t("admin.refused.not_allowed", status=status_name(self.admin, outcome.status or ""))
        if outcome.code == "invalid" and outcome.detail:
            return t(f"admin.invalid.{outcome.detail}") if self.admin.catalog.has(f"admin.invalid.{outcome.detail}") \
                else t("admin.refused.invalid")
        return t(f"admin.refused.{outcome.code}")

    # ------------------------------------------------------------------ typed replies to prompts

    async def _prompt_reply(self, found: Any, msg: dict[str, Any], user_id: int | None, chat_id: int) -> None:
        text = (msg.get("text") or msg.get("caption") or "").strip()
        if user_id is None:
            return
        if not text:
            await self._say(chat_id, self.admin.t("admin.invalid.empty_text"))
            return
        outcome = await self.admin.answer_prompt(user_id=user_id, chat_id=chat_id, found=found, text=text)
        if outcome.code != "prompted":
            await self._say(chat_id, self._outcome_text(outcome))
        self._spawn(self._pump_soon())

    # ------------------------------------------------------------------ the citizen's answer

    async def _citizen_answer(self, update: dict[str, Any], msg: dict[str, Any], user_id: str) -> bool:
        kind, file_ref = "text", None
        if msg.get("photo"):
            kind, file_ref = "photo", msg["photo"][-1]["file_id"]
        else:
            for field in ("voice", "document", "audio", "video"):
                if msg.get(field):
                    kind, file_ref = field, msg[field]["file_id"]
                    break
            else:
                if "location" in msg:
                    loc = msg["location"]
                    kind = "location"
                    msg = {**msg, "text": f"{loc.get('latitude')}, {loc.get('longitude')}"}
                elif msg.get("text") is None:
                    return False  # stickers, contacts…: the citizen flow explains those
        text = msg.get("text") or msg.get("caption")
        outcome = await self.admin.record_answer(user_id=user_id, update_key=f"{self.bot_id}:{update['update_id']}",
                                                 kind=kind, text=text, file_ref=file_ref,
                                                 media_group=msg.get("media_group_id"))
        if outcome is None:
            return False  # answered or closed meanwhile: the citizen flow takes it
        self._spawn(self._pump_soon())
        self._spawn(self.core.deliverer.deliver_pending("telegram"))  # the citizen's "thank you"
        return True

    # ------------------------------------------------------------------ commands

    async def _say(self, chat_id: int | str, text: str, markup: Any = None) -> None:
        try:
            await self.sender.throttle.wait(str(chat_id))
            await self.bot.send_message(chat_id, text[:4096], reply_markup=markup)
        except TelegramError as error:
            log.warning("admin reply not sent", extra={"chat_id": chat_id, "error": type(error).__name__})

    async def _command_from(self, command: str, args: str, user_id: int | None, chat_id: int | None,
                            private: bool, config: AdminConfig) -> None:
        if chat_id is None:
            return
        admin = config.admin(user_id)
        if admin is None or user_id is None:
            await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action=f"/{command}", complaint_id=None,
                                         outcome="refused")
            await self._say(chat_id, self.admin.t("admin.refused.not_admin"))
            return
        if command in ACTION_COMMANDS:
            await self._action_command(ACTION_COMMANDS[command], args, user_id, chat_id, config)
            return
        if command in ("bantuan", "help"):
            await self._say(chat_id, self.admin.t("admin.help"))
            return
        scope = config.scope(user_id)
        if not private:
            here = config.chat_agencies(chat_id) - {"triage"}
            if here:  # in an agency's chat, lists are about that agency
                scope = frozenset(here) if scope is None else scope & here
        work = {"kasus": self._kasus, "cari": self._cari, "antrian": self._antrian, "rekap": self._rekap,
                "ikm": self._ikm, "ekspor": self._ekspor, "gagal": self._gagal}[command]
        await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action=f"/{command}", complaint_id=None,
                                     outcome="done")
        # Reading and drawing take a moment: do it beside the update stream, not in it.
        self._spawn(self._guarded(work(args, user_id, chat_id, private, scope, config), chat_id))

    async def _guarded(self, work: Coroutine[Any, Any, None], chat_id: int) -> None:
        try:
            await work
        except Exception as error:
            log.error("admin command failed", extra={"chat_id": chat_id, "error": type(error).__name__})
            await self._say(chat_id, self.admin.t("admin.error"))

    async def _action_command(self, action: str, args: str, user_id: int, chat_id: int, config: AdminConfig) -> None:
        number, _, rest = args.partition(" ")
        rest = rest.strip()
        async with self.core.db.read() as session:
            complaint = await self.admin.by_tracking(session, number) if number else None
        if complaint is None:
            await self._say(chat_id, self.admin.t("admin.not_found", tracking_no=number or "?"))
            return
        cid = complaint.id or 0
        if action in ("verify", "hold", "done"):
            outcome = await self.admin.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                           text=rest or None)
        elif action in ("ask", "respond"):
            if rest:
                outcome = await self.admin.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                               text=rest)
            else:
                outcome = await self.admin.begin(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                                 version=None)
        elif action == "reject":
            word, _, note = rest.partition(" ")
            reason = self._reason(config, word)
            if reason is None:
                outcome = await self.admin.begin(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                                 version=None)
            else:
                outcome = await self.admin.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                               reason=reason, text=note.strip() or None)
        else:  # dispose
            target = self._agency(config, rest)
            if target is not None:
                outcome = await self.admin.act(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                               agency=target)
            elif rest:
                async with self.core.db.read() as session:
                    case = await self.admin.case_of(session, cid)
                outcome = await self.admin.agency_menu(user_id=user_id, chat_id=chat_id, complaint_id=cid,
                                                       version=case.version if case else 0, text=rest)
            else:
                outcome = await self.admin.begin(user_id=user_id, chat_id=chat_id, action=action, complaint_id=cid,
                                                 version=None)
        if outcome.code != "prompted":
            await self._say(chat_id, self._outcome_text(outcome))
        self._spawn(self._pump_soon())

    @staticmethod
    def _reason(config: AdminConfig, word: str) -> str | None:
        if word.isdigit() and 1 <= int(word) <= len(config.reasons):
            return config.reasons[int(word) - 1].code
        return word if word and config.reason(word) is not None else None

    def _agency(self, config: AdminConfig, text: str) -> str | None:
        code = text.strip()
        if code and (code in config.agencies() or self.core.agencies.name(code) is not None):
            return code
        return None

    async def _kasus(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                     config: AdminConfig) -> None:
        number = args.split(" ")[0] if args else ""
        async with self.core.db.read() as session:
            complaint = await self.admin.by_tracking(session, number) if number else None
        if complaint is None:
            await self._say(chat_id, self.admin.t("admin.not_found", tracking_no=number or "?"))
            return
        if not config.can_act(user_id, complaint.agency_code):
            await self.admin.audit_alone(user_id=user_id, chat_id=chat_id, action="/kasus",
                                         complaint_id=complaint.id, outcome="refused")
            await self._say(chat_id, self.admin.t("admin.refused.refused"))
            return
        me = config.admin(user_id)
        # The reporter of an anonymous complaint is shown only to a super admin, in their private chat.
        audience = "super" if private and chat_id == user_id and me is not None and me.is_super else "view"
        async with self.core.db.write() as session:
            await self.admin.ensure_case(session, complaint)
            await self.admin.queue_cards(session, complaint, [(chat_id, audience)], attachments=False)
            history = await store.status_history(session, complaint.id or 0)
        lines = [self.admin.t("admin.history.title", tracking_no=complaint.tracking_no)]
        for entry in history[-8:]:
            line = self.admin.t("admin.history.line", at=local_time(self.admin, entry.at),
                                status=status_name(self.admin, entry.status), actor=entry.actor)
            lines.append(f"{line}: {entry.note}" if entry.note else line)
        await self.sender.pump()
        await self._say(chat_id, "\n".join(lines))

    async def _cari(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                    config: AdminConfig) -> None:
        if len(args.strip()) < 3:
            await self._say(chat_id, self.admin.t("admin.search.short"))
            return
        async with self.core.db.read() as session:
            found = await search(session, args, scope)
        if not found:
            await self._say(chat_id, self.admin.t("admin.search.none"))
            return
        lines = [self.admin.t("admin.search.title", count=len(found))]
        lines += [self.admin.t("admin.list.line", tracking_no=c.tracking_no, status=status_name(self.admin, c.status),
                               title=c.title[:60]) for c in found]
        lines.append(self.admin.t("admin.list.hint"))
        await self._say(chat_id, "\n".join(lines))

    async def _antrian(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                       config: AdminConfig) -> None:
        now = self.admin.now()
        async with self.core.db.read() as session:
            rows = await open_queue(session, scope)
        if not rows:
            await self._say(chat_id, self.admin.t("admin.queue.empty"))
            return
        lines = [self.admin.t("admin.queue.title")]
        for number, (complaint, case) in enumerate(rows, start=1):
            due = "–"
            if case is not None and case.due_at is not None:
                local = case.due_at.astimezone(zone(self.admin.settings.tz)).date()
                due = f"{local:%d/%m}" + (" " + self.admin.t("admin.card.late") if case.due_at < now
                                          and case.clock in ("verify", "followup") else "")
            lines.append(self.admin.t("admin.queue.line", n=number, tracking_no=complaint.tracking_no,
                                      status=status_name(self.admin, complaint.status), due=due))
        lines.append(self.admin.t("admin.list.hint"))
        await self._say(chat_id, "\n".join(lines))

    async def _rekap(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                     config: AdminConfig) -> None:
        now = self.admin.now()
        today, week = day_bounds(now, self.admin.settings.tz)
        async with self.core.db.read() as session:
            day = await recap(session, scope, today, now + timedelta(seconds=1))
            weekly = await recap(session, scope, week, now + timedelta(seconds=1))
            total, late = await open_counts(session, scope, now)
            inclusion = await inclusion_recap_lines(session, scope, now, self.admin.settings.tz, self.admin.catalog,
                                                    self.admin.config().locale)
        t = self.admin.t
        lines = [t("admin.recap.title")]
        for label, r in ((t("admin.recap.today"), day), (t("admin.recap.week"), weekly)):
            lines.append(t("admin.recap.line", period=label, new=r.new, verified=r.verified, responded=r.responded,
                           closed=r.closed, rejected=r.rejected))
        lines.append(t("admin.recap.open", open=total, late=late))
        lines += inclusion  # bot/surveys/inclusion.py, through admin_reports
        await self._say(chat_id, "\n".join(lines))

    async def _ikm(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                   config: AdminConfig) -> None:
        from bot.surveys import services as survey_services
        from bot.surveys.config import SurveyConfig, SurveyConfigError
        from bot.surveys.ikm import compute
        from bot.surveys.period import Period, period_of
        from bot.surveys.report import to_png

        unit_code, _, period_text = args.partition(" ")
        try:
            surveys = SurveyConfig.from_env(self.core.settings.extra)
        except SurveyConfigError:
            await self._say(chat_id, self.admin.t("admin.ikm.config"))
            return
        unit = surveys.units().get(unit_code.strip()) if unit_code.strip() else None
        if unit is None:
            await self._say(chat_id, self.admin.t("admin.ikm.usage"))
            return
        now = self.admin.now()
        if period_text.strip():
            span = parse_span(period_text, now.astimezone(zone(surveys.timezone)).date())
            if span is None:
                await self._say(chat_id, self.admin.t("admin.period.bad"))
                return
            period = Period(span.label, span.first, span.last)
        else:
            period = period_of(now, surveys.period, surveys.timezone)
        begin, end = period.bounds(surveys.timezone)
        async with self.core.db.read() as session:
            respondents = await survey_services.skm_respondents(session, unit.code, begin, end)
        result = compute(respondents)
        label = period.label(config.locale) if period.first.day == 1 else period.key
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "ikm.png"
            await asyncio.to_thread(to_png, result, path, unit.name, label, config.locale, self.admin.catalog)
            data = path.read_bytes()
        caption = self.admin.t("admin.ikm.caption", unit=unit.name, period=label, count=result.respondents)
        try:
            await self.bot.send_photo(chat_id, data, caption=caption[:1000])
        except TelegramError as error:
            log.warning("IKM chart not sent", extra={"chat_id": chat_id, "error": type(error).__name__})

    async def _ekspor(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                      config: AdminConfig) -> None:
        now = self.admin.now()
        tz = self.admin.settings.tz
        span = parse_span(args, now.astimezone(zone(tz)).date())
        if span is None:
            await self._say(chat_id, self.admin.t("admin.period.bad"))
            return
        start, end = span.bounds(tz)
        async with self.core.db.read() as session:
            rows = await export_rows(session, scope, start, end)
        places = self.core.places
        data = await asyncio.to_thread(
            cases_xlsx, rows, catalog=self.admin.catalog, locale=config.locale, tz=tz, now=now,
            agency_name=self.admin.agency_name, region_name=places.label,
            title=self.admin.t("admin.export.title", period=span.label))
        caption = self.admin.t("admin.export.caption", period=span.label, count=len(rows))
        try:
            await self.bot.send_document(chat_id, data, filename=f"kasus-{span.label}.xlsx", caption=caption)
        except TelegramError as error:
            log.warning("export not sent", extra={"chat_id": chat_id, "error": type(error).__name__})

    async def _gagal(self, args: str, user_id: int, chat_id: int, private: bool, scope: Any,
                     config: AdminConfig) -> None:
        async with self.core.db.read() as session:
            jobs = await failed_forwards(session, scope)
        if not jobs:
            await self._say(chat_id, self.admin.t("admin.failed.none"))
            return
        lines = [self.admin.t("admin.failed.title", count=len(jobs))]
        buttons = []
        for job_id, number, attempts, error in jobs:
            lines.append(self.admin.t("admin.failed.line", tracking_no=number, attempts=attempts,
                                      error=error[:80] or "–"))
            buttons.append([InlineKeyboardButton(self.admin.t("admin.button.retry", tracking_no=number),
                                                 callback_data=self.admin.signer.make("f", job_id, 0))])
        await self._say(chat_id, "\n".join(lines), InlineKeyboardMarkup(buttons))


def attach_admin(core: Core, channel: Any) -> AdminHandler:
    """Install the admin side on a Telegram channel: its interceptor goes first."""
    admin = install(core)
    handler = AdminHandler(core, channel, admin)
    channel.runtime.interceptors.insert(0, handler.intercept)
    return handler


def admin_handlers(channels: list[Any]) -> list[AdminHandler]:
    """The admin handlers attached to these channels (to start and stop with the server)."""
    found = []
    for channel in channels:
        for intercept in channel.runtime.interceptors:
            owner = getattr(intercept, "__self__", None)
            if isinstance(owner, AdminHandler):
                found.append(owner)
    return found


__all__ = ["CODES", "AdminHandler", "AdminSender", "admin_handlers", "attach_admin"]
