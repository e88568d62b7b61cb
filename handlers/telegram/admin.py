"""Admins in Telegram: case cards and alerts out, button presses and commands in, citizens' answers relayed.

`attach_admin(core, channel)` puts `AdminHandler.intercept` first among the channel's runtime interceptors, in
front of the citizen flows. It claims:

* callback queries whose data starts with "adm:" (signed: forged data is refused);
* admin commands (/kasus, /cari, /antrian, /rekap, /ikm, /ekspor, /gagal, /bantuan and the action
  commands) — from anyone, so that non-admins are refused and logged rather than chatting to a flow;
* replies to the bot's force-reply prompts (Minta info, Tindak lanjut, another agency's name);
* every other message in a configured admin chat (admins talk among themselves there);
* a citizen's message while an admin's question to them is open: written to the case in one
  transaction before the update is confirmed, then relayed to the case's chats.

The admin side by module: this one (the interceptor, each update handled once, prompts answered, citizens'
answers, the admin loop), admin_buttons.py (button presses), admin_commands.py (who may use which command, the
action commands), admin_views.py (the reading commands: case, search, queue, recap, IKM, export, failed
forwards), admin_sender.py (the admin outbox: cards rendered when sent, texts, files, prompts; cards edited in
place when their case version moved on), admin_render.py (a card's text and buttons), admin_chat.py (what they
share). `start()` runs the sender and the SLA scheduler in a loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Protocol

from telegram import Bot

from bot.admin.cases import AdminCore, install
from bot.admin.ports import Installing
from bot.admin.scheduler import Scheduler
from bot.admin.updates import DuplicateUpdate, handling_update, seen_update
from bot.core.messages import Arrival
from bot.ops import supervisor
from handlers.telegram.adapter import CHANNEL, update_key
from handlers.telegram.admin_buttons import AdminButtons
from handlers.telegram.admin_chat import AdminChat
from handlers.telegram.admin_chat import Parts as ChatParts
from handlers.telegram.admin_commands import ADMIN_ONLY, SHARED, AdminCommands, parse_command
from handlers.telegram.admin_sender import AdminSender
from handlers.telegram.admin_views import AdminViews

if TYPE_CHECKING:
    from bot.outbox.delivery import Deliverer


class Parts(ChatParts, Installing, Protocol):
    """What the Telegram admin side uses of the process (bot.app.Core has them): its chat's parts, what the
    channel-free admin side is installed with (bot.admin.ports.Installing), and the deliverer."""

    deliverer: Deliverer


log = logging.getLogger("laporbot.admin")


class AdminHandler:
    """The admin side of the Telegram channel: the interceptor, and the background loop (sender, SLA scheduler)."""

    def __init__(self, core: Parts, channel: Any, admin: AdminCore) -> None:
        self.core = core
        self.channel = channel
        self.admin = admin
        self.bot: Bot = channel.bot
        self.bot_id = int(str(self.bot.token).split(":", 1)[0])
        self.sender = AdminSender(admin, self.bot, getattr(channel.sender, "throttle", None))
        self.scheduler = Scheduler(admin)
        self.chat = AdminChat(core, admin, self.bot, self.sender)
        self.buttons = AdminButtons(self.chat)
        self.commands = AdminCommands(self.chat, AdminViews(self.chat))
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
        await self.chat.settle()

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

    # ------------------------------------------------------------------ the interceptor

    async def intercept(self, arrival: Arrival) -> bool:
        """Claim the updates that are the admin side's; the rest go on to the citizen flows."""
        update = arrival.raw
        query = update.get("callback_query")
        if query:
            if not str(query.get("data") or "").startswith("adm:"):
                return False
            await self._once(update, (query.get("from") or {}).get("id"), lambda: self.buttons.press(query))
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
        command, args = parse_command(msg.get("text") or "", self.bot.username)
        if command in ADMIN_ONLY or (command in SHARED and (is_admin or admin_chat)):
            await self._once(update, user_id,
                             lambda: self.commands.run(command, args, user_id, chat_id, private, config))
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

    # ------------------------------------------------------------------ typed replies to prompts

    async def _prompt_reply(self, found: Any, msg: dict[str, Any], user_id: int | None, chat_id: int) -> None:
        text = (msg.get("text") or msg.get("caption") or "").strip()
        if user_id is None:
            return
        if not text:
            await self.chat.say(chat_id, self.admin.t("admin.invalid.empty_text"))
            return
        outcome = await self.admin.answer_prompt(user_id=user_id, chat_id=chat_id, found=found, text=text)
        if outcome.code != "prompted":
            await self.chat.say(chat_id, self.chat.outcome_text(outcome))
        self.chat.spawn(self.chat.pump_soon())

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
        self.chat.spawn(self.chat.pump_soon())
        self.chat.spawn(self.core.deliverer.deliver_pending("telegram"))  # the citizen's "thank you"
        return True


def attach_admin(core: Parts, channel: Any) -> AdminHandler:
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


__all__ = ["AdminHandler", "admin_handlers", "attach_admin"]
