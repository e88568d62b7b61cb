"""The durable path of every citizen message: record it, run one engine turn, queue the replies.

Nothing lost: the message is committed before anything acts on it. Nothing doubled: a repeated
channel message id is recorded once, and the state, the complaint and the queued replies of a
turn commit together with the mark that the message was handled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from bot.conversation.services import ComplaintHook, StoreServices
from bot.core.clock import Clock
from bot.core.messages import Inbound, Reply
from bot.core.text_safety import safe_text
from bot.surveys.config import SurveyConfig
from bot.understanding.agency_directory import AgencyDirectory
from bot.understanding.place_directory import NoPlaces, PlaceDirectory
from flows.engine import Engine
from flows.ports import FlowConfig
from flows.state import ConversationState
from models import store
from models.db import Database, Session, is_transient
from models.tables import Citizen, OutgoingMessage

log = logging.getLogger("laporbot.inbox")


@dataclass
class Handled:
    """What one processed message produced."""

    replies: list[Reply]
    outgoing_ids: list[int]
    channel: str = ""
    chat_id: str = ""
    claimed_until: datetime | None = None  # the replies were queued claimed by the caller until then
    received_at: datetime | None = None  # when the message was recorded (the citizen's last inbound time)
    locale: str | None = None  # the conversation's language after the turn


def save_state(conversation: Any, state: ConversationState, now: datetime) -> None:
    """A turn's new state on its conversation row (written with the session's next flush)."""
    conversation.state = state.to_json()
    conversation.flow, conversation.step = state.flow, state.step
    conversation.locale = state.locale
    conversation.updated_at = now


class Inbox:
    """Records inbound messages and runs them through the engine, one turn per transaction."""

    def __init__(self, db: Database, engine: Engine, *, config: FlowConfig, clock: Clock,
                 agencies: AgencyDirectory, new_tracking_no: Callable[[], str],
                 on_complaint: Sequence[ComplaintHook] = (), places: PlaceDirectory | None = None,
                 on_claimed: Callable[[Sequence[int]], None] | None = None,
                 surveys: SurveyConfig | None = None) -> None:
        self.db = db
        self.engine = engine
        self.config = config
        self.clock = clock
        self.agencies = agencies
        self.places: PlaceDirectory = places or NoPlaces()
        self.new_tracking_no = new_tracking_no
        self.on_complaint = on_complaint
        self.on_claimed = on_claimed  # told the ids of replies handle_batch queued claimed (bot/outbox/claims.py)
        self.surveys = surveys or SurveyConfig()  # units and SKM period the survey flows read (bot/wiring.py's)

    async def record(self, msg: Inbound) -> int | None:
        """Commit the message to the inbound log; None when it was recorded before (a redelivery)."""
        now = self.clock.now()
        async with self.db.write() as session:
            citizen_id = await store.citizen_for(session, msg, now)
            return await store.record_inbound(session, msg, citizen_id, now)

    async def process(self, inbound_id: int) -> Handled:
        """Run one engine turn for a recorded message; a message already handled produces nothing."""
        async with self.db.write() as session:
            row = await store.lock_inbound(session, inbound_id)
            if row is None or row.status != "pending":
                return Handled([], [])
            msg = Inbound.from_json(row.payload)
            now = self.clock.now()
            conversation = await store.lock_conversation(session, row.citizen_id, now)
            state = ConversationState.from_json(conversation.state)
            services = self._services(session, row.citizen_id, inbound_id, row.channel, state)
            turn = await self.engine.handle(state, msg, services)
            save_state(conversation, turn.state, now)
            session.add(conversation)
            rows = store.queue_replies(session, channel=row.channel, chat_id=msg.user_id,
                                       citizen_id=row.citizen_id, inbound_id=inbound_id, replies=turn.replies,
                                       now=now)
            await store.mark_handled(session, inbound_id, now)
            await session.flush()
            log.info("turn", extra={"inbound_id": inbound_id, "flow": turn.state.flow, "step": turn.state.step,
                                    "replies": len(rows)})
            return Handled(turn.replies, [r.id for r in rows if r.id is not None])

    async def handle_batch(self, messages: Sequence[Inbound], *, claim_for: timedelta | None = None) -> list[Handled]:
        """Record and handle many messages in one transaction: one commit for all, each chat's order kept.

        Nothing is acknowledged to a channel before this returns, so the batch is recorded durably first.
        A redelivered message (or one repeated inside the batch) produces nothing. With claim_for, the
        replies are queued already claimed by the caller, who sends them right after the commit.
        """
        if not messages:
            return []
        now = self.clock.now()
        claimed_until = now + claim_for if claim_for else None
        unique = list({(m.channel, m.message_id): m for m in messages}.values())
        results: dict[tuple[str, str], Handled] = {}
        async with self.db.write() as session:
            citizens, recorded = await store.record_arrivals(session, unique, now, handled=True,
                                                             conversations=True)
            fresh = [m for m in unique if (m.channel, m.message_id) in recorded]
            conversations = await store.lock_conversations(
                session, [citizens[(m.channel, m.user_id)] for m in fresh], now)
            queued: list[tuple[tuple[str, str], str, list[Reply], str | None]] = []
            outgoing: list[dict[str, Any]] = []
            status = "sending" if claimed_until else "pending"
            turns = [(citizens[(m.channel, m.user_id)], recorded[(m.channel, m.message_id)]) for m in fresh]
            batch = await self._prepare(session, turns, now)
            for msg in fresh:
                citizen_id = citizens[(msg.channel, msg.user_id)]
                inbound_id = recorded[(msg.channel, msg.message_id)]
                conversation = conversations[citizen_id]
                state = ConversationState.from_json(conversation.state)
                services = self._services(session, citizen_id, inbound_id, msg.channel, state, batch)
                turn = await self.engine.handle(state, msg, services)
                store.stage_conversation(conversation, flow=turn.state.flow, step=turn.state.step,
                                         locale=turn.state.locale, state=turn.state.to_json(), now=now)
                outgoing += [{"channel": msg.channel, "chat_id": msg.user_id, "citizen_id": citizen_id,
                              "inbound_id": inbound_id, "kind": "reply", "payload": r.to_json(), "status": status,
                              "attempts": 0, "not_before": claimed_until, "created_at": now} for r in turn.replies]
                queued.append(((msg.channel, msg.message_id), msg.user_id, turn.replies, turn.state.locale))
            await session.flush()  # whatever the turns added (complaints, ...) before the batched writes
            ids = iter(await store.save_turns(session, list(conversations.values()), outgoing))
            for key, chat_id, replies, locale in queued:
                results[key] = Handled(replies, [next(ids) for _ in replies], key[0], chat_id, claimed_until, now,
                                       locale)
        if claim_for and self.on_claimed is not None:
            self.on_claimed([i for handled in results.values() for i in handled.outgoing_ids])
        return [results.pop((m.channel, m.message_id), Handled([], [])) for m in messages]

    async def trigger(self, citizen_id: int, flow_id: str, preset: Mapping[str, Any] | None = None,
                      *, session: Session | None = None) -> list[OutgoingMessage]:
        """Start a flow for a citizen without a message from them (e.g. feedback after a resolution).

        Runs inside the caller's transaction when a session is given, so the trigger commits with its cause.
        """
        if session is None:
            async with self.db.write() as own:
                return await self.trigger(citizen_id, flow_id, preset, session=own)
        now = self.clock.now()
        citizen = await session.get(Citizen, citizen_id)
        if citizen is None:
            return []
        conversation = await store.lock_conversation(session, citizen_id, now)
        state = ConversationState.from_json(conversation.state)
        services = self._services(session, citizen_id, None, citizen.channel, state)
        turn = await self.engine.start(state, flow_id, services, preset)
        save_state(conversation, turn.state, now)
        session.add(conversation)
        rows = store.queue_replies(session, channel=citizen.channel, chat_id=citizen.channel_user_id,
                                   citizen_id=citizen_id, inbound_id=None, replies=turn.replies, now=now,
                                   kind="notification")
        await session.flush()
        return rows

    async def notify(self, session: Session, citizen_id: int, replies: Sequence[Reply],
                     kind: str = "notification") -> list[OutgoingMessage]:
        """Queue messages to a citizen in the caller's transaction (status changes, admin questions)."""
        citizen = await session.get(Citizen, citizen_id)
        if citizen is None:
            return []
        replies = [replace(r, simple=True) for r in replies] if citizen.simple_mode else replies  # plain text
        rows = store.queue_replies(session, channel=citizen.channel, chat_id=citizen.channel_user_id,
                                   citizen_id=citizen_id, inbound_id=None, replies=replies,
                                   now=self.clock.now(), kind=kind)
        await session.flush()
        return rows

    async def citizen_locale(self, session: Session, citizen_id: int) -> str:
        """The language a citizen chats in."""
        conversation = await store.lock_conversation(session, citizen_id, self.clock.now())
        return ConversationState.from_json(conversation.state).locale or "id"

    async def _prepare(self, session: Session, turns: Sequence[tuple[int, int]], now: datetime) -> Any:
        """What the engine wants to read once for a whole batch of (citizen id, inbound id) turns, if anything."""
        prepare = getattr(self.engine, "prepare_batch", None)
        return await prepare(session, turns, now) if prepare is not None and turns else None

    def _services(self, session: Session, citizen_id: int, inbound_id: int | None, channel: str,
                  state: ConversationState, batch: Any = None) -> StoreServices:
        return StoreServices(
            session=session, catalog=self.engine.catalog, config=self.config, clock=self.clock,
            agencies=self.agencies, places=self.places, citizen_id=citizen_id, inbound_id=inbound_id, channel=channel,
            new_tracking_no=self.new_tracking_no, locale=state.locale or "id",
            on_complaint=tuple(self.on_complaint), batch=batch, surveys_config=self.surveys)

    async def record_failed(self, msg: Inbound, error: BaseException, *,
                            claim_for: timedelta | None = None) -> Handled:
        """Record a message whose turn could not be committed as failed, with why, and queue a kind "try again".

        Its own transaction, apart from everyone else's turns. The message is acknowledged like any other (a
        channel redelivering it could only fail again); a redelivery of it produces nothing. Raises when even
        this cannot be written (the database is away): then the caller refuses the message and it comes again.
        """
        now = self.clock.now()
        claimed_until = now + claim_for if claim_for else None
        reason = failure_reason(error)
        # Identity only, made storable: the content (and a display name) is what may have poisoned the turn.
        ident = Inbound(msg.channel, safe_text(msg.user_id), safe_text(msg.message_id))
        async with self.db.write() as session:
            citizen_id = (await store.citizens_for(session, [ident], now))[(ident.channel, ident.user_id)]
            inbound_id = await store.record_failed_inbound(session, ident, citizen_id, reason, now)
            if inbound_id is None:
                return Handled([], [], msg.channel, ident.user_id)  # recorded before: answered then
            locale = await store.conversation_locale(session, citizen_id) or "id"
            reply = Reply(self.engine.catalog.text("common.message_failed", locale))
            rows = store.queue_replies(session, channel=msg.channel, chat_id=ident.user_id, citizen_id=citizen_id,
                                       inbound_id=inbound_id, replies=[reply], now=now, claimed_until=claimed_until)
            await session.flush()
        log.warning("message failed", extra={"inbound_id": inbound_id, "channel": msg.channel, "reason": reason})
        return Handled([reply], [r.id for r in rows if r.id is not None], msg.channel, ident.user_id, claimed_until,
                       now, locale)

    async def process_or_fail(self, inbound_id: int) -> Handled:
        """process(), but a message whose turn fails is recorded failed with a kind reply instead of raising.

        A database that is away is not the message's fault: then it stays pending for the next catch-up.
        """
        try:
            return await self.process(inbound_id)
        except Exception as error:
            if is_transient(error):
                log.warning("recorded message not handled yet", extra={"inbound_id": inbound_id,
                                                                       "error": type(error).__name__})
                return Handled([], [])
            reason = failure_reason(error)
        try:
            async with self.db.write() as session:
                row = await store.lock_inbound(session, inbound_id)
                if row is None or row.status != "pending":
                    return Handled([], [])
                now = self.clock.now()
                await store.mark_failed(session, inbound_id, reason, now)
                locale = await store.conversation_locale(session, row.citizen_id) or "id"
                reply = Reply(self.engine.catalog.text("common.message_failed", locale))
                chat_id = str(row.payload.get("user_id", "")) if isinstance(row.payload, dict) else ""
                rows = store.queue_replies(session, channel=row.channel, chat_id=chat_id, citizen_id=row.citizen_id,
                                           inbound_id=inbound_id, replies=[reply], now=now)
                await session.flush()
        except Exception:  # the database went away meanwhile: it stays pending for the next catch-up
            log.exception("failed message not recorded", extra={"inbound_id": inbound_id})
            return Handled([], [])
        log.warning("message failed", extra={"inbound_id": inbound_id, "reason": reason})
        return Handled([reply], [r.id for r in rows if r.id is not None], row.channel, chat_id)

    async def handle(self, msg: Inbound) -> Handled:
        """Record and process in one go (terminal chat, tests); a redelivered message produces nothing."""
        return (await self.handle_batch([msg]))[0]

    async def recover(self) -> int:
        """Process every message recorded before a crash but never handled; return how many."""
        async with self.db.read() as session:
            pending = await store.pending_inbound_ids(session)
        for inbound_id in pending:
            await self.process(inbound_id)
        return len(pending)


def failure_reason(error: BaseException) -> str:
    """Why a turn failed, for the inbound log: the exception's type and, for the database, its code; no content."""
    name = type(error).__name__
    orig = getattr(error, "orig", None)  # SQLAlchemy wraps the driver's error; its type names the problem
    if orig is not None:
        name = f"{name}: {type(orig).__name__}"
    code = getattr(orig, "sqlstate", None)  # PostgreSQL's SQLSTATE, e.g. 22021 for a NUL in text
    return f"{name} [{code}]" if isinstance(code, str) and code else name


__all__ = ["Handled", "Inbox", "OutgoingMessage", "failure_reason", "is_transient"]
