"""The WhatsApp channel at run time: Cloud API webhooks recorded before the 200, outbox sends within Meta's rules.

Receiving: GET /webhooks/whatsapp answers Meta's subscription check; POST checks X-Hub-Signature-256 over
the raw body, records and handles its messages in one group-committed transaction (bot/conversation/batcher.py; a
redelivered wamid is recorded once and does nothing) and records its delivery statuses, and only then
answers 200. The replies, queued already claimed, then go out in order per citizen (ChatSequencer and
Deliverer.send_claimed), exactly as on Telegram.

Sending: the Deliverer claims an outbox row and calls WhatsAppSender.send. Inside the 24-hour customer
service window a reply goes as text, reply buttons, a list or a numbered menu (handlers/whatsapp_render);
outside it, or once Meta reported 131047 for it, the row goes as the approved template configured for its
kind. Rate limits (131056 per citizen, 130429 per number) become SendError(retry_after=...): the row waits
in the outbox instead of failing. Status webhooks land in DeliveryReceipt; a failed one re-queues or fails
its outbox row according to the error code, so nothing is dropped unseen.

SKM posters: the wa.me link's prefilled text "SKM <unit>" starts that unit's survey, as the t.me deep link
does on Telegram (survey_link). Admins' questions: a citizen's answer is claimed by AdminAnswers
(handlers/whatsapp/answers.py, in `interceptors`) before the flows see it.

Media: before a message with a file is recorded, its type and size are checked with the Graph API (a file
we will not take is explained to the citizen; only media messages pay this call before the 200). After the
reply the bytes are downloaded and kept in MediaFile, because media ids from webhooks expire after 7 days
while forwarding may run later; WhatsAppMediaFetcher hands them to the forwarding step (falling back to a
fresh download, and leaving out a file Meta no longer has).

Configuration (the channel is on when the first two are set; Telegram can run beside it):
    WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN   the business number and its (system user) token
    WHATSAPP_APP_SECRET        signs webhooks; without it every POST is refused (401)
    WHATSAPP_VERIFY_TOKEN      echoed by Meta's subscription check (GET)
    WHATSAPP_API_BASE_URL      default https://graph.facebook.com; WHATSAPP_API_VERSION default v25.0
    WHATSAPP_TEMPLATE_NOTIFICATION=laporbot_update   the approved template for messages outside the window;
        WHATSAPP_TEMPLATE_<KIND> for another outbox kind (REPLY, ALERT, ...), the notification one otherwise;
        WHATSAPP_TEMPLATE_<KIND>_PARAMS=text|tracking[,...] its body parameters (default: text)
    WHATSAPP_TEMPLATE_LANGUAGES default id (e.g. "id,en_US": the citizen's language when approved in it)
    WHATSAPP_RATE (80 messages/s), WHATSAPP_PAIR_RETRY_SECONDS (6), WHATSAPP_MARK_READ (1),
    WHATSAPP_MAX_MEDIA_BYTES (16 MB), WHATSAPP_KEEP_MEDIA (1)
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import mimetypes
import re
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from aiohttp import web
from aiolimiter import AsyncLimiter
from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.config.reader import Bool, Float, Int, List, Reader, Secret, Section, Text, Url, Var
from bot.conversation import catchup
from bot.conversation.batcher import TurnBatcher
from bot.conversation.sequencer import ChatSequencer
from bot.core.clock import Clock
from bot.core.i18n import Catalog
from bot.core.image_meta import is_image, strip_metadata
from bot.core.messages import Inbound, Media, Reply
from bot.core.tracking import PREFIX as TRACKING_PREFIX
from bot.ops import supervisor
from bot.outbox.delivery import MAX_ATTEMPTS, Deliverer, SendError
from bot.surveys.units import whatsapp_start_payload
from models import workqueue
from models.db import Database
from models.tables import OUTGOING, Citizen, Conversation, InboundMessage, OutgoingMessage
from models.whatsapp import STATUS_RANK, DeliveryReceipt, MediaFile

from .client import (
    DEFAULT_MAX_MEDIA_BYTES,
    PAIR_RETRY_AFTER,
    MediaRejected,
    MediaTooLarge,
    PairRateLimited,
    PermanentError,
    RetryLater,
    TransientError,
    WhatsAppClient,
    WhatsAppError,
    WindowClosed,
)
from .payload import CHANNEL, StatusEvent, parse_webhook, valid_signature, verify_challenge
from .render import render, shorten, template

if TYPE_CHECKING:
    from bot.app import Core
    from bot.forwarding.central import OutgoingAttachment
    from models.tables import Attachment

log = logging.getLogger("laporbot.whatsapp")

WEBHOOK_PATH = "/webhooks/whatsapp"
SIGNATURE_HEADER = "X-Hub-Signature-256"
DEFAULT_BASE_URL = "https://graph.facebook.com"
DEFAULT_API_VERSION = "v25.0"
# Meta counts 24 hours from the citizen's last message; a few minutes are kept back for queueing and clocks.
WINDOW = timedelta(hours=24) - timedelta(minutes=5)
TEMPLATE_PARAM_LIMIT = 900  # a template body is at most 1,024 characters with its fixed words
PARAM_SOURCES = ("text", "tracking")
CHECK_TIMEOUT = 5.0  # seconds for the media check made before a webhook is answered
_TRACKING = re.compile(rf"\b{TRACKING_PREFIX}-[0-9A-Z]{{7}}\b")

# What a failed status means for the outbox row it belongs to.
REQUEUE_AS_TEMPLATE = frozenset({131047})  # the window had closed: the template goes instead
RETRY_CODES = frozenset({1, 2, 4, 80007, 130429, 131000, 131016, 131056, 133004})  # Meta-side or throughput


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class TemplateSpec:
    """An approved template and where its body parameters come from ("text" or "tracking")."""

    name: str
    params: tuple[str, ...] = ("text",)


_TURN_ON = ("turn the WhatsApp Cloud API channel on (beside Telegram if both are set); webhook at "
            "`/webhooks/whatsapp`")


@dataclass(frozen=True)
class WhatsAppConfig(Section):
    """The WHATSAPP_* settings."""

    TABLE: ClassVar[str] = "core"
    VARS: ClassVar[tuple[Var, ...]] = (
        Var("WHATSAPP_PHONE_NUMBER_ID", Text(), "", _TURN_ON + ": the business number's id", field="phone_number_id"),
        Var("WHATSAPP_ACCESS_TOKEN", Secret(), "", _TURN_ON + ": its (system user) token", field="access_token"),
        Var("WHATSAPP_APP_SECRET", Secret(), "", "`X-Hub-Signature-256` check (401 without a match; required: "
            "without it `laporbot run` refuses to start)", field="app_secret"),
        Var("WHATSAPP_VERIFY_TOKEN", Secret(), "", "Meta's subscription check (403 on a wrong or unset token)",
            field="verify_token"),
        Var("WHATSAPP_API_BASE_URL", Url(), DEFAULT_BASE_URL, "the Graph API (or the test fake)",
            field="api_base_url", shown="graph.facebook.com"),
        Var("WHATSAPP_API_VERSION", Text(), DEFAULT_API_VERSION, "the Graph API version", field="api_version"),
        Var("WHATSAPP_TEMPLATE_NOTIFICATION", Text(), None, "approved template (e.g. `laporbot_update`) for "
            "messages outside the 24-hour window; `WHATSAPP_TEMPLATE_<KIND>` and `WHATSAPP_TEMPLATE_<KIND>_PARAMS` "
            "(`text`, `tracking`) per outbox kind"),
        Var("WHATSAPP_TEMPLATE_LANGUAGES", List(), ("id",), "template languages, e.g. `id,en_US` (the citizen's "
            "language when approved in it); also read as `WHATSAPP_TEMPLATE_LANGUAGE`"),
        Var("WHATSAPP_TEMPLATE_LANGUAGE", List(), (), "the same as `WHATSAPP_TEMPLATE_LANGUAGES`, which it "
            "overrides"),
        Var("WHATSAPP_RATE", Float(0, 1e6, positive=True), 80.0, "messages/s per business number", field="rate"),
        Var("WHATSAPP_PAIR_RETRY_SECONDS", Float(0, 3600, positive=True), PAIR_RETRY_AFTER,
            "wait before another message to the same citizen after 131056", field="pair_retry"),
        Var("WHATSAPP_MARK_READ", Bool(), True, "blue ticks", field="mark_read"),
        Var("WHATSAPP_KEEP_MEDIA", Bool(), True, "keep media bytes (ids expire after 7 days)", field="keep_media"),
        Var("WHATSAPP_MAX_MEDIA_BYTES", Int(1, 10**10), DEFAULT_MAX_MEDIA_BYTES, "largest file taken, bytes",
            field="max_media_bytes", shown="16 MB"),
    )

    phone_number_id: str
    access_token: str
    app_secret: str = ""
    verify_token: str = ""
    api_base_url: str = DEFAULT_BASE_URL
    api_version: str = DEFAULT_API_VERSION
    templates: Mapping[str, TemplateSpec] = field(default_factory=dict)  # by outbox kind
    template_languages: tuple[str, ...] = ("id",)
    rate: float = 80.0  # messages per second per business number
    pair_retry: float = PAIR_RETRY_AFTER  # seconds to wait after 131056 (too many to one citizen)
    mark_read: bool = True
    max_media_bytes: int = DEFAULT_MAX_MEDIA_BYTES
    keep_media: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> WhatsAppConfig | None:  # type: ignore[override]
        """The channel's configuration, or None when WHATSAPP_PHONE_NUMBER_ID / _ACCESS_TOKEN are not both set.

        Wrong values are logged and their defaults used; `laporbot config check` lists them (bot/sections.py).
        """
        config, problems = cls.parse(env)
        if not (config.phone_number_id and config.access_token):
            return None
        for problem in problems:
            log.error("%s", problem)
        return config

    @classmethod
    def build(cls, values: dict[str, Any], reader: Reader) -> WhatsAppConfig:
        """The settings with the templates of WHATSAPP_TEMPLATE_<KIND>; checks only when the channel is on."""
        env = reader.env
        templates: dict[str, TemplateSpec] = {}
        for key, name in env.items():
            kind = key.removeprefix("WHATSAPP_TEMPLATE_")
            if kind == key or not name or kind.endswith("_PARAMS") or kind in ("LANGUAGE", "LANGUAGES"):
                continue
            raw = env.get(f"{key}_PARAMS", "text")
            params = tuple(p.strip().lower() for p in raw.split(",") if p.strip())
            unknown = [p for p in params if p not in PARAM_SOURCES]
            if unknown:
                reader.problem(f"{key}_PARAMS", f"unknown parameter source(s) {', '.join(unknown)}; use "
                               f"{' or '.join(PARAM_SOURCES)}")
                params = tuple(p for p in params if p in PARAM_SOURCES)
            templates[kind.lower()] = TemplateSpec(name.strip(), params)
        languages = (reader.read(cls.var("WHATSAPP_TEMPLATE_LANGUAGE"))
                     or reader.read(cls.var("WHATSAPP_TEMPLATE_LANGUAGES")) or ("id",))
        config = cls(**values, templates=templates, template_languages=languages)
        if config.phone_number_id or config.access_token:
            if config.phone_number_id and config.access_token and not config.app_secret:
                reader.problem("WHATSAPP_APP_SECRET", "not set, so no webhook could be verified and WhatsApp would "
                               "never receive a message; set the app secret from Meta's app dashboard")
            if config.phone_number_id and not re.fullmatch(r"[0-9]{1,32}", config.phone_number_id):
                reader.problem("WHATSAPP_PHONE_NUMBER_ID", "digits only (the id from Meta's app dashboard)")
            if not re.fullmatch(r"v?[0-9]{1,3}(\.[0-9]{1,3})?", config.api_version):
                reader.problem("WHATSAPP_API_VERSION", f"expected like v25.0, got {config.api_version!r}")
        return config

    def template_for(self, kind: str) -> TemplateSpec | None:
        """The template for an outbox kind; the notification template stands in for kinds without one."""
        return self.templates.get(kind) or self.templates.get("notification")

    def template_language(self, locale: str | None) -> str:
        """The template language for a citizen's locale ("en" matches "en_US"); the first one otherwise."""
        for code in self.template_languages:
            if locale and code.split("_")[0].lower() == locale.split("_")[0].lower():
                return code
        return self.template_languages[0]


def make_client(config: WhatsAppConfig) -> WhatsAppClient:
    """The Graph API client for the configured business number."""
    return WhatsAppClient(config.api_base_url, config.api_version, config.phone_number_id, config.access_token,
                          max_media_bytes=config.max_media_bytes)


# --------------------------------------------------------------------------- sending


VOICE_MEDIA_TTL = timedelta(days=25)  # Meta keeps uploaded media for 30 days


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
            # Written now, before the Deliverer re-queues the row: its retry sends only the parts still missing.
            if accepted:
                await self._write_receipts(accepted)
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
            found = (await session.exec(
                select(Citizen.last_inbound_at, Conversation.locale).select_from(Citizen)
                .outerjoin(Conversation, col(Conversation.citizen_id) == col(Citizen.id))
                .where(Citizen.channel == CHANNEL, Citizen.channel_user_id == chat_id))).first()
        last, locale = found if found else (None, None)
        self.prepared[chat_id] = deque(
            (reply, SendContext(outgoing_id, "reply", 1, last, locale or "id")) for outgoing_id, reply in items)

    async def context(self, chat_id: str, reply: Reply) -> SendContext:
        """The outbox row being sent (the one claimed for this chat with this payload), its citizen and history."""
        query = (select(OutgoingMessage.id, OutgoingMessage.kind, OutgoingMessage.attempts, OutgoingMessage.payload,
                        Citizen.last_inbound_at, Conversation.locale)
                 .select_from(OutgoingMessage)
                 .outerjoin(Citizen, col(Citizen.id) == col(OutgoingMessage.citizen_id))
                 .outerjoin(Conversation, col(Conversation.citizen_id) == col(OutgoingMessage.citizen_id))
                 .where(OutgoingMessage.channel == CHANNEL, OutgoingMessage.chat_id == chat_id,
                        OutgoingMessage.status == "sending")
                 .order_by(col(OutgoingMessage.id)))
        async with self.db.read() as session:
            rows = (await session.exec(query)).all()
            match = next((r for r in rows if _same(r[3], reply)), None)
            if match is None:  # not from the outbox (or already taken back): the citizen is all we know
                found = (await session.exec(
                    select(Citizen.last_inbound_at, Conversation.locale).select_from(Citizen)
                    .outerjoin(Conversation, col(Conversation.citizen_id) == col(Citizen.id))
                    .where(Citizen.channel == CHANNEL, Citizen.channel_user_id == chat_id))).first()
                last, locale = found if found else (None, None)
                return SendContext(last_inbound_at=last, locale=locale or "id")
            outgoing_id, kind, attempts, _payload, last, locale = match
            ctx = SendContext(outgoing_id, kind, attempts + 1, last, locale or "id")
            if attempts:  # a retry: what did earlier attempts get through, and what did Meta report?
                receipts = (await session.exec(select(DeliveryReceipt).where(
                    DeliveryReceipt.outgoing_id == outgoing_id))).all()
                for receipt in receipts:
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
        # Many sends, one transaction, off every citizen's critical path (as the Deliverer records "sent").
        await asyncio.sleep(0.01)
        while self._receipts:
            batch, self._receipts = self._receipts, []
            try:
                await self._write_receipts(batch)
            except Exception:  # the database may be briefly away: keep them for the next round
                log.exception("whatsapp receipts not written", extra={"count": len(batch)})
                self._receipts = batch + self._receipts
                await asyncio.sleep(1)

    async def _write_receipts(self, rows: Sequence[dict[str, Any]]) -> None:
        async with self.db.write() as session:
            stmt = _insert(session, DeliveryReceipt).values(list(rows))
            # A status webhook may have been quicker than this write: keep its status, add what it lacked.
            stmt = stmt.on_conflict_do_update(
                index_elements=["channel", "channel_message_id"],
                set_={"outgoing_id": stmt.excluded.outgoing_id, "part": stmt.excluded.part,
                      "attempt": stmt.excluded.attempt, "template": stmt.excluded.template},
            ).returning(DeliveryReceipt.outgoing_id, DeliveryReceipt.attempt, DeliveryReceipt.status,
                        DeliveryReceipt.error_code)
            failures = [Failure(oid, attempt, code) for oid, attempt, status, code in (await session.execute(stmt))
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
        """Write every receipt and finish background work (at shutdown)."""
        if self._flushing is not None:
            await self._flushing
        if self._receipts:
            await self._flush_receipts()
        if self._tasks:
            _done, pending = await asyncio.wait(set(self._tasks), timeout=timeout)
            for task in pending:
                task.cancel()


def _as_error(code: int | None) -> WhatsAppError:
    """The client error a failed status code stands for."""
    if code in REQUEUE_AS_TEMPLATE:
        return WindowClosed("customer service window closed (status)", code=code)
    if code == 131056:
        return PairRateLimited("too many messages to this user (status)", code=code, retry_after=PAIR_RETRY_AFTER)
    if code in RETRY_CODES:
        return TransientError("failed status, retryable", code=code)
    return PermanentError("failed status", code=code)


def _same(payload: Any, reply: Reply) -> bool:
    try:
        return Reply.from_json(payload) == reply
    except (KeyError, TypeError):
        return False


def _insert(session: AsyncSession, table: Any) -> Any:
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


# --------------------------------------------------------------------------- delivery statuses


async def record_statuses(db: Database, clock: Clock, events: Sequence[StatusEvent]) -> list[Failure]:
    """Keep each message's furthest status; a failed one re-queues or fails its outbox row by error code.

    Returns the failures whose outbox row was still being sent (to be applied again once it is marked sent).
    """
    if not events:
        return []
    now = clock.now()
    in_flight: list[Failure] = []
    async with db.write() as session:
        for event in sorted(events, key=lambda e: (e.timestamp, STATUS_RANK.get(e.status, 0))):
            rank = STATUS_RANK.get(event.status)
            if rank is None:
                continue  # e.g. "deleted", "warning": nothing we act on
            stmt = _insert(session, DeliveryReceipt).values(
                channel=CHANNEL, channel_message_id=event.message_id, status=event.status, rank=rank,
                error_code=event.error_code, created_at=now, updated_at=now, part=0, attempt=0)
            newer = stmt.excluded.rank > DeliveryReceipt.rank
            stmt = stmt.on_conflict_do_update(
                index_elements=["channel", "channel_message_id"],
                set_={"status": case((newer, stmt.excluded.status), else_=DeliveryReceipt.status),
                      "rank": case((newer, stmt.excluded.rank), else_=DeliveryReceipt.rank),
                      "error_code": case((newer, stmt.excluded.error_code), else_=DeliveryReceipt.error_code),
                      "updated_at": now},
            ).returning(DeliveryReceipt.outgoing_id, DeliveryReceipt.attempt)
            outgoing_id, attempt = (await session.execute(stmt)).one()
            if event.status == "failed":
                log.warning("whatsapp message failed", extra={"outgoing_id": outgoing_id, "code": event.error_code})
                if outgoing_id is not None:
                    failure = Failure(outgoing_id, attempt, event.error_code)
                    if await apply_failure(session, failure, now) == "in_flight":
                        in_flight.append(failure)
    return in_flight


@dataclass(frozen=True)
class Failure:
    """Meta reported that a message of this outbox row's attempt failed with this code."""

    outgoing_id: int
    attempt: int
    code: int | None


async def apply_failure(session: AsyncSession, failure: Failure, now: datetime) -> str:
    """Re-queue (131047: as a template; rate limits and Meta errors: later) or fail the row; say what happened."""
    code = failure.code
    reason = f"whatsapp status failed code={code}"
    # Only the latest attempt of a row that went out counts: a late report about an older send changes nothing.
    latest = [OutgoingMessage.status == "sent", OutgoingMessage.attempts == failure.attempt]
    if code in REQUEUE_AS_TEMPLATE and failure.attempt < MAX_ATTEMPTS:
        status = "pending"
        changed = await workqueue.retry(session, OUTGOING, [failure.outgoing_id], now=now, delay=timedelta(0),
                                        reason=reason, where=latest, values={"not_before": None})
    elif code in RETRY_CODES and failure.attempt < MAX_ATTEMPTS:
        status = "pending"
        delay = (timedelta(seconds=PAIR_RETRY_AFTER) if code == 131056
                 else workqueue.backoff(failure.attempt, cap=300))
        changed = await workqueue.retry(session, OUTGOING, [failure.outgoing_id], now=now, delay=delay,
                                        reason=reason, where=latest)
    else:  # e.g. 131026 undeliverable, 131051 unsupported type, 132xxx template problems; or out of attempts
        status = "failed"
        changed = await workqueue.fail(session, OUTGOING, [failure.outgoing_id], now=now, reason=reason,
                                       where=latest)
    if changed:
        log.warning("whatsapp send re-queued" if status == "pending" else "whatsapp send failed",
                    extra={"outgoing_id": failure.outgoing_id, "code": code})
        return status
    row = await session.get(OutgoingMessage, failure.outgoing_id)
    if row is not None and row.status == "sending" and row.attempts == failure.attempt - 1:
        return "in_flight"  # the Deliverer marks it sent in a moment; apply this again then
    return "stale"


async def reapply_failures(db: Database, clock: Clock, failures: Sequence[Failure], rounds: int = 10) -> None:
    """Apply failures that arrived while their row was still being sent, once the Deliverer marks it sent."""
    for _ in range(rounds):
        await asyncio.sleep(1)
        left: list[Failure] = []
        async with db.write() as session:
            for failure in failures:
                if await apply_failure(session, failure, clock.now()) == "in_flight":
                    left.append(failure)
        if not left:
            return
        failures = left
    log.warning("whatsapp failure not applied: row still sending", extra={"count": len(failures)})


# --------------------------------------------------------------------------- media


class MediaKeeper:
    """Checks a citizen's file with the Graph API before it is handled; downloads and keeps it afterwards."""

    def __init__(self, client: WhatsAppClient, db: Database, clock: Clock) -> None:
        self.client = client
        self.db = db
        self.clock = clock
        self._downloads = asyncio.Semaphore(4)  # files can be 16 MB: a few at a time

    async def check(self, msg: Inbound) -> Inbound:
        """The message with files of a type or size we do not take left out, so the engine explains it."""
        kept: list[Media] = []
        refused: str | None = None
        for item in msg.media:
            try:
                info = await asyncio.wait_for(self.client.media_info(item.ref), CHECK_TIMEOUT)
            except MediaRejected as error:
                refused = "whatsapp_too_large" if isinstance(error, MediaTooLarge) else "whatsapp_media_type"
                continue
            except (WhatsAppError, TimeoutError) as error:  # Graph API slow or away: take it, the download checks
                log.warning("whatsapp media check failed", extra={"error": type(error).__name__})
                kept.append(item)
                continue
            kept.append(replace(item, mime=info.mime, size=info.size if info.size is not None else item.size))
        if kept:
            return replace(msg, media=tuple(kept))
        log.info("whatsapp media refused", extra={"reason": refused})
        # Nothing usable: the caption alone would pass for an answer, so the citizen is told instead.
        return replace(msg, media=(), text=None, unsupported=refused)

    async def keep(self, wamid: str, media: Sequence[Media]) -> None:
        """Download and store each file not stored yet (media ids from webhooks expire after 7 days)."""
        for item in media:
            async with self.db.read() as session:
                if (await session.exec(select(MediaFile.id).where(
                        MediaFile.channel == CHANNEL, MediaFile.ref == item.ref))).first() is not None:
                    continue
                inbound_id = (await session.exec(select(InboundMessage.id).where(
                    InboundMessage.channel == CHANNEL, InboundMessage.channel_message_id == wamid))).first()
            async with self._downloads:
                try:
                    data, mime = await self.client.download_media(item.ref)
                except WhatsAppError as error:
                    log.warning("whatsapp media not kept", extra={"error": type(error).__name__})
                    continue
            if is_image(None, mime):  # kept without EXIF/XMP (GPS, camera, names): admins and forwarding see this
                cleaned = await asyncio.to_thread(strip_metadata, data)
                if cleaned is not None:
                    data, mime = cleaned
            async with self.db.write() as session:
                await session.execute(_insert(session, MediaFile).values(
                    channel=CHANNEL, ref=item.ref, inbound_id=inbound_id, mime=mime, size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(), data=data, created_at=self.clock.now(),
                ).on_conflict_do_nothing(index_elements=["channel", "ref"]))


class WhatsAppMediaFetcher:
    """The forwarding step's AttachmentFetcher for WhatsApp files: the kept bytes, else a fresh download."""

    def __init__(self, db: Database, client: WhatsAppClient) -> None:
        self.db = db
        self.client = client

    async def __call__(self, attachment: Attachment) -> OutgoingAttachment | None:
        """The file's bytes; None when Meta no longer has it or it is not a file we take."""
        from bot.forwarding.central import OutgoingAttachment

        async with self.db.read() as session:
            kept = (await session.exec(select(MediaFile).where(
                MediaFile.channel == CHANNEL, MediaFile.ref == attachment.file_ref))).first()
        if kept is not None:
            data, mime = kept.data, kept.mime
        else:
            try:
                data, mime = await self.client.download_media(attachment.file_ref)
            except (MediaRejected, PermanentError):  # refused, or expired at Meta: the complaint goes without
                return None
        kind = {"voice": "audio", "sticker": "photo"}.get(attachment.kind, attachment.kind)
        name = attachment.name or f"{attachment.kind}-{attachment.id}{mimetypes.guess_extension(mime) or ''}"
        return OutgoingAttachment(kind=kind, filename=name, mime=mime, content=data)


# --------------------------------------------------------------------------- the channel


@dataclass(frozen=True)
class Job:
    """After a citizen's message was handled: its replies (already claimed) to send, and what else to do."""

    chat_id: str
    items: list[tuple[int, Reply]]
    wamid: str  # to mark it read
    files: tuple[Media, ...] = ()  # to download and keep
    claimed_until: datetime | None = None  # the replies' claim, set in the commit that queued them
    received_at: datetime | None = None  # when the citizen's message was recorded
    locale: str | None = None  # the conversation's language after the turn


class WhatsAppChannel:
    """Receives Cloud API webhooks, records and handles them (group commit), sends replies in order per citizen."""

    def __init__(self, core: Core, config: WhatsAppConfig, client: WhatsAppClient | None = None) -> None:
        self.core = core
        self.config = config
        self.client = client or make_client(config)
        self.sender = WhatsAppSender(self.client, core.db, core.engine.catalog, core.clock, config)
        core.deliverer.add_sender(CHANNEL, self.sender)
        self.media = MediaKeeper(self.client, core.db, core.clock)
        self.batcher = TurnBatcher(core.inbox)
        self.sequencer: ChatSequencer[Job] = ChatSequencer(self._work)
        self._background: set[asyncio.Task[Any]] = set()
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._accepting = False
        # Claim the messages that are not for the citizen flows (an answer to an admin's question) before
        # they are recorded as a turn; as TelegramChannel.interceptors, first to return True wins.
        from .answers import AdminAnswers

        self.interceptors: list[Callable[[Inbound], Awaitable[bool]]] = [
            AdminAnswers(core, self._answer_claimed).intercept]

    def _answer_claimed(self, msg: Inbound) -> None:
        """An admin's question answered: blue ticks, the media kept, and the citizen's acknowledgement sent."""
        if self.config.mark_read:
            self._spawn(self._mark_read(msg.message_id))
        if msg.media and self.config.keep_media:
            self._spawn(self.media.keep(msg.message_id, msg.media))
        self._spawn(self.core.deliverer.deliver_pending(CHANNEL))

    @property
    def deliverer(self) -> Deliverer:
        """The outbox sender shared by every channel."""
        return self.core.deliverer

    def install(self, app: web.Application) -> None:
        """Add the webhook routes to the process's web server."""
        app.router.add_get(WEBHOOK_PATH, self.on_verify)
        app.router.add_post(WEBHOOK_PATH, self.on_webhook)

    async def start(self) -> None:
        """Resume unfinished work, then take webhooks and retry sends."""
        if not self.config.app_secret:
            log.error("WHATSAPP_APP_SECRET is not set: every webhook POST is refused (401)")
        if not self.config.templates:
            log.warning("no WHATSAPP_TEMPLATE_NOTIFICATION: messages outside the 24-hour window will fail")
        await self.resume()
        self._accepting = True
        self._tasks.append(supervisor.supervise("whatsapp.retry_sends", lambda: catchup.retry_sends(
            self.core, CHANNEL, self._stop), stop=self._stop))  # --- poison: supervised ---
        log.info("whatsapp webhook ready", extra={"path": WEBHOOK_PATH})

    async def resume(self) -> None:
        """Handle what was recorded but not handled before a restart, and send what was not sent."""
        await catchup.resume(self.core, CHANNEL)

    async def stop(self) -> None:
        """Stop taking webhooks, finish what was taken, close the client."""
        self._accepting = False
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.sequencer.join()
        await self.deliverer.flush()
        await self.sender.flush()
        if self._background:
            await asyncio.wait(set(self._background), timeout=10)
        await self.client.close()

    async def on_verify(self, request: web.Request) -> web.Response:
        """Meta's subscription check: echo hub.challenge when hub.verify_token is ours."""
        challenge = verify_challenge(request.query, self.config.verify_token)
        if challenge is None:
            log.warning("whatsapp webhook verification refused")
            return web.Response(status=403)
        return web.Response(text=challenge)

    async def on_webhook(self, request: web.Request) -> web.Response:
        """Meta's POST: check the signature over the raw bytes, record and handle everything, then answer 200."""
        raw = await request.read()
        if not valid_signature(raw, request.headers.get(SIGNATURE_HEADER), self.config.app_secret):
            log.warning("whatsapp webhook with a bad signature refused")
            return web.Response(status=401)
        if not self._accepting:
            return web.Response(status=503)  # shutting down: Meta will redeliver
        # Signed by Meta but malformed (wholly or in part): acknowledged, since a redelivery would be the same;
        # parse_webhook never raises, and what it skipped is logged by reason only (no content).
        await self.take(raw)
        return web.Response(text="ok")

    async def take(self, body: Mapping[str, Any] | bytes) -> None:
        """Record and handle a webhook's messages (a redelivered wamid does nothing) and record its statuses.

        Returns once everything is committed: until then Meta has no 200 and will deliver again.
        """
        batch = parse_webhook(body, self.config.phone_number_id)
        if batch.malformed:
            log.warning("malformed whatsapp webhook parts skipped", extra={"count": len(batch.malformed),
                                                                         "reason": batch.malformed[0]})
        messages: list[Inbound] = []
        for msg in batch.inbound:
            # The phone number is personal data (UU PDP): the identity is enough to answer, so it is not kept.
            msg = replace(msg, phone=None)
            msg = survey_link(await self.media.check(msg) if msg.media else msg)
            if await self._intercepted(msg):
                continue
            messages.append(msg)
        futures = self.batcher.submit_many(messages)
        for msg, future in zip(messages, futures, strict=True):
            handled = await future
            if handled.outgoing_ids or msg.media:
                items = list(zip(handled.outgoing_ids, handled.replies, strict=True))
                self.sequencer.submit(f"{CHANNEL}:{msg.user_id}", Job(msg.user_id, items, msg.message_id, msg.media,
                                                                             handled.claimed_until,
                                                                             handled.received_at, handled.locale))
        in_flight = await record_statuses(self.core.db, self.core.clock, batch.statuses)
        if in_flight:
            self.sender.spawn(reapply_failures(self.core.db, self.core.clock, in_flight))

    async def _intercepted(self, msg: Inbound) -> bool:
        for intercept in self.interceptors:
            if await intercept(msg):
                return True
        return False

    async def _work(self, job: Job) -> None:
        if self.config.mark_read:
            self._spawn(self._mark_read(job.wamid))  # blue ticks: the citizen sees we have it
        if job.items:
            await self.sender.prepare(job.chat_id, job.items, last_inbound_at=job.received_at, locale=job.locale)
            try:
                await self.deliverer.send_claimed(CHANNEL, job.chat_id, job.items, claimed_until=job.claimed_until)
            finally:
                self.sender.prepared.pop(job.chat_id, None)
        if job.files and self.config.keep_media:
            self._spawn(self.media.keep(job.wamid, job.files))

    async def _mark_read(self, wamid: str) -> None:
        try:
            await self.client.mark_read(wamid)
        except WhatsAppError as error:  # cosmetic: never worth a retry
            log.debug("mark read failed: %s", type(error).__name__)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)


def survey_link(msg: Inbound) -> Inbound:
    """The text of a unit's wa.me poster link ("SKM <unit>", sent as is or retyped with other case or spaces) as
    the deep link Telegram's poster gives ("/start skm_<unit>"): the unit's SKM survey starts.

    Only for a unit that exists, so that "skm jelek" typed as an answer stays an answer.
    """
    if msg.command or msg.choice_id or msg.media or not msg.text:
        return msg
    payload = whatsapp_start_payload(msg.text)
    if payload is None:
        return msg
    from bot.settings import ConfigError
    from bot.surveys.config import survey_config
    from bot.surveys.units import UnitsError

    try:
        unit = survey_config().units().from_start_payload(payload)
    except (ConfigError, UnitsError):  # a units file broken since start-up: the flows say what they can
        return msg
    if unit is None:
        return msg
    return replace(msg, command="start", text=payload)


def make_whatsapp_channel(core: Core) -> WhatsAppChannel | None:
    """The channel when WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN are set."""
    config = WhatsAppConfig.from_env(core.settings.extra)
    return WhatsAppChannel(core, config) if config is not None else None


def whatsapp_fetcher(core: Core) -> WhatsAppMediaFetcher | None:
    """The forwarding step's fetcher for WhatsApp attachments (run_workers(fetchers={"whatsapp": ...}))."""
    config = WhatsAppConfig.from_env(core.settings.extra)
    return WhatsAppMediaFetcher(core.db, make_client(config)) if config is not None else None


__all__ = [
    "CHANNEL",
    "WEBHOOK_PATH",
    "Failure",
    "Job",
    "MediaKeeper",
    "SendContext",
    "TemplateSpec",
    "WhatsAppChannel",
    "WhatsAppConfig",
    "WhatsAppMediaFetcher",
    "WhatsAppSender",
    "apply_failure",
    "make_whatsapp_channel",
    "reapply_failures",
    "record_statuses",
    "survey_link",
    "whatsapp_fetcher",
]
