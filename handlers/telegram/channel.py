"""The Telegram channel at run time: long polling or webhook, each update recorded before it is confirmed."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from aiohttp import web
from telegram import Bot
from telegram.error import Conflict, InvalidToken, RetryAfter, TelegramError
from telegram.request import BaseRequest, HTTPXRequest, RequestData
from telegram.request._requestparameter import RequestParameter

from bot.conversation.runtime import ChannelRuntime, Loop
from bot.core import logs  # --- ops: latency histogram, update ids in logs ---
from bot.core.messages import Arrival, Inbound, Reply
from bot.ops import metrics, supervisor
from bot.outbox.delivery import Deliverer
from handlers.telegram.adapter import CHANNEL, Parsed, TelegramSender, Throttle, parse_update, schema
from handlers.telegram.request import AiohttpRequest

if TYPE_CHECKING:
    from bot.conversation.inbox import Inbox
    from bot.core.clock import Clock
    from flows.engine import Engine
    from models.db import Database


class Parts(Protocol):
    """What the Telegram channel uses of the process (bot.app.Core has them), its runtime's included
    (bot.conversation.catchup.Parts: db, inbox, deliverer)."""

    db: Database
    engine: Engine
    clock: Clock
    inbox: Inbox
    deliverer: Deliverer


log = logging.getLogger("laporbot.telegram")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_PATH = "/webhooks/telegram"
ALLOWED_UPDATES = ["message", "callback_query"]
SECRET_NAME = "telegram_webhook_secret"  # models.ops.OpsState row of the generated secret, shared by replicas
POLL_TASK = "telegram.poll"


def make_bot(token: str, base_url: str, base_file_url: str, transport: str = "aiohttp") -> Bot:
    """A PTB Bot on our pooled aiohttp transport (or PTB's default httpx one, for comparison)."""
    request: BaseRequest
    polling: BaseRequest
    if transport == "httpx":
        request, polling = HTTPXRequest(connection_pool_size=64), HTTPXRequest()
    else:
        request, polling = AiohttpRequest(connection_pool_size=256), AiohttpRequest(connection_pool_size=2)
    return Bot(token, base_url=base_url, base_file_url=base_file_url, request=request,
               get_updates_request=polling)


@dataclass(frozen=True)
class Job:
    """Replies to send to one chat (already claimed), and the pressed keyboard to close first."""

    chat_id: str
    items: list[tuple[int, Reply]]
    pressed: tuple[int, int] | None = None
    claimed_until: datetime | None = None


class TelegramChannel:
    """Receives updates (webhook or polling), records them, and runs them in order per chat.

    What every channel does (group commit, per-chat order, interceptors, catch-up, start and stop) is its
    `runtime` (bot/conversation/runtime.py); this class keeps what is Telegram's. Its interceptors read the
    checked update as a dict: admin features (case alerts, actions) claim the updates that are theirs, button
    presses included, before citizen flows see them.
    """

    def __init__(self, core: Parts, bot: Bot, *, webhook_url: str | None = None, webhook_secret: str | None = None,
                 poll_timeout: int = 25, throttle: Throttle | None = None, group_commit_wait: float = 0.0) -> None:
        self.core = core
        self.bot = bot
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret or None  # empty counts as unset: start() generates one
        self.poll_timeout = poll_timeout
        self.sender = TelegramSender(bot, core.engine.catalog, throttle)
        core.deliverer.add_sender(CHANNEL, self.sender)
        self.runtime: ChannelRuntime[Job] = ChannelRuntime(core, CHANNEL, self._work,
                                                           group_commit_wait=group_commit_wait)
        self._offset: int | None = None  # the next getUpdates offset (kept across restarts of the poll loop)
        self._poll_limit = 100

    @property
    def deliverer(self) -> Deliverer:
        """The outbox sender shared by every channel."""
        return self.core.deliverer

    def install(self, app: web.Application) -> None:
        """Add the webhook route, in webhook mode only: a polling bot has no door for forged updates."""
        if self.webhook_url:
            app.router.add_post(WEBHOOK_PATH, self.on_webhook)

    async def ensure_secret(self) -> str:
        """The webhook secret: the configured one, else one generated once and kept in the database for all replicas."""
        if self.webhook_secret is None:
            from models.ops import shared_value

            # token_urlsafe uses only A-Z a-z 0-9 _ -, the characters Telegram allows; 43 of them
            self.webhook_secret = await shared_value(self.core.db, SECRET_NAME, secrets.token_urlsafe(32),
                                                     self.core.clock.now())
        return self.webhook_secret

    async def start(self) -> None:
        """Meet the Bot API, resume unfinished work, then take updates by webhook or long polling."""
        await self.bot.initialize()  # getMe: PTB needs the bot's username to recognise /cmd@bot
        if self.webhook_url:
            await self.ensure_secret()  # before anything is accepted: the door is never open without it
            await self.runtime.start()
            await self.bot.set_webhook(self.webhook_url, secret_token=await self.ensure_secret(),
                                       allowed_updates=ALLOWED_UPDATES)
            log.info("telegram webhook mode", extra={"bot": self.bot.username})
        else:
            await self.bot.delete_webhook()  # no webhook route here: updates wait at Telegram for getUpdates
            # --- poison: supervised; up only once a getUpdates has worked, so a poll that keeps failing shows ---
            await self.runtime.start(Loop(POLL_TASK, self._poll, up_on_start=False, backoff=(1.0, 30.0)))
            log.info("telegram long polling", extra={"bot": self.bot.username})

    async def stop(self) -> None:
        """Stop taking updates, finish what was taken, close the transport."""
        await self.runtime.stop()
        await self.bot.shutdown()

    async def on_webhook(self, request: web.Request) -> web.Response:
        """Telegram's POST: check the secret, record the update, answer 200 only once it is stored."""
        given = request.headers.get(SECRET_HEADER, "")
        # no secret yet (start() has not run) refuses too: a secret is always in force
        if self.webhook_secret is None or not hmac.compare_digest(given.encode(), self.webhook_secret.encode()):
            log.warning("telegram webhook with a wrong secret refused")
            return web.Response(status=403)
        if not self.runtime.accepting:
            return web.Response(status=503)  # shutting down: Telegram will redeliver
        try:
            update = schema.decode_update(await request.read())
        except schema.Malformed as error:
            # Acknowledged: Telegram would only deliver it again. Why, but nothing of what it said.
            log.warning("malformed telegram update acknowledged", extra={"reason": str(error)})
            return web.Response(text="ok")
        await self.take_many([update])
        return web.Response(text="ok")

    async def take(self, update: dict[str, Any] | schema.Update) -> None:
        """Record one update durably (returns once committed) and queue its replies for sending."""
        await self.take_many([update])

    async def take_many(self, updates: list[dict[str, Any] | schema.Update]) -> None:
        """Record updates in their order, in as few transactions as the load allows; redeliveries do nothing.

        Each update is checked against the shapes we read first (handlers/telegram/schema.py): a malformed one
        is logged (without content) and skipped, never an exception for the others.
        """
        arrived = time.monotonic()  # --- ops: handling latency (bot/ops/metrics.py) ---
        checked = [u for u in map(_checked, updates) if u is not None]
        if checked:  # --- ops: the update id on this task's log lines (no message content) ---
            logs.bind(update_id=checked[0].update_id)
        accepted: list[tuple[Parsed, Inbound]] = []
        for update in checked:
            parsed = parse_update(update, self.bot.id, self.bot.username)
            # the citizen's message as parsed, with the checked update as the dict the admin features read
            if self.runtime.interceptors and await self.runtime.intercepted(
                    Arrival(parsed.inbound, schema.to_dict(update))):
                continue
            if parsed.callback_id:
                self.runtime.spawn(self.sender.acknowledge(parsed.callback_id))
            if parsed.inbound is not None:
                accepted.append((parsed, parsed.inbound))
            elif parsed.group and update.message is not None and _addressed(update.message, self.bot.username):
                await self._tell_group(update.message.chat.id)
        futures = self.runtime.submit([inbound for _, inbound in accepted])
        for (parsed, inbound), future in zip(accepted, futures, strict=True):
            handled = await future
            metrics.observe_handled(CHANNEL, time.monotonic() - arrived)  # --- ops ---
            pressed = None
            if parsed.callback_message_id is not None and parsed.chat_id is not None:
                pressed = (parsed.chat_id, parsed.callback_message_id)
            if handled.outgoing_ids or pressed:
                items = list(zip(handled.outgoing_ids, handled.replies, strict=True))
                self.runtime.queue(inbound.user_id, Job(inbound.user_id, items, pressed, handled.claimed_until))

    async def _work(self, job: Job) -> None:
        if job.pressed is not None:
            await self.sender.close_keyboard(*job.pressed)
        await self.deliverer.send_claimed(CHANNEL, job.chat_id, job.items, claimed_until=job.claimed_until)

    async def _poll(self) -> None:
        """Long polling (run supervised: an error ends this round, the supervisor starts it again with backoff)."""
        while not self.runtime.stopping:
            try:
                updates, next_offset = await self._get_updates()
            except RetryAfter as error:  # told to wait: not a failure
                await asyncio.sleep(_seconds(error.retry_after))
                continue
            except (InvalidToken, Conflict) as error:  # not ours to fix: shown down and retried, slowly
                log.error("telegram polling refused: %s", type(error).__name__)
                raise
            supervisor.beat(POLL_TASK)
            if updates:
                # Recorded before the next getUpdates call confirms them with a higher offset.
                await self.take_many(list(updates))
            if next_offset is not None:
                self._offset = next_offset

    async def _get_updates(self) -> tuple[list[schema.Update], int | None]:
        """One getUpdates call, each update checked on its own: (well-formed updates, the next offset).

        The answer is read raw (not through PTB's Update objects): one malformed update must neither stop
        the loop nor be fetched again forever, so it is skipped and confirmed with the others.
        """
        params = [RequestParameter("timeout", self.poll_timeout, None),
                  RequestParameter("allowed_updates", ALLOWED_UPDATES, None),
                  RequestParameter("limit", self._poll_limit, None)]
        if self._offset is not None:
            params.append(RequestParameter("offset", self._offset, None))
        request = self.bot._request[0]  # PTB keeps the getUpdates transport first (Bot(get_updates_request=...))
        body = await request._request_wrapper(  # status codes mapped to PTB's errors (RetryAfter, Conflict, ...)
            f"{self.bot.base_url}/getUpdates", "POST", request_data=RequestData(params),
            read_timeout=self.poll_timeout + 10)
        try:
            found = schema.decode_updates(body)
        except schema.Malformed:
            if self._poll_limit > 1:  # one unreadable update spoils the answer: take them one at a time to find it
                self._poll_limit = 1
                return [], None
            first = schema.first_update_id(body)
            if first is None:
                raise TelegramError("getUpdates answer unreadable") from None
            log.warning("malformed telegram update skipped", extra={"update_id": first})
            return [], first + 1
        self._poll_limit = 100
        updates: list[schema.Update] = []
        next_offset: int | None = None
        for update_id, update in found:
            if update_id is not None:
                next_offset = max(next_offset or 0, update_id + 1)
            if isinstance(update, schema.Malformed):
                log.warning("malformed telegram update skipped", extra={"update_id": update_id, "reason": str(update)})
            else:
                updates.append(update)
        return updates, next_offset

    async def _tell_group(self, chat_id: int) -> None:
        text = self.core.engine.catalog.text("telegram.private_only", "id", bot=self.bot.username or "")
        with contextlib.suppress(Exception):
            await self.sender.send(str(chat_id), Reply(text))


def _addressed(message: schema.Message, username: str | None) -> bool:
    text = message.text or ""
    return text.startswith("/") or bool(username and f"@{username}".lower() in text.lower())


def _checked(update: dict[str, Any] | schema.Update) -> schema.Update | None:
    """The update checked against the shapes we read; None (logged without content) when it does not fit."""
    if isinstance(update, schema.Update):
        return update
    try:
        return schema.convert_update(update)
    except schema.Malformed as error:
        log.warning("malformed telegram update skipped", extra={"reason": str(error)})
        return None


def _seconds(value: Any) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)
