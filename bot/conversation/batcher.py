"""Group commit: messages that arrive together are recorded and handled in one transaction."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta

from bot.conversation.inbox import Handled, Inbox, is_transient
from bot.core.messages import Inbound

log = logging.getLogger("laporbot.batcher")

CLAIM = timedelta(seconds=60)  # replies are sent by this process right after the commit


class TurnBatcher:
    """Callers submit messages and wait for the commit that records and handles them; one batch at a time.

    While one batch commits, the next fills up, so under load many messages share one transaction and
    at low load a message waits for nobody.
    """

    def __init__(self, inbox: Inbox, max_batch: int = 200) -> None:
        self.inbox = inbox
        self.max_batch = max_batch
        self._pending: list[tuple[Inbound, asyncio.Future[Handled]]] = []
        self._runner: asyncio.Task[None] | None = None

    def submit_many(self, messages: Sequence[Inbound]) -> list[asyncio.Future[Handled]]:
        """Queue messages in this order; each future resolves once its message is committed and handled."""
        loop = asyncio.get_running_loop()
        futures = []
        for msg in messages:
            future: asyncio.Future[Handled] = loop.create_future()
            self._pending.append((msg, future))
            futures.append(future)
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._run())
        return futures

    async def submit(self, msg: Inbound) -> Handled:
        """Queue one message and wait until it is committed and handled."""
        return await self.submit_many([msg])[0]

    async def _run(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[: self.max_batch], self._pending[self.max_batch:]
            try:
                results = await self.inbox.handle_batch([m for m, _ in batch], claim_for=CLAIM)
            except Exception as error:  # nothing was committed; find out whose message it was
                if len(batch) == 1:
                    await self._settle_failed(*batch[0], error)
                else:
                    await self._one_by_one(batch, error)
                continue
            for (_, future), handled in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(handled)

    async def _one_by_one(self, batch: Sequence[tuple[Inbound, asyncio.Future[Handled]]],
                          error: BaseException) -> None:
        """A failed group commit again, one message per transaction: only the poisoned message fails."""
        log.warning("group commit failed, handling its messages one at a time",
                    extra={"count": len(batch), "error": type(error).__name__})
        transient = is_transient(error)
        for msg, future in batch:
            if transient:  # the database is away: each caller learns it now (webhooks answer 500, redelivered)
                if not future.done():
                    future.set_exception(error)
                continue
            try:
                (handled,) = await self.inbox.handle_batch([msg], claim_for=CLAIM)
            except Exception as single:
                await self._settle_failed(msg, future, single)
                transient = is_transient(single)
            else:
                if not future.done():
                    future.set_result(handled)

    async def _settle_failed(self, msg: Inbound, future: asyncio.Future[Handled], error: BaseException) -> None:
        """One message's turn failed alone: record it failed with a kind reply, unless the database is away."""
        if future.done():
            return
        if is_transient(error):
            future.set_exception(error)
            return
        try:
            handled = await self.inbox.record_failed(msg, error, claim_for=CLAIM)
        except Exception:  # not even that could be written: refuse it, the channel delivers it again
            log.exception("failed message not recorded", extra={"channel": msg.channel})
            future.set_exception(error)
            return
        future.set_result(handled)
