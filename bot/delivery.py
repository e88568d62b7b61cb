"""Sending what the outbox holds, through whichever channel each message belongs to."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Protocol

from sqlalchemy import bindparam, update
from sqlmodel import col, select

from bot.clock import Clock
from bot.messages import Reply
from models.db import Database
from models.tables import Citizen, OutgoingMessage

log = logging.getLogger("laporbot.delivery")


class SendError(Exception):
    """A send that did not go through: permanent (e.g. the citizen blocked the bot) or retry later."""

    def __init__(self, reason: str, *, permanent: bool = False, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after


class Sender(Protocol):
    """A channel's way of sending one reply to one chat."""

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send; return the channel's message id, or raise SendError."""
        ...


MAX_ATTEMPTS = 8


LEASE = timedelta(seconds=60)  # a send still "sending" after this is presumed lost with its process


class Deliverer:
    """Sends queued messages in order per chat and records the outcome of each, exactly one sender at a time."""

    def __init__(self, db: Database, senders: Mapping[str, Sender], clock: Clock) -> None:
        self.db = db
        self.senders = dict(senders)
        self.clock = clock
        self._sent: list[dict[str, object]] = []
        self._flushing: asyncio.Task[None] | None = None

    async def send_claimed(self, channel: str, chat_id: str, items: Sequence[tuple[int, Reply]]) -> None:
        """Send replies queued already claimed by this process (see Inbox.handle_batch), in order.

        On a failure the rest of the chat's replies go back to the queue behind it, so order is kept.
        """
        sender = self.senders.get(channel)
        for index, (outgoing_id, reply) in enumerate(items):
            try:
                if sender is None:
                    raise SendError("channel not running here")
                message_id = await sender.send(chat_id, reply)
            except SendError as error:
                row = OutgoingMessage(id=outgoing_id, channel=channel, chat_id=chat_id, attempts=0)
                async with self.db.read() as session:
                    found = await session.get(OutgoingMessage, outgoing_id)
                    if found is not None:
                        row = found
                await self._failed(row, error)
                rest = [i for i, _ in items[index + 1:]]
                if rest:
                    async with self.db.write() as session:
                        await session.execute(update(OutgoingMessage).where(col(OutgoingMessage.id).in_(rest))
                                              .values(status="pending", not_before=None))
                return
            self._sent.append({"oid": outgoing_id, "mid": message_id})
            if self._flushing is None or self._flushing.done():
                self._flushing = asyncio.create_task(self._flush_sent())

    async def _flush_sent(self) -> None:
        # Many sends, one UPDATE: recording "sent" is not on any citizen's critical path.
        await asyncio.sleep(0.01)
        while self._sent:
            batch, self._sent = self._sent, []
            now = self.clock.now()
            async with self.db.write() as session:
                table = OutgoingMessage.__table__  # Core update: one executemany, no ORM bookkeeping
                await session.execute(
                    update(table).where(table.c.id == bindparam("oid")).values(
                        status="sent", sent_at=now, not_before=None, channel_message_id=bindparam("mid"),
                        attempts=table.c.attempts + 1), batch)

    async def flush(self) -> None:
        """Record every send that is done (at shutdown)."""
        if self._flushing is not None:
            await self._flushing
        if self._sent:
            await self._flush_sent()

    async def deliver(self, ids: Sequence[int]) -> None:
        """Send these outgoing messages, in order; stop a chat's sequence at its first failure."""
        if not ids:
            return
        async with self.db.read() as session:
            rows = (await session.exec(select(OutgoingMessage).where(col(OutgoingMessage.id).in_(ids))
                                       .order_by(col(OutgoingMessage.id)))).all()
        blocked: set[tuple[str, str]] = set()
        for row in rows:
            if (row.channel, row.chat_id) in blocked:
                continue
            if not await self._send(row):
                blocked.add((row.channel, row.chat_id))

    async def deliver_pending(self, channel: str | None = None, limit: int = 500) -> int:
        """Send what is still queued (after a restart or a failure), keeping each chat's order."""
        now = self.clock.now()
        async with self.db.write() as session:
            # Sends whose process died mid-way go back to the queue once their lease is over.
            await session.execute(update(OutgoingMessage).where(
                OutgoingMessage.status == "sending", col(OutgoingMessage.not_before) < now).values(status="pending"))
        async with self.db.read() as session:
            query = select(OutgoingMessage).where(OutgoingMessage.status.in_(("pending", "sending")))  # type: ignore[attr-defined]
            if channel:
                query = query.where(OutgoingMessage.channel == channel)
            rows = (await session.exec(query.order_by(col(OutgoingMessage.id)).limit(limit))).all()
        blocked: set[tuple[str, str]] = set()
        tried = 0
        for row in rows:
            chat = (row.channel, row.chat_id)
            if chat in blocked or row.channel not in self.senders:
                continue
            if row.status == "sending" or (row.not_before is not None and row.not_before > now):
                blocked.add(chat)  # an earlier message of this chat is not done yet: keep the order
                continue
            tried += 1
            if not await self._send(row):
                blocked.add(chat)
        return tried

    async def _claim(self, row: OutgoingMessage) -> bool:
        now = self.clock.now()
        async with self.db.write() as session:
            result = await session.execute(
                update(OutgoingMessage).where(
                    col(OutgoingMessage.id) == row.id, OutgoingMessage.status == "pending",
                    (col(OutgoingMessage.not_before).is_(None)) | (col(OutgoingMessage.not_before) <= now))
                .values(status="sending", not_before=now + LEASE))
            return bool(result.rowcount)  # type: ignore[attr-defined]

    async def _send(self, row: OutgoingMessage) -> bool:
        sender = self.senders.get(row.channel)
        if sender is None:
            return False  # that channel is not running in this process; it stays queued
        if not await self._claim(row):
            return row.status == "sent"  # someone else has it (or it is waiting for its retry time)
        try:
            message_id = await sender.send(row.chat_id, Reply.from_json(row.payload))
        except SendError as error:
            await self._failed(row, error)
            return False
        async with self.db.write() as session:
            await session.execute(update(OutgoingMessage).where(col(OutgoingMessage.id) == row.id).values(
                status="sent", sent_at=self.clock.now(), channel_message_id=message_id, not_before=None,
                attempts=row.attempts + 1))
        return True

    async def _failed(self, row: OutgoingMessage, error: SendError) -> None:
        now = self.clock.now()
        attempts = row.attempts + 1
        values: dict[str, object] = {"attempts": attempts, "error": error.reason[:255], "status": "pending"}
        if error.permanent or attempts >= MAX_ATTEMPTS:
            values.update(status="failed", not_before=None)
        else:
            delay = error.retry_after if error.retry_after is not None else min(2 ** attempts, 300)
            values["not_before"] = now + timedelta(seconds=delay)
        log.warning("send failed", extra={"outgoing_id": row.id, "channel": row.channel,
                                          "permanent": error.permanent, "attempts": attempts})
        async with self.db.write() as session:
            await session.execute(update(OutgoingMessage).where(col(OutgoingMessage.id) == row.id).values(**values))
            if error.permanent and error.reason == "forbidden" and row.citizen_id is not None:
                await session.execute(update(Citizen).where(col(Citizen.id) == row.citizen_id)
                                      .values(blocked_at=now))
