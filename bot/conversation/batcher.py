"""Group commit: messages that arrive together are recorded and handled in one transaction."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable, Sequence
from datetime import timedelta

from bot.conversation.inbox import Handled, Inbox, is_transient
from bot.core.messages import Inbound

log = logging.getLogger("laporbot.batcher")

CLAIM = timedelta(seconds=60)  # replies are sent by this process right after the commit
SMOOTHING = 0.25  # weight of the newest gap between arrivals in the running estimate
# A lone message waits only when the next is expected within a third of the wait: then it nearly always comes in
# time (a timed-out wait costs latency and saves nothing; measured, at 100 sends/s with random gaps waiting saved no
# CPU, at 200/s it did: bench/group_commit.py).
MARGIN = 3.0


class TurnBatcher:
    """Callers submit messages and wait for the commit that records and handles them; one batch at a time.

    While one batch commits, the next fills up, so under load many messages share one transaction. A message
    that would be a batch alone waits up to `wait` seconds for a second one, but only while messages have lately
    come less than a third of that apart: at moderate load two turns then share a transaction's fixed cost (its
    round trips), and when messages are sparse nobody waits (PostgreSQL's commit_delay, with its siblings test).
    """

    def __init__(self, inbox: Inbox, max_batch: int = 200, wait: float = 0.0,
                 clock: Callable[[], float] | None = None) -> None:
        """wait: seconds a lone message may wait for company (0: never); clock: monotonic seconds (the loop's)."""
        self.inbox = inbox
        self.max_batch = max_batch
        self.wait = wait
        self._pending: list[tuple[Inbound, asyncio.Future[Handled]]] = []
        self._runner: asyncio.Task[None] | None = None
        self._gap = math.inf  # seconds between arrivals lately (smoothed); a lull raises it at once
        self._last: float | None = None
        self._company: asyncio.Future[None] | None = None  # resolved by the next arrival, while a lone one waits
        self._clock = clock

    def submit_many(self, messages: Sequence[Inbound]) -> list[asyncio.Future[Handled]]:
        """Queue messages in this order; each future resolves once its message is committed and handled."""
        loop = asyncio.get_running_loop()
        self._arrived(self._clock() if self._clock is not None else loop.time())
        futures = []
        for msg in messages:
            future: asyncio.Future[Handled] = loop.create_future()
            self._pending.append((msg, future))
            futures.append(future)
        if self._company is not None and not self._company.done():
            self._company.set_result(None)
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._run())
        return futures

    def _arrived(self, now: float) -> None:
        """Count an arrival in the running estimate of the gap between arrivals."""
        if self._last is not None:
            gap = now - self._last
            self._gap = gap if gap > self._gap or math.isinf(self._gap) else self._gap + SMOOTHING * (gap - self._gap)
        self._last = now

    async def _company_for_one(self) -> None:
        """Wait up to `wait` for a second message when one is pending alone and messages come that fast."""
        if len(self._pending) != 1 or self._gap * MARGIN >= self.wait:
            return
        loop = asyncio.get_running_loop()
        self._company = company = loop.create_future()
        timer = loop.call_later(self.wait, lambda: company.done() or company.set_result(None))
        try:
            await company
        finally:
            timer.cancel()
            self._company = None

    async def submit(self, msg: Inbound) -> Handled:
        """Queue one message and wait until it is committed and handled."""
        return await self.submit_many([msg])[0]

    async def _run(self) -> None:
        while self._pending:
            if self.wait:
                await self._company_for_one()
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
