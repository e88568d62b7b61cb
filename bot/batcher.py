"""Group commit: messages that arrive together are recorded and handled in one transaction."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import timedelta

from bot.inbox import Handled, Inbox
from bot.messages import Inbound

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
            except Exception as error:  # nothing was committed: every caller learns it (webhooks answer 500)
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_, future), handled in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(handled)
