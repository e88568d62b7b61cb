"""The WhatsApp channel at run time: Cloud API webhooks recorded before the 200, replies sent in order per citizen.

Receiving: GET /webhooks/whatsapp answers Meta's subscription check; POST checks X-Hub-Signature-256 over
the raw body, records and handles its messages in one group-committed transaction (bot/conversation/batcher.py; a
redelivered wamid is recorded once and does nothing) and records its delivery statuses, and only then
answers 200. The replies, queued already claimed, then go out in order per citizen (the ChannelRuntime of
bot/conversation/runtime.py and Deliverer.send_claimed), exactly as on Telegram.

The rest of the channel, by module: config.py (the WHATSAPP_* settings), sender.py (outbox rows sent within
Meta's 24-hour window rules), statuses.py (delivery statuses applied to their outbox rows), media.py (files
checked, kept and handed to forwarding), answers.py (a citizen's answer to an admin's question), payload.py,
schema.py, render.py and client.py (the Cloud API's shapes, our replies in them, the Graph API calls).

SKM posters: the wa.me link's prefilled text "SKM <unit>" starts that unit's survey, as the t.me deep link
does on Telegram (survey_link). Admins' questions: a citizen's answer is claimed by AdminAnswers
(handlers/whatsapp/answers.py, in the runtime's `interceptors`) before the flows see it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from aiohttp import web

from bot.conversation.runtime import ChannelRuntime
from bot.core.messages import Arrival, Inbound, Media, Reply
from bot.outbox.delivery import Deliverer
from bot.surveys.config import SurveyConfig
from bot.surveys.units import whatsapp_start_payload

from .answers import AdminAnswers
from .answers import Parts as AnswerParts
from .client import WhatsAppClient, WhatsAppError
from .config import WhatsAppConfig, make_client
from .media import MediaKeeper, WhatsAppMediaFetcher
from .payload import CHANNEL, parse_webhook, valid_signature, verify_challenge
from .sender import WhatsAppSender
from .statuses import reapply_failures, record_statuses

if TYPE_CHECKING:
    from bot.config.reader import Section
    from bot.conversation.inbox import Inbox
    from bot.core.clock import Clock
    from flows.engine import Engine
    from models.db import Database


S = TypeVar("S", bound="Section")


class FetcherParts(Protocol):
    """What the media fetcher of forwarding uses of the process (bot.app.Core has them): the database, and the
    settings sections bot/wiring.py read (WHATSAPP_*, the survey units) with their problems."""

    db: Database

    def section(self, kind: type[S], *, checked: bool = False) -> S: ...

    def problems(self, kind: type[Section]) -> list[str]: ...


class Parts(FetcherParts, AnswerParts, Protocol):
    """What the WhatsApp channel uses of the process (bot.app.Core has them): its own parts, its runtime's
    (bot.conversation.catchup.Parts: db, inbox, deliverer) and its admin answers' (.answers.Parts)."""

    engine: Engine
    clock: Clock
    inbox: Inbox
    deliverer: Deliverer


log = logging.getLogger("laporbot.whatsapp")

WEBHOOK_PATH = "/webhooks/whatsapp"
SIGNATURE_HEADER = "X-Hub-Signature-256"


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
    """Receives Cloud API webhooks, records and handles them (group commit), sends replies in order per citizen.

    What every channel does (group commit, per-chat order, interceptors, catch-up, background work, start and
    stop) is its `runtime` (bot/conversation/runtime.py); this class keeps what is WhatsApp's. Its interceptors
    read the parsed Inbound: a citizen's answer to an admin's question is claimed (AdminAnswers) before it is
    recorded as a turn.
    """

    def __init__(self, core: Parts, config: WhatsAppConfig, client: WhatsAppClient | None = None, *,
                 group_commit_wait: float = 0.0) -> None:
        self.core = core
        self.config = config
        self.surveys = core.section(SurveyConfig)  # the units a poster's "SKM <unit>" text may name
        self.client = client or make_client(config)
        self.sender = WhatsAppSender(self.client, core.db, core.engine.catalog, core.clock, config)
        core.deliverer.add_sender(CHANNEL, self.sender)
        self.media = MediaKeeper(self.client, core.db, core.clock)
        self.runtime: ChannelRuntime[Job] = ChannelRuntime(core, CHANNEL, self._work,
                                                           group_commit_wait=group_commit_wait)
        self.runtime.interceptors.append(AdminAnswers(core, self._answer_claimed).intercept)

    def _answer_claimed(self, msg: Inbound) -> None:
        """An admin's question answered: blue ticks, the media kept, and the citizen's acknowledgement sent."""
        if self.config.mark_read:
            self.runtime.spawn(self._mark_read(msg.message_id))
        if msg.media and self.config.keep_media:
            self.runtime.spawn(self.media.keep(msg.message_id, msg.media))
        self.runtime.spawn(self.core.deliverer.deliver_pending(CHANNEL))

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
        await self.runtime.start()
        log.info("whatsapp webhook ready", extra={"path": WEBHOOK_PATH})

    async def stop(self) -> None:
        """Stop taking webhooks, finish what was taken (the runtime), write the last receipts, close the client."""
        await self.runtime.stop()
        await self.sender.flush()
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
        if not self.runtime.accepting:
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
            msg = survey_link(await self.media.check(msg) if msg.media else msg, self.surveys)
            if await self.runtime.intercepted(Arrival(msg)):
                continue
            messages.append(msg)
        futures = self.runtime.submit(messages)
        for msg, future in zip(messages, futures, strict=True):
            handled = await future
            if handled.outgoing_ids or msg.media:
                items = list(zip(handled.outgoing_ids, handled.replies, strict=True))
                self.runtime.queue(msg.user_id, Job(msg.user_id, items, msg.message_id, msg.media,
                                                    handled.claimed_until, handled.received_at, handled.locale))
        in_flight = await record_statuses(self.core.db, self.core.clock, batch.statuses)
        if in_flight:
            self.sender.spawn(reapply_failures(self.core.db, self.core.clock, in_flight))

    async def _work(self, job: Job) -> None:
        if self.config.mark_read:
            self.runtime.spawn(self._mark_read(job.wamid))  # blue ticks: the citizen sees we have it
        if job.items:
            await self.sender.prepare(job.chat_id, job.items, last_inbound_at=job.received_at, locale=job.locale)
            try:
                await self.deliverer.send_claimed(CHANNEL, job.chat_id, job.items, claimed_until=job.claimed_until)
            finally:
                self.sender.prepared.pop(job.chat_id, None)
        if job.files and self.config.keep_media:
            self.runtime.spawn(self.media.keep(job.wamid, job.files))

    async def _mark_read(self, wamid: str) -> None:
        try:
            await self.client.mark_read(wamid)
        except WhatsAppError as error:  # cosmetic: never worth a retry
            log.debug("mark read failed: %s", type(error).__name__)


def survey_link(msg: Inbound, surveys: SurveyConfig) -> Inbound:
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
    from bot.surveys.units import UnitsError

    try:
        unit = surveys.units().from_start_payload(payload)
    except (ConfigError, UnitsError):  # a units file broken since start-up: the flows say what they can
        return msg
    if unit is None:
        return msg
    return replace(msg, command="start", text=payload)


def channel_config(core: FetcherParts) -> WhatsAppConfig | None:
    """The channel's configuration as the composition root read it, None when it is not turned on; wrong values
    are logged and their defaults used (`laporbot config check` lists them)."""
    return WhatsAppConfig.turned_on(core.section(WhatsAppConfig), core.problems(WhatsAppConfig))


def make_whatsapp_channel(core: Parts, group_commit_wait: float = 0.0) -> WhatsAppChannel | None:
    """The channel when WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN are set."""
    config = channel_config(core)
    return WhatsAppChannel(core, config, group_commit_wait=group_commit_wait) if config is not None else None


def whatsapp_fetcher(core: FetcherParts) -> WhatsAppMediaFetcher | None:
    """The forwarding step's fetcher for WhatsApp attachments (run_workers(fetchers={"whatsapp": ...}))."""
    config = channel_config(core)
    return WhatsAppMediaFetcher(core.db, make_client(config)) if config is not None else None


__all__ = ["CHANNEL", "WEBHOOK_PATH", "Job", "WhatsAppChannel", "make_whatsapp_channel", "survey_link",
           "whatsapp_fetcher"]
