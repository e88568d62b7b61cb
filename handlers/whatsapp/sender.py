"""Sending to WhatsApp: outbox rows as messages inside Meta's 24-hour window, as approved templates outside it.

The Deliverer claims an outbox row and calls WhatsAppSender.send. Inside the 24-hour customer service window a
reply goes as text, reply buttons, a list or a numbered menu (handlers/whatsapp/render.py); outside it, or once
Meta reported 131047 for it, the row goes as the approved template configured for its kind. Rate limits
(131056 per citizen, 130429 per number) become SendError(retry_after=...): the row waits in the outbox instead
of failing. Each message Meta accepts is written as a DeliveryReceipt, so that a retry sends only the parts
still missing and a later status report (handlers/whatsapp/statuses.py) finds its row.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiolimiter import AsyncLimiter

from bot.core.clock import Clock
from bot.core.i18n import Catalog
from bot.core.messages import Reply
from bot.core.tracking import PREFIX as TRACKING_PREFIX
from bot.ops import metrics
from bot.outbox.delivery import SendError
from models import whatsapp as storage
from models.db import Database, is_transient

from .client import (
    MediaRejected,
    PairRateLimited,
    PermanentError,
    RetryLater,
    WhatsAppClient,
    WhatsAppError,
    WindowClosed,
)
from .config import TemplateSpec, WhatsAppConfig
from .payload import CHANNEL
from .render import render, shorten, template
from .statuses import REQUEUE_AS_TEMPLATE, Failure, apply_failure, reapply_failures

log = logging.getLogger("laporbot.whatsapp")

# Meta counts 24 hours from the citizen's last message; a few minutes are kept back for queueing and clocks.
WINDOW = timedelta(hours=24) - timedelta(minutes=5)
TEMPLATE_PARAM_LIMIT = 900  # a template body is at most 1,024 characters with its fixed words
_TRACKING = re.compile(rf"\b{TRACKING_PREFIX}-[0-9A-Z]{{7}}\b")
VOICE_MEDIA_TTL = timedelta(days=25)  # Meta keeps uploaded media for 30 days
RECEIPT_RETRY = (0.1, 30.0)  # first and longest pause before receipts not written are tried again
RECEIPT_TRIES = 3  # a receipt failing alone this often (not the database's fault) is dropped


@dataclass
class SendContext:
    """What the sender needs to know about the outbox row it was handed."""

    outgoing_id: int | None = None
    kind: str = "reply"
    attempt: int = 1  # the attempt this send is (the row's attempts + 1)
    last_inbound_at: datetime | None = None
    locale: str = "id"
    window_failed: bool = False  # Meta reported 131047 for an earlier send of this row
    done: dict[tuple[str | None, int], str] = field(default_factory=dict)  # (template, part) -> wamid accepted


class WhatsAppSender:
    """Sends outbox rows: rendered inside the 24-hour window, as a template outside it."""

    def __init__(self, client: WhatsAppClient, db: Database, catalog: Catalog, clock: Clock,
                 config: WhatsAppConfig) -> None:
        self.client = client
        self.db = db
        self.catalog = catalog
        self.clock = clock
        self.config = config
        self.limiter = AsyncLimiter(config.rate, 1)  # the business number's throughput: queue here, don't fail
        # Replies of a turn just handled, with what is known about them, so sending them reads nothing.
        self.prepared: dict[str, deque[tuple[Reply, SendContext]]] = {}
        self._receipts: list[dict[str, Any]] = []
        self._flushing: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send one outbox reply; return the last wamid, or raise SendError (retry later or give up)."""
        queue = self.prepared.get(chat_id)
        if queue and queue[0][0] == reply:
            ctx = queue.popleft()[1]
        else:
            ctx = await self.context(chat_id, reply)
        spec = self.config.template_for(ctx.kind)
        as_template = ctx.window_failed or not self.in_window(ctx.last_inbound_at)
        while True:
            if as_template and spec is None:
                log.error("whatsapp window closed and no template configured (set WHATSAPP_TEMPLATE_NOTIFICATION)",
                          extra={"outgoing_id": ctx.outgoing_id, "kind": ctx.kind})
                raise SendError("window_closed: no WHATSAPP_TEMPLATE_* configured", permanent=True)
            try:
                return await self._send(chat_id, reply, ctx, spec if as_template else None)
            except WindowClosed as error:
                if as_template:
                    raise SendError(f"window_closed: template refused code={error.code}", permanent=True) from error
                as_template = True  # our clock thought the window open; Meta knows better
            except PairRateLimited as error:
                raise SendError(f"pair_rate_limit code={error.code}", retry_after=self.config.pair_retry) from error
            except RetryLater as error:
                raise SendError(f"{type(error).__name__} code={error.code}",
                                retry_after=error.retry_after) from error
            except WhatsAppError as error:
                raise SendError(f"refused code={error.code} http={error.http_status}", permanent=True) from error

    async def send_voice(self, chat_id: str, ogg: bytes, seconds: float, media_id: str | None = None
                         ) -> tuple[str, str, datetime | None]:
        """Send a voice note as an audio message: Meta's copy by media id when known, else uploaded first.

        Returns (wamid, the media id, when a fresh upload expires at Meta — ours is reused a little less long).
        """
        del seconds  # WhatsApp reads the length from the file
        expires: datetime | None = None
        try:
            for reuse in ((True, False) if media_id else (False,)):
                if not reuse:
                    media_id = await self.client.upload_media(ogg, "audio/ogg")
                    expires = self.clock.now() + VOICE_MEDIA_TTL
                await self.limiter.acquire()
                try:
                    wamid = await self.client.send({"messaging_product": "whatsapp", "recipient_type": "individual",
                                                    "to": chat_id, "type": "audio", "audio": {"id": media_id}})
                    return wamid, str(media_id), expires
                except (MediaRejected, PermanentError):
                    if not reuse:
                        raise
            raise PermanentError("audio not sent")
        except PairRateLimited as error:
            raise SendError(f"pair_rate_limit code={error.code}", retry_after=self.config.pair_retry) from error
        except RetryLater as error:
            raise SendError(f"{type(error).__name__} code={error.code}", retry_after=error.retry_after) from error
        except WhatsAppError as error:
            raise SendError(f"refused code={error.code} http={error.http_status}", permanent=True) from error

    def in_window(self, last_inbound_at: datetime | None) -> bool:
        """Whether the citizen wrote recently enough for a free-form message."""
        return last_inbound_at is not None and self.clock.now() - last_inbound_at < WINDOW

    async def _send(self, chat_id: str, reply: Reply, ctx: SendContext, spec: TemplateSpec | None) -> str | None:
        name = spec.name if spec else None
        bodies = [self.template_body(chat_id, reply, spec, ctx.locale)] if spec else render(
            reply, chat_id, self.catalog, ctx.locale)
        accepted: list[dict[str, Any]] = []
        last: str | None = None
        try:
            for part, body in enumerate(bodies):
                earlier = ctx.done.get((name, part))
                if earlier is not None:  # sent by an earlier attempt that failed on a later part
                    last = earlier
                    continue
                await self.limiter.acquire()
                last = await self.client.send(body)
                ctx.done[(name, part)] = last
                if ctx.outgoing_id is not None:
                    accepted.append(self._receipt(ctx, part, last, name))
        except WhatsAppError:
            # Written now, before the Deliverer re-queues the row: its retry sends only the parts still missing. A
            # receipt that can never be written is dropped (counted), so that Meta's refusal is what the Deliverer
            # hears; the database being away is raised as it is.
            if accepted:
                for row in await _write_halving(self._write_receipts, accepted, set()):
                    _dropped(row)
            raise
        if accepted:
            self._receipts += accepted
            if self._flushing is None or self._flushing.done():
                self._flushing = asyncio.create_task(self._flush_receipts())
        return last

    def template_body(self, chat_id: str, reply: Reply, spec: TemplateSpec, locale: str) -> dict[str, Any]:
        """The template message standing in for a reply outside the window."""
        params = [self._param(source, reply, locale) for source in spec.params]
        return template(spec.name, self.config.template_language(locale), params, to=chat_id)

    def _param(self, source: str, reply: Reply, locale: str) -> str:
        if source == "tracking":
            found = _TRACKING.search(reply.text)
            return found.group(0) if found else self.catalog.text("whatsapp.template.no_tracking", locale)
        # Meta refuses line breaks, tabs and long runs of spaces in a parameter: one line, options inline.
        text = reply.text
        if reply.options:
            text += " " + " · ".join(f"{n}. {o.label}" for n, o in enumerate(reply.options, start=1))
        return shorten(" ".join(text.split()), TEMPLATE_PARAM_LIMIT) or "-"

    async def prepare(self, chat_id: str, items: Sequence[tuple[int, Reply]], *,
                      last_inbound_at: datetime | None = None, locale: str | None = None) -> None:
        """Look the citizen up once for a turn's replies (claimed, first attempt, just after their message).

        The turn that queued them already knows both (the message it recorded, the language it ended in).
        """
        if last_inbound_at is not None:
            self.prepared[chat_id] = deque(
                (reply, SendContext(outgoing_id, "reply", 1, last_inbound_at, locale or "id"))
                for outgoing_id, reply in items)
            return
        async with self.db.read() as session:
            last, locale = await storage.citizen_window(session, CHANNEL, chat_id)
        self.prepared[chat_id] = deque(
            (reply, SendContext(outgoing_id, "reply", 1, last, locale or "id")) for outgoing_id, reply in items)

    async def context(self, chat_id: str, reply: Reply) -> SendContext:
        """The outbox row being sent (the one claimed for this chat with this payload), its citizen and history."""
        async with self.db.read() as session:
            rows = await storage.sending_rows(session, CHANNEL, chat_id)
            match = next((r for r in rows if _same(r[3], reply)), None)
            if match is None:  # not from the outbox (or already taken back): the citizen is all we know
                last, locale = await storage.citizen_window(session, CHANNEL, chat_id)
                return SendContext(last_inbound_at=last, locale=locale or "id")
            outgoing_id, kind, attempts, _payload, last, locale = match
            ctx = SendContext(outgoing_id, kind, attempts + 1, last, locale or "id")
            if attempts:  # a retry: what did earlier attempts get through, and what did Meta report?
                for receipt in await storage.receipts_of(session, outgoing_id):
                    if receipt.error_code in REQUEUE_AS_TEMPLATE:
                        ctx.window_failed = True
                    if receipt.status != "failed":
                        ctx.done[(receipt.template, receipt.part)] = receipt.channel_message_id
        return ctx

    def _receipt(self, ctx: SendContext, part: int, wamid: str, template_name: str | None) -> dict[str, Any]:
        now = self.clock.now()
        return {"channel": CHANNEL, "channel_message_id": wamid, "outgoing_id": ctx.outgoing_id, "part": part,
                "attempt": ctx.attempt, "template": template_name, "status": "accepted", "rank": 0,
                "created_at": now, "updated_at": now}

    async def _flush_receipts(self) -> None:
        # Many sends, one transaction, off every citizen's critical path (as the Deliverer records "sent"). The
        # database being away (is_transient) keeps every receipt for the next round, after a pause that doubles. Any
        # other error is a row's own (a constraint, a value the column refuses): the batch is halved until the rows
        # that fail alone are found and the others written; a row failing alone RECEIPT_TRIES times is dropped,
        # counted, or it would hold back every later receipt, and the shutdown, for ever.
        await asyncio.sleep(0.01)
        pause = RECEIPT_RETRY[0]
        tries: dict[int, int] = {}  # id() of a row still held here: how often it failed alone
        while self._receipts:
            batch, self._receipts = self._receipts, []
            done: set[int] = set()  # id() of the rows written (or dropped) this round
            error = "a row's own"
            # rows that failed before go one by one: a bad one costs a small transaction a round, not a halving
            fresh = [row for row in batch if id(row) not in tries]
            groups = ([fresh] if fresh else []) + [[row] for row in batch if id(row) in tries]
            try:
                for group in groups:
                    for row in await _write_halving(self._write_receipts, group, done):
                        tries[id(row)] = tries.get(id(row), 0) + 1
                        if tries[id(row)] >= RECEIPT_TRIES:
                            done.add(id(row))
                            _dropped(row)
            except asyncio.CancelledError:  # a shutdown that could not wait: what is not written stays counted
                self._receipts = [row for row in batch if id(row) not in done] + self._receipts
                raise
            except Exception as raised:  # the database is away: this group and the ones after it wait
                error = type(raised).__name__
            for key in done:
                tries.pop(key, None)
            left = [row for row in batch if id(row) not in done]
            if not left:
                pause = RECEIPT_RETRY[0]
                continue
            self._receipts = left + self._receipts
            log.warning("whatsapp receipts not written yet, retrying",
                        extra={"count": len(left), "error": error, "retry_in": pause})
            await asyncio.sleep(pause)
            pause = min(pause * 2, RECEIPT_RETRY[1])

    async def _write_receipts(self, rows: Sequence[dict[str, Any]]) -> None:
        async with self.db.write() as session:
            # A status webhook may have been quicker than this write: its status is kept, and applied if failed.
            failures = [Failure(oid, attempt, code)
                        for oid, attempt, status, code in await storage.write_receipts(session, rows)
                        if status == "failed" and oid is not None]
            in_flight = [f for f in failures if await apply_failure(session, f, self.clock.now()) == "in_flight"]
        if in_flight:
            self.spawn(reapply_failures(self.db, self.clock, in_flight))

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run background work this sender waits for when it stops."""
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def flush(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Write every receipt and finish background work (at shutdown), each waited for at most `timeout`."""
        if self._receipts and (self._flushing is None or self._flushing.done()):
            self._flushing = asyncio.create_task(self._flush_receipts())
        if self._flushing is not None:
            # the database may stay away: a shutdown does not wait for it for ever (the receipts only spare a
            # retry the parts sent already and let a status report find its row)
            _done, pending = await asyncio.wait({self._flushing}, timeout=timeout)
            for task in pending:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
                log.error("whatsapp receipts not written at shutdown", extra={"count": len(self._receipts)})
        if self._tasks:
            _done, pending = await asyncio.wait(set(self._tasks), timeout=timeout)
            for task in pending:
                task.cancel()


async def _write_halving(write: Callable[[list[dict[str, Any]]], Awaitable[None]], rows: list[dict[str, Any]],
                         done: set[int]) -> list[dict[str, Any]]:
    """Write the rows, halving them on a row's own error; those failing alone (is_transient errors are raised)."""
    try:
        await write(rows)
    except Exception as error:
        if is_transient(error):
            raise
        if len(rows) == 1:
            return rows
        middle = len(rows) // 2
        return [*await _write_halving(write, rows[:middle], done), *await _write_halving(write, rows[middle:], done)]
    done.update(id(row) for row in rows)
    return []


def _dropped(row: dict[str, Any]) -> None:
    """Count and log a receipt given up on: never its wamid, text or phone (the outbox row and part say enough)."""
    metrics.RECEIPTS_DROPPED.inc()
    log.error("whatsapp receipt dropped: it cannot be written", extra={
        "outgoing_id": row.get("outgoing_id"), "part": row.get("part"), "attempt": row.get("attempt"),
        "tries": RECEIPT_TRIES})


def _same(payload: Any, reply: Reply) -> bool:
    try:
        return Reply.from_json(payload) == reply
    except (KeyError, TypeError):
        return False


__all__ = ["VOICE_MEDIA_TTL", "WINDOW", "SendContext", "WhatsAppSender"]
